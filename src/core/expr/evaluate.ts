/**
 * The interpreter: Expr + EvalContext -> Value. Pure: it reads answers only through ctx.get and
 * ctx.self, and everything else it needs (today, now, random numbers, ids, repeats, choice labels,
 * external data) through the other hooks of the context (./api.ts). A hook that is missing when an
 * expression needs it is an ExpressionError that names it, never a made-up value.
 *
 * Errors it raises are ExpressionErrors (a regex() that cannot run, a missing hook, a limit, or a
 * tree that parseExpression could not have produced); an error thrown by a hook itself is passed
 * through. Arithmetic follows XPath: 1 div 0 is Infinity, 0 div 0 and 'abc' + 1 are NaN, never an error.
 */
import type { AnswerValue } from '../responses/types';
import type { EvalContext } from './api';
import type { Expr, Value } from './ast';
import { ExpressionError } from './error';
import { FUNCTIONS, arityText, type Args, type Row } from './functions';
import { LIMITS } from './limits';
import { compare, equals, fromAnswer, isNodeSet, toBoolean, toNumber, toText, toValue, type Item } from './values';

export function evaluate(expr: Expr, ctx: EvalContext): Value {
  return toValue(run(expr, ctx));
}

/** For relevance and constraints: the XPath boolean of the result (NaN and '' are false). */
export function evaluateBoolean(expr: Expr, ctx: EvalContext): boolean {
  return toBoolean(run(expr, ctx));
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

/** Inside an instance filter: the row being tested, its 1-based position and how many rows are tested. */
interface Scope {
  row: Row;
  position: number;
  size: number;
}

function run(expr: Expr, ctx: EvalContext): Item {
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
      case 'instance':
        return { nodes: instanceNodes(n, depth) };
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

  function instanceNodes(n: Extract<Expr, { kind: 'instance' }>, depth: number): string[] {
    if (!ctx.instance) throw new ExpressionError(`instance('${n.id}') needs external data, and none is attached here`, n.pos, '');
    const rows = ctx.instance(n.id);
    if (!Array.isArray(rows)) throw new ExpressionError(`no external data named '${n.id}'`, n.pos, '');
    count(rows.length, n.pos);
    let kept: readonly Row[] = rows;
    for (const filter of Array.isArray(n.filters) ? n.filters : []) {
      const size = kept.length;
      kept = kept.filter((row, k) => {
        const scope = { row, position: k + 1, size };
        const v = node(filter, depth + 1, scope);
        // A number is a position ([2], [position() = 2] alike), as in XPath.
        return typeof v === 'number' ? v === k + 1 : toBoolean(v);
      });
    }
    if (n.field === null) return kept.map(rowText);
    const field = n.field;
    return kept.filter((row) => Object.hasOwn(row, field)).map((row) => String(row[field] ?? ''));
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

  function call(n: Extract<Expr, { kind: 'call' }>, depth: number, scope: Scope | null): Item {
    const def = FUNCTIONS.get(n.name);
    const argNodes = Array.isArray(n.args) ? n.args : [];
    if (!def) throw new ExpressionError(`unknown function '${String(n.name)}'`, n.pos, '');
    if (argNodes.length < def.min || argNodes.length > def.max || (def.arity && !def.arity(argNodes.length))) {
      throw new ExpressionError(`${n.name}() ${arityText(def)}, not ${argNodes.length}`, n.pos, '');
    }
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

/** A row's text: its values joined, as an XML item's text is its children's. */
function rowText(row: Row): string {
  return Object.keys(row)
    .map((k) => String(row[k] ?? ''))
    .join('');
}
