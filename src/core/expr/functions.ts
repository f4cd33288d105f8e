/**
 * The functions an expression may call: this table is the whole list (docs/expressions.md,
 * "Functions"), the ODK XForms function library and XPath 1.0's core functions. The parser refuses
 * any other name ("unknown function 'foo'", or why an ODK or SurveyCTO function Dala lacks is
 * refused), and lookups go through a Map, so `constructor` or `__proto__` is just another unknown name.
 *
 * Arguments arrive unevaluated (./evaluate.ts makes `Args`), evaluated when the function asks: if()
 * evaluates only the branch it takes, coalesce() its second argument only when the first is empty.
 * What a function needs from the form (now, random numbers, ids, repeats, choice labels, external
 * data) it reads through the context's hooks (./api.ts); a missing hook is an ExpressionError.
 */
import { counted } from '../count';
import type { EvalContext } from './api';
import type { Expr, Value } from './ast';
import {
  badFormatEscape,
  dayFraction,
  ENGLISH_NAMES,
  formatDate,
  formatDateTime,
  formatPattern,
  instantDays,
  parseDateTime,
  parseTime,
  partsFromDays,
  type DateNames,
  type DateTimeParts,
} from './dates';
import { base64Decode, digest, digestAlgorithmProblem, sha256Bytes, utf8Decode, type DigestAlgorithm } from './digest';
import { ExpressionError } from './error';
import { area, distance, geofence, pointsOf } from './geo';
import { LIMITS } from './limits';
import { compilePattern, matches } from './regex';
import { fromAnswer, isNumberText, toBoolean, toNumber, toText, type Item } from './values';

/** A row of external data: column -> text (EvalContext.instance). */
export type Row = Readonly<Record<string, string>>;

/** A function's arguments, evaluated on demand. */
export interface Args {
  readonly length: number;
  /** Argument i as it evaluates (a node-set stays one). */
  item(i: number): Item;
  /** Argument i as a value (a node-set is its first node's text). */
  value(i: number): Value;
  /**
   * Argument i as the texts of its nodes: a `${name}` gives every value EvalContext.nodeset returns
   * (without that hook: its answer, or nothing when unanswered); an instance path its nodes; any
   * other value is one node.
   */
  nodes(i: number): readonly string[];
  /** Whether argument i is written as a node-set (a reference, an instance path, randomize()). */
  isNodeSet(i: number): boolean;
  /** Inside an instance filter: the row's 1-based position (position()), or the number of rows (last()). */
  position(): number;
}

type Call = Extract<Expr, { kind: 'call' }>;

