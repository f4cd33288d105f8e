/**
 * The basic functions (./catalog.ts, group 'basic'): strings, numbers, booleans, choices, node-sets,
 * today() and now(), repeats and the form. They are always loaded: the first page has them, and an
 * instrument that calls no other function (the demo study) needs nothing more. The other groups'
 * tables are in ./groups/, loaded on demand (./library.ts); they build on the kit this file exports
 * (`Args`, `FunctionDef`, and the helpers below).
 *
 * Arguments arrive unevaluated (./evaluate.ts makes `Args`), evaluated when the function asks: if()
 * evaluates only the branch it takes, coalesce() its second argument only when the first is empty.
 * What a function needs from the form (now, random numbers, ids, repeats, choice labels, external
 * data) it reads through the context's hooks (./api.ts); a missing hook is an ExpressionError.
 */
import type { EvalContext } from './api';
import type { Expr, Value } from './ast';
import type { FunctionGroup } from './catalog';
import { ExpressionError } from './error';
import { LIMITS } from './limits';
import { fromAnswer, toBoolean, toNumber, toText, type Item } from './values';

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

export type Call = Extract<Expr, { kind: 'call' }>;

/** Inside an instance filter: the row being tested, its 1-based position and how many rows are tested. */
export interface Scope {
  row: Row;
  position: number;
  size: number;
}

/** What a function does. How many arguments it takes is in ./catalog.ts (the parser checks it). */
export interface FunctionDef {
  /** One line for docs. */
  signature: string;
  call(args: Args, ctx: EvalContext, node: Call): Item;
  /**
   * Checks arguments written as literals (a regex() pattern in quotes), when an expression is parsed
   * with this function's group loaded, so a broken one is refused with the form, not when a question
   * is answered. Throws an ExpressionError at the argument, in `source`.
   */
  check?(args: readonly Expr[], node: { name: string; pos: number }, source: string): void;
  /**
   * instance() only: the nodes of a path `instance('id')/root/item[filter]/field`. `filter` evaluates
   * a filter on a row; `count` counts steps toward LIMITS.evaluationSteps.
   */
  path?(
    node: Extract<Expr, { kind: 'instance' }>,
    ctx: EvalContext,
    filter: (expr: Expr, scope: Scope) => Item,
    count: (steps: number, pos: number) => void,
  ): string[];
}

/** A group's implementations: one module each (./groups/), this file for 'basic'. */
export interface FunctionGroupModule {
  readonly group: FunctionGroup;
  readonly functions: ReadonlyMap<string, FunctionDef>;
}

// ---------------------------------------------------------------------------------------------
// Helpers

export const text = (a: Args, i: number): string => toText(a.value(i));
export const num = (a: Args, i: number): number => toNumber(a.value(i));
export const bool = (a: Args, i: number): boolean => toBoolean(a.item(i));

/** A hook of the context, or an ExpressionError that says what needs it. */
export function hook<T>(value: T | undefined, what: string, node: Call): T {
  if (value === undefined) throw new ExpressionError(`${node.name}() needs ${what}, which is not given here`, node.pos, '');
  return value;
}

/** A text a function builds, refused past LIMITS.textLength. */
export function capped(out: string, node: Call): string {
  return checkLength(out.length, node) && out;
}

/** True when a text of `length` characters is allowed; else the ExpressionError that says so. */
export function checkLength(length: number, node: Call): true {
  if (length > LIMITS.textLength) throw new ExpressionError(`${node.name}() would make a text longer than ${LIMITS.textLength} characters`, node.pos, '');
  return true;
}

