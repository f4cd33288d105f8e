/**
 * Building blocks shared by the validators of untrusted JSON (instruments, bundles): valibot pieces
 * that count a list or an object's keys before looking at the entries (a million entries cost one
 * check), accept only plain JSON objects, and word their messages for a researcher
 * ("expected a text, got null", "at most 5,000 items, got 1,000,002").
 */
import * as v from 'valibot';

type Segment = string | number;

/** A short, safe description of a value for a message: never the whole of a long text. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `'${value.slice(0, 40)}...'` : `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export const count = (n: number) => n.toLocaleString('en-US');

/** "expected a text, got null". */
export const expected = (what: string) => (issue: v.BaseIssue<unknown>) => `expected ${what}, got ${describe(issue.input)}`;

/** For object schemas: a missing key gets "missing", any other input "expected ..., got ...". */
export const objectMessage = (what: string) => (issue: v.BaseIssue<unknown>) =>
  issue.input === undefined && issue.expected?.startsWith('"') ? 'missing' : `expected ${what}, got ${describe(issue.input)}`;

/** A JSON object as JSON.parse makes it: no arrays, no class instances, no borrowed prototype. */
export const isPlainObject = (x: unknown): x is Record<string, unknown> => {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
};

/** An array of at most `max` entries (at least `min`), each checked by `item` only after the count. */
export function list<T extends v.GenericSchema>(item: T, max: number, what: string, min = 0) {
  return v.pipe(
    v.array(v.unknown(), expected(`a list of ${what}`)),
    v.check(
      (a) => a.length <= max,
      (issue) => `at most ${count(max)} ${what}, got ${count((issue.input as unknown[]).length)}`,
    ),
    v.check(
      (a) => a.length >= min,
      (issue) => (min === 1 ? 'must not be empty' : `at least ${min} ${what}, got ${(issue.input as unknown[]).length}`),
    ),
    v.array(item),
  );
}

/** A JSON object used as a map, of at most `max` keys (at least `min`), checked only after the count. */
export function map<K extends v.GenericSchema<string, string>, T extends v.GenericSchema>(key: K, value: T, max: number, what: string, min = 0) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, expected(`an object of ${what}`)),
    v.check(
      (o) => Object.keys(o).length <= max,
      (issue) => `at most ${count(max)} ${what}, got ${count(Object.keys(issue.input as object).length)}`,
    ),
    v.check((o) => Object.keys(o).length >= min, () => 'must not be empty'),
    v.record(key, value),
  );
}

/** Keys that reach into prototypes when used on a plain object. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The path to the first key that reaches into prototypes (the key last), or null. */
export function unsafeKey(root: unknown, maxDepth: number, skip?: (path: readonly Segment[]) => boolean): Segment[] | null {
  const path: Segment[] = [];
  return visitKeys(root, 0, maxDepth, path, skip) ? path : null;
}

/** Depth-first over objects and arrays (no closure per call: this runs once per response). */
function visitKeys(value: unknown, depth: number, maxDepth: number, path: Segment[], skip?: (path: readonly Segment[]) => boolean): boolean {
  if (depth > maxDepth || typeof value !== 'object' || value === null) return false;
  if (skip?.(path)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const e: unknown = value[i];
      if (typeof e !== 'object' || e === null) continue;
      path.push(i);
      if (visitKeys(e, depth + 1, maxDepth, path, skip)) return true;
      path.pop();
    }
    return false;
  }
  for (const key of Object.keys(value)) {
    path.push(key);
    if (UNSAFE_KEYS.has(key)) return true;
    if (visitKeys((value as Record<string, unknown>)[key], depth + 1, maxDepth, path, skip)) return true;
    path.pop();
  }
  return false;
}
