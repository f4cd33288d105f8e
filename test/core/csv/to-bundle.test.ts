import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { UUID_PATTERN } from '../../../src/core/bundle/index';
import { bundleFromCsvRows, CsvError, csvText, wideTable } from '../../../src/core/csv/index';
import { formatProblem } from '../../../src/core/errors';
import type { Instrument } from '../../../src/core/instrument/types';
import { canonicalDataset, datasetFromBundle, mergeAll, mergeReport } from '../../../src/core/merge/index';
import { deviceABundle } from '../../fixtures/bundles/make-fixtures';

const DIR = join(__dirname, '../../fixtures/bundles');
const form = JSON.parse(readFileSync(join(DIR, 'field-form.json'), 'utf8')) as Instrument;
const rows = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' }).data;
const opts = { file: 'data.csv', fileTime: '2024-06-01T00:00:00Z' };

async function refused(text: string): Promise<string[]> {
  try {
    await bundleFromCsvRows(form, rows(text), opts);
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    return (e as CsvError).problems.map(formatProblem);
  }
  throw new Error('expected the CSV to be refused');
}

describe('responses from a CSV', () => {
  it('a Kobo export: its instanceID as the id, start and end as times, the other text, no consent record', async () => {
    const b = await bundleFromCsvRows(form, rows(readFileSync(join(DIR, 'kobo-export.csv'), 'utf8')), { ...opts, file: 'kobo-export.csv' });
    expect(b.device).toEqual({ id: 'csv', label: 'kobo-export.csv' });
    expect(b.studies).toEqual([{ id: 'field-study', studyVersion: '2024-05', instrument: { ...form, version: 3 } }]);
    expect(b.responses[0]).toEqual({
      id: '7d3a0c52-1111-4222-8333-444455556666',
      studyId: 'field-study',
      studyVersion: '2024-05',
      respondentCode: '',
      interviewer: 'enum_1',
      status: 'complete',
      lang: 'en',
      createdAt: '2024-05-03T09:00:00.000+05:00',
      completedAt: '2024-05-03T09:20:00.000+05:00',
      consent: null,
      answers: {
        sector: { value: 'public', at: '2024-05-03T09:20:00.000+05:00' },
        age: { value: 45, at: '2024-05-03T09:20:00.000+05:00' },
        langs: { value: ['kk', 'other'], other: 'Ұйғыр тілі', at: '2024-05-03T09:20:00.000+05:00' },
        s1: { value: '4', at: '2024-05-03T09:20:00.000+05:00' },
        s2: { value: '4', at: '2024-05-03T09:20:00.000+05:00' },
        s3: { value: '2', at: '2024-05-03T09:20:00.000+05:00' },
      },
      revision: { device: 'csv', at: '2024-05-03T09:20:00.000+05:00', vv: { csv: 1 } },
    });
  });

  it('rows without a UUID get a stable UUID: from their id, else from the whole row', async () => {
    const text = 'instanceID,sector,age\nR1,public,30\n,private,40\n,private,40\n';
    const a = await bundleFromCsvRows(form, rows(text), opts);
    const again = await bundleFromCsvRows(form, rows(text), { ...opts, file: 'copy.csv' });
    const ids = a.responses.map((r) => r.id);
    for (const id of ids) expect(id).toMatch(UUID_PATTERN);
    expect(again.responses.map((r) => r.id)).toEqual(ids);
    // The same row twice is the same response: one after merging.
    expect(ids[1]).toBe(ids[2]);
    expect(mergeAll([a]).responses.size).toBe(2);
    // An edited row keeps the id it had when the id comes from an id column.
    const edited = await bundleFromCsvRows(form, rows('instanceID,sector,age\nR1,public,31\n'), opts);
    expect(edited.responses[0]!.id).toBe(ids[0]);
    expect(mergeReport(datasetFromBundle(a), edited).counts.conflict).toBe(1);
  });

  it('the same CSV read twice merges as identical; times it lacks are the file\'s', async () => {
    const one = await bundleFromCsvRows(form, rows('profile/sector,profile/age,meta/instanceID\npublic,45,uuid:7d3a0c52-1111-4222-8333-444455556666\n'), opts);
    expect(one.responses[0]!.createdAt).toBe('2024-06-01T00:00:00Z');
    expect(mergeReport(datasetFromBundle(one), one).counts.identical).toBe(1);
  });

  it('Dala\'s own wide export reads back: metadata, answers, other texts', async () => {
    const original = deviceABundle().responses;
    const table = wideTable(form, original);
    const b = await bundleFromCsvRows(form, rows(csvText(table.columns.map((c) => c.name), table.rows)), opts);
    expect(b.responses.map((r) => [r.id, r.respondentCode, r.interviewer, r.status, r.lang, r.createdAt])).toEqual(
      original.map((r) => [r.id, r.respondentCode, r.interviewer, r.status, r.lang, r.createdAt]),
    );
    for (let i = 0; i < original.length; i++) {
      const values = (r: (typeof original)[number]) =>
        Object.fromEntries(Object.entries(r.answers).filter(([k]) => k !== 'name').map(([k, a]) => [k, [a.value, a.other]]));
      expect(values(b.responses[i]!)).toEqual(values(original[i]!));
    }
  });

  it('referrals of responses from study links read back; a broken referral names its row and column', async () => {
    const original = deviceABundle().responses.map((r, i) =>
      i === 0 ? { ...r, referral: { code: 'SEED2X', wave: 0 } } : i === 1 ? { ...r, referral: { code: 'K7M2PQ', parent: 'SEED2X', wave: 1 } } : r,
    );
    const table = wideTable(form, original);
    const b = await bundleFromCsvRows(form, rows(csvText(table.columns.map((c) => c.name), table.rows)), opts);
    expect(b.responses.map((r) => r.referral)).toEqual(original.map((r) => r.referral));
    expect(
      await refused(
        'instanceID,sector,referralCode,referralParent,referralWave\n' +
          'R1,public,SEED2X,,\n' +
          'R2,public,SEED2X,,one\n' +
          'R3,public,,SEED2X,1\n' +
          'R4,public,,,2\n',
      ),
    ).toEqual([
      "data.csv, row 2, column referralCode: referral code 'SEED2X' without its wave",
      "data.csv, row 3, column referralWave: referral wave 'one' is not a whole number",
      'data.csv, row 4, column referralParent: a referral parent or wave without a referral code',
      'data.csv, row 5, column referralWave: a referral parent or wave without a referral code',
    ]);
    expect((await refused('instanceID,sector,referralCode,referralWave\nR1,public,ab,0\n'))[0]).toMatch(/^data\.csv, row 2: referral\.code: .*not a referral code/);
  });

  it('problems name the file, the row and the column, and refuse the whole file', async () => {
    expect(await refused('instanceID,sector,age,studyId\nR1,ngo,x,field-study\nR2,public,3,other-study\n')).toEqual([
      "data.csv, row 2, column sector: 'ngo' is not a choice of list sector",
      "data.csv, row 2, column age: 'x' is not a whole number",
    ]);
    expect(await refused('instanceID,sector,studyId\nR2,public,other-study\n')).toEqual([
      "data.csv, row 2, column studyId: studyId 'other-study' is not the form's ('field-study')",
    ]);
    expect(await refused('name_of_person,x\na,b\n')).toEqual(['data.csv: no column names an item of the form (is it the right form?)']);
    expect(await refused(`instanceID,comment\nR1,${'x'.repeat(100_001)}\n`)).toEqual(['data.csv, row 2: answers.comment.value: at most 100,000 characters, got 100,001']);
  });

  it('a status other than draft or complete is refused, naming its row and column (it never becomes complete)', async () => {
    expect(await refused('instanceID,sector,status\nR1,public,complete\nR2,public,hacked\nR3,public,Complete\nR4,public,draft\n')).toEqual([
      "data.csv, row 3, column status: status 'hacked' is neither draft nor complete",
      "data.csv, row 4, column status: status 'Complete' is neither draft nor complete",
    ]);
    const ok = await bundleFromCsvRows(form, rows('instanceID,sector,status\nR1,public,draft\nR2,public,\n'), opts);
    expect(ok.responses.map((r) => r.status)).toEqual(['draft', 'complete']);
  });

  it('a NUL byte or another control character in the file is refused, naming row and column; tab, CR and LF are text', async () => {
    expect(await refused('instanceID,sector,comment\nR1,public,"a\u0000b"\nR2,public,x\u001by\nR3,pub\u0007lic,ok\n')).toEqual([
      'data.csv, row 2, column comment: a control character (U+0000) in the text; a CSV holds none: is it a CSV saved as UTF-8? (a UTF-16 file is full of them)',
      'data.csv, row 3, column comment: a control character (U+001B) in the text; a CSV holds none: is it a CSV saved as UTF-8? (a UTF-16 file is full of them)',
      'data.csv, row 4, column sector: a control character (U+0007) in the text; a CSV holds none: is it a CSV saved as UTF-8? (a UTF-16 file is full of them)',
    ]);
    // In a column Dala does not read, and in the header, too: the file is damaged or not UTF-8.
    expect(await refused('instanceID,sector,_notes\x00\nR1,public,x\n')).toEqual([
      'data.csv, row 1, column 3: a control character (U+0000) in the text; a CSV holds none: is it a CSV saved as UTF-8? (a UTF-16 file is full of them)',
    ]);
    const ok = await bundleFromCsvRows(form, rows('instanceID,sector,comment\nR1,public,"one\ttwo\r\nthree"\n'), opts);
    expect(ok.responses[0]!.answers.comment!.value).toBe('one\ttwo\r\nthree');
  });

  it('the result does not depend on the order of files', async () => {
    const kobo = await bundleFromCsvRows(form, rows(readFileSync(join(DIR, 'kobo-export.csv'), 'utf8')), opts);
    expect(canonicalDataset(mergeAll([kobo, deviceABundle()]))).toBe(canonicalDataset(mergeAll([deviceABundle(), kobo])));
  });
});