export interface FunctionDef {
  /** Fewest and most arguments. */
  min: number;
  max: number;
  /** A further rule on the number of arguments (odd, even), said by `arityNote`. */
  arity?(count: number): boolean;
  arityNote?: string;
  /** One line for docs and error messages. */
  signature: string;
  call(args: Args, ctx: EvalContext, node: Call): Item;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const text = (a: Args, i: number): string => toText(a.value(i));
const num = (a: Args, i: number): number => toNumber(a.value(i));
const bool = (a: Args, i: number): boolean => toBoolean(a.item(i));

/** A hook of the context, or an ExpressionError that says what needs it. */
function hook<T>(value: T | undefined, what: string, node: Call): T {
  if (value === undefined) throw new ExpressionError(`${node.name}() needs ${what}, which is not given here`, node.pos, '');
  return value;
}

/** A text a function builds, refused past LIMITS.textLength. */
function capped(out: string, node: Call): string {
  return checkLength(out.length, node) && out;
}

/** True when a text of `length` characters is allowed; else the ExpressionError that says so. */
function checkLength(length: number, node: Call): true {
  if (length > LIMITS.textLength) throw new ExpressionError(`${node.name}() would make a text longer than ${LIMITS.textLength} characters`, node.pos, '');
  return true;
}

/** Every argument from `from` on, node-sets flattened into their nodes. */
function flatten(a: Args, from: number, node: Call): string[] {
  const out: string[] = [];
  let size = 0;
  for (let i = from; i < a.length; i++) {
    const items = a.isNodeSet(i) ? a.nodes(i) : [text(a, i)];
    for (const s of items) {
      size += s.length;
      checkLength(size, node);
      out.push(s);
    }
  }
  return out;
}

/** The choices of a multiple choice, or the space-separated codes of a string (ODK's storage). */
function choicesOf(v: Value): string[] {
  if (Array.isArray(v)) return v;
  return toText(v).split(/[ \t\r\n]+/).filter((s) => s !== '');
}

/** XPath's round(): the nearest integer, halves toward positive infinity. */
const xpathRound = (x: number): number => (Number.isFinite(x) ? Math.floor(x + 0.5) : x);

/**
 * round(x, digits): halves toward positive infinity (XPath 1.0, as ODK's spec and Collect have it),
 * on the decimal digits as written (1.005 -> 1.01, -2.5 -> -2).
 */
function round(x: number, digits: number): number {
  if (!Number.isFinite(x) || Number.isNaN(digits)) return Number.isNaN(digits) ? NaN : x;
  const d = Math.max(-20, Math.min(20, Math.trunc(digits)));
  const textOf = String(x);
  const shifted = textOf.includes('e') ? x * 10 ** d : Number(`${textOf}e${d}`);
  if (!Number.isFinite(shifted)) return x; // so large that it has no such decimals
  const rounded = Math.floor(shifted + 0.5);
  const back = String(rounded).includes('e') ? rounded / 10 ** d : Number(`${rounded}e${-d}`);
  return back === 0 && x < 0 ? -0 : back; // XPath: round(-0.3) is -0
}

const codePoints = (s: string): string[] => [...s];

/** XPath 1.0 substring(s, start, length?): 1-based, positions rounded, NaN and infinities as the spec says. */
function substring(s: string, start: number, length: number | undefined): string {
  const chars = codePoints(s);
  const first = xpathRound(start);
  const end = length === undefined ? Infinity : first + xpathRound(length);
  if (Number.isNaN(first) || Number.isNaN(end)) return '';
  return chars.filter((_, k) => k + 1 >= first && k + 1 < end).join('');
}

/** ODK substr(s, start, end?): 0-based, end exclusive, negative counts from the end. */
function substr(s: string, startArg: number, endArg: number | undefined): string {
  const chars = codePoints(s);
  const len = chars.length;
  let start = Number.isNaN(startArg) ? 0 : Math.trunc(startArg);
  let end = endArg === undefined ? len : Number.isNaN(endArg) ? 0 : Math.trunc(endArg);
  if (start < 0) start += len;
  if (end < 0) end += len;
  start = Math.min(Math.max(0, start), len);
  end = Math.min(Math.max(0, end), len);
  return start <= end ? chars.slice(start, end).join('') : '';
}

function translate(s: string, from: string, to: string): string {
  const f = codePoints(from);
  const t = codePoints(to);
  return codePoints(s)
    .map((c) => {
      const k = f.indexOf(c);
      return k < 0 ? c : (t[k] ?? '');
    })
    .join('');
}

const normalizeSpace = (s: string): string => s.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');

/** A date, a date-time or a day number as date parts (a number is UTC); null when it is none of these. */
function dateParts(v: Value, withTime: boolean): DateTimeParts | null {
  if (typeof v === 'number' || (typeof v === 'string' && isNumberText(v))) {
    const days = toNumber(v);
    return partsFromDays(withTime ? days : Math.trunc(days));
  }
  if (typeof v !== 'string') return null;
  const parts = parseDateTime(v);
  if (parts || !withTime) return parts;
  const time = parseTime(v.trim());
  return time ? { year: 1970, month: 1, day: 1, ...time, hasTime: true } : null;
}

/** %b and %a in the context's language (English when none, or when the runtime does not know it). */
function dateNames(language: string | undefined): DateNames {
  if (!language || /^en\b/i.test(language)) return ENGLISH_NAMES;
  try {
    const month = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
    const day = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
    // 2001-01-07 was a Sunday.
    return { month: (m) => month.format(Date.UTC(2001, m - 1, 1)), weekday: (d) => day.format(Date.UTC(2001, 0, 7 + d)) };
  } catch {
    return ENGLISH_NAMES;
  }
}

function formatDateCall(a: Args, ctx: EvalContext, node: Call): string {
  const format = text(a, 1);
  const bad = badFormatEscape(format);
  if (bad !== null) throw new ExpressionError(`unknown ${node.name}() pattern '${bad}'`, node.args[1]?.pos ?? node.pos, '');
  const parts = dateParts(a.value(0), true);
  return parts ? capped(formatPattern(parts, format, dateNames(ctx.language)), node) : '';
}

/** A random number from ctx.random, checked to be in [0, 1). */
function randomOf(ctx: EvalContext, node: Call): number {
  const r = hook(ctx.random, 'a source of random numbers (EvalContext.random)', node)();
  if (typeof r !== 'number' || !(r >= 0 && r < 1)) throw new ExpressionError(`${node.name}(): the random source gave ${String(r)}, not a number in [0, 1)`, node.pos, '');
  return r;
}

/** randomize()'s seed: a number's integer part; a text that is not a number, the first 64 bits of its SHA-256 (as Collect). */
function seedOf(v: Value): number {
  const n = toNumber(v);
  if (Number.isNaN(n) && typeof v === 'string') {
    if (v === '') return 0;
    const bytes = sha256Bytes(v);
    let x = 0n;
    for (let k = 0; k < 8; k++) x = (x << 8n) | BigInt(bytes[k]!);
    return Number(BigInt.asIntN(64, x));
  }
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** The Park-Miller generator Collect's randomize() uses, so a seed gives the same order everywhere. */
function parkMiller(seed: number): () => number {
  const MODULUS = 2147483647;
  let s = seed % MODULUS;
  if (s <= 0) s += MODULUS - 1;
  return () => {
    s = (s * 16807) % MODULUS;
    return (s - 1) / (MODULUS - 1);
  };
}

/** The "inside-out" Fisher-Yates shuffle of the ODK spec. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out: T[] = [];
  items.forEach((item, i) => {
    const j = Math.floor(random() * (i + 1));
    if (j !== i) out[i] = out[j]!;
    out[j] = item;
  });
  return out;
}

/** The item named by jr:choice-name's second argument: '${name}' or a path '/data/.../name'. */
function itemNamed(spec: string): string | null {
  const s = spec.trim();
  const ref = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}$/.exec(s);
  if (ref) return ref[1]!;
  const path = /^(?:\/[A-Za-z_][A-Za-z0-9_.-]*)+$/.test(s) ? s.slice(s.lastIndexOf('/') + 1) : null;
  return path ?? (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s) ? s : null);
}

