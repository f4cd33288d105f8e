/**
 * Excel 97-2003 workbooks (.xls: BIFF8 in a compound file) are read like .xlsx: the same cells, the
 * same instrument, the same limits. The real .xls forms of the corpus are compared cell by cell with
 * xlrd (what pyxform reads .xls with); generated ones cover what real ones may hold; damaged and
 * hostile ones are refused with a reason, never a crash or a hang.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importXlsForm } from '../../../src/core/xlsform/index';
import { readXls } from '../../../src/core/xlsform/xls';
import { XlsFormError } from '../../../src/core/xlsform/xlsform-error';
import { makeXlsForm as makeXlsxForm } from '../../fixtures/xlsform/generate';
import { makeXls, makeXlsForm } from '../../fixtures/xlsform/generate-xls';
import { XLSFORMS_DIR } from '../../support/shared';

const fixtures = resolve(__dirname, '../../fixtures/xlsform');

/** Sheets as { name: { row: cells } }, trailing empty cells dropped. */
function cells(bytes: Uint8Array): Record<string, Record<string, string[]>> {
  const wb = readXls(bytes, 'form.xls');
  return Object.fromEntries(wb.sheets.map((s) => [s.name, Object.fromEntries(s.rows.map((r) => [String(r.row), r.cells]))]));
}

function refusal(bytes: Uint8Array): string {
  const result = importXlsForm(bytes, 'form.xls');
  if (result.ok) throw new Error('expected a refusal');
  return result.problems.map((p) => p.message).join('\n');
}

describe('reading .xls', () => {
  it('the real .xls forms of the corpus give the same cells as xlrd, which pyxform reads them with', () => {
    const script = `
import json, sys, xlrd
out = {}
for path in sys.argv[1:]:
    book = xlrd.open_workbook(path)
    sheets = {}
    for s in book.sheets():
        rows = {}
        for r in range(s.nrows):
            row = []
            for c in range(s.ncols):
                cell = s.cell(r, c)
                v = cell.value
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK): v = ''
                elif cell.ctype == xlrd.XL_CELL_NUMBER: v = repr(v)[:-2] if repr(v).endswith('.0') else repr(v)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN: v = 'TRUE' if v else 'FALSE'
                row.append(v)
            while row and row[-1] == '': row.pop()
            if row: rows[str(r + 1)] = row
        sheets[s.name] = rows
    out[path] = sheets
print(json.dumps(out))`;
    const forms = readdirSync(resolve(XLSFORMS_DIR, 'field'))
      .filter((f) => f.endsWith('.xls'))
      .map((f) => resolve(XLSFORMS_DIR, 'field', f))
      .filter((p) => readFileSync(p)[0] === 0xd0);
    expect(forms).toHaveLength(4);
    const xlrd = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...forms], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, unknown>;
    for (const path of forms) expect(cells(new Uint8Array(readFileSync(path))), path).toEqual(xlrd[path]);
  }, 60_000);

  it('an .xls and an .xlsx of the same form give the same instrument', () => {
    const xls = importXlsForm(new Uint8Array(readFileSync(resolve(fixtures, 'odk-types.xls'))), 'odk-types.xls');
    const xlsx = importXlsForm(new Uint8Array(readFileSync(resolve(fixtures, 'odk-types.xlsx'))), 'odk-types.xlsx');
    expect(xls.ok && xlsx.ok).toBe(true);
    if (xls.ok && xlsx.ok) expect(xls.instrument).toEqual(xlsx.instrument);
  });

  it('strings split across CONTINUE records, in one byte and in two bytes per character, and shared by many cells', () => {
    const long = `Қазақша: ${'сөз '.repeat(700)}`;
    const latin = `Latin: ${'word '.repeat(700)}`;
    const rows = [['type', 'name', 'label', 'hint'], ['text', 'a', long, latin], ['text', 'b', latin, long]];
    for (const continueAt of [40, 41, 100, 8224]) {
      expect(cells(makeXls([{ name: 'survey', rows }], { continueAt })).survey).toEqual({ '1': rows[0], '2': rows[1], '3': rows[2] });
    }
  }, 30_000);

  it('numbers as NUMBER and RK records, booleans, and numbers formatted as dates', () => {
    const rows = [['n', 'x', 'flag', 'day'], [1, 2.5, true, 45000], [-7, 1e21, false, 0.5]];
    const sheets = [{ name: 'survey', rows }];
    const dates = ['survey!D2', 'survey!D3'];
    for (const rk of [false, true]) {
      expect(cells(makeXls(sheets, { rk, dates })).survey).toEqual({
        '1': ['n', 'x', 'flag', 'day'],
        '2': ['1', '2.5', 'TRUE', '2023-03-15'],
        '3': ['-7', '1e+21', 'FALSE', '12:00'],
      });
    }
  });
});

