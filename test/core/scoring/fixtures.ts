/** Loading the scoring fixtures (test/fixtures/scoring/): forms, data and the R oracle's figures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { expect } from 'vitest';
import { responsesFromRows, type ReadResponse } from '../../../src/core/csv/read-responses';
import type { Instrument } from '../../../src/core/instrument/types';

export const FIXTURES = join(__dirname, '../../fixtures/scoring');

export function loadForm(name: string): Instrument {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Instrument;
}

export function parseCsv(text: string): string[][] {
  return Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;
}

export function loadData(instrument: Instrument, name: string): ReadResponse[] {
  const read = responsesFromRows(instrument, parseCsv(readFileSync(join(FIXTURES, name), 'utf8')), name);
  expect(read.problems).toEqual([]);
  return read.responses;
}

export function loadExpected(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, `expected-${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** Deep comparison: same keys and strings, nulls where nulls, numbers within `tol` (relative above 1). */
export function expectClose(actual: unknown, expected: unknown, tol = 1e-9, path = '$'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, `${path}: expected a number, got ${JSON.stringify(actual)}`).toBe('number');
    const a = actual as number;
    expect(Number.isFinite(a), `${path}: ${a} is not finite`).toBe(true);
    const err = Math.abs(a - expected) / Math.max(1, Math.abs(expected));
    expect(err, `${path}: ${a} vs R ${expected}`).toBeLessThanOrEqual(tol);
  } else if (expected === null || typeof expected !== 'object') {
    expect(actual, path).toEqual(expected);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path}: expected an array`).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, tol, `${path}[${i}]`));
  } else {
    expect(actual !== null && typeof actual === 'object', `${path}: expected an object`).toBe(true);
    const a = actual as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path}: keys`).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) expectClose(a[k], e, tol, `${path}.${k}`);
  }
}
