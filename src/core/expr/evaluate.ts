/**
 * The interpreter: Expr + EvalContext -> Value. Pure: it reads answers only through ctx.get and
 * ctx.self, and everything else it needs (today, now, random numbers, ids, repeats, choice labels,
 * external data) through the other hooks of the context (./api.ts). A hook that is missing when an
 * expression needs it is an ExpressionError that names it, never a made-up value.
 *
 * The functions it can call are those of `functions` (./library.ts): the basic ones unless the
 * caller loaded more. A function of a group that is not loaded is an ExpressionError that says so.
 *
 * Errors it raises are ExpressionErrors (a regex() that cannot run, a missing hook, a function not
 * loaded, a limit, or a tree that parseExpression could not have produced); an error thrown by a
 * hook itself is passed through. Arithmetic follows XPath: 1 div 0 is Infinity, 0 div 0 and 'abc' + 1 are NaN, never an error.
 */
import type { AnswerValue } from '../responses/types';
import type { EvalContext } from './api';
import type { Expr, Value } from './ast';
import { ExpressionError } from './error';
import { arityAllows, arityText, CATALOG } from './catalog';
import { rowText, type Args, type FunctionDef, type Scope } from './functions';
import { BASIC_FUNCTIONS, type FunctionLibrary } from './library';
import { LIMITS } from './limits';
import { compare, equals, fromAnswer, isNodeSet, toBoolean, toNumber, toText, toValue, type Item } from './values';

export function evaluate(expr: Expr, ctx: EvalContext, functions: FunctionLibrary = BASIC_FUNCTIONS): Value {
  return toValue(run(expr, ctx, functions));
}

/** For relevance and constraints: the XPath boolean of the result (NaN and '' are false). */
export function evaluateBoolean(expr: Expr, ctx: EvalContext, functions: FunctionLibrary = BASIC_FUNCTIONS): boolean {
  return toBoolean(run(expr, ctx, functions));
}

/**
 * For calculations: the result as an answer is stored. A boolean becomes 'true' or 'false' (XPath's
 * string()); '', [], NaN and ±Infinity become null (no value); a multiple choice is copied.
 */
export function evaluateValue(expr: Expr, ctx: EvalContext, functions: FunctionLibrary = BASIC_FUNCTIONS): AnswerValue {
  const v = evaluate(expr, ctx, functions);
  if (typeof v === 'boolean') return toText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v === '' ? null : v;
  return v.length ? [...v] : null;
}

