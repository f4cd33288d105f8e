import { describe, it, expect } from 'vitest';
import type { Instrument } from '../../../src/core/instrument/types';
import { compileInstrument, computeFormState } from '../../../src/core/responses/form-state';
import type { AnswerValue } from '../../../src/core/responses/types';

const ins: Instrument = {
  type: 'dala-instrument',
  version: 3,
  id: 't',
  studyVersion: '1',
  title: { en: 'T' },
  languages: ['en'],
  choiceLists: { sector: [{ name: 'public', label: { en: 'Public' } }, { name: 'private', label: { en: 'Private' } }], abc: [{ name: 'A', label: { en: 'A' } }, { name: 'B', label: { en: 'B' } }] },
  likertScales: { agree5: { points: [1, 2, 3, 4, 5].map((v) => ({ value: v, label: { en: String(v) } })), nonSubstantive: [{ name: 'dk', label: { en: "Don't know" } }] } },
  sections: [
    {
      name: 'profile',
      label: { en: 'Profile' },
      items: [
        { name: 'sector', type: 'select_one', choices: 'sector', label: { en: 'Sector' }, required: true },
        { name: 'gov_level', type: 'text', label: { en: 'Level' }, relevant: "${sector} = 'public'", required: true },
        { name: 'age', type: 'integer', label: { en: 'Age' }, constraint: '. >= 18 and . <= 90' },
        { name: 'q1', type: 'select_multiple', choices: 'abc', other: true, label: { en: 'Q1' } },
        { name: 'double_age', type: 'calculate', calculation: '${age} * 2', label: { en: '' } },
      ],
    },
    { name: 'private_only', label: { en: 'Private' }, relevant: "${sector} = 'private'", items: [{ name: 'p1', type: 'likert', likert: 'agree5', label: { en: 'P1' }, required: true }] },
    { name: 'likert', label: { en: 'Likert' }, items: [{ name: 's1', type: 'likert', likert: 'agree5', label: { en: 'S1' }, required: true }] },
  ],
  scales: [],
};
const compiled = compileInstrument(ins);
const state = (answers: Record<string, AnswerValue>) => computeFormState(compiled, answers, '2026-11-29');

describe('form state', () => {
  it('skip logic: the level of government is asked only in the public sector', () => {
    expect(state({ sector: 'public' }).items.get('gov_level')).toEqual({ relevant: true, issue: 'required' });
    expect(state({ sector: 'private' }).items.get('gov_level')?.relevant).toBe(false);
  });

  it('a whole section is skipped when its relevance is false, and its answers do not count', () => {
    const s = state({ sector: 'public', p1: '5' });
    expect(s.sections[1]?.relevant).toBe(false);
    expect(s.effective.p1).toBeNull();
    expect(state({ sector: 'private', p1: '5' }).effective.p1).toBe('5');
  });

  it('required and constraint checks; a Likert "dk" is an answer', () => {
    const s = state({ sector: 'private', age: 12, s1: 'dk' });
    expect(s.items.get('age')?.issue).toBe('constraint');
    expect(s.items.get('s1')?.issue).toBeUndefined();
    expect(s.items.get('p1')?.issue).toBe('required');
    expect(state({ sector: 'private', age: 40 }).items.get('age')?.issue).toBeUndefined();
  });

  it('values of the wrong shape are flagged, not thrown', () => {
    expect(state({ age: 'forty' }).items.get('age')?.issue).toBe('type');
    expect(state({ s1: '7' }).items.get('s1')?.issue).toBe('type');
    expect(state({ q1: ['A', 'other'] }).items.get('q1')?.issue).toBeUndefined();
    expect(state({ q1: ['A', 'Z'] }).items.get('q1')?.issue).toBe('type');
  });

  it('calculations and progress', () => {
    const s = state({ sector: 'public', gov_level: 'central', age: 30 });
    expect(s.effective.double_age).toBe(60);
    // answerable: sector, gov_level, age, q1 (profile) + s1; p1's section is skipped
    expect(s.answerable).toBe(5);
    expect(s.answered).toBe(3);
  });
});
