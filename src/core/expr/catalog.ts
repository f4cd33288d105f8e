/**
 * Every function an expression may call, by name: its group and how many arguments it takes. This
 * is all the parser needs to accept or refuse a call, so it is small and always loaded; what the
 * functions do is elsewhere, in groups (docs/expressions.md, "Function groups"):
 *
 * - 'basic': ./functions.ts, always loaded (the first page has it; the demo study needs no other);
 * - 'dates', 'digest', 'geo', 'regex', 'randomize', 'external': the modules in ./groups/, each
 *   loaded with import() only when an instrument calls one of its functions (./library.ts,
 *   `loadFunctions`). Node loads them all at once (./all-functions.ts).
 *
 * The parser refuses any name not here ("unknown function 'foo'", or why an ODK or SurveyCTO function
 * Dala lacks is refused), and lookups go through a Map, so `constructor` or `__proto__` is just
 * another unknown name. A function added to a group's table must be added here too (a unit test
 * checks that the two agree).
 */
import { counted } from '../count';
import type { Expr } from './ast';

export type FunctionGroup = 'basic' | 'dates' | 'digest' | 'geo' | 'regex' | 'randomize' | 'external';

/** The groups loaded on demand, in the order docs/expressions.md lists them. */
export const LAZY_GROUPS = ['dates', 'digest', 'geo', 'regex', 'randomize', 'external'] as const satisfies readonly FunctionGroup[];
export type LazyGroup = (typeof LAZY_GROUPS)[number];

export interface FunctionSpec {
  group: FunctionGroup;
  /** Fewest and most arguments. */
  min: number;
  max: number;
  /** A further rule on the number of arguments, said by `arityNote`. */
  parity?: 'odd' | 'even';
  arityNote?: string;
}

const ANY = Infinity;

/** [name, group, min, max, parity?, arityNote?] */
type Row = readonly [string, FunctionGroup, number, number, ('odd' | 'even')?, string?];