const math = (signature: string, f: (x: number) => number): FunctionDef => ({ min: 1, max: 1, signature, call: (a) => f(num(a, 0)) });

// ---------------------------------------------------------------------------------------------
// The table

const table: [string, FunctionDef][] = [
  // Strings
  ['string', { min: 1, max: 1, signature: 'string(x)', call: (a) => text(a, 0) }],
  ['concat', { min: 0, max: Infinity, signature: 'concat(a, b, ...)', call: (a, _c, n) => capped(flatten(a, 0, n).join(''), n) }],
  [
    'join',
    {
      min: 1,
      max: Infinity,
      signature: 'join(separator, a, b, ... | ${repeated})',
      call: (a, _c, n) => capped(flatten(a, 1, n).join(text(a, 0)), n),
    },
  ],
  [
    'substr',
    { min: 2, max: 3, signature: 'substr(text, start[, end])', call: (a) => substr(text(a, 0), num(a, 1), a.length > 2 ? num(a, 2) : undefined) },
  ],
  [
    'substring',
    {
      min: 2,
      max: 3,
      signature: 'substring(text, start[, length])',
      call: (a) => substring(text(a, 0), num(a, 1), a.length > 2 ? num(a, 2) : undefined),
    },
  ],
  [
    'substring-before',
    {
      min: 2,
      max: 2,
      signature: 'substring-before(text, part)',
      call: (a) => {
        const s = text(a, 0);
        const k = s.indexOf(text(a, 1));
        return k < 0 ? '' : s.slice(0, k);
      },
    },
  ],
  [
    'substring-after',
    {
      min: 2,
      max: 2,
      signature: 'substring-after(text, part)',
      call: (a) => {
        const s = text(a, 0);
        const part = text(a, 1);
        const k = s.indexOf(part);
        return k < 0 ? '' : s.slice(k + part.length);
      },
    },
  ],
  ['translate', { min: 3, max: 3, signature: 'translate(text, from, to)', call: (a) => translate(text(a, 0), text(a, 1), text(a, 2)) }],
  [
    'string-length',
    {
      min: 0,
      max: 1,
      signature: 'string-length([text])',
      call: (a, ctx) => codePoints(a.length ? text(a, 0) : toText(fromAnswer(ctx.self))).length,
    },
  ],
  [
    'normalize-space',
    { min: 0, max: 1, signature: 'normalize-space([text])', call: (a, ctx) => normalizeSpace(a.length ? text(a, 0) : toText(fromAnswer(ctx.self))) },
  ],
  ['contains', { min: 2, max: 2, signature: 'contains(text, part)', call: (a) => text(a, 0).includes(text(a, 1)) }],
  ['starts-with', { min: 2, max: 2, signature: 'starts-with(text, prefix)', call: (a) => text(a, 0).startsWith(text(a, 1)) }],
  ['ends-with', { min: 2, max: 2, signature: 'ends-with(text, suffix)', call: (a) => text(a, 0).endsWith(text(a, 1)) }],
  [
    'uuid',
    {
      min: 0,
      max: 1,
      signature: 'uuid([length])',
      call: (a, ctx, n) => {
        if (a.length === 0) return String(hook(ctx.newId, 'a source of new ids (EvalContext.newId)', n)());
        const length = Math.trunc(num(a, 0));
        if (Number.isNaN(length)) throw new ExpressionError('uuid() length is not a number', n.pos, '');
        checkLength(length, n);
        let out = '';
        for (let k = 0; k < length; k++) out += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(randomOf(ctx, n) * 36)];
        return out;
      },
    },
  ],
  [
    'digest',
    {
      min: 2,
      max: 3,
      signature: "digest(text, 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'[, 'hex' | 'base64'])",
      call: (a, _c, n) => {
        const algorithm = text(a, 1);
        const encoding = a.length > 2 ? text(a, 2) : 'base64';
        const problem = digestAlgorithmProblem(algorithm, encoding);
        if (problem) throw new ExpressionError(problem, n.args[1]?.pos ?? n.pos, '');
        const input = text(a, 0);
        if (input.length > LIMITS.textLength) throw new ExpressionError(`digest() input longer than ${LIMITS.textLength} characters`, n.pos, '');
        return digest(input, algorithm as DigestAlgorithm, encoding as 'hex' | 'base64');
      },
    },
  ],
  [
    'base64-decode',
    {
      min: 1,
      max: 1,
      signature: 'base64-decode(text)',
      call: (a) => {
        const bytes = base64Decode(text(a, 0));
        return bytes ? utf8Decode(bytes) : '';
      },
    },
  ],
  [
    'pulldata',
    {
      min: 4,
      max: 4,
      signature: "pulldata('data', 'column', 'key column', key)",
      call: (a, ctx, n) => {
        const id = text(a, 0);
        const rows = hook(ctx.instance, 'external data (EvalContext.instance)', n)(id);
        if (!rows) throw new ExpressionError(`no external data named '${id}'`, n.pos, '');
        const [field, keyField, key] = [text(a, 1), text(a, 2), text(a, 3)];
        const row = rows.find((r) => Object.hasOwn(r, keyField) && String(r[keyField]) === key);
        return row && Object.hasOwn(row, field) ? String(row[field] ?? '') : '';
      },
    },
  ],

  // Booleans and choices of branch
  ['if', { min: 3, max: 3, signature: 'if(condition, then, else)', call: (a) => (bool(a, 0) ? a.item(1) : a.item(2)) }],
  [
    'coalesce',
    {
      min: 2,
      max: 2,
      signature: 'coalesce(a, b)',
      call: (a) => {
        const first = a.item(0);
        const empty = typeof first === 'number' ? Number.isNaN(first) : toText(first) === '';
        return empty ? a.item(1) : first;
      },
    },
  ],
  [
    'once',
    {
      min: 1,
      max: 1,
      signature: 'once(x)',
      call: (a, ctx) => {
        const current = fromAnswer(ctx.self);
        return toText(current) !== '' ? current : a.item(0);
      },
    },
  ],
  ['true', { min: 0, max: 0, signature: 'true()', call: () => true }],
  ['false', { min: 0, max: 0, signature: 'false()', call: () => false }],
  ['boolean', { min: 1, max: 1, signature: 'boolean(x)', call: (a) => bool(a, 0) }],
  [
    'boolean-from-string',
    { min: 1, max: 1, signature: 'boolean-from-string(text)', call: (a) => ['true', '1'].includes(text(a, 0)) },
  ],
  ['not', { min: 1, max: 1, signature: 'not(x)', call: (a) => !bool(a, 0) }],
  [
    'regex',
    {
      min: 2,
      max: 2,
      signature: 'regex(text, pattern)',
      call: (a, _ctx, n) => {
        const value = text(a, 0);
        const patternPos = n.args[1]?.pos ?? n.pos;
        return matches(value, compilePattern(text(a, 1), patternPos, ''), n.pos);
      },
    },
  ],
  [
    'checklist',
    {
      min: 2,
      max: Infinity,
      signature: 'checklist(min, max, a, b, ... | ${repeated})',
      call: (a) => {
        const [min, max] = [Math.trunc(num(a, 0)), Math.trunc(num(a, 1))];
        let count = 0;
        for (let i = 2; i < a.length; i++) count += a.isNodeSet(i) ? a.nodes(i).filter((s) => s !== '').length : bool(a, i) ? 1 : 0;
        return (min < 0 || count >= min) && (max < 0 || count <= max);
      },
    },
  ],
  [
    'weighted-checklist',
    {
      min: 2,
      max: Infinity,
      arity: (k) => k % 2 === 0,
      arityNote: 'an even number of arguments (min, max, then value and weight pairs)',
      signature: 'weighted-checklist(min, max, value, weight, ...)',
      call: (a, _c, n) => {
        const [min, max] = [num(a, 0), num(a, 1)];
        let values: boolean[];
        let weights: number[];
        if (a.length === 4 && a.isNodeSet(2) && a.isNodeSet(3)) {
          values = a.nodes(2).map((s) => s !== '');
          weights = a.nodes(3).map((s) => toNumber(s));
          if (values.length !== weights.length) throw new ExpressionError('weighted-checklist(): the values and the weights are not as many', n.pos, '');
        } else {
          values = [];
          weights = [];
          for (let i = 2; i + 1 < a.length; i += 2) {
            values.push(bool(a, i));
            weights.push(num(a, i + 1));
          }
        }
        const sum = values.reduce((s, v, k) => (v ? s + weights[k]! : s), 0);
        // -1 is no bound, as in checklist() (the ODK spec: "like checklist()").
        return (min === -1 || sum >= min) && (max === -1 || sum <= max);
      },
    },
  ],

  // Numbers
  ['number', { min: 1, max: 1, signature: 'number(x)', call: (a) => num(a, 0) }],
  ['random', { min: 0, max: 0, signature: 'random()', call: (_a, ctx, n) => randomOf(ctx, n) }],
  ['int', math('int(x)', Math.trunc)],
  ['round', { min: 1, max: 2, signature: 'round(x[, digits])', call: (a) => round(num(a, 0), a.length > 1 ? num(a, 1) : 0) }],
  ['floor', math('floor(x)', Math.floor)],
  ['ceiling', math('ceiling(x)', Math.ceil)],
  [
    'sum',
    {
      min: 1,
      max: 1,
      signature: 'sum(${repeated})',
      call: (a) => a.nodes(0).reduce((s, v) => s + toNumber(v), 0),
    },
  ],
  ['max', { min: 1, max: Infinity, signature: 'max(a, b, ... | ${repeated})', call: (a, _c, n) => extreme(flatten(a, 0, n), Math.max) }],
  ['min', { min: 1, max: Infinity, signature: 'min(a, b, ... | ${repeated})', call: (a, _c, n) => extreme(flatten(a, 0, n), Math.min) }],
  ['pow', { min: 2, max: 2, signature: 'pow(x, power)', call: (a) => Math.pow(num(a, 0), num(a, 1)) }],
  ['log', math('log(x)', Math.log)],
  ['log10', math('log10(x)', Math.log10)],
  ['abs', math('abs(x)', Math.abs)],
  ['sin', math('sin(x)', Math.sin)],
  ['cos', math('cos(x)', Math.cos)],
  ['tan', math('tan(x)', Math.tan)],
  ['asin', math('asin(x)', Math.asin)],
  ['acos', math('acos(x)', Math.acos)],
  ['atan', math('atan(x)', Math.atan)],
  ['atan2', { min: 2, max: 2, signature: 'atan2(y, x)', call: (a) => Math.atan2(num(a, 0), num(a, 1)) }],
  ['sqrt', math('sqrt(x)', Math.sqrt)],
  ['exp', math('exp(x)', Math.exp)],
  ['exp10', math('exp10(x)', (x) => Math.pow(10, x))],
  ['pi', { min: 0, max: 0, signature: 'pi()', call: () => Math.PI }],

  // Node-sets
  ['count', { min: 1, max: 1, signature: 'count(${repeated})', call: (a) => a.nodes(0).length }],
  ['count-non-empty', { min: 1, max: 1, signature: 'count-non-empty(${repeated})', call: (a) => a.nodes(0).filter((s) => s !== '').length }],
  [
    'position',
    {
      min: 0,
      max: 1,
      signature: 'position(..) | position(${repeat}) | position()',
      call: (a, ctx, n) => {
        const arg = n.args[0];
        if (!arg) return a.position();
        const at = hook(ctx.position, 'repeats (EvalContext.position)', n);
        if (arg.kind === 'parent') return at({ up: arg.levels });
        if (arg.kind === 'ref') return at({ name: arg.name });
        throw new ExpressionError('position() takes .., ../.. or ${repeat}', arg.pos, '');
      },
    },
  ],
  ['last', { min: 0, max: 0, signature: 'last()', call: (a) => a.position() }],
  ['current', { min: 0, max: 0, signature: 'current()', call: (_a, ctx) => fromAnswer(ctx.self) }],
  [
    'instance',
    {
      min: 1,
      max: 1,
      signature: "instance('data')/root/item[filter]/column",
      call: (_a, _c, n) => {
        throw new ExpressionError("instance('...') is read through a path: instance('data')/root/item[...]/column", n.pos, '');
      },
    },
  ],
  [
    'randomize',
    {
      min: 1,
      max: 2,
      signature: 'randomize(${repeated} | instance path[, seed])',
      call: (a, ctx, n) => ({ nodes: shuffle(a.nodes(0), a.length > 1 ? parkMiller(seedOf(a.value(1))) : () => randomOf(ctx, n)) }),
    },
  ],

  // Dates and times
  ['today', { min: 0, max: 0, signature: 'today()', call: (_a, ctx) => (typeof ctx.today === 'string' ? ctx.today : '') }],
  [
    'now',
    {
      min: 0,
      max: 0,
      signature: 'now()',
      call: (_a, ctx, n) => {
        const now = hook(ctx.now, 'the current time (EvalContext.now)', n);
        if (typeof now !== 'string') throw new ExpressionError('now(): the current time given is not text', n.pos, '');
        return now;
      },
    },
  ],
  [
    'date',
    {
      min: 1,
      max: 1,
      signature: 'date(x)',
      call: (a) => {
        const parts = dateParts(a.value(0), false);
        return parts ? formatDate(parts) : '';
      },
    },
  ],
  [
    'date-time',
    {
      min: 1,
      max: 1,
      signature: 'date-time(x)',
      call: (a) => {
        const parts = dateParts(a.value(0), true);
        if (!parts) return '';
        return parts.hasTime ? formatDateTime(parts) : formatDate(parts);
      },
    },
  ],
  [
    'decimal-date-time',
    {
      min: 1,
      max: 1,
      signature: 'decimal-date-time(date-time)',
      call: (a) => {
        const v = a.value(0);
        if (typeof v === 'number') return v;
        const parts = typeof v === 'string' ? parseDateTime(v) : null;
        return parts ? instantDays(parts) : NaN;
      },
    },
  ],
  [
    'decimal-time',
    {
      min: 1,
      max: 1,
      signature: 'decimal-time(time)',
      call: (a) => {
        const v = a.value(0);
        if (typeof v === 'number') return v - Math.floor(v);
        const s = toText(v).trim();
        const parts = parseTime(s) ?? parseDateTime(s);
        return parts ? dayFraction(parts) : NaN;
      },
    },
  ],
  ['format-date', { min: 2, max: 2, signature: 'format-date(date, format)', call: formatDateCall }],
  ['format-date-time', { min: 2, max: 2, signature: 'format-date-time(date-time, format)', call: formatDateCall }],

  // Choices
  [
    'selected',
    { min: 2, max: 2, signature: 'selected(answer, choice)', call: (a) => choicesOf(a.value(0)).includes(text(a, 1).trim()) },
  ],
  [
    'is-selected',
    { min: 2, max: 2, signature: 'is-selected(answer, choice)', call: (a) => choicesOf(a.value(0)).includes(text(a, 1).trim()) },
  ],
  [
    'selected-at',
    {
      min: 2,
      max: 2,
      signature: 'selected-at(answer, index)',
      call: (a) => {
        const k = Math.trunc(num(a, 1));
        return choicesOf(a.value(0))[k] ?? '';
      },
    },
  ],
  ['count-selected', { min: 1, max: 1, signature: 'count-selected(answer)', call: (a) => choicesOf(a.value(0)).length }],
  [
    'jr:choice-name',
    {
      min: 2,
      max: 2,
      signature: "jr:choice-name(code, '${item}')",
      call: (a, ctx, n) => {
        const code = text(a, 0);
        const spec = text(a, 1);
        const item = itemNamed(spec);
        if (item === null) throw new ExpressionError(`jr:choice-name(): '${spec}' does not name an item: write '\${name}'`, n.args[1]?.pos ?? n.pos, '');
        const label = hook(ctx.choiceLabel, "choices' labels (EvalContext.choiceLabel)", n);
        return code === '' ? '' : (label(item, code) ?? '');
      },
    },
  ],

  // Repeats
  [
    'indexed-repeat',
    {
      min: 3,
      max: 7,
      arity: (k) => k % 2 === 1,
      arityNote: '3, 5 or 7 arguments (the item, then a repeat and an index for each level)',
      signature: 'indexed-repeat(${item}, ${repeat}, index[, ${repeat2}, index2[, ${repeat3}, index3]])',
      call: (a, ctx, n) => {
        const at = hook(ctx.indexed, 'repeats (EvalContext.indexed)', n);
        const name = n.args[0]?.kind === 'ref' ? n.args[0].name : '';
        const path: { repeat: string; index: number }[] = [];
        for (let i = 1; i + 1 < a.length; i += 2) {
          const repeat = n.args[i];
          const index = Math.trunc(num(a, i + 1));
          // Collect reads an index below 1 (an unanswered count) as 1.
          path.push({ repeat: repeat?.kind === 'ref' ? repeat.name : '', index: Number.isNaN(index) || index < 1 ? 1 : index });
        }
        return fromAnswer(at(name, path));
      },
    },
  ],

  // Geography
  [
    'area',
    {
      min: 1,
      max: 1,
      signature: 'area(geoshape | ${repeated geopoint})',
      call: (a, _c, n) => area(pointsOf(a.nodes(0), n)),
    },
  ],
  [
    'distance',
    {
      min: 1,
      max: Infinity,
      signature: 'distance(geotrace | geoshape | ${repeated geopoint} | point, point, ...)',
      call: (a, _c, n) => distance(pointsOf(a.length === 1 ? a.nodes(0) : flatten(a, 0, n), n, a.length > 1)),
    },
  ],
  [
    'geofence',
    {
      min: 2,
      max: 2,
      signature: 'geofence(geopoint, geoshape)',
      call: (a) => geofence(text(a, 0), a.nodes(1)),
    },
  ],

  // The form
  [
    'version',
    {
      min: 0,
      max: 0,
      signature: 'version()',
      call: (_a, ctx, n) => {
        const version = hook(ctx.formVersion, "the form's version (EvalContext.formVersion)", n);
        return typeof version === 'string' ? version : '';
      },
    },
  ],
];