function run(expr: Expr, ctx: EvalContext, functions: FunctionLibrary): Item {
  let steps = 0;
  /** Counts `k` steps of work; past LIMITS.evaluationSteps the evaluation stops. */
  const count = (k: number, pos: number): void => {
    steps += k;
    if (steps > LIMITS.evaluationSteps) throw new ExpressionError(`expression takes more than ${LIMITS.evaluationSteps} steps to evaluate`, pos, '');
  };

  function node(n: Expr, depth: number, scope: Scope | null): Item {
    // A parsed tree is never deeper than its text is long; this guards hand-made trees.
    if (depth > LIMITS.sourceLength) throw new ExpressionError('expression too deep to evaluate', n.pos, '');
    count(1, n.pos);
    switch (n.kind) {
      case 'number':
      case 'string':
        return n.value;
      case 'ref':
        return fromAnswer(ctx.get(n.name));
      case 'self':
        return fromAnswer(ctx.self);
      case 'attr':
        if (!ctx.choice) throw new ExpressionError(`'${n.name}' is a choice's attribute: it is read in a choice filter only`, n.pos, '');
        return ctx.choice(n.name) ?? '';
      case 'column':
        if (!scope) throw new ExpressionError(`'${n.name}' is a column of external data: it is read in an instance filter only`, n.pos, '');
        return Object.hasOwn(scope.row, n.name) ? String(scope.row[n.name] ?? '') : '';
      case 'row':
        if (!scope) throw new ExpressionError("'.' of a row is read in an instance filter only", n.pos, '');
        return rowText(scope.row);
      case 'parent':
        throw new ExpressionError("'..' alone is supported only in position(..)", n.pos, '');
      case 'instance': {
        const path = loaded('instance', n.pos).path;
        if (!path) throw new ExpressionError('instance() has no path reader in the functions given', n.pos, '');
        return { nodes: path(n, ctx, (filter, inner) => node(filter, depth + 1, inner), count) };
      }
      case 'negate':
        return -toNumber(node(n.operand, depth + 1, scope));
      case 'binary':
        return binary(n, depth + 1, scope);
      case 'call':
        return call(n, depth + 1, scope);
      default:
        throw new ExpressionError('malformed expression tree', Number((n as { pos?: unknown }).pos) || 0, '');
    }
  }

  function binary(n: Extract<Expr, { kind: 'binary' }>, depth: number, scope: Scope | null): Item {
    const left = () => node(n.left, depth, scope);
    const right = () => node(n.right, depth, scope);
    switch (n.op) {
      case 'or':
        return toBoolean(left()) || toBoolean(right());
      case 'and':
        return toBoolean(left()) && toBoolean(right());
      case '=':
        return equals(left(), right());
      case '!=':
        return notEquals(left(), right());
      case '<':
      case '<=':
      case '>':
      case '>=':
        return compare(n.op, left(), right());
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
        throw new ExpressionError(`unknown operator '${String(n.op)}'`, n.pos, '');
    }
  }

  /** The implementation of `name`, or why there is none here. */
  function loaded(name: string, pos: number): FunctionDef {
    const spec = CATALOG.get(name);
    if (!spec) throw new ExpressionError(`unknown function '${String(name)}'`, pos, '');
    const def = functions.functions.get(name);
    if (!def) {
      throw new ExpressionError(
        `${name}() is in the function group '${spec.group}', which is not loaded here (load it with loadFunctions or prepareInstrument before evaluating)`,
        pos,
        '',
      );
    }
    return def;
  }

  function call(n: Extract<Expr, { kind: 'call' }>, depth: number, scope: Scope | null): Item {
    const spec = CATALOG.get(n.name);
    const argNodes = Array.isArray(n.args) ? n.args : [];
    if (!spec) throw new ExpressionError(`unknown function '${String(n.name)}'`, n.pos, '');
    if (!arityAllows(spec, argNodes.length)) throw new ExpressionError(`${n.name}() ${arityText(spec)}, not ${argNodes.length}`, n.pos, '');
    const def = loaded(n.name, n.pos);
    const item = (i: number): Item => {
      const a = argNodes[i];
      return a ? node(a, depth, scope) : '';
    };
    const args: Args = {
      length: argNodes.length,
      item,
      value: (i) => toValue(item(i)),
      nodes: (i) => {
        const a = argNodes[i];
        if (a?.kind === 'ref') {
          if (!ctx.nodeset) {
            count(1, a.pos);
            const v = toText(fromAnswer(ctx.get(a.name)));
            return v === '' ? [] : [v];
          }
          const all = ctx.nodeset(a.name);
          count(Array.isArray(all) ? all.length + 1 : 1, a.pos);
          return Array.isArray(all) ? all.map((v) => toText(fromAnswer(v))) : [];
        }
        const v = item(i);
        return isNodeSet(v) ? v.nodes : [toText(v)];
      },
      isNodeSet: (i) => {
        const a = argNodes[i];
        return a?.kind === 'ref' || a?.kind === 'instance' || (a?.kind === 'call' && a.name === 'randomize');
      },
      position: () => {
        if (!scope) throw new ExpressionError(`${n.name}() without an argument is read in an instance filter only`, n.pos, '');
        return n.name === 'last' ? scope.size : scope.position;
      },
    };
    return def.call(args, ctx, n);
  }

  return node(expr, 0, null);
}

/** `!=`: with a node-set, true when some node differs (XPath 1.0), not the opposite of `=`. */
function notEquals(a: Item, b: Item): boolean {
  if (isNodeSet(a) || isNodeSet(b)) {
    if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) !== toBoolean(b);
    const xs = isNodeSet(a) ? a.nodes : [a];
    const ys = isNodeSet(b) ? b.nodes : [b];
    return xs.some((x) => ys.some((y) => !equals(x, y)));
  }
  return !equals(a, b);
}
