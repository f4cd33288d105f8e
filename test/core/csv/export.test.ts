import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { BundleResponse } from '../../../src/core/bundle/types';
import { codebookTable, csvText, longTable, protectText, wideTable, type Table } from '../../../src/core/csv/index';
import type { Instrument } from '../../../src/core/instrument/types';
import { currentResponses, mergeAll } from '../../../src/core/merge/index';
import { deviceABundle, deviceBBundle, IDS } from '../../fixtures/bundles/make-fixtures';

const form = JSON.parse(readFileSync(join(__dirname, '../../fixtures/bundles/field-form.json'), 'utf8')) as Instrument;
const responses = currentResponses(mergeAll([deviceABundle(), deviceBBundle()]));
const byId = (rows: Record<string, string>[], id: string) => rows.find((r) => r.id === id)!;

/** Writes the table as CSV and reads it back with papaparse, as a researcher's tools would. */
function roundTrip(table: Table, separator: ',' | ';' = ',') {
  const text = csvText(table.columns.map((c) => c.name), table.rows, { separator });
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true, delimiter: separator });
  expect(parsed.errors).toEqual([]);
  return { text, rows: parsed.data, header: parsed.meta.fields! };
}

describe('the wide layout', () => {
  it('one row per response: the metadata, then the items in instrument order with their extra columns', () => {
    const { text, rows, header } = roundTrip(wideTable(form, responses));
    expect(text.startsWith('\uFEFFid,studyId,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(responses.length + 2);
    expect(header).toEqual([
      'id', 'studyId', 'studyVersion', 'respondentCode', 'status', 'createdAt', 'completedAt', 'interviewer', 'lang', 'example',
      'referralCode', 'referralParent', 'referralWave',
      'sector', 'age', 'income', 'langs', 'langs_other', 'langs_kk', 'langs_ru', 'langs_en', 'langs_other_chosen', 'comment', 's1', 's2', 's3',
    ]);
    expect(byId(rows, IDS.r1)).toMatchObject({ sector: 'public', age: '35', income: '1250.5', langs: 'kk ru', langs_kk: '1', langs_ru: '1', langs_en: '0', langs_other_chosen: '0', s1: '4', s3: '2', comment: 'Жауап берді' });
    expect(byId(rows, IDS.r2)).toMatchObject({ langs: 'ru other', langs_other: 'Узбекский', langs_other_chosen: '1', s2: 'dk', status: 'complete', lang: 'ru' });
    // Unanswered: empty cells, also the 0/1 columns of a multiple choice nobody answered. (r3 is in
    // conflict: the export has its default choice, device B's later revision.)
    expect(byId(rows, IDS.r3)).toMatchObject({ sector: 'private', age: '', langs: '', langs_kk: '' });
    const draft = roundTrip(wideTable(form, deviceABundle().responses)).rows;
    expect(byId(draft, IDS.r3)).toMatchObject({ status: 'draft', completedAt: '', sector: 'public' });
  });

  it('a response from a study link has its referral in three columns; the others leave them empty', () => {
    const linked: BundleResponse[] = [
      { ...responses[0]!, referral: { code: 'B4NP9T', parent: 'K7M2QX', wave: 2 } },
      { ...responses[1]!, referral: { code: 'K7M2QX', wave: 0 } },
      responses[2]!,
    ];
    const table = wideTable(form, linked);
    expect(table.columns.find((c) => c.name === 'referralWave')).toMatchObject({ kind: 'meta', type: 'number' });
    const { rows } = roundTrip(table);
    expect(rows[0]).toMatchObject({ referralCode: 'B4NP9T', referralParent: 'K7M2QX', referralWave: '2' });
    expect(rows[1]).toMatchObject({ referralCode: 'K7M2QX', referralParent: '', referralWave: '0' });
    expect(rows[2]).toMatchObject({ referralCode: '', referralParent: '', referralWave: '' });
  });

  it('a personal item is left out unless asked for; notes only with includeNotes', () => {
    const plain = wideTable(form, responses).columns.map((c) => c.name);
    expect(plain).not.toContain('name');
    expect(plain).not.toContain('comment_note');
    const { rows } = roundTrip(wideTable(form, responses, { includePersonal: true, includeNotes: true }));
    expect(byId(rows, IDS.r2).name).toBe('Айгүл');
    expect(byId(rows, IDS.r1).comment_note).toBe('Тихо говорил');
  });

  it('labels in Kazakh, separated by ;, round-trip through papaparse', () => {
    const { text, rows } = roundTrip(wideTable(form, responses, { labels: 'kk' }), ';');
    expect(text.split('\r\n')[0]!.split(';').slice(13, 15)).toEqual(['sector', 'age']);
    expect(byId(rows, IDS.r1)).toMatchObject({ sector: 'Мемлекеттік сектор', langs: 'Қазақ тілі | Орыс тілі', s1: 'Келісемін', s2: 'Толық келісемін' });
    expect(byId(rows, IDS.r2)).toMatchObject({ s2: 'Білмеймін', langs: 'Орыс тілі | Басқа' });
    const ru = roundTrip(wideTable(form, responses, { labels: 'ru' })).rows;
    expect(byId(ru, IDS.r4).sector).toBe('Частный сектор');
  });
});

describe('formula injection and numbers', () => {
  it('a text cell that a spreadsheet would run gets a leading quote; numbers stay numbers', () => {
    expect(
      ['=1+1', '+7 701 555 0101', '-x', '@SUM(A1)', '\tcmd', '\rcmd', '-3', '+5', '-0.5e3', 'a=b', "'already"].map(protectText),
    ).toEqual(["'=1+1", "'+7 701 555 0101", "'-x", "'@SUM(A1)", "'\tcmd", "'\rcmd", '-3', '+5', '-0.5e3', 'a=b', "'already"]);
    expect(csvText(['a', 'b', 'c'], [[-3, '-3', '=HYPERLINK("http://x")']], { bom: false })).toBe('a,b,c\r\n-3,-3,"\'=HYPERLINK(""http://x"")"\r\n');
  });

  it('a formula hidden behind look-alike or invisible characters is protected too', () => {
    // Full-width and small forms of = + - @ (Excel with an East Asian input method, LibreOffice read
    // them as the ASCII ones), the minus sign, and a formula character after a space, a line break, a
    // no-break space, a zero-width space, a byte order mark or a direction mark (spreadsheets drop
    // leading white space before they look for a formula).
    const risky = [
      '\uFF1D1+1', '\uFF0B1', '\uFF0D1', '\uFF20SUM(A1)', '\uFE661+1', '\uFE621', '\uFE631', '\uFE6BSUM(A1)', '\u22121+1',
      ' =1+1', '   +1', '\n=1+1', '\n-1', '\u00A0=1+1', '\u200B=1+1', '\uFEFF=1+1', '\u200E@SUM(A1)', '\u3000=1', '\u2060-2',
      ' \u00A0\u200B\uFEFF=HYPERLINK("http://x")', '\n\uFF1D1', '\x00=1', '\x0B=1',
    ];
    for (const text of risky) expect(protectText(text), JSON.stringify(text)).toBe(`'${text}`);
    // A cell that starts with a line break or a tab is protected whatever follows (OWASP).
    expect(protectText('\nplain')).toBe("'\nplain");
    // Text that only looks near a formula stays as it is.
    for (const text of [' plain', '\u00A0x', 'a=b', 'x\uFF1D1', '\uFF11', '1-2', ' ']) expect(protectText(text), JSON.stringify(text)).toBe(text);
    expect(csvText(['a'], [[' =1+1'], ['\uFF1D1']], { bom: false })).toBe("a\r\n' =1+1\r\n'\uFF1D1\r\n");
  });

  it('a text of 100,000 digits after a minus and then a letter is protected at once (the number pattern backtracked for minutes)', () => {
    const long = '-' + '0'.repeat(100_000) + 'x';
    expect(protectText(long)).toBe(`'${long}`);
  });

  it('the fixture\'s =HYPERLINK comment reaches the CSV quoted and protected', () => {
    const { rows } = roundTrip(wideTable(form, responses));
    expect(byId(rows, IDS.r4).comment).toBe('\'=HYPERLINK("http://x")');
  });

  it('a negative decimal answer is a number cell, written as is', () => {
    const r: BundleResponse = { ...responses[0]!, answers: { income: { value: -3, at: '2024-05-01T10:00:00Z' }, comment: { value: '-3 and more', at: '2024-05-01T10:00:00Z' } } };
    const { rows } = roundTrip(wideTable(form, [r]));
    expect(rows[0]).toMatchObject({ income: '-3', comment: "'-3 and more" });
  });

  it('quotes, separators and line breaks inside cells survive', () => {
    const tricky = 'a "quoted", multi\r\nline; text';
    const r: BundleResponse = { ...responses[0]!, answers: { comment: { value: tricky, at: '2024-05-01T10:00:00Z' } } };
    for (const sep of [',', ';'] as const) expect(roundTrip(wideTable(form, [r]), sep).rows[0]!.comment).toBe(tricky);
  });
});

describe('the long layout and the codebook', () => {
  it('one row per answer given: id, item, value, other', () => {
    const { header, rows } = roundTrip(longTable(form, responses));
    expect(header).toEqual(['id', 'item', 'value', 'other']);
    expect(rows.filter((r) => r.id === IDS.r2).map((r) => [r.item, r.value, r.other])).toEqual([
      ['sector', 'private', ''],
      ['age', '51', ''],
      ['langs', 'ru other', 'Узбекский'],
      ['s1', '2', ''],
      ['s2', 'dk', ''],
      ['s3', '5', ''],
    ]);
    expect(roundTrip(longTable(form, responses, { includeNotes: true })).header).toEqual(['id', 'item', 'value', 'other', 'note']);
  });

  it('the codebook: each item with its labels in every language, then its codes; scales and reversal', () => {
    const cb = codebookTable(form);
    const text = csvText(cb.header, cb.rows);
    const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(cb.header).toEqual(['item', 'type', 'value', 'label_en', 'label_ru', 'label_kk', 'scale', 'reverse']);
    expect(rows.filter((r) => r.item === 'sector')).toEqual([
      { item: 'sector', type: 'select_one', value: '', label_en: 'Sector', label_ru: 'Сектор', label_kk: 'Сектор', scale: '', reverse: '' },
      { item: 'sector', type: '', value: 'public', label_en: 'Public sector', label_ru: 'Государственный сектор', label_kk: 'Мемлекеттік сектор', scale: '', reverse: '' },
      { item: 'sector', type: '', value: 'private', label_en: 'Private sector', label_ru: 'Частный сектор', label_kk: 'Жеке сектор', scale: '', reverse: '' },
    ]);
    expect(rows.find((r) => r.item === 's3' && r.type === 'likert')).toMatchObject({ scale: 'trust', reverse: 'trust' });
    expect(rows.find((r) => r.item === 's1' && r.type === 'likert')).toMatchObject({ scale: 'trust', reverse: '' });
    expect(rows.filter((r) => r.item === 's1').map((r) => r.value)).toEqual(['', '1', '2', '3', '4', '5', 'dk']);
  });
});

describe('a ranking and a slider in the wide table', () => {
  const clinic: Instrument = {
    type: 'dala-instrument',
    version: 3,
    id: 'clinic',
    studyVersion: '1',
    title: { en: 'Clinic' },
    languages: ['en'],
    choiceLists: { needs: [{ name: 'roads', label: { en: 'Roads' } }, { name: 'water', label: { en: 'Water' } }, { name: 'light', label: { en: 'Lighting' } }] },
    likertScales: {},
    sections: [
      {
        name: 's',
        label: { en: 'S' },
        items: [
          { name: 'crowding', type: 'range', range: { start: 0, end: 10, step: 1 }, label: { en: 'Crowding' } },
          { name: 'needs', type: 'rank', choices: 'needs', label: { en: 'Needs' } },
        ],
      },
    ],
    scales: [],
  };
  const answered = {
    ...responses[0]!,
    studyId: 'clinic',
    answers: { crowding: { value: 7, at: '2024-05-01T10:00:00Z' }, needs: { value: ['water', 'roads', 'light'], at: '2024-05-01T10:00:00Z' } },
  } as BundleResponse;

  it('the slider is a number; the ranking its order and one column per place, as Kobo exports it', () => {
    const table = wideTable(clinic, [answered]);
    const names = table.columns.map((c) => c.name);
    const at = (name: string) => table.rows[0]![names.indexOf(name)];
    expect(table.columns.find((c) => c.name === 'crowding')!.type).toBe('number');
    expect(at('crowding')).toBe(7);
    expect(names.filter((n) => n.startsWith('needs'))).toEqual(['needs', 'needs_1', 'needs_2', 'needs_3']);
    expect([at('needs'), at('needs_1'), at('needs_2'), at('needs_3')]).toEqual(['water roads light', 'water', 'roads', 'light']);
    expect(table.columns.find((c) => c.name === 'needs_1')!.codes!.map((c) => c.code)).toEqual(['roads', 'water', 'light']);
    const labelled = wideTable(clinic, [answered], { labels: 'en' });
    expect(labelled.rows[0]![labelled.columns.findIndex((c) => c.name === 'needs_2')]).toBe('Roads');
  });
});
