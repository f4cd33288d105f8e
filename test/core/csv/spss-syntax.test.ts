import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spssDataCsv, spssDataName, spssNames, spssSyntax, wideTable, type Column } from '../../../src/core/csv/index';
import type { Instrument } from '../../../src/core/instrument/types';
import { currentResponses, mergeAll } from '../../../src/core/merge/index';
import { deviceABundle, deviceBBundle } from '../../fixtures/bundles/make-fixtures';

const form = JSON.parse(readFileSync(join(__dirname, '../../fixtures/bundles/field-form.json'), 'utf8')) as Instrument;

describe('the SPSS syntax', () => {
  const table = wideTable(form, currentResponses(mergeAll([deviceABundle(), deviceBBundle()])));
  const sps = spssSyntax(table, { csvFile: 'data.csv', separator: ';', lang: 'kk', fallback: 'en' });
  const lines = sps.split('\n');

  it('reads the CSV as UTF-8 with every variable and its format', () => {
    expect(lines.slice(4, 14)).toEqual([
      'GET DATA',
      '  /TYPE=TXT',
      "  /FILE='data.csv'",
      "  /ENCODING='UTF8'",
      '  /ARRANGEMENT=DELIMITED',
      '  /DELCASE=LINE',
      '  /FIRSTCASE=2',
      '  /DELIMITERS=";"',
      `  /QUALIFIER='"'`,
      '  /VARIABLES=',
    ]);
    const vars = Object.fromEntries(lines.slice(14, 14 + table.columns.length).map((l) => l.trim().split(' ') as [string, string]));
    expect(vars).toMatchObject({ id: 'A36', sector: 'A7', age: 'F8.0', income: 'F19.1', langs: 'A8', langs_kk: 'F8.0', s1: 'A2', comment_: 'A23' });
    expect(Object.keys(vars)).toHaveLength(table.columns.length);
  });

  it('has variable labels and value labels in the chosen language, quotes doubled', () => {
    expect(sps).toContain("  /sector 'Сектор'\n");
    expect(sps).toContain("  /langs_kk 'Тілдер: Қазақ тілі'\n");
    expect(sps).toMatch(/VALUE LABELS\n {2}example\n {4}0 'Жоқ'\n {4}1 'Иә'\n {2}\/sector\n {4}'public' 'Мемлекеттік сектор'\n {4}'private' 'Жеке сектор'\n/);
    expect(sps).toContain("    'dk' 'Білмеймін'\n");
    expect(sps).toContain("  /langs_kk\n    0 'Жоқ'\n    1 'Иә'\n");
    expect(sps.trimEnd().endsWith('EXECUTE.')).toBe(true);
  });

  it('names SPSS cannot take are changed, uniquely and ignoring case', () => {
    const col = (name: string): Column => ({ name, kind: 'meta', type: 'text', label: { en: name } });
    expect(spssNames(['_x-y', 'BY', 'q1', 'Q1', '1st', 'a.', 'x'.repeat(70)].map(col))).toEqual(['v_x_y', 'BY_', 'q1', 'Q1_2', 'v1st', 'a', 'x'.repeat(60)]);
    // A line opening with COMMENT (from 4 letters) or DOCUMENT (from 3) is a command of its own.
    expect(spssNames(['comment', 'Comm', 'com', 'comments', 'doc', 'DOCUMENT', 'docs'].map(col))).toEqual(['comment_', 'Comm_', 'com', 'comments', 'doc_', 'DOCUMENT_', 'docs']);
  });

  it('a long label is cut to SPSS\'s limit and split so no line is too long', () => {
    const long = { ...table, columns: [{ ...table.columns[0]!, label: { en: 'Ж'.repeat(300) } }], rows: [] };
    const text = spssSyntax(long, { csvFile: 'd.csv' });
    const label = text.slice(text.indexOf('VARIABLE LABELS'));
    expect(Math.max(...text.split('\n').map((l) => Buffer.byteLength(l)))).toBeLessThan(256);
    expect((label.match(/Ж/g) ?? []).length).toBe(127);
  });

  it('reads a copy of the CSV with one line per response: line breaks in a cell become a space', () => {
    expect(spssDataName('data.sps')).toBe('data-spss.csv');
    expect(spssDataName('study-1.SPS')).toBe('study-1-spss.csv');
    const col = (name: string): Column => ({ name, kind: 'meta', type: 'text', label: { en: name } });
    const t = { columns: [col('id'), col('comment')], rows: [['a', 'one\r\ntwo\n\nthree\u2028four'], ['b', '=1+2\nx']] };
    expect(spssDataCsv(t, ';')).toBe('\uFEFFid;comment\r\na;one two three four\r\nb;\'=1+2 x\r\n');
    expect(spssSyntax(t, { csvFile: 'x-spss.csv' })).toMatch(/\n {4}comment_ A18\n/);
  });
});