const TABLE: readonly Row[] = [
  // Strings
  ['string', 'basic', 1, 1],
  ['concat', 'basic', 0, ANY],
  ['join', 'basic', 1, ANY],
  ['substr', 'basic', 2, 3],
  ['substring', 'basic', 2, 3],
  ['substring-before', 'basic', 2, 2],
  ['substring-after', 'basic', 2, 2],
  ['translate', 'basic', 3, 3],
  ['string-length', 'basic', 0, 1],
  ['normalize-space', 'basic', 0, 1],
  ['contains', 'basic', 2, 2],
  ['starts-with', 'basic', 2, 2],
  ['ends-with', 'basic', 2, 2],
  ['uuid', 'basic', 0, 1],
  ['digest', 'digest', 2, 3],
  ['base64-decode', 'digest', 1, 1],
  ['pulldata', 'external', 4, 4],
  // Booleans and choices of branch
  ['if', 'basic', 3, 3],
  ['coalesce', 'basic', 2, 2],
  ['once', 'basic', 1, 1],
  ['true', 'basic', 0, 0],
  ['false', 'basic', 0, 0],
  ['boolean', 'basic', 1, 1],
  ['boolean-from-string', 'basic', 1, 1],
  ['not', 'basic', 1, 1],
  ['regex', 'regex', 2, 2],
  ['checklist', 'basic', 2, ANY],
  ['weighted-checklist', 'basic', 2, ANY, 'even', 'an even number of arguments (min, max, then value and weight pairs)'],
  // Numbers
  ['number', 'basic', 1, 1],
  ['random', 'basic', 0, 0],
  ['int', 'basic', 1, 1],
  ['round', 'basic', 1, 2],
  ['floor', 'basic', 1, 1],
  ['ceiling', 'basic', 1, 1],
  ['sum', 'basic', 1, 1],
  ['max', 'basic', 1, ANY],
  ['min', 'basic', 1, ANY],
  ['pow', 'basic', 2, 2],
  ['log', 'basic', 1, 1],
  ['log10', 'basic', 1, 1],
  ['abs', 'basic', 1, 1],
  ['sin', 'basic', 1, 1],
  ['cos', 'basic', 1, 1],
  ['tan', 'basic', 1, 1],
  ['asin', 'basic', 1, 1],
  ['acos', 'basic', 1, 1],
  ['atan', 'basic', 1, 1],
  ['atan2', 'basic', 2, 2],
  ['sqrt', 'basic', 1, 1],
  ['exp', 'basic', 1, 1],
  ['exp10', 'basic', 1, 1],
  ['pi', 'basic', 0, 0],
  // Node-sets
  ['count', 'basic', 1, 1],
  ['count-non-empty', 'basic', 1, 1],
  ['position', 'basic', 0, 1],
  ['last', 'basic', 0, 0],
  ['current', 'basic', 0, 0],
  ['instance', 'external', 1, 1],
  ['randomize', 'randomize', 1, 2],
  // Dates and times
  ['today', 'basic', 0, 0],
  ['now', 'basic', 0, 0],
  ['date', 'dates', 1, 1],
  ['date-time', 'dates', 1, 1],
  ['decimal-date-time', 'dates', 1, 1],
  ['decimal-time', 'dates', 1, 1],
  ['format-date', 'dates', 2, 2],
  ['format-date-time', 'dates', 2, 2],
  // Choices
  ['selected', 'basic', 2, 2],
  ['is-selected', 'basic', 2, 2],
  ['selected-at', 'basic', 2, 2],
  ['count-selected', 'basic', 1, 1],
  ['jr:choice-name', 'basic', 2, 2],
  // Repeats
  ['indexed-repeat', 'basic', 3, 7, 'odd', '3, 5 or 7 arguments (the item, then a repeat and an index for each level)'],
  // Geography
  ['area', 'geo', 1, 1],
  ['distance', 'geo', 1, ANY],
  ['geofence', 'geo', 2, 2],
  // The form
  ['version', 'basic', 0, 0],
];

export const CATALOG: ReadonlyMap<string, FunctionSpec> = new Map(
  TABLE.map(([name, group, min, max, parity, arityNote]) => [name, { group, min, max, ...(parity ? { parity } : {}), ...(arityNote ? { arityNote } : {}) }]),
);

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

/** Whether `count` arguments are allowed. */
export function arityAllows(spec: FunctionSpec, count: number): boolean {
  if (count < spec.min || count > spec.max) return false;
  return spec.parity === undefined || count % 2 === (spec.parity === 'odd' ? 1 : 0);
}

/** "takes 1 argument", "takes 1 or 2 arguments", "takes no arguments", "takes 2 or more arguments". */
export function arityText(spec: FunctionSpec): string {
  const n = (k: number) => counted(k, 'argument');
  if (spec.arityNote) return `takes ${spec.arityNote}`;
  if (spec.max === 0) return 'takes no arguments';
  if (spec.min === spec.max) return `takes ${n(spec.min)}`;
  if (spec.max === Infinity) return `takes ${spec.min} or more arguments`;
  return `takes ${spec.min} or ${n(spec.max)}`;
}

/**
 * The function groups an expression calls: the group of each function it calls, and 'external' for
 * an instance('...') path. 'basic' is always loaded and is left out. Added to `into` when given.
 */
export function functionGroups(expr: Expr, into: Set<LazyGroup> = new Set()): Set<LazyGroup> {
  const visit = (node: Expr): void => {
    switch (node.kind) {
      case 'instance':
        into.add('external');
        node.filters.forEach(visit);
        return;
      case 'negate':
        visit(node.operand);
        return;
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
      case 'call': {
        const group = CATALOG.get(node.name)?.group;
        if (group && group !== 'basic') into.add(group);
        node.args.forEach(visit);
        return;
      }
      default:
        return;
    }
  };
  visit(expr);
  return into;
}
