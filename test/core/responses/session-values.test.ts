/**
 * What a session records by itself (metadata, defaults, triggers), and the version-2 item types and
 * fields in the form state: conditional required and read-only, calculations on questions, range,
 * rank and date-time answers.
 */
import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument, Item } from '../../../src/core/instrument/types';
import { compileInstrument, computeFormState } from '../../../src/core/responses/form-state';
import { completionValues, startValues, triggeredValues, type SessionFacts } from '../../../src/core/responses/session-values';
import type { AnswerValue } from '../../../src/core/responses/types';
import { validateValue } from '../../../src/core/responses/validate-value';

function instrument(items: Item[]): Instrument {
  const ins: Instrument = {
    type: 'dala-instrument',
    version: 3,
    id: 'household',
    studyVersion: '1',
    title: { en: 'Household' },
    languages: ['en'],
    choiceLists: { yesno: [{ name: 'yes', label: { en: 'Yes' } }, { name: 'no', label: { en: 'No' } }], fruit: ['apple', 'pear', 'plum'].map((n) => ({ name: n, label: { en: n } })) },
    likertScales: {},
    sections: [{ name: 'main', label: { en: 'Main' }, items }],
    scales: [],
  };
  const parsed = parseInstrument(ins);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return ins;
}

const facts: SessionFacts = { now: '2024-05-01T09:30:00.000Z', today: '2024-05-01', deviceId: 'dev-7f3a', username: 'Aigerim', sessionId: 'b1c2' };

const metaForm = instrument([
  { name: 'start', type: 'meta', meta: 'start', label: {} },
  { name: 'end', type: 'meta', meta: 'end', label: {} },
  { name: 'today', type: 'meta', meta: 'today', label: {} },
  { name: 'deviceid', type: 'meta', meta: 'deviceid', label: {} },
  { name: 'username', type: 'meta', meta: 'username', label: {} },
  { name: 'phonenumber', type: 'meta', meta: 'phonenumber', label: {} },
  { name: 'audit', type: 'meta', meta: 'audit', label: {} },
  { name: 'instanceID', type: 'meta', meta: 'instanceID', label: {} },
  { name: 'hh_name', type: 'text', label: { en: 'Head of household' } },
  { name: 'members', type: 'integer', label: { en: 'Members' }, default: '1' },
  { name: 'visit', type: 'date', label: { en: 'Visit' }, defaultExpression: 'today()' },
  { name: 'fruits', type: 'select_multiple', choices: 'fruit', label: { en: 'Fruits' }, default: 'apple plum' },
  { name: 'instanceName', type: 'meta', meta: 'instanceName', calculation: "concat(${hh_name}, ' (', ${members}, ')')", label: {} },
]);

describe('metadata and defaults recorded by the session itself', () => {
  it('at the start: start, today, device, interviewer, instance id, and every default, typed as answers are', () => {
    expect(startValues(compileInstrument(metaForm), facts)).toEqual({
      start: '2024-05-01T09:30:00.000Z',
      today: '2024-05-01',
      deviceid: 'dev-7f3a',
      username: 'Aigerim',
      instanceID: 'uuid:b1c2',
      members: 1,
      visit: '2024-05-01',
      fruits: ['apple', 'plum'],
    });
  });

  it('at completion: end, and the record name computed from the answers (instance_name)', () => {
    const answers = { hh_name: 'Nurlan', members: 4 };
    expect(completionValues(compileInstrument(metaForm), answers, { ...facts, now: '2024-05-01T10:05:00.000Z' })).toEqual({
      end: '2024-05-01T10:05:00.000Z',
      instanceName: 'Nurlan (4)',
    });
  });

  it('metadata a web app cannot know (phone number) and the audit log record nothing', () => {
    const all = { ...startValues(compileInstrument(metaForm), facts), ...completionValues(compileInstrument(metaForm), {}, facts) };
    expect(Object.keys(all)).not.toContain('phonenumber');
    expect(Object.keys(all)).not.toContain('audit');
  });

  it('meta items are never asked: they count for no progress and need no label', () => {
    const state = computeFormState(compileInstrument(metaForm), {}, '2024-05-01');
    expect(state.answerable).toBe(4);
  });
});

