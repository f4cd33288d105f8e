/**
 * Fuzz: CSV files of responses read against their form (Kobo's export, Dala's own wide export, the
 * scoring seed data), changed by ./mutate.ts: quotes, separators and line breaks inserted, cells
 * and rows cut, repeated or dropped, NUL bytes, `__proto__` headers, huge cells. Each is a bundle or
 * a typed error (CsvError names rows and columns); a bundle that reads is merged and exported. The
 * scorer's reader (responsesFromRows) never throws: responses or problems.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { openBundleFile } from '../../../src/adapters/crypto-age/index';
import { csvText, responsesFromRows, wideTable } from '../../../src/core/csv/index';
import { DalaError } from '../../../src/core/errors';
import type { Instrument } from '../../../src/core/instrument/types';
import { currentResponses, mergeAll } from '../../../src/core/merge/index';
import { deviceABundle, deviceBBundle } from '../../fixtures/bundles/make-fixtures';
import { applyTextEdits, expectPrototypeClean, parsesOrRefusesAsync, runs, textEdits } from './mutate';

const FIX = join(__dirname, '../../fixtures');
const form = JSON.parse(readFileSync(join(FIX, 'bundles/field-form.json'), 'utf8')) as Instrument;
const seedForm = JSON.parse(readFileSync(join(FIX, 'scoring/seed-form.json'), 'utf8')) as Instrument;
const wide = wideTable(form, currentResponses(mergeAll([deviceABundle(), deviceBBundle()])), { includeNotes: true });
const CSVS: [string, Instrument][] = [
  [readFileSync(join(FIX, 'bundles/kobo-export.csv'), 'utf8'), form],
  [csvText(wide.columns.map((c) => c.name), wide.rows), form],
  [csvText(wide.columns.map((c) => c.name), wide.rows, { separator: ';' }), form],
  [readFileSync(join(FIX, 'scoring/seed.csv'), 'utf8'), seedForm],
];
const encoder = new TextEncoder();

describe('fuzz: CSV files of responses', () => {
  it('a CSV changed: a bundle or a typed error naming where; what reads is merged and exported', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: CSVS.length - 1 }), textEdits, async (which, edits) => {
        const [text, instrument] = CSVS[which]!;
        const changed = applyTextEdits(text, edits);
        const out = await parsesOrRefusesAsync(() => openBundleFile('fuzz.csv', encoder.encode(changed), {}, { instruments: [instrument], fileTime: '2024-06-01T00:00:00Z' }));
        if (!(out instanceof DalaError)) {
          const merged = mergeAll([out.bundle, out.bundle]);
          wideTable(instrument, currentResponses(merged));
        }
        const rows = Papa.parse<string[]>(changed.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' }).data;
        const read = responsesFromRows(instrument, rows, 'fuzz.csv');
        expect(Array.isArray(read.problems)).toBe(true);
        expectPrototypeClean();
      }),
      runs(700),
    );
  }, 60_000);

  it('random rows of cells: responses or problems, never a throw', () => {
    const cell = fc.oneof(fc.constantFrom('', 'public', '4', 'dk', '__proto__', 'constructor', 'kk other', '1e999', '-0', '\u0000', '=1+1', 'instanceID', 'status', 'hacked'), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 }), (rows) => {
        const header = [['instanceID', 'sector', 'age', 'langs', 's1', '__proto__', 'status'], ...rows];
        responsesFromRows(form, header, 'fuzz.csv');
        responsesFromRows(form, rows, 'fuzz.csv');
        expectPrototypeClean();
      }),
      runs(500),
    );
  });
});