describe('.xls that cannot be used', () => {
  it('a password-protected workbook, and one from Excel 95', () => {
    expect(refusal(makeXlsForm({ survey: [['type', 'name', 'label'], ['text', 'a', 'A']] }, { password: true }))).toBe(
      'the workbook is protected by a password: save it again without a password',
    );
    const old = makeXlsForm({ survey: [['type', 'name', 'label'], ['text', 'a', 'A']] });
    // The first BOF record's version: 0x0500 is BIFF5 (Excel 5.0 and 95).
    const at = findWorkbookStart(old);
    old[at + 4] = 0x00;
    old[at + 5] = 0x05;
    expect(refusal(old)).toBe('an Excel 5.0/95 workbook (or older), which Dala does not read: save it as Excel 97-2003 (.xls) or Excel Workbook (.xlsx)');
  });

  it('a sector chain that loops, and a directory that points outside the file, are refused at once', () => {
    const loop = makeXlsForm({ survey: [['type', 'name', 'label'], ['text', 'a', 'A']] });
    // The sector table is sector 0; make the Workbook stream's first sector point to itself.
    const view = new DataView(loop.buffer);
    const first = view.getUint32(directoryAt(loop) + 128 + 0x74, true);
    view.setUint32(512 + 4 * first, first, true);
    expect(refusal(loop)).toMatch(/^not an Excel workbook \(a (sector chain is damaged|stream is shorter than it says)\)$/);
    const outside = makeXlsForm({ survey: [['type', 'name', 'label'], ['text', 'a', 'A']] });
    new DataView(outside.buffer).setUint32(0x30, 99999, true);
    expect(refusal(outside)).toMatch(/^not an Excel workbook \(/);
  });

  it('one shared string in every cell is bounded by the characters of all cells, as in .xlsx', () => {
    const text = 'x'.repeat(9000);
    const survey = [['type', 'name', 'label', 'hint', 'label::ru', 'hint::ru'], ...Array.from({ length: 1000 }, (_, i) => ['text', `q${i}`, text, text, text, text])];
    const bytes = makeXlsForm({ survey });
    expect(bytes.length).toBeLessThan(150_000);
    expect(refusal(bytes)).toBe(
      "the cells of the form's sheets hold more than 8,000,000 characters together (one long text repeated in many cells?): Dala reads XLSForms of at most 8,000,000",
    );
  }, 30_000);

  it('damaged copies of a real .xls: a refusal with a reason, never a crash', () => {
    const good = new Uint8Array(readFileSync(resolve(fixtures, 'odk-types.xls')));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
        fc.option(fc.nat({ max: good.length }), { nil: undefined }),
        (flips, cut) => {
          const bytes = good.slice(0, cut ?? good.length);
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          const result = importXlsForm(bytes, 'damaged.xls');
          if (!result.ok) for (const p of result.problems) expect(p.file).toBe('damaged.xls');
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('readXls throws XlsFormError only', () => {
    expect(() => readXls(new Uint8Array(600).fill(0xd0), 'x.xls')).toThrow(XlsFormError);
  });
});

describe('the same form as .xls and .xlsx', () => {
  it('every fixture table written both ways imports to the same instrument', () => {
    const form = {
      survey: [['type', 'name', 'label::English (en)', 'label::Русский (ru)', 'default'], ['integer', 'n', 'How many?', 'Сколько?', 3], ['date', 'd', 'When?', 'Когда?']],
      settings: [['form_id', 'version'], ['same', 1]],
    };
    const a = importXlsForm(makeXlsForm(form, { rk: true }), 'same.xls');
    const b = importXlsForm(makeXlsxForm(form), 'same.xlsx');
    expect(a.ok && b.ok && JSON.stringify(a.instrument) === JSON.stringify(b.instrument)).toBe(true);
  });
});

/** Offset of the directory in a file written by makeXls (512-byte sectors). */
function directoryAt(bytes: Uint8Array): number {
  return 512 * (new DataView(bytes.buffer).getUint32(0x30, true) + 1);
}

/** Offset of the Workbook stream's first record in a file written by makeXls. */
function findWorkbookStart(bytes: Uint8Array): number {
  return 512 * (new DataView(bytes.buffer).getUint32(directoryAt(bytes) + 128 + 0x74, true) + 1);
}
