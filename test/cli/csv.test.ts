import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import csv from '../../src/cli/csv';
import { IDS } from '../fixtures/bundles/make-fixtures';
import { runPspp } from '../support/tool';
import { runVerb, scratch, spawnCli } from './run';

const FILES = ['device-a.dala.json', 'device-b.dala.age', 'kobo-export.csv', 'field-form.json', 'researcher.key', 'broken-version.json'];
const read = (dir: string, name: string, delimiter = ',') => {
  const text = readFileSync(join(dir, name), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true, delimiter }).data;
};

describe('dala csv', () => {
  it('a researcher exports bundles and a Kobo CSV to a wide CSV with its codebook, R and SPSS scripts', async () => {
    const dir = scratch(...FILES);
    const { code, stdout, stderr } = await spawnCli(
      ['csv', '--form', 'field-form.json', '--identity', 'researcher.key', '--codebook', 'codebook.csv', '--r', 'data.R', '--spss', 'data.sps', '--lang', 'ru', '--out', 'data.csv', 'device-a.dala.json', 'device-b.dala.age', 'kobo-export.csv'],
      dir,
    );
    expect(code).toBe(0);
    expect(stderr).toBe('warning: 1 response in conflict; the latest revision of each is exported (dala merge keeps them all)\n');
    expect(stdout).toBe('data.csv: 6 responses, 6 rows x 26 columns (wide)\ncodebook.csv: written\ndata.R: written\ndata.sps: written\ndata-spss.csv: written\n');
    const rows = read(dir, 'data.csv');
    // Sorted by when the interview started.
    expect(rows.map((r) => r.id)).toEqual([IDS.r1, IDS.r2, IDS.r3, IDS.r4, '7d3a0c52-1111-4222-8333-444455556666', '8e4b1d63-2222-4333-8444-555566667777']);
    expect(rows[4]).toMatchObject({ sector: 'public', age: '45', langs: 'kk other', langs_other: 'Ұйғыр тілі', s2: '4' });
    expect(read(dir, 'codebook.csv')[0]).toMatchObject({ item: 'sector', type: 'select_one', label_kk: 'Сектор' });
    expect(readFileSync(join(dir, 'data.R'), 'utf8')).toContain('dala_file <- "data.csv"');
    expect(readFileSync(join(dir, 'data.sps'), 'utf8')).toContain("/sector '\u0421\u0435\u043a\u0442\u043e\u0440'");
  }, 60_000);

  it('long layout, labels in Kazakh, ; as separator, notes and personal items on request', async () => {
    const dir = scratch(...FILES);
    const r = await runVerb(csv, ['--form', 'field-form.json', '--layout', 'long', '--labels', 'kk', '--separator', ';', '--notes', '--include-personal', '--out', 'long.csv', 'device-a.dala.json'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const rows = read(dir, 'long.csv', ';');
    expect(Object.keys(rows[0]!)).toEqual(['id', 'item', 'value', 'other', 'note']);
    expect(rows.filter((x) => x.id === IDS.r2).map((x) => [x.item, x.value])).toContainEqual(['name', 'Айгүл']);
    expect(rows.find((x) => x.id === IDS.r1 && x.item === 'sector')!.value).toBe('Мемлекеттік сектор');
    expect(rows.find((x) => x.id === IDS.r1 && x.item === 'comment')!.note).toBe('Тихо говорил');
  });

  it('bad input or options exit 2 and write nothing', async () => {
    const dir = scratch(...FILES);
    const cases: [string[], string][] = [
      [['--out', 'x.csv', 'device-a.dala.json'], 'dala csv: --form FORM is required (see --help)\n'],
      [['--form', 'field-form.json', '--layout', 'tall', '--out', 'x.csv', 'device-a.dala.json'], "dala csv: --layout must be wide or long, not 'tall' (see --help)\n"],
      [['--form', 'field-form.json', '--separator', 'tab', '--out', 'x.csv', 'device-a.dala.json'], "dala csv: --separator must be , or ;, not 'tab' (see --help)\n"],
      [['--form', 'field-form.json', '--labels', 'ru', '--r', 'x.R', '--out', 'x.csv', 'device-a.dala.json'], 'dala csv: --r read a CSV of codes; leave out --labels (see --help)\n'],
      [['--form', 'field-form.json', '--layout', 'long', '--spss', 'x.sps', '--out', 'x.csv', 'device-a.dala.json'], 'dala csv: --spss reads the wide layout; leave out --layout long (--r reads either) (see --help)\n'],
      [['--form', 'field-form.json', '--spss', 'x.sps', '--out', 'x-spss.csv', 'device-a.dala.json'], 'dala csv: two of the files to write are x-spss.csv; give each option its own file (see --help)\n'],
      [['--form', 'field-form.json', '--out', 'device-a.dala.json', 'device-a.dala.json'], 'dala csv: --out device-a.dala.json is also an input (device-a.dala.json); write the export to a new file (see --help)\n'],
      [['--form', 'field-form.json', '--codebook', 'field-form.json', '--out', 'x.csv', 'device-a.dala.json'], 'dala csv: --codebook field-form.json is also an input (field-form.json); write the export to a new file (see --help)\n'],
      [['--form', 'field-form.json', '--labels', 'de', '--out', 'x.csv', 'device-a.dala.json'], "dala csv: --labels: the form has no language 'de' (it has en, ru, kk) (see --help)\n"],
      [['--form', 'field-form.json', '--out', 'x.csv', 'device-a.dala.json', 'broken-version.json', 'device-b.dala.age'], 'dala csv: 2 of 3 input files refused; nothing written\n  bundle broken-version.json: unknown bundle format version 7; this Dala reads versions 1 and 2\n  device-b.dala.age: the file is encrypted to a key, and no identity was given\n'],
    ];
    for (const [args, stderr] of cases) expect(await runVerb(csv, args, dir)).toMatchObject({ code: 2, stderr });
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('an answer written on two lines stays one case when SPSS (GNU PSPP) reads the export', async () => {
    const dir = scratch(...FILES);
    const bundle = JSON.parse(readFileSync(join(dir, 'device-a.dala.json'), 'utf8')) as { responses: { id: string; answers: Record<string, { value: unknown; note?: string }> }[] };
    const r1 = bundle.responses.find((r) => r.id === IDS.r1)!;
    r1.answers.comment!.value = 'First line,\r\nsecond "line"';
    r1.answers.comment!.note = 'Note\none\n\ntwo';
    writeFileSync(join(dir, 'two-lines.json'), JSON.stringify(bundle));
    const r = await runVerb(csv, ['--form', 'field-form.json', '--notes', '--spss', 'data.sps', '--out', 'data.csv', 'two-lines.json'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    // The CSV keeps the answer as it was written, line break and all.
    expect(read(dir, 'data.csv').find((x) => x.id === IDS.r1)!.comment).toBe('First line,\r\nsecond "line"');
    const out = runPspp(dir, ["INCLUDE FILE='data.sps'.", "SAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /FIELDNAMES /CELLS=VALUES /REPLACE."].join('\n'));
    expect(out).not.toMatch(/error|warning/i);
    const cases = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'values.csv'), 'utf8').trim(), { header: true }).data;
    expect(cases.map((c) => c.id)).toEqual([IDS.r1, IDS.r2, IDS.r3]);
    expect(cases[0]).toMatchObject({ comment_: 'First line, second "line"', comment_note: 'Note one two', s1: '4' });
  }, 60_000);
});
