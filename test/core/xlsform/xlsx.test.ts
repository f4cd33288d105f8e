/**
 * .xlsx -> sheets: what a spreadsheet program writes, and what a hostile file may try.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DalaError } from '../../../src/core/errors';
import { XlsFormError, importXlsForm, readXlsx, type Workbook } from '../../../src/core/xlsform/index';
import { makeXlsx, type SheetSpec } from '../../fixtures/xlsform/generate';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const sheetXml = (body: string, prefix = '') =>
  prefix
    ? `<?xml version="1.0"?><${prefix}:worksheet xmlns:${prefix}="${NS}"><${prefix}:sheetData>${body}</${prefix}:sheetData></${prefix}:worksheet>`
    : `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${body}</sheetData></worksheet>`;

function read(sheets: SheetSpec[], extraEntries?: Record<string, string>): Workbook {
  return readXlsx(makeXlsx(sheets, extraEntries ? { extraEntries } : {}), 'form.xlsx');
}

function cells(wb: Workbook, sheet = 0): [number, string[]][] {
  return wb.sheets[sheet]!.rows.map((r) => [r.row, r.cells]);
}

/** The reason readXlsx gives for these bytes (it must throw an XlsFormError). */
function refusal(bytes: Uint8Array, limits?: Parameters<typeof readXlsx>[2]): string {
  try {
    readXlsx(bytes, 'form.xlsx', limits);
  } catch (e) {
    expect(e).toBeInstanceOf(XlsFormError);
    expect(e).toBeInstanceOf(DalaError);
    expect((e as DalaError).code).toBe('xlsform');
    expect((e as XlsFormError).problems).toHaveLength(1);
    expect((e as XlsFormError).problems[0]!.file).toBe('form.xlsx');
    return (e as Error).message;
  }
  throw new Error('expected readXlsx to refuse the file');
}

/** Sets the uncompressed size an entry declares in the central directory. */
function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = out.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(out.subarray(at + 46, at + 46 + nameLength)) === name) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

describe('reading cells', () => {
  it('reads inline strings, numbers and booleans by sheet name', () => {
    const wb = read([
      { name: 'survey', rows: [['type', 'name'], ['integer', 'n', 12, true, false]] },
      { name: 'choices', rows: [['list_name']] },
    ]);
    expect(wb.sheets.map((s) => s.name)).toEqual(['survey', 'choices']);
    expect(cells(wb)).toEqual([
      [1, ['type', 'name']],
      [2, ['integer', 'n', '12', 'TRUE', 'FALSE']],
    ]);
  });

  it('places sparse cells by their reference, and cells without one after the previous', () => {
    const wb = read([
      {
        name: 'survey',
        rows: [],
        xml: sheetXml(
          '<row r="3"><c r="AB3" t="inlineStr"><is><t>far</t></is></c></row>' +
            '<row><c t="inlineStr"><is><t>a</t></is></c><c r="C4" t="inlineStr"><is><t>c</t></is></c><c t="inlineStr"><is><t>d</t></is></c></row>' +
            '<row r="9"><c r="A9" s="0"/><c r="B9"/></row>',
        ),
      },
    ]);
    expect(cells(wb)).toEqual([
      [3, [...new Array<string>(27).fill(''), 'far']],
      [4, ['a', '', 'c', 'd']],
    ]);
  });

  it('reads shared strings, rich text runs without phonetic runs, and escapes', () => {
    const sst =
      `<?xml version="1.0"?><sst xmlns="${NS}">` +
      '<si><t>plain &amp; &lt;simple&gt; &#1041;&#x430;</t></si>' +
      '<si><r><t>rich </t></r><r><rPr><b/></rPr><t xml:space="preserve">text </t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>' +
      '<si><t>line_x000D_break</t></si>' +
      '</sst>';
    const sheet = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>');
    const bytes = makeXlsx([{ name: 'survey', rows: [], xml: sheet }], {
      sharedStrings: true,
      extraEntries: { 'xl/sharedStrings.xml': sst },
    });
    expect(cells(readXlsx(bytes, 'form.xlsx'))).toEqual([[1, ['plain & <simple> Ба', 'rich text ', 'line\rbreak']]]);
  });

  it('reads namespace-prefixed XML, formula results and date-formatted numbers', () => {
    const wb = read([
      {
        name: 'survey',
        rows: [],
        xml: sheetXml(
          '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>hi</x:t></x:is></x:c>' +
            '<x:c r="B1" t="str"><x:f>A1&amp;"!"</x:f><x:v>hi!</x:v></x:c>' +
            '<x:c r="C1" s="1"><x:v>45413</x:v></x:c><x:c r="D1" s="1"><x:v>0.5</x:v></x:c><x:c r="E1" s="1"><x:v>1</x:v></x:c>' +
            '<x:c r="F1" t="e"><x:v>#N/A</x:v></x:c></x:row>',
          'x',
        ),
      },
    ]);
    expect(cells(wb)).toEqual([[1, ['hi', 'hi!', '2024-05-01', '12:00', '1900-01-01', '#N/A']]]);
  });

  it('reads only the sheets asked for and lists the others', () => {
    const bytes = makeXlsx([
      { name: 'survey', rows: [['type']] },
      { name: 'notes', rows: [['anything']] },
    ]);
    const wb = readXlsx(bytes, 'form.xlsx', { wanted: (n) => n === 'survey' });
    expect(wb.sheets.map((s) => s.name)).toEqual(['survey']);
    expect(wb.otherSheets).toEqual(['notes']);
  });
});

