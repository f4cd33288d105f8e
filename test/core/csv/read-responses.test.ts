import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { responsesFromRows, itemForHeader, MAX_ROW_PROBLEMS } from '../../../src/core/csv/read-responses';
import { formatProblem } from '../../../src/core/errors';
import type { Instrument } from '../../../src/core/instrument/types';
import { instrument } from '../scoring/instruments';

const rows = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;
const seedForm = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/scoring/seed-form.json'), 'utf8'),
) as Instrument;

const form = instrument({
  scales: [{ name: 's', items: ['s1', 's2'] }],
  choices: { sector: ['public', 'private'], langs: ['kk', 'ru', 'en'] },
  items: [
    { name: 'age', type: 'integer', label: {} },
    { name: 'income', type: 'decimal', label: {} },
    { name: 'comment', type: 'longtext', label: {} },
    { name: 'intro', type: 'note', label: {} },
  ],
});
form.sections[0]!.items.find((i) => i.name === 'langs')!.type = 'select_multiple';

describe('reading responses from a data table', () => {
  it('the seed study: four respondents, their sector and Likert codes', () => {
    const read = responsesFromRows(seedForm, rows(readFileSync(join(__dirname, '../../fixtures/scoring/seed.csv'), 'utf8')), 'seed.csv');
    expect(read.problems).toEqual([]);
    expect(read.responses.map((r) => r.id)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(read.responses[1]!.answers).toMatchObject({ sector: 'private', str1: '5', hc5: '2', res4: '4' });
    expect(read.ignored).toEqual([]);
  });

  it('a Kobo export: group paths, meta/instanceID, and its own columns ignored', () => {
    const read = responsesFromRows(
      form,
      rows('\uFEFFstart,profile/sector,profile/age,block-s1,block-s2,meta/instanceID,_uuid,_submission_time,langs\n' +
        '2024-01-01,public,34,4,dk,uuid:a,u1,x,ru kk\n'),
      'kobo.csv',
    );
    expect(read.problems).toEqual([]);
    expect(read.columns).toEqual([
      { header: 'profile/sector', item: 'sector' },
      { header: 'profile/age', item: 'age' },
      { header: 'block-s1', item: 's1' },
      { header: 'block-s2', item: 's2' },
      { header: 'langs', item: 'langs' },
    ]);
    expect(read.ignored).toEqual(['start', '_submission_time']);
    expect(read.responses).toEqual([
      { id: 'uuid:a', answers: { sector: 'public', age: 34, s1: '4', s2: 'dk', langs: ['kk', 'ru'] } },
    ]);
  });

  it('_uuid identifies a response when there is no instanceID; else the file and row do', () => {
    expect(responsesFromRows(form, rows('_uuid,s1\nabc,3\n'), 'a.csv').responses[0]!.id).toBe('abc');
    expect(responsesFromRows(form, rows('s1\n3\n\n4\n'), 'a.csv').responses.map((r) => r.id)).toEqual(['a.csv#2', 'a.csv#3']);
  });

  it('cells become stored values: "4.0" is "4", numbers for numbers, empty is unanswered, notes are not read', () => {
    const read = responsesFromRows(form, rows('instanceID,s1,s2,age,income,comment,intro\nx, 4.0 ,,-3,2.5e1,"two, lines\nhere",hi\n'), 'a.csv');
    expect(read.problems).toEqual([]);
    expect(read.ignored).toEqual(['intro']);
    expect(read.responses[0]!.answers).toEqual({ s1: '4', s2: null, age: -3, income: 25, comment: 'two, lines\nhere' });
  });

  it('a cell that does not fit names the file, the row as a spreadsheet shows it, and the column', () => {
    const read = responsesFromRows(
      form,
      rows('instanceID,s1,sector,langs,age,income\na,4,public,kk,30,1\nb,5,private,ru,31,2\nc,7,state,ru fr,3.5,0x10\n'),
      'data.csv',
    );
    expect(read.problems.map(formatProblem)).toEqual([
      "data.csv, row 4, column s1: '7' is not a point of scale agree5",
      "data.csv, row 4, column sector: 'state' is not a choice of list sector",
      "data.csv, row 4, column langs: 'fr' is not a choice of list langs",
      "data.csv, row 4, column age: '3.5' is not a whole number",
      "data.csv, row 4, column income: '0x10' is not a number",
    ]);
  });

  it('a repeated response id and two columns for one item are problems', () => {
    expect(responsesFromRows(form, rows('instanceID,s1\na,1\na,2\n'), 'd.csv').problems.map(formatProblem)).toEqual([
      "d.csv, row 3, column instanceID: response id 'a' is already used by row 2",
    ]);
    expect(responsesFromRows(form, rows('s1,g/s1\n1,2\n'), 'd.csv').problems.map(formatProblem)).toEqual([
      "d.csv, row 1, column g/s1: columns 's1' and 'g/s1' both name item s1",
    ]);
  });

  it('an empty file has no header; a flood of bad cells is listed up to a cap', () => {
    expect(responsesFromRows(form, [], 'e.csv').problems.map(formatProblem)).toEqual([
      'e.csv: no header row: the first row must name the columns',
    ]);
    const bad = responsesFromRows(form, [['s1'], ...Array.from({ length: 150 }, () => ['9'])], 'b.csv').problems;
    expect(bad).toHaveLength(MAX_ROW_PROBLEMS + 1);
    expect(bad.at(-1)!.message).toBe('50 more problems not listed');
  });

  it('a cell of 100,000 digits and a letter is refused at once (found by the fuzz run: the number pattern backtracked for minutes)', () => {
    const long = '0'.repeat(100_000) + 'x';
    const read = responsesFromRows(form, [['id', 'income', 's1'], ['r1', long, long]], 'data.csv');
    expect(read.problems.map((p) => p.column)).toEqual(['income', 's1']);
  });

  it('a header names an item by its last path part, preferring the longest name', () => {
    const names = new Set(['q-1', '1', 'sector']);
    expect(itemForHeader('grp-q-1', names)).toBe('q-1');
    expect(itemForHeader('a/b/sector', names)).toBe('sector');
    expect(itemForHeader('sector_other', names)).toBeUndefined();
  });
});
