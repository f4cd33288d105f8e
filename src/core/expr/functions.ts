/**
 * The functions an expression may call: this table is the whole list. The parser refuses any
 * other name ("unknown function 'once'"), and lookups go through a Map, so `constructor` or
 * `__proto__` is just another unknown name.
 *
 * Arguments arrive as thunks, evaluated when the function asks: if() evaluates only the branch it
 * takes, coalesce() its second argument only when the first is empty.
 */
import { counted } from '../count';
import type { Expr, Value } from './ast';
import type { EvalContext } from './api';
import { compilePattern, matches } from './regex';
import { toBoolean, toNumber, toText } from './values';

export interface FunctionDef {
  /** Fewest and most arguments. */
  min: number;
  max: number;
  /** One line for docs and error messages. */
  signature: string;
  call(args: readonly (() => Value)[], ctx: EvalContext, node: Extract<Expr, { kind: 'call' }>): Value;
}

const arg = (args: readonly (() => Value)[], i: number): Value => {
  const thunk = args[i];
  return thunk ? thunk() : '';
};

/** The choices of a multiple choice, or the space-separated codes of a string (ODK's storage). */
function choicesOf(v: Value): string[] {
  if (Array.isArray(v)) return v;
  return toText(v).split(/[ \t\r\n]+/).filter((s) => s !== '');
}

/** round(x, digits), halves away from zero, on the decimal digits as written (1.005 -> 1.01). */
function round(x: number, digits: number): number {
  if (!Number.isFinite(x) || Number.isNaN(digits)) return Number.isNaN(digits) ? NaN : x;
  const d = Math.max(-20, Math.min(20, Math.trunc(digits)));
  const sign = x < 0 ? -1 : 1;
  const abs = Math.abs(x);
  const text = String(abs);
  const shifted = text.includes('e') ? abs * 10 ** d : Number(`${text}e${d}`);
  if (!Number.isFinite(shifted)) return x; // so large that it has no such decimals
  const rounded = Math.round(shifted);
  const back = String(rounded).includes('e') ? rounded / 10 ** d : Number(`${rounded}e${-d}`);
  return sign * back;
}

const table: [string, FunctionDef][] = [
  ['not', { min: 1, max: 1, signature: 'not(x)', call: (a) => !toBoolean(arg(a, 0)) }],
  ['true', { min: 0, max: 0, signature: 'true()', call: () => true }],
  ['false', { min: 0, max: 0, signature: 'false()', call: () => false }],
  [
    'selected',
    {
      min: 2,
      max: 2,
      signature: 'selected(answer, choice)',
      call: (a) => choicesOf(arg(a, 0)).includes(toText(arg(a, 1))),
    },
  ],
  ['count-selected', { min: 1, max: 1, signature: 'count-selected(answer)', call: (a) => choicesOf(arg(a, 0)).length }],
  [
    'string-length',
    { min: 1, max: 1, signature: 'string-length(text)', call: (a) => [...toText(arg(a, 0))].length },
  ],
  [
    'regex',
    {
      min: 2,
      max: 2,
      signature: 'regex(text, pattern)',
      call: (a, _ctx, node) => {
        const value = toText(arg(a, 0));
        const patternPos = node.args[1]?.pos ?? node.pos;
        return matches(value, compilePattern(toText(arg(a, 1)), patternPos, ''), node.pos);
      },
    },
  ],
  [
    'if',
    { min: 3, max: 3, signature: 'if(condition, then, else)', call: (a) => (toBoolean(arg(a, 0)) ? arg(a, 1) : arg(a, 2)) },
  ],
  [
    'coalesce',
    {
      min: 2,
      max: 2,
      signature: 'coalesce(a, b)',
      call: (a) => {
        const first = arg(a, 0);
        return toText(first) !== '' ? first : arg(a, 1);
      },
    },
  ],
  ['today', { min: 0, max: 0, signature: 'today()', call: (_a, ctx) => (typeof ctx.today === 'string' ? ctx.today : '') }],
  ['number', { min: 1, max: 1, signature: 'number(x)', call: (a) => toNumber(arg(a, 0)) }],
  ['string', { min: 1, max: 1, signature: 'string(x)', call: (a) => toText(arg(a, 0)) }],
  ['int', { min: 1, max: 1, signature: 'int(x)', call: (a) => Math.trunc(toNumber(arg(a, 0))) }],
  [
    'round',
    {
      min: 1,
      max: 2,
      signature: 'round(x[, digits])',
      call: (a) => round(toNumber(arg(a, 0)), a.length > 1 ? toNumber(arg(a, 1)) : 0),
    },
  ],
  [
    'concat',
    { min: 0, max: Infinity, signature: 'concat(a, b, ...)', call: (a) => a.map((thunk) => toText(thunk())).join('') },
  ],
  [
    'contains',
    { min: 2, max: 2, signature: 'contains(text, part)', call: (a) => toText(arg(a, 0)).includes(toText(arg(a, 1))) },
  ],
  [
    'starts-with',
    {
      min: 2,
      max: 2,
      signature: 'starts-with(text, prefix)',
      call: (a) => toText(arg(a, 0)).startsWith(toText(arg(a, 1))),
    },
  ],
];

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(table);

/** "takes 1 argument", "takes 1 or 2 arguments", "takes no arguments", "takes 2 or more arguments". */
export function arityText(def: FunctionDef): string {
  const n = (k: number) => counted(k, 'argument');
  if (def.max === 0) return 'takes no arguments';
  if (def.min === def.max) return `takes ${n(def.min)}`;
  if (def.max === Infinity) return `takes ${def.min} or more arguments`;
  return `takes ${def.min} or ${n(def.max)}`;
}