describe('hostile and broken files', () => {
  const normal = () => makeXlsx([{ name: 'survey', rows: [['type', 'name', 'label'], ['text', 'a', 'A']] }]);

  it('refuses what is not a zip, naming the file', () => {
    expect(refusal(strToU8('type,name,label\ntext,a,A\n'))).toBe('form.xlsx: not an xlsx file (it is not a zip archive)');
    expect(refusal(new Uint8Array(0))).toBe('form.xlsx: not an xlsx file (it is not a zip archive)');
  });

  it('an .xls workbook is not an xlsx; importXlsForm reads it with the .xls reader (xls.test.ts)', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(refusal(ole)).toBe('form.xlsx: not an xlsx file (it is not a zip archive)');
    const result = importXlsForm(ole, 'form.xls');
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual(['not an Excel workbook (not a compound file)']);
  });

  it('refuses a truncated file and a zip without a workbook', () => {
    const bytes = normal();
    expect(refusal(bytes.subarray(0, bytes.length >> 1))).toContain('form.xlsx: not an xlsx file (no zip directory found');
    expect(refusal(zipSync({ 'readme.txt': strToU8('hello') }))).toBe('form.xlsx: not an xlsx file (it has no workbook part xl/workbook.xml)');
  });

  it('caps the size of the file', () => {
    expect(refusal(normal(), { limits: { maxBytes: 1000 } })).toMatch(/^form\.xlsx: the file has [0-9.]+ KB; Dala reads XLSForms of up to 1000 bytes$/);
  });

  it('caps the number of zip entries', () => {
    const extra = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`junk/${i}.txt`, 'x']));
    expect(refusal(makeXlsx([{ name: 'survey', rows: [['type']] }], { extraEntries: extra }))).toContain('the archive lists 1007 entries');
  });

  it('stops inflating a part that grows past the size it declares (a zip bomb)', () => {
    const padding = ' '.repeat(5_000_000);
    const bomb = makeXlsx([{ name: 'survey', rows: [], xml: sheetXml(padding) }]);
    expect(bomb.length).toBeLessThan(20_000);
    const lying = patchDeclaredSize(bomb, 'xl/worksheets/sheet1.xml', 1000);
    expect(refusal(lying)).toBe('form.xlsx: cannot be read: the part xl/worksheets/sheet1.xml inflates to more than the 1000 bytes it declares (a zip bomb?)');
  });

  it('refuses parts that would inflate past the total cap, before inflating them', () => {
    const huge = patchDeclaredSize(normal(), 'xl/worksheets/sheet1.xml', 0xfffffff0);
    expect(refusal(huge)).toBe('form.xlsx: cannot be read: its parts would inflate to more than 100 MB (a zip bomb, or far too large a form)');
    expect(refusal(normal(), { limits: { maxUncompressed: 1000 } })).toContain('would inflate to more than 1000 bytes');
  });

  it('refuses XML with a DOCTYPE, so entities are never expanded', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
      `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    expect(refusal(makeXlsx([{ name: 'survey', rows: [], xml: laughs }]))).toBe(
      'form.xlsx: the part xl/worksheets/sheet1.xml is not valid XML: it declares a DOCTYPE or entities, which SpreadsheetML never does',
    );
  });

  it('caps rows and columns', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`r${i}`]);
    expect(refusal(makeXlsx([{ name: 'survey', rows }]), { limits: { maxRows: 20 } })).toBe("form.xlsx: sheet 'survey' has more than 20 rows");
    const wide = sheetXml('<row r="1"><c r="AMJ1" t="inlineStr"><is><t>last</t></is></c></row><row r="2"><c r="AMK2" t="inlineStr"><is><t>x</t></is></c></row>');
    expect(refusal(makeXlsx([{ name: 'survey', rows: [], xml: wide }]))).toBe("form.xlsx: sheet 'survey' has a value in column AMK; Dala reads up to 1024 columns");
  });

  it('refuses a cell that points at a shared string that does not exist', () => {
    const xml = sheetXml('<row r="2"><c r="B2" t="s"><v>7</v></c></row>');
    const bytes = makeXlsx([{ name: 'survey', rows: [], xml }], { sharedStrings: true });
    expect(refusal(bytes)).toBe('form.xlsx: the file is damaged: a cell refers to shared string 7, which does not exist');
  });

  it('importXlsForm returns the refusal as a problem instead of throwing', () => {
    const result = importXlsForm(strToU8('not a spreadsheet'), 'notes.xlsx');
    expect(result).toEqual({
      ok: false,
      problems: [{ severity: 'error', file: 'notes.xlsx', message: 'not an xlsx file (it is not a zip archive)' }],
    });
  });
});
