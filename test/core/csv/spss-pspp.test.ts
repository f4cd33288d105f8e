/**
 * The generated SPSS syntax, run by GNU PSPP (the free reader of SPSS syntax) on a generated CSV:
 * every variable read, variable and value labels in Russian, values and missing cells. PSPP is a test
 * prerequisite (test/support/ensure-tools.mjs installs it): without it this test fails, it does not
 * skip. It found that a variable named `comment` ended GET DATA (a line opening with COMMENT is a
 * command of its own), losing every variable after it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runPspp } from '../../support/tool';
import { spssDataCsv, spssNames, spssSyntax, wideTable } from '../../../src/core/csv/index';
import type { Instrument } from '../../../src/core/instrument/types';
import { currentResponses, mergeAll } from '../../../src/core/merge/index';
import { deviceABundle, deviceBBundle, IDS } from '../../fixtures/bundles/make-fixtures';

const form = JSON.parse(readFileSync(join(__dirname, '../../fixtures/bundles/field-form.json'), 'utf8')) as Instrument;

const rows = (text: string) => Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;

describe('the SPSS syntax, run by PSPP', () => {
  for (const separator of [',', ';'] as const) {
    it(`reads the wide CSV (separator ${separator}) with every variable, Russian labels and the values`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'dala-pspp-'));
      const table = wideTable(form, currentResponses(mergeAll([deviceABundle(), deviceBBundle()])));
      writeFileSync(join(dir, 'data.csv'), spssDataCsv(table, separator));
      writeFileSync(join(dir, 'data.sps'), spssSyntax(table, { csvFile: 'data.csv', separator, lang: 'ru', fallback: 'en' }));
      const output = runPspp(
        dir,
        [
          "INCLUDE FILE='data.sps'.",
          "SAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /FIELDNAMES /CELLS=LABELS /REPLACE.",
          "SAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /FIELDNAMES /CELLS=VALUES /REPLACE.",
          'DISPLAY LABELS.',
        ].join('\n'),
      );
      // No error and no warning (a record with more fields than variables is one).
      expect(output).not.toMatch(/error|warning/i);

      const names = spssNames(table.columns);
      expect(names).toContain('comment_');
      const values = rows(readFileSync(join(dir, 'values.csv'), 'utf8'));
      const labels = rows(readFileSync(join(dir, 'labels.csv'), 'utf8'));
      expect(values).toHaveLength(4);
      expect(Object.keys(values[0]!)).toEqual(names);
      const byId = (rs: Record<string, string>[], id: string) => rs.find((r) => r.id === id)!;
      const [v1, v2, v3, v4] = [IDS.r1, IDS.r2, IDS.r3, IDS.r4].map((id) => byId(values, id)) as Record<string, string>[];
      const [l1, l2] = [IDS.r1, IDS.r2].map((id) => byId(labels, id)) as Record<string, string>[];
      expect(v1).toMatchObject({ sector: 'public', age: '35', income: '1250.5', langs_kk: '1', s1: '4' });
      expect(l1).toMatchObject({ sector: 'Государственный сектор', langs_kk: 'Да', langs_en: 'Нет', s1: 'Согласен' });
      expect(l2).toMatchObject({ sector: 'Частный сектор', s2: 'Затрудняюсь ответить', langs_other: 'Узбекский' });
      expect(v2!.s2).toBe('dk');
      expect(v3!.age?.trim()).toBe('');
      expect(v4!.comment_).toBe('\'=HYPERLINK("http://x")');

      // Variable labels, in Russian; a changed name keeps the original in its label.
      const label = (name: string) => output.split('\n').find((l) => l.startsWith(`${name},`))?.split(',').slice(2).join(',');
      expect(label('sector')).toBe('Сектор');
      expect(label('s1')).toBe('Утверждение 1');
      expect(label('langs_kk')).toBe('Языки: Казахский');
      expect(label('comment_')).toMatch(/^comment: /);
    }, 30_000);
  }
});
