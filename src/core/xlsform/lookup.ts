/**
 * Lookup tables keyed by text from the workbook (headers, types, sheet names, settings).
 *
 * A plain object answers `table['constructor']` and `table['__proto__']` from Object.prototype, so a
 * column header or a type cell spelled so would read a function or an object where a string is
 * expected (issue 14: `dala form` exited 1 with a TypeError). A Map answers only what was put in it.
 */
export function lookup<T>(entries: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(entries));
}
