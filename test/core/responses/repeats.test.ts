import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument } from '../../../src/core/instrument/types';
import { answerKey, instanceIdOf, isInstanceMarker, parseAnswerKey } from '../../../src/core/responses/answer-key';
import { compileInstrument, computeFormState } from '../../../src/core/responses/form-state';
import { selfProgress, selfScreens } from '../../../src/core/responses/self-part';
import { triggeredValues } from '../../../src/core/responses/session-values';
import type { AnswerValue } from '../../../src/core/responses/types';

function roster(): Instrument {
  const result = parseInstrument(JSON.parse(readFileSync(new URL('../../fixtures/instruments/household-roster.json', import.meta.url), 'utf8')));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.instrument;
}
const compiled = compileInstrument(roster());
const state = (answers: Record<string, AnswerValue>) => computeFormState(compiled, answers, '2026-12-03');

/** Aida (34, with two jobs), Bek (12), Sara (70): added in that order on one tablet. */
const household: Record<string, AnswerValue> = {
  village: 'Akkol',
  'member[a1]': 1,
  'member[a1]/name': 'Aida',
  'member[a1]/age': 34,
  'member[a1]/job[j1]': 1,
  'member[a1]/job[j1]/job_title': 'Teacher',
  'member[a1]/job[j1]/hours': 30,
  'member[a1]/job[j2]': 2,
  'member[a1]/job[j2]/job_title': 'Baker',
  'member[b2]': 2,
  'member[b2]/name': 'Bek',
  'member[b2]/age': 12,
  'member[c3]': 3,
  'member[c3]/name': 'Sara',
  'member[c3]/age': 70,
};

describe('answers inside repeat instances', () => {
  it('keys an answer by the path of its instance, and reads keys back', () => {
    expect(answerKey('age', [{ repeat: 'member', id: 'a1' }])).toBe('member[a1]/age');
    expect(answerKey('hours', [{ repeat: 'member', id: 'a1' }, { repeat: 'job', id: 'j1' }])).toBe('member[a1]/job[j1]/hours');
    expect(parseAnswerKey('member[a1]/job[j1]/hours')).toEqual({ path: [{ repeat: 'member', id: 'a1' }, { repeat: 'job', id: 'j1' }], item: 'hours' });
    expect(parseAnswerKey('age')).toEqual({ path: [], item: 'age' });
    expect(isInstanceMarker('member[a1]')).toBe(true);
    expect(isInstanceMarker('member[a1]/age')).toBe(false);
    for (const bad of ['member[]/age', 'member[a1]', '/age', 'member[a/1]/age', 'a b', 'member[a1]/job[j1]x']) {
      expect(bad === 'member[a1]' ? parseAnswerKey(bad)?.item : parseAnswerKey(bad)).toBe(bad === 'member[a1]' ? '' : null);
    }
    expect(instanceIdOf('sunflower seed')).toBe('sunflower%20seed');
    expect(instanceIdOf('Cox\'s [Bazar]/2')).toBe('Cox%27s%20%5BBazar%5D%2F2');
  });

  it('lists the instances a person added, in their order, each with its label', () => {
    const s = state(household);
    expect(s.repeats.get('member')!.instances.map((i) => [i.id, i.label])).toEqual([
      ['a1', 'Aida, 34'],
      ['b2', 'Bek, 12'],
      ['c3', 'Sara, 70'],
    ]);
    expect(s.repeats.get('member[a1]/job')!.instances.map((i) => i.id)).toEqual(['j1', 'j2']);
    expect(s.items.get('member[b2]/name')).toMatchObject({ relevant: true, answered: true });
  });

  it('computes position(..), count() and sum() over instances, and indexed-repeat()', () => {
    const s = state(household);
    expect(['a1', 'b2', 'c3'].map((id) => s.effective[`member[${id}]/number`])).toEqual([1, 2, 3]);
    expect(s.effective.people).toBe(3);
    expect(s.effective.total_age).toBe(116);
    expect(s.effective.second_name).toBe('Bek');
  });

  it('checks relevance, required and constraints per instance', () => {
    const s = state({ ...household, 'member[c3]/age': 130, 'member[b2]/name': null, 'member[b2]/job[x]': 1 });
    expect(s.items.get('member[c3]/age')!.issue).toBe('constraint');
    expect(s.items.get('member[a1]/age')!.issue).toBeUndefined();
    expect(s.items.get('member[b2]/name')!.issue).toBe('required');
    // Bek is 12: the jobs repeat does not apply to him, so his job's answers are not asked.
    expect(s.repeats.get('member[b2]/job')!.relevant).toBe(false);
    expect(s.items.get('member[b2]/job[x]/job_title')!.relevant).toBe(false);
    expect(s.repeats.get('member[a1]/job')!.relevant).toBe(true);
  });

  it('a removed instance (its marker null) is gone from the form, its answers kept in the draft', () => {
    const answers: Record<string, AnswerValue> = { ...household, 'member[b2]': null };
    const s = state(answers);
    expect(s.repeats.get('member')!.instances.map((i) => i.id)).toEqual(['a1', 'c3']);
    expect(s.effective.people).toBe(2);
    expect(s.effective.second_name).toBe('Sara');
    expect(s.effective['member[b2]/name']).toBeUndefined();
    expect(answers['member[b2]/name']).toBe('Bek');
  });

  it('two devices that each added an instance keep both, in the same order everywhere', () => {
    // Both tablets gave their new member the order 4: the ids decide, the same on every device.
    const s = state({ ...household, 'member[zz]': 4, 'member[zz]/name': 'Timur', 'member[d9]': 4, 'member[d9]/name': 'Dana' });
    expect(s.repeats.get('member')!.instances.map((i) => i.id)).toEqual(['a1', 'b2', 'c3', 'd9', 'zz']);
  });

  it('a counted repeat follows its count; a loop has one instance per choice', () => {
    const s = state({ visits: 2, 'visit[1]/visit_date': '2026-11-01' });
    expect(s.repeats.get('visit')!.instances.map((i) => i.id)).toEqual(['1', '2']);
    expect(s.items.get('visit[2]/visit_date')).toMatchObject({ relevant: true });
    expect(s.repeats.get('visit')!.canAdd).toBe(false);
    expect(s.repeats.get('crop')!.instances.map((i) => i.id)).toEqual(['wheat', 'barley', 'sunflower%20seed']);
    expect(state({ visits: 'x' as unknown as number }).repeats.get('visit')!.instances).toEqual([]);
  });

  it('min and max instances: a person may not go below or above them', () => {
    const none = state({});
    expect(none.repeats.get('member')).toMatchObject({ instances: [], canAdd: true, canRemove: false, issue: 'min' });
    const one = state({ 'member[a]': 1 });
    expect(one.repeats.get('member')).toMatchObject({ canRemove: false });
    expect(one.repeats.get('member')!.issue).toBeUndefined();
    const full: Record<string, AnswerValue> = {};
    for (let i = 0; i < 20; i++) full[`member[m${i}]`] = i + 1;
    expect(state(full).repeats.get('member')).toMatchObject({ canAdd: false, canRemove: true });
  });
});

