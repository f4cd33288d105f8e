/**
 * The interpreter: Expr + EvalContext -> Value. Pure: it reads answers only through ctx.get and
 * ctx.self, and today only through ctx.today.
 *
 * The only errors it raises are ExpressionErrors (a regex() that cannot run, or a tree that
 * parseExpression could not have produced); an error thrown by ctx.get itself is passed through.
 * Arithmetic follows XPath: 1 div 0 is Infinity, 0 div 0 and 'abc' + 1 are NaN, never an error.
 */
import type { AnswerValue } from '../responses/types';
import type { EvalContext } from './api';
import type { Expr, Value } from './ast';
import { ExpressionError } from './error';
import { FUNCTIONS, arityText } from './functions';
import { LIMITS } from './limits';
import { compare, equals, fromAnswer, toBoolean, toNumber, toText } from './values';

export function evaluate(expr: Expr, ctx: EvalContext): Value {
  return evalNode(expr, ctx, 0);
}

/** For relevance and constraints: the XPath boolean of the result (NaN and '' are false). */
export function evaluateBoolean(expr: Expr, ctx: EvalContext): boolean {
  return toBoolean(evaluate(expr, ctx));
}

/**
 * For calculations: the result as an answer is stored. A boolean becomes 'true' or 'false' (XPath's
 * string()); '', [], NaN and ±Infinity become null (no value); a multiple choice is copied.
 */
export function evaluateValue(expr: Expr, ctx: EvalContext): AnswerValue {
  const v = evaluate(expr, ctx);
  if (typeof v === 'boolean') return toText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v === '' ? null : v;
  return v.length ? [...v] : null;
}

function evalNode(node: Expr, ctx: EvalContext, depth: number): Value {
  // A parsed tree is never deeper than its text is long; this guards hand-made trees.
  if (depth > LIMITS.sourceLength) throw new ExpressionError('expression too deep to evaluate', node.pos, '');
  switch (node.kind) {
    case 'number':
    case 'string':
      return node.value;
    case 'ref':
      return fromAnswer(ctx.get(node.name));
    case 'self':
      return fromAnswer(ctx.self);
    case 'attr':
      if (!ctx.choice) throw new ExpressionError(`'${node.name}' is a choice's attribute: it is read in a choice filter only`, node.pos, '');
      return ctx.choice(node.name) ?? '';
    case 'negate':
      return -toNumber(evalNode(node.operand, ctx, depth + 1));
    case 'binary':
      return evalBinary(node, ctx, depth + 1);
    case 'call': {
      const def = FUNCTIONS.get(node.name);
      const args = Array.isArray(node.args) ? node.args : [];
      if (!def) throw new ExpressionError(`unknown function '${String(node.name)}'`, node.pos, '');
      if (args.length < def.min || args.length > def.max) {
        throw new ExpressionError(`${node.name}() ${arityText(def)}, not ${args.length}`, node.pos, '');
      }
      return def.call(args.map((a) => () => evalNode(a, ctx, depth + 1)), ctx, node);
    }
    default:
      throw new ExpressionError('malformed expression tree', Number((node as { pos?: unknown }).pos) || 0, '');
  }
}

function evalBinary(node: Extract<Expr, { kind: 'binary' }>, ctx: EvalContext, depth: number): Value {
  const left = () => evalNode(node.left, ctx, depth);
  const right = () => evalNode(node.right, ctx, depth);
  switch (node.op) {
    case 'or':
      return toBoolean(left()) || toBoolean(right());
    case 'and':
      return toBoolean(left()) && toBoolean(right());
    case '=':
      return equals(left(), right());
    case '!=':
      return !equals(left(), right());
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(node.op, left(), right());
    case '+':
      return toNumber(left()) + toNumber(right());
    case '-':
      return toNumber(left()) - toNumber(right());
    case '*':
      return toNumber(left()) * toNumber(right());
    case 'div':
      return toNumber(left()) / toNumber(right());
    case 'mod':
      return toNumber(left()) % toNumber(right());
    default:
      throw new ExpressionError(`unknown operator '${String(node.op)}'`, node.pos, '');
  }
}