/** Every argument from `from` on, node-sets flattened into their nodes. */
export function flatten(a: Args, from: number, node: Call): string[] {
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

/** A row's text: its values joined, as an XML item's text is its children's. */
export function rowText(row: Row): string {
  return Object.keys(row)
    .map((k) => String(row[k] ?? ''))
    .join('');
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

/** A random number from ctx.random, checked to be in [0, 1). */
export function randomOf(ctx: EvalContext, node: Call): number {
  const r = hook(ctx.random, 'a source of random numbers (EvalContext.random)', node)();
  if (typeof r !== 'number' || !(r >= 0 && r < 1)) throw new ExpressionError(`${node.name}(): the random source gave ${String(r)}, not a number in [0, 1)`, node.pos, '');
  return r;
}

/** The item named by jr:choice-name's second argument: '${name}' or a path '/data/.../name'. */
function itemNamed(spec: string): string | null {
  const s = spec.trim();
  const ref = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}$/.exec(s);
  if (ref) return ref[1]!;
  const path = /^(?:\/[A-Za-z_][A-Za-z0-9_.-]*)+$/.test(s) ? s.slice(s.lastIndexOf('/') + 1) : null;
  return path ?? (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s) ? s : null);
}

const math = (signature: string, f: (x: number) => number): FunctionDef => ({ signature, call: (a) => f(num(a, 0)) });

// ---------------------------------------------------------------------------------------------
// The table

