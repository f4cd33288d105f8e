/**
 * Conversions and comparisons, as XPath 1.0 and ODK define them for what field forms use.
 *
 * - An unanswered item is the empty string ''. A multiple choice (string[]) behaves as ODK's
 *   space-separated string ("A C") everywhere except in selected() and count-selected().
 * - boolean: a non-empty string or array is true; a number is true unless 0 or NaN.
 * - number: a string is a number if it reads as one ("4", " -2.5 ", ".5"); a date or date-time
 *   ("2024-06-15", "2024-06-15T10:30:00+06:00") is its day counted from 1970-01-01 (ODK's number());
 *   anything else is NaN. true is 1, false is 0.
 * - A node-set (instance paths, and the answers of an item in repeats as count() and sum() read
 *   them) is its first node's text as a string or number, and true when it has a node. Compared with
 *   `=` or `<`, it holds when it holds for one of its nodes (XPath 1.0).
 * - string: numbers print without exponent ("0.0000001", "1000000000000000000000"), NaN as "NaN".
 * - `=` and `!=`: booleans if either side is a boolean, else numbers if either side is a number,
 *   else strings. So `${age} = ''` is true exactly when age is unanswered, and `'4' = 4` is true.
 * - `<`, `<=`, `>`, `>=`: numbers, except that two non-empty strings that are not numbers compare
 *   as strings in code-unit order, so ISO dates and times compare as dates ('2024-01-31' <
 *   '2024-02-01'). An empty side (unanswered) is NaN, so every such comparison with it is false.
 */
import type { AnswerValue } from '../responses/types';
import type { Value } from './ast';
import { dayNumber, parseDateTime } from './dates';

/** A node-set: the texts of its nodes, in document order. Only the interpreter makes them. */
export interface NodeSet {
  readonly nodes: readonly string[];
}

/** What the interpreter computes: a Value, or a node-set. */
export type Item = Value | NodeSet;

export function isNodeSet(v: Item): v is NodeSet {
  return typeof v === 'object' && !Array.isArray(v);
}

/** A Value for the world outside the interpreter: a node-set is its first node's text. */
export function toValue(v: Item): Value {
  return isNodeSet(v) ? (v.nodes[0] ?? '') : v;
}

/** An answer as an expression sees it: null (unanswered) is ''. Anything malformed is '' too. */
export function fromAnswer(answer: AnswerValue | undefined): Value {
  if (typeof answer === 'string' || typeof answer === 'number') return answer;
  if (Array.isArray(answer)) return answer.filter((x): x is string => typeof x === 'string');
  return '';
}

export function toBoolean(v: Item): boolean {
  if (typeof v === 'boolean') return v;
  if (isNodeSet(v)) return v.nodes.length > 0;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v.length > 0;
}

const NUMBER_TEXT = /^[ \t\r\n]*-?(?:\d+(?:\.\d*)?|\.\d+)[ \t\r\n]*$/;

export function toNumber(v: Item): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = typeof v === 'string' ? v : isNodeSet(v) ? (v.nodes[0] ?? '') : v.join(' ');
  if (NUMBER_TEXT.test(s)) return Number(s);
  const date = s.length >= 8 ? parseDateTime(s) : null;
  return date ? dayNumber(date) : NaN;
}

/** Is `s` a number as XPath reads one ("4", " -2.5 ")? */
export function isNumberText(s: string): boolean {
  return NUMBER_TEXT.test(s);
}

export function toText(v: Item): string {
  if (typeof v === 'string') return v;
  if (isNodeSet(v)) return v.nodes[0] ?? '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return numberToText(v);
  return v.join(' ');
}

/** XPath's number-to-string: integers without a point, never an exponent, -0 is "0". */
export function numberToText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return '0';
  const s = String(n);
  return s.includes('e') ? expandExponent(s) : s;
}

/** "1.5e-7" -> "0.00000015", "1e+21" -> "1000000000000000000000". */
function expandExponent(s: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1] ?? '';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const pointAt = 1 + Number(m[4]);
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return sign + digits + '0'.repeat(pointAt - digits.length);
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/** `=` (and, negated, `!=`). */
export function equals(a: Item, b: Item): boolean {
  if (isNodeSet(a) || isNodeSet(b)) return nodeSetHolds(a, b, equals);
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
  if (typeof a === 'number' || typeof b === 'number') return toNumber(a) === toNumber(b);
  return toText(a) === toText(b);
}

export type RelationalOp = '<' | '<=' | '>' | '>=';

export function compare(op: RelationalOp, a: Item, b: Item): boolean {
  if (isNodeSet(a) || isNodeSet(b)) return nodeSetHolds(a, b, (x, y) => compare(op, x, y));
  const x = asOrderedText(a);
  const y = asOrderedText(b);
  if (x !== null && y !== null) return holds(op, x < y ? -1 : x > y ? 1 : 0);
  const m = toNumber(a);
  const n = toNumber(b);
  if (Number.isNaN(m) || Number.isNaN(n)) return false;
  return holds(op, m < n ? -1 : m > n ? 1 : 0);
}

/**
 * XPath 1.0 comparisons with a node-set: against a boolean, the node-set's boolean; otherwise, true
 * when the comparison holds for some node (for two node-sets, some pair of nodes).
 */
function nodeSetHolds(a: Item, b: Item, test: (x: Value, y: Value) => boolean): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return test(toBoolean(a), toBoolean(b));
  const xs = isNodeSet(a) ? a.nodes : [a];
  const ys = isNodeSet(b) ? b.nodes : [b];
  return xs.some((x) => ys.some((y) => test(x, y)));
}

/** The text of a string operand that orders as text (non-empty, not a number); else null. */
function asOrderedText(v: Value): string | null {
  if (typeof v === 'number' || typeof v === 'boolean') return null;
  const s = toText(v);
  return s !== '' && !NUMBER_TEXT.test(s) ? s : null;
}

function holds(op: RelationalOp, order: -1 | 0 | 1): boolean {
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}
