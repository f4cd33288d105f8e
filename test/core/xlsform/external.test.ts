/**
 * External data: a form with the files it reads (select_one_from_file, search(), pulldata(),
 * instance()), converted and then run, as a researcher would give it to Dala.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/core/errors';
import { ALL_FUNCTIONS } from '../../../src/core/expr/all-functions';
import { attachmentRows, csvCells } from '../../../src/core/instrument/attachments';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument, Item } from '../../../src/core/instrument/types';
import { compileInstrument, computeFormState } from '../../../src/core/responses/form-state';
import { startValues } from '../../../src/core/responses/session-values';
import { convertXlsForm, parseSearch, sheetFromRows, type FormFile, type XlsFormResult } from '../../../src/core/xlsform/index';

type Row = (string | number | boolean | null)[];

const encoder = new TextEncoder();
const file = (name: string, text: string): FormFile => ({ name, bytes: encoder.encode(text) });

function convert(form: { survey: Row[]; choices?: Row[]; files?: FormFile[] }): XlsFormResult {
  const sheets = [sheetFromRows('survey', form.survey)];
  if (form.choices) sheets.push(sheetFromRows('choices', form.choices));
  sheets.push(sheetFromRows('settings', [['form_id', 'version'], ['shop', '1']]));
  return convertXlsForm({ sheets }, 'shop.xlsx', form.files ?? []);
}

function ok(result: XlsFormResult): { instrument: Instrument; warnings: Problem[] } {
  if (!result.ok) throw new Error(`expected a form, got problems:\n${result.problems.map((p) => `${p.sheet} ${p.row} ${p.column}: ${p.message}`).join('\n')}`);
  return result;
}

function errors(result: XlsFormResult): Problem[] {
  if (result.ok) throw new Error('expected problems, got a form');
  return result.problems.filter((p) => p.severity === 'error');
}

function items(instrument: Instrument): Record<string, Item> {
  return Object.fromEntries(instrument.sections.flatMap((s) => s.items.map((i) => [i.name, i])));
}

const districts = 'name,label,label::Русский (ru),region\nalmaty,Almaty,Алматы,south\nastana,Astana,Астана,north\nshymkent,Shymkent,Шымкент,south\n';
const prices = 'item,price,unit\nrice,450,kg\n"flour, white",300,kg\ntea,"1,200",pack\n';

describe('files read as data', () => {
  it('reads CSV as spreadsheets write it: quotes, commas and quotes inside, CRLF, a byte order mark', () => {
    expect(csvCells('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n1,\n').cells).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['1', ''],
    ]);
    expect(csvCells('a\n"open').problem).toMatch(/never closed/);
  });

  it("reads ODK's XML: each child of the root a row, each of its children a field", () => {
    const xml = '<?xml version="1.0"?><root><item><name>a</name><label>A &amp; B</label></item><!-- x --><item><name>b</name><label><![CDATA[<B>]]></label><extra/></item></root>';
    expect(attachmentRows({ mediaType: 'application/xml', content: xml }).rows.map((r) => ({ ...r }))).toEqual([
      { name: 'a', label: 'A & B' },
      { name: 'b', label: '<B>', extra: '' },
    ]);
    expect(attachmentRows({ mediaType: 'application/xml', content: '<!DOCTYPE x [<!ENTITY a "b">]><root/>' }).problem).toMatch(/DOCTYPE/);
  });

  it('a column named like an object property is plain data', () => {
    const rows = attachmentRows({ mediaType: 'text/csv', content: '__proto__,constructor\nx,y\n' }).rows;
    expect(rows[0]!['__proto__']).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('select_one_from_file', () => {
  const survey: Row[] = [
    ['type', 'name', 'label', 'choice_filter'],
    ['select_one regions', 'region', 'Region', ''],
    ['select_one_from_file districts.csv', 'district', 'District', 'region = ${region}'],
  ];
  const choices: Row[] = [
    ['list_name', 'name', 'label'],
    ['regions', 'south', 'South'],
    ['regions', 'north', 'North'],
  ];

  it("becomes a select over the file's rows, labels in each language, filtered by a column of the file", () => {
    const { instrument } = ok(convert({ survey, choices, files: [file('districts.csv', districts)] }));
    const district = items(instrument).district!;
    expect(district.type).toBe('select_one');
    expect(instrument.choiceLists[district.choices!]).toEqual([
      { name: 'almaty', label: { en: 'Almaty', ru: 'Алматы' }, attributes: { region: 'south' } },
      { name: 'astana', label: { en: 'Astana', ru: 'Астана' }, attributes: { region: 'north' } },
      { name: 'shymkent', label: { en: 'Shymkent', ru: 'Шымкент' }, attributes: { region: 'south' } },
    ]);
    expect(district.choiceFilter).toBe('region = ${region}');
    const state = computeFormState(compileInstrument(instrument, ALL_FUNCTIONS), { region: 'south' }, '2024-05-01');
    expect(state.items.get('district')!.choices).toEqual(['almaty', 'shymkent']);
    // The instrument carries the file, with its SHA-256, and reads back as it was written.
    expect(instrument.attachments).toEqual([
      { name: 'districts.csv', mediaType: 'text/csv', content: districts, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(parseInstrument(JSON.parse(JSON.stringify(instrument))).ok).toBe(true);
  });

  it('takes the columns the parameters name, and ODK XML files', () => {
    const xml = '<root><item><id>1</id><title>One</title></item><item><id>2</id><title>Two</title></item></root>';
    const { instrument } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'parameters'],
          ['select_multiple_from_file numbers.xml', 'n', 'Numbers', 'value=id label=title'],
        ],
        files: [file('numbers.xml', xml)],
      }),
    );
    const n = items(instrument).n!;
    expect(n.type).toBe('select_multiple');
    expect(instrument.choiceLists[n.choices!]!.map((c) => [c.name, c.label.en])).toEqual([
      ['1', 'One'],
      ['2', 'Two'],
    ]);
  });

  it('a missing file is named with its row and column; a file without the codes column too', () => {
    const missing = errors(convert({ survey, choices }));
    expect(missing.map((p) => [p.sheet, p.row, p.column, p.message])).toEqual([
      ['survey', 3, 'type', expect.stringContaining("the form reads the file 'districts.csv' (select_one_from_file), which is not among its files")],
    ]);
    const noName = errors(convert({ survey, choices, files: [file('districts.csv', 'code,label\na,A\n')] }));
    expect(noName[0]!.message).toMatch(/file districts.csv has no column 'name'/);
  });

  it('5,000 rows make a list of 5,000 choices', () => {
    const big = ['name,label', ...Array.from({ length: 5000 }, (_, i) => `u${i},Union ${i}`)].join('\n');
    const { instrument } = ok(
      convert({ survey: [['type', 'name', 'label'], ['select_one_from_file unions.csv', 'union', 'Union']], files: [file('unions.csv', big)] }),
    );
    expect(instrument.choiceLists[items(instrument).union!.choices!]).toHaveLength(5000);
  });
});

describe('pulldata() and instance()', () => {
  const survey: Row[] = [
    ['type', 'name', 'label', 'default', 'calculation'],
    ['text', 'item', 'Item', 'rice', ''],
    ['decimal', 'price', 'Price', '', "pulldata('prices', 'price', 'item', ${item})"],
    ['text', 'rice_unit', 'Unit of rice', "pulldata('prices', 'unit', 'item', 'rice')", ''],
    ['calculate', 'tea', '', '', "instance('prices')/root/item[item = 'tea']/price"],
    ['integer', 'count', 'How many items are sold', '', "count(instance('prices')/root/item)"],
  ];

  it('read the attached file while the form runs, and a default is filled from it', () => {
    const { instrument } = ok(convert({ survey, files: [file('prices.csv', prices)] }));
    const compiled = compileInstrument(instrument, ALL_FUNCTIONS);
    const start = startValues(compiled, { now: '2024-05-01T09:00:00Z', today: '2024-05-01', deviceId: 'd', username: 'u', sessionId: 's' });
    expect(start.rice_unit).toBe('kg');
    const state = computeFormState(compiled, { ...start, item: 'flour, white' }, '2024-05-01');
    expect(state.items.get('price')!.computed).toBe(300);
    expect(state.effective.tea).toBe('1,200');
    expect(state.items.get('count')!.computed).toBe(3);
  });

  it('a file they read that is missing is named at its expression', () => {
    const found = errors(convert({ survey }));
    expect(found.map((p) => [p.row, p.column])).toEqual([
      [3, 'calculation'],
      [4, 'default'],
      [5, 'calculation'],
      [6, 'calculation'],
    ]);
    expect(found[0]!.message).toMatch(/'prices.csv' \(pulldata\(\)\)/);
    expect(found[2]!.message).toMatch(/'prices.csv' \(instance\('prices'\)\)/);
  });

  it('a file given but not read is left out with a warning', () => {
    const { instrument, warnings } = ok(convert({ survey, files: [file('prices.csv', prices), file('notes.csv', 'a\n1\n'), file('photo.jpg', 'x')] }));
    expect(instrument.attachments!.map((a) => a.name)).toEqual(['prices.csv']);
    expect(warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/notes.csv is not read by the form/), expect.stringMatching(/'photo.jpg' is not read/)]),
    );
  });

  it('csv-external rows name the file they need', () => {
    const found = errors(convert({ survey: [['type', 'name', 'label'], ['csv-external', 'households', ''], ['text', 't', 'T']] }));
    expect(found[0]!.message).toMatch(/'households.csv' \(csv-external\)/);
  });
});

describe('the search() appearance', () => {
  const fruits = 'fruit,label_en,kind\napple,Apple,tree\nbanana,Banana,herb\ncherry,Cherry,tree\n';
  const choices: Row[] = [
    ['list_name', 'name', 'label'],
    ['fruitlist', 'fruit', 'label_en'],
  ];

  it("search('fruits') offers every row, with the columns the choices sheet names", () => {
    const { instrument } = ok(
      convert({ survey: [['type', 'name', 'label', 'appearance'], ['select_one fruitlist', 'f', 'Fruit', "minimal search('fruits')"]], choices, files: [file('fruits.csv', fruits)] }),
    );
    const f = items(instrument).f!;
    expect(f.appearance).toBe('minimal');
    expect(instrument.choiceLists[f.choices!]!.map((c) => [c.name, c.label.en])).toEqual([
      ['apple', 'Apple'],
      ['banana', 'Banana'],
      ['cherry', 'Cherry'],
    ]);
  });

  it("search('fruits', 'matches', 'kind', ${kind}) filters by an answer", () => {
    const { instrument } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'appearance'],
          ['text', 'kind', 'Kind', ''],
          ['select_one fruitlist', 'f', 'Fruit', "search('fruits', 'matches', 'kind', ${kind})"],
        ],
        choices,
        files: [file('fruits.csv', fruits)],
      }),
    );
    expect(items(instrument).f!.choiceFilter).toBe('kind = ${kind}');
    const state = computeFormState(compileInstrument(instrument, ALL_FUNCTIONS), { kind: 'tree' }, '2024-05-01');
    expect(state.items.get('f')!.choices).toEqual(['apple', 'cherry']);
  });

  it('reads the modes Collect has, and says what is wrong with one it cannot read', () => {
    expect(parseSearch("search('f', 'contains', 'name', 'ap')")).toEqual({ file: 'f', filter: "contains(name, 'ap')" });
    expect(parseSearch("search('f', 'startswith', 'name', ${q})")).toEqual({ file: 'f', filter: 'starts-with(name, ${q})' });
    expect(parseSearch("search('f', 'matches', 'a', 'x', 'b', ${y})")).toEqual({ file: 'f', filter: "a = 'x' and b = ${y}" });
    expect(parseSearch("search('f', 'near', 'a', 'x')")).toMatch(/not a search mode/);
    expect(parseSearch('search(f)')).toMatch(/in quotes/);
  });
});

describe('hostile data files and packages: read or refused with the reason, never a crash', () => {
  it('a quote never closed, a tag never closed, 100,000 nested elements, a million commas', () => {
    expect(attachmentRows({ mediaType: 'text/csv', content: 'a,b\n"' + 'x'.repeat(1_000_000) }).problem).toMatch(/never closed/);
    expect(attachmentRows({ mediaType: 'application/xml', content: '<root><item><name>a' }).problem).toMatch(/never closed|unterminated/);
    expect(attachmentRows({ mediaType: 'application/xml', content: '<a>'.repeat(100_000) + '</a>'.repeat(100_000) }).rows.length).toBeLessThanOrEqual(1);
    expect(attachmentRows({ mediaType: 'text/csv', content: 'a\n' + ','.repeat(1_000_000) }).rows).toHaveLength(1);
  });

  it('a data file that cannot be read is named as the sheet of its problem', () => {
    const result = convert({
      survey: [['type', 'name', 'label'], ['select_one_from_file bad.xml', 'b', 'B']],
      files: [file('bad.xml', '<!DOCTYPE x [<!ENTITY e "e">]><root/>')],
    });
    expect(errors(result).map((p) => [p.sheet, p.message])).toEqual([['bad.xml', 'file bad.xml cannot be read: it declares a DOCTYPE or entities, which Dala does not read']]);
  });

  it('a package without a form, and an archive that is not one', async () => {
    const { importFormFiles } = await import('../../../src/core/xlsform/index');
    const { zipSync, strToU8 } = await import('fflate');
    const messages = (files: FormFile[]) => {
      const r = importFormFiles(files);
      return r.ok ? [] : r.problems.map((p) => p.message);
    };
    expect(messages([file('a.csv', 'x\n1\n')])).toEqual(['no XLSForm (.xlsx or .xls) among the files']);
    expect(messages([{ name: 'p.zip', bytes: zipSync({ 'a/prices.csv': strToU8('x\n'), 'b/prices.csv': strToU8('y\n') }) }])).toEqual([
      'no XLSForm (.xlsx or .xls) among the files',
    ]);
    expect(messages([file('p.zip', 'PK not a zip')])[0]).toMatch(/^the archive cannot be read/);
  });
});