const table: [string, FunctionDef][] = [
  // Strings
  ['string', { signature: 'string(x)', call: (a) => text(a, 0) }],
  ['concat', { signature: 'concat(a, b, ...)', call: (a, _c, n) => capped(flatten(a, 0, n).join(''), n) }],
  [
    'join',
    {
      signature: 'join(separator, a, b, ... | ${repeated})',
      call: (a, _c, n) => capped(flatten(a, 1, n).join(text(a, 0)), n),
    },
  ],
  [
    'substr',
    { signature: 'substr(text, start[, end])', call: (a) => substr(text(a, 0), num(a, 1), a.length > 2 ? num(a, 2) : undefined) },
  ],
  [
    'substring',
    {
      signature: 'substring(text, start[, length])',
      call: (a) => substring(text(a, 0), num(a, 1), a.length > 2 ? num(a, 2) : undefined),
    },
  ],
  [
    'substring-before',
    {
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
      signature: 'substring-after(text, part)',
      call: (a) => {
        const s = text(a, 0);
        const part = text(a, 1);
        const k = s.indexOf(part);
        return k < 0 ? '' : s.slice(k + part.length);
      },
    },
  ],
  ['translate', { signature: 'translate(text, from, to)', call: (a) => translate(text(a, 0), text(a, 1), text(a, 2)) }],
  [
    'string-length',
    {
      signature: 'string-length([text])',
      call: (a, ctx) => codePoints(a.length ? text(a, 0) : toText(fromAnswer(ctx.self))).length,
    },
  ],
  [
    'normalize-space',
    { signature: 'normalize-space([text])', call: (a, ctx) => normalizeSpace(a.length ? text(a, 0) : toText(fromAnswer(ctx.self))) },
  ],
  ['contains', { signature: 'contains(text, part)', call: (a) => text(a, 0).includes(text(a, 1)) }],
  ['starts-with', { signature: 'starts-with(text, prefix)', call: (a) => text(a, 0).startsWith(text(a, 1)) }],
  ['ends-with', { signature: 'ends-with(text, suffix)', call: (a) => text(a, 0).endsWith(text(a, 1)) }],
  [
    'uuid',
    {
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

  // Booleans and choices of branch
  ['if', { signature: 'if(condition, then, else)', call: (a) => (bool(a, 0) ? a.item(1) : a.item(2)) }],
  [
    'coalesce',
    {
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
      signature: 'once(x)',
      call: (a, ctx) => {
        const current = fromAnswer(ctx.self);
        return toText(current) !== '' ? current : a.item(0);
      },
    },
  ],
  ['true', { signature: 'true()', call: () => true }],
  ['false', { signature: 'false()', call: () => false }],
  ['boolean', { signature: 'boolean(x)', call: (a) => bool(a, 0) }],
  [
    'boolean-from-string',
    { signature: 'boolean-from-string(text)', call: (a) => ['true', '1'].includes(text(a, 0)) },
  ],
  ['not', { signature: 'not(x)', call: (a) => !bool(a, 0) }],
  [
    'checklist',
    {
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
  ['number', { signature: 'number(x)', call: (a) => num(a, 0) }],
  ['random', { signature: 'random()', call: (_a, ctx, n) => randomOf(ctx, n) }],
  ['int', math('int(x)', Math.trunc)],
  ['round', { signature: 'round(x[, digits])', call: (a) => round(num(a, 0), a.length > 1 ? num(a, 1) : 0) }],
  ['floor', math('floor(x)', Math.floor)],
  ['ceiling', math('ceiling(x)', Math.ceil)],
  [
    'sum',
    {
      signature: 'sum(${repeated})',
      call: (a) => a.nodes(0).reduce((s, v) => s + toNumber(v), 0),
    },
  ],
  ['max', { signature: 'max(a, b, ... | ${repeated})', call: (a, _c, n) => extreme(flatten(a, 0, n), Math.max) }],
  ['min', { signature: 'min(a, b, ... | ${repeated})', call: (a, _c, n) => extreme(flatten(a, 0, n), Math.min) }],
  ['pow', { signature: 'pow(x, power)', call: (a) => Math.pow(num(a, 0), num(a, 1)) }],
  ['log', math('log(x)', Math.log)],
  ['log10', math('log10(x)', Math.log10)],
  ['abs', math('abs(x)', Math.abs)],
  ['sin', math('sin(x)', Math.sin)],
  ['cos', math('cos(x)', Math.cos)],
  ['tan', math('tan(x)', Math.tan)],
  ['asin', math('asin(x)', Math.asin)],
  ['acos', math('acos(x)', Math.acos)],
  ['atan', math('atan(x)', Math.atan)],
  ['atan2', { signature: 'atan2(y, x)', call: (a) => Math.atan2(num(a, 0), num(a, 1)) }],
  ['sqrt', math('sqrt(x)', Math.sqrt)],
  ['exp', math('exp(x)', Math.exp)],
  ['exp10', math('exp10(x)', (x) => Math.pow(10, x))],
  ['pi', { signature: 'pi()', call: () => Math.PI }],

  // Node-sets
  ['count', { signature: 'count(${repeated})', call: (a) => a.nodes(0).length }],
  ['count-non-empty', { signature: 'count-non-empty(${repeated})', call: (a) => a.nodes(0).filter((s) => s !== '').length }],
  [
    'position',
    {
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
  ['last', { signature: 'last()', call: (a) => a.position() }],
  ['current', { signature: 'current()', call: (_a, ctx) => fromAnswer(ctx.self) }],

  // Dates and times
  ['today', { signature: 'today()', call: (_a, ctx) => (typeof ctx.today === 'string' ? ctx.today : '') }],
  [
    'now',
    {
      signature: 'now()',
      call: (_a, ctx, n) => {
        const now = hook(ctx.now, 'the current time (EvalContext.now)', n);
        if (typeof now !== 'string') throw new ExpressionError('now(): the current time given is not text', n.pos, '');
        return now;
      },
    },
  ],

  // Choices
  [
    'selected',
    { signature: 'selected(answer, choice)', call: (a) => choicesOf(a.value(0)).includes(text(a, 1).trim()) },
  ],
  [
    'is-selected',
    { signature: 'is-selected(answer, choice)', call: (a) => choicesOf(a.value(0)).includes(text(a, 1).trim()) },
  ],
  [
    'selected-at',
    {
      signature: 'selected-at(answer, index)',
      call: (a) => {
        const k = Math.trunc(num(a, 1));
        return choicesOf(a.value(0))[k] ?? '';
      },
    },
  ],
  ['count-selected', { signature: 'count-selected(answer)', call: (a) => choicesOf(a.value(0)).length }],
  [
    'jr:choice-name',
    {
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

  // The form
  [
    'version',
    {
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

export const BASIC: FunctionGroupModule = { group: 'basic', functions: new Map(table) };