/** max() and min() of texts as numbers: NaN if one is not a number or there are none (XPath 3.0). */
function extreme(values: readonly string[], pick: (...xs: number[]) => number): number {
  if (values.length === 0) return NaN;
  let out = toNumber(values[0]!);
  for (const v of values.slice(1)) out = pick(out, toNumber(v));
  return out;
}

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(table);

/**
 * Functions of ODK, XPath or SurveyCTO that Dala refuses by name, with why (the parser says
 * "foo() is not supported: why"). docs/expressions.md lists them.
 */
export const REFUSED_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['jr:itext', "labels are translated by the form's own languages, not through itext"],
  ['property', 'Dala does not read device properties: use the metadata items (start, end, today, deviceid, username)'],
  ['extract-signed', 'checking Ed25519 signatures is not available'],
  ['depend', 'it was removed from ODK'],
  ['lang', "XML documents' languages do not apply to answers"],
  ['id', 'answers have no XML ids'],
  ['local-name', 'answers have no XML names'],
  ['namespace-uri', 'answers have no XML names'],
  ['name', 'answers have no XML names'],
  ['choice-label', "it is SurveyCTO's: ODK writes jr:choice-name(code, '${item}')"],
  ['item-at', "it is SurveyCTO's: ODK writes selected-at(answer, index)"],
  ['item-index', "it is SurveyCTO's"],
  ['index', "it is SurveyCTO's: in a repeat ODK writes position(..)"],
  ['duration', "it is SurveyCTO's"],
  ['device-info', "it is SurveyCTO's"],
  ['trim', 'it is not an ODK function: write normalize-space(text)'],
  ['upper-case', 'it is not an ODK function: write translate(text, "abc...", "ABC...")'],
  ['lower-case', 'it is not an ODK function: write translate(text, "ABC...", "abc...")'],
]);

/** "takes 1 argument", "takes 1 or 2 arguments", "takes no arguments", "takes 2 or more arguments". */
export function arityText(def: FunctionDef): string {
  const n = (k: number) => counted(k, 'argument');
  if (def.arityNote) return `takes ${def.arityNote}`;
  if (def.max === 0) return 'takes no arguments';
  if (def.min === def.max) return `takes ${n(def.min)}`;
  if (def.max === Infinity) return `takes ${def.min} or more arguments`;
  return `takes ${def.min} or ${n(def.max)}`;
}