describe('triggers, conditions and calculations on questions', () => {
  const form = instrument([
    { name: 'consent', type: 'select_one', choices: 'yesno', label: { en: 'Consent?' } },
    { name: 'age', type: 'integer', label: { en: 'Age' }, requiredIf: "${consent} = 'yes'" },
    { name: 'adult', type: 'text', label: { en: 'Adult' }, calculation: "if(${age} >= 18, 'adult', 'minor')" },
    { name: 'consent_time', type: 'hidden', label: {}, calculation: "concat('at ', today())", trigger: ['consent'] },
    { name: 'reset', type: 'integer', label: { en: 'Reset when consent changes' }, trigger: ['consent'] },
    { name: 'locked', type: 'text', label: { en: 'Locked' }, readOnlyIf: "${consent} = 'no'" },
  ]);
  const compiled = compileInstrument(form);

  it('a condition in required holds only while it is true', () => {
    expect(computeFormState(compiled, { consent: 'yes' }, '2024-05-01').items.get('age')).toEqual({ relevant: true, required: true, issue: 'required' });
    expect(computeFormState(compiled, { consent: 'no' }, '2024-05-01').items.get('age')).toEqual({ relevant: true });
  });

  it('a condition in read_only makes the question read-only while it holds', () => {
    expect(computeFormState(compiled, { consent: 'no' }, '2024-05-01').items.get('locked')?.readOnly).toBe(true);
    expect(computeFormState(compiled, { consent: 'yes' }, '2024-05-01').items.get('locked')?.readOnly).toBeUndefined();
  });

  it('a question with a calculation stands at its computed value until the person answers it', () => {
    const computed = computeFormState(compiled, { age: 30 }, '2024-05-01');
    expect(computed.items.get('adult')?.computed).toBe('adult');
    expect(computed.effective.adult).toBe('adult');
    const answered = computeFormState(compiled, { age: 30, adult: 'grown up' }, '2024-05-01');
    expect(answered.effective.adult).toBe('grown up');
    expect(answered.items.get('adult')?.computed).toBeUndefined();
  });

  it('a trigger recomputes its item (or clears it) when the answer it watches changes, and only then', () => {
    expect(triggeredValues(compiled, { consent: 'yes', reset: 5 }, 'consent', '2024-05-02')).toEqual({ consent_time: 'at 2024-05-02', reset: null });
    expect(triggeredValues(compiled, { consent: 'yes' }, 'age', '2024-05-02')).toEqual({});
    // Not computed continuously: the value is what the trigger stored.
    expect(computeFormState(compiled, { consent_time: 'at 2024-05-01' }, '2024-05-09').effective.consent_time).toBe('at 2024-05-01');
  });
});

describe('answers of the version-2 types', () => {
  const form = instrument([
    { name: 'pain', type: 'range', range: { start: 0, end: 10, step: 2 }, label: { en: 'Pain' } },
    { name: 'order', type: 'rank', choices: 'fruit', label: { en: 'Order' } },
    { name: 'when', type: 'datetime', label: { en: 'When' } },
    { name: 'code', type: 'barcode', label: { en: 'Code' } },
  ]);
  const item = (name: string) => form.sections[0]!.items.find((i) => i.name === name)!;
  const check = (name: string, value: AnswerValue) => validateValue(form, item(name), value);

  it('a range answer is a point of the range', () => {
    expect(check('pain', 4)).toBeNull();
    expect(check('pain', 5)).toBe('not a point from 0 to 10 by 2');
    expect(check('pain', 12)).toBe('not a point from 0 to 10 by 2');
    expect(check('pain', '4')).toBe('not a number');
  });

  it('a rank answer is the list codes in order, each once', () => {
    expect(check('order', ['plum', 'apple', 'pear'])).toBeNull();
    expect(check('order', ['plum', 'plum'])).toBe('a choice is ranked twice');
    expect(check('order', ['kiwi'])).toBe("'kiwi' is not one of apple, pear, plum");
  });

  it('a date-time is yyyy-mm-ddTHH:MM, with seconds and a zone if given', () => {
    for (const ok of ['2024-05-01T09:30', '2024-05-01T09:30:15', '2024-05-01T09:30:15.250+05:00', '2024-05-01T23:59Z']) expect(check('when', ok)).toBeNull();
    for (const bad of ['2024-05-01', '2024-02-30T09:30', '2024-05-01T24:00', '09:30']) expect(check('when', bad)).toBe('not a date and time (yyyy-mm-ddTHH:MM)');
  });

  it('a barcode is text', () => {
    expect(check('code', '4006381333931')).toBeNull();
    expect(check('code', ['x'])).toBe('not a text');
  });
});