describe('a respondent alone answers a repeat', () => {
  it("on a phone, a repeat's questions (its nested repeat's too) are one screen; its instances count in the progress", () => {
    const s = state(household);
    const screens = selfScreens(compiled.instrument, s, { perItem: true });
    // No visit is counted yet: the visits' repeat has no screen (nothing to answer there).
    expect(screens.map((x) => x.items)).toEqual([['village'], ['name', 'age', 'sex', 'job_title', 'hours'], ['visits'], ['area']]);
    // On a tablet, a section is one screen, its repeat inside it.
    expect(selfScreens(compiled.instrument, s, { perItem: false })[0]!.items).toEqual(['village', 'name', 'age', 'sex', 'job_title', 'hours']);
    // Asked: village; each of 3 members' name, age, sex; Aida's two jobs' title and hours; visits (none counted yet); 3 crops' areas.
    // Answered: village, 3 names and 3 ages, the teacher's title and hours, the baker's title.
    expect(selfProgress(compiled.instrument, s)).toEqual({ answered: 1 + 6 + 3, answerable: 1 + 9 + 4 + 1 + 3 });
  });

  it('a counted repeat whose count is 0 gets no screen (nothing to answer), and gets one once the count says so', () => {
    const none = selfScreens(compiled.instrument, state({ visits: 0 }), { perItem: true });
    expect(none.map((x) => x.items)).not.toContainEqual(['visit_date']);
    expect(selfScreens(compiled.instrument, state({ visits: 0 }), { perItem: false }).find((x) => x.section === 1)!.items).toEqual(['visits', 'area']);
    const two = selfScreens(compiled.instrument, state({ visits: 2 }), { perItem: true });
    expect(two.map((x) => x.items)).toContainEqual(['visit_date']);
    // A free repeat with no instance keeps its screen: the respondent adds the first one there.
    expect(selfScreens(compiled.instrument, state({}), { perItem: true }).map((x) => x.items)).toContainEqual(['name', 'age', 'sex', 'job_title', 'hours']);
  });
});

describe('a trigger inside a repeat', () => {
  it("sets the triggered question in the instance whose answer changed, reading that instance's answers", () => {
    const ins = roster();
    const items = ins.sections[0]!.items;
    items.splice(items.findIndex((i) => i.name === 'sex'), 0, { name: 'age_noted', type: 'hidden', repeat: 'member', label: {}, calculation: "concat(${name}, ' is ', ${age})", trigger: ['age'] });
    items.push({ name: 'ages_changed', type: 'hidden', label: {}, calculation: 'sum(${age})', trigger: ['age'] });
    items.push({ name: 'people_then', type: 'hidden', label: {}, calculation: 'count(${member})', trigger: ['age'] });
    const c = compileInstrument(ins);
    expect(triggeredValues(c, household, 'member[b2]/age', '2026-12-03')).toEqual({ 'member[b2]/age_noted': 'Bek is 12', ages_changed: 116, people_then: 3 });
    expect(triggeredValues(c, household, 'village', '2026-12-03')).toEqual({});
  });
});

