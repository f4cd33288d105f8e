/**
 * begin repeat / end repeat, repeat_count, begin loop over LIST and nested repeats, read into the
 * instrument's repeats (format version 3) and run by the form state.
 */
import { describe, expect, it } from 'vitest';
import { compileInstrument, computeFormState } from '../../../src/core/responses/form-state';
import { convertXlsForm, sheetFromRows, type XlsFormResult } from '../../../src/core/xlsform/index';

type Row = (string | number | boolean | null)[];

function convert(survey: Row[], choices?: Row[]): XlsFormResult {
  const sheets = [sheetFromRows('survey', survey)];
  if (choices) sheets.push(sheetFromRows('choices', choices));
  sheets.push(sheetFromRows('settings', [['form_id', 'version'], ['roster', '1']]));
  return convertXlsForm({ sheets }, 'roster.xlsx');
}

const crops: Row[] = [
  ['list_name', 'name', 'label'],
  ['crops', 'wheat', 'Wheat'],
  ['crops', 'barley', 'Barley'],
];

describe('repeats in an XLSForm', () => {
  it('a household roster with a nested repeat, a counted repeat and a loop opens with no warning', () => {
    const result = convert(
      [
        ['type', 'name', 'label', 'relevant', 'calculation', 'repeat_count'],
        ['text', 'village', 'Village'],
        ['begin repeat', 'member', 'Household member'],
        ['text', 'name', 'Name'],
        ['integer', 'age', 'Age'],
        ['calculate', 'number', '', '', 'position(..)'],
        ['begin group', 'work', ''],
        ['begin repeat', 'job', 'Job', '${age} >= 16'],
        ['text', 'job_title', 'Job title'],
        ['end repeat'],
        ['end group'],
        ['end repeat'],
        ['calculate', 'people', '', '', 'count(${member})'],
        ['calculate', 'second', '', '', 'indexed-repeat(${name}, ${member}, 2)'],
        ['integer', 'visits', 'Visits'],
        ['begin_repeat', 'visit', 'Visit', '', '', '${visits}'],
        ['date', 'visit_date', 'Date'],
        ['end_repeat'],
        ['begin loop over crops', 'crop', 'Crop'],
        ['decimal', 'area', 'Area'],
        ['end loop'],
      ],
      crops,
    );
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.row}: ${p.message}`).join('\n'));
    expect(result.warnings.map((w) => w.message)).toEqual([]);
    const { instrument } = result;
    expect(instrument.version).toBe(3);
    expect(instrument.repeats).toEqual([
      { name: 'member', label: { en: 'Household member' } },
      { name: 'job', label: { en: 'Job' }, parent: 'member', relevant: '${age} >= 16' },
      { name: 'visit', label: { en: 'Visit' }, count: '${visits}' },
      { name: 'crop', label: { en: 'Crop' }, loop: 'crops' },
    ]);
    const all = instrument.sections.flatMap((s) => s.items);
    expect(Object.fromEntries(all.map((i) => [i.name, i.repeat ?? '-']))).toEqual({
      village: '-',
      name: 'member',
      age: 'member',
      number: 'member',
      job_title: 'job',
      people: '-',
      second: '-',
      visits: '-',
      visit_date: 'visit',
      area: 'crop',
    });

    const state = computeFormState(compileInstrument(instrument), { 'member[x]': 1, 'member[x]/name': 'Aida', 'member[y]': 2, 'member[y]/name': 'Bek', visits: 2 }, '2026-12-03');
    expect(state.effective.people).toBe(2);
    expect(state.effective.second).toBe('Bek');
    expect(state.repeats.get('visit')!.instances).toHaveLength(2);
    expect(state.repeats.get('crop')!.instances.map((i) => i.id)).toEqual(['wheat', 'barley']);
  });

  it('a fixed repeat_count is a number', () => {
    const result = convert([
      ['type', 'name', 'label', 'repeat_count'],
      ['begin repeat', 'child', 'Child', ' 3 '],
      ['text', 'child_name', 'Name'],
      ['end repeat'],
    ]);
    expect(result.ok && result.instrument.repeats).toEqual([{ name: 'child', label: { en: 'Child' }, count: '3' }]);
  });

  it('a repeat never closed, a loop over no list, and a loop with no list: a problem on the row to fix', () => {
    const result = convert(
      [
        ['type', 'name', 'label'],
        ['begin loop over plants', 'plant', 'Plant'],
        ['text', 'p', 'P'],
        ['end loop'],
        ['begin loop', 'l', 'L'],
        ['end loop'],
        ['begin repeat', 'member', 'Member'],
        ['text', 'name', 'Name'],
      ],
      crops,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'type', "begin loop over 'plants': there is no list 'plants' in the choices sheet"],
      [5, 'type', "'begin loop' names no list: write begin loop over LIST"],
      [6, 'type', 'end repeat without a matching begin repeat'],
      [7, 'type', "begin repeat 'member' has no matching end repeat"],
    ]);
  });
});
