/**
 * A household roster in CSV: the long layout writes one table per repeat, joined to its parent by
 * the parent's key (as Kobo and ODK Central export them), the wide layout numbers the columns; R
 * reads the long tables as data frames it can join, PSPP reads the wide one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleResponse } from '../../../src/core/bundle/types';
import { csvText, repeatTables, rScript, spssSyntax, wideTable } from '../../../src/core/csv/index';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument } from '../../../src/core/instrument/types';
import { runPspp, toolPath } from '../../support/tool';

function roster(): Instrument {
  const result = parseInstrument(JSON.parse(readFileSync(new URL('../../fixtures/instruments/household-roster.json', import.meta.url), 'utf8')));
  if (!result.ok) throw new Error('fixture');
  return result.instrument;
}
const form = roster();
const at = '2026-12-03T10:00:00.000Z';
const response = (id: string, code: string, answers: Record<string, unknown>): BundleResponse =>
  ({
    id,
    studyId: form.id,
    studyVersion: form.studyVersion,
    respondentCode: code,
    interviewer: 'Aigerim',
    status: 'complete',
    lang: 'en',
    createdAt: at,
    consent: null,
    answers: Object.fromEntries(Object.entries(answers).map(([k, value]) => [k, { value, at }])),
    revision: { device: 'dev-1', seq: 1, vv: { 'dev-1': 1 }, at },
  }) as unknown as BundleResponse;

const H1 = '11111111-1111-4111-8111-111111111111';
const H2 = '22222222-2222-4222-8222-222222222222';
const responses = [
  response(H1, 'HH-1', {
    village: 'Akkol',
    'member[a1]': 1,
    'member[a1]/name': 'Aida',
    'member[a1]/age': 34,
    'member[a1]/sex': 'f',
    'member[a1]/job[j1]': 1,
    'member[a1]/job[j1]/job_title': 'Teacher',
    'member[a1]/job[j2]': 2,
    'member[a1]/job[j2]/job_title': 'Baker',
    // Removed on the tablet: its answers stay in the draft, never in a table.
    'member[b2]': null,
    'member[b2]/name': 'Bek',
    'member[c3]': 3,
    'member[c3]/name': 'Sara',
    'member[c3]/age': 70,
  }),
  response(H2, 'HH-2', { village: 'Zhanatas', 'member[x]': 1, 'member[x]/name': 'Timur', 'member[x]/age': 41, visits: 1, 'visit[1]/visit_date': '2026-11-30' }),
];

describe('repeats in CSV', () => {
  it('the long layout: one table per repeat, each instance with its key, its parent key and its position', () => {
    const tables = Object.fromEntries(repeatTables(form, responses).map((t) => [t.repeat, t.table]));
    expect(Object.keys(tables)).toEqual(['member', 'job', 'visit', 'crop']);
    expect(tables.member!.columns.map((c) => c.name)).toEqual(['key', 'parentKey', 'id', 'position', 'name', 'age', 'sex', 'number']);
    expect(tables.member!.rows.map((r) => r.slice(0, 6))).toEqual([
      [`${H1}/member[a1]`, H1, H1, 1, 'Aida', 34],
      [`${H1}/member[c3]`, H1, H1, 2, 'Sara', 70],
      [`${H2}/member[x]`, H2, H2, 1, 'Timur', 41],
    ]);
    expect(tables.job!.rows.map((r) => r.slice(0, 5))).toEqual([
      [`${H1}/member[a1]/job[j1]`, `${H1}/member[a1]`, H1, 1, 'Teacher'],
      [`${H1}/member[a1]/job[j2]`, `${H1}/member[a1]`, H1, 2, 'Baker'],
    ]);
    expect(tables.visit!.rows.map((r) => r.slice(0, 5))).toEqual([[`${H2}/visit[1]`, H2, H2, 1, '2026-11-30']]);
  });

  it('the wide layout numbers the columns of repeated questions, nested ones too', () => {
    const t = wideTable(form, responses);
    const names = t.columns.map((c) => c.name);
    expect(names).toContain('village');
    expect(names).not.toContain('name');
    expect(names.filter((n) => n.startsWith('member_'))).toEqual([
      'member_1_name', 'member_1_age', 'member_1_sex', 'member_1_number',
      'member_2_name', 'member_2_age', 'member_2_sex', 'member_2_number',
      'member_1_job_1_job_title', 'member_1_job_1_hours', 'member_1_job_2_job_title', 'member_1_job_2_hours',
    ]);
    const cell = (row: number, col: string) => t.rows[row]![names.indexOf(col)];
    expect([cell(0, 'member_2_name'), cell(0, 'member_1_job_2_job_title'), cell(1, 'member_1_name'), cell(1, 'member_2_name')]).toEqual(['Sara', 'Baker', 'Timur', null]);
  });

  it('R reads each long table as its own data frame, joined to the households by the key', () => {
    const R = toolPath('Rscript', 'r-base-core', 'this test runs the generated scripts in R');
    const dir = mkdtempSync(join(tmpdir(), 'dala-r-repeats-'));
    const main = wideTable(form, responses);
    writeFileSync(join(dir, 'data.csv'), csvText(main.columns.map((c) => c.name), main.rows));
    writeFileSync(join(dir, 'data.R'), rScript(main, { csvFile: 'data.csv', frame: 'households' }));
    for (const { repeat, table } of repeatTables(form, responses)) {
      writeFileSync(join(dir, `${repeat}.csv`), csvText(table.columns.map((c) => c.name), table.rows));
      writeFileSync(join(dir, `${repeat}.R`), rScript(table, { csvFile: `${repeat}.csv`, frame: repeat }));
    }
    writeFileSync(
      join(dir, 'check.R'),
      [
        'for (f in c("data.R", "member.R", "job.R")) source(f)',
        'm <- merge(member, households[, c("id", "village")], by.x = "parentKey", by.y = "id")',
        'j <- merge(job, member[, c("key", "name")], by.x = "parentKey", by.y = "key")',
        'cat(nrow(member), paste(sort(m$village), collapse = "|"), paste(j$name, j$job_title, collapse = "|"), levels(member$sex), attr(member$age, "label"), "\\n")',
      ].join('\n'),
    );
    const out = execFileSync(R, ['--vanilla', 'check.R'], { cwd: dir, encoding: 'utf8' });
    expect(out.trim()).toBe('3 Akkol|Akkol|Zhanatas Aida Teacher|Aida Baker Female Male Age');
  });

  it('PSPP reads the wide layout with its numbered columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dala-pspp-repeats-'));
    const t = wideTable(form, responses);
    writeFileSync(join(dir, 'data.csv'), csvText(t.columns.map((c) => c.name), t.rows));
    writeFileSync(join(dir, 'data.sps'), spssSyntax(t, { csvFile: 'data.csv' }));
    const out = runPspp(dir, 'INCLUDE FILE="data.sps".\nLIST VARIABLES=respondentCode member_1_name member_2_age member_1_job_2_job_title.\n');
    expect(out).toContain('HH-1,Aida,70,Baker');
    expect(out).toContain('HH-2,Timur,.,');
  });
});
