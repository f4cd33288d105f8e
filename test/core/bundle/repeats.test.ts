import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answersChecker, bundleFromSessions, type SessionLike } from '../../../src/core/bundle/index';
import { parseBundle } from '../../../src/core/bundle/parse';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument } from '../../../src/core/instrument/types';

function roster(): Instrument {
  const result = parseInstrument(JSON.parse(readFileSync(new URL('../../fixtures/instruments/household-roster.json', import.meta.url), 'utf8')));
  if (!result.ok) throw new Error('fixture');
  return result.instrument;
}
const at = '2026-12-03T10:00:00.000Z';
const session: SessionLike = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  studyId: 'household-roster',
  studyVersion: '1',
  respondentCode: 'HH-001',
  interviewer: 'Aigerim',
  status: 'draft',
  lang: 'en',
  createdAt: at,
  updatedAt: at,
  consent: { agreed: true, by: 'respondent', at, version: '1', lang: 'en' },
  deviceId: 'dev-1',
  seq: 4,
};

describe('answers inside repeats travel in bundles', () => {
  it('a draft with three members, one removed, and a nested job exports and imports with every answer', () => {
    const answers = Object.entries({
      village: 'Akkol',
      'member[a1]': 1,
      'member[a1]/name': 'Aida',
      'member[a1]/age': 34,
      'member[a1]/job[j1]': 1,
      'member[a1]/job[j1]/job_title': 'Teacher',
      'member[b2]': null,
      'member[b2]/name': 'Bek',
      'member[c3]': 3,
      'member[c3]/age': 'seventy',
    }).map(([item, value]) => ({ item, value, at }));
    const bundle = bundleFromSessions([{ session, answers }], {
      bundleId: '0b5c3c1e-7d1e-4c39-9d2c-2f0f7d0c8a11',
      createdAt: at,
      device: { id: 'dev-1' },
      appVersion: '0.1.0',
      instruments: [roster()],
      // The interview's paradata name questions in instances by their answer keys too.
      paradata: [
        { responseId: session.id, at, event: 'visit', item: 'member[a1]/name', data: { ms: 4200 } },
        { responseId: session.id, at, event: 'change', item: 'member[b2]', data: { from: 2, to: null } },
      ],
    });
    // Read on a fresh device that does not have the study: the bundle's own copy of it (version 3) is used.
    const back = parseBundle(JSON.parse(JSON.stringify(bundle)));
    const r = back.responses[0]!;
    expect(Object.keys(r.answers).sort()).toEqual(answers.map((a) => a.item).sort());
    expect(r.answers['member[b2]']!.value).toBeNull();
    // A draft's invalid value travels with its problem, in its instance.
    expect(r.answers['member[c3]/age']!.invalid).toBeDefined();
    expect(back.paradata?.map((e) => e.item)).toEqual(['member[a1]/name', 'member[b2]']);
  });

  it('the paradata of a question asked in an instance (its visit, its audit event) travels with its answer key', () => {
    const bundle = bundleFromSessions([{ session, answers: [{ item: 'member[a1]/name', value: 'Aida', at }, { item: 'member[a1]', value: 1, at }] }], {
      bundleId: '0b5c3c1e-7d1e-4c39-9d2c-2f0f7d0c8a12',
      createdAt: at,
      device: { id: 'dev-1' },
      appVersion: '0.1.0',
      instruments: [roster()],
    });
    bundle.paradata = [{ responseId: session.id, at, event: 'question', item: 'member[a1]/name', data: { ms: 1200 } }];
    const back = parseBundle(JSON.parse(JSON.stringify(bundle)));
    expect(back.paradata).toEqual(bundle.paradata);
  });

  it('an answer carries the write that set it; a write its revision does not count is refused, saying which', () => {
    const bundle = bundleFromSessions([{ session, answers: [{ item: 'member[a1]', value: 1, at, seq: 3 }] }], {
      bundleId: '0b5c3c1e-7d1e-4c39-9d2c-2f0f7d0c8a13',
      createdAt: at,
      device: { id: 'dev-1' },
      appVersion: '0.1.0',
      instruments: [roster()],
    });
    // A session written on its own device only: the dot is that device's write number.
    expect(bundle.responses[0]!.answers['member[a1]']!.dot).toEqual(['dev-1', 3]);
    expect(parseBundle(JSON.parse(JSON.stringify(bundle))).responses[0]!.answers['member[a1]']!.dot).toEqual(['dev-1', 3]);
    const forged = JSON.parse(JSON.stringify(bundle));
    forged.responses[0].answers['member[a1]'].dot = ['dev-1', 9];
    expect(() => parseBundle(forged)).toThrow(/answers\.member\[a1\]\.dot: write 9 of device dev-1, but the revision counts 4 of its writes/);
  });

  it('refuses keys that do not follow the repeats of the study, saying which', () => {
    const check = answersChecker(roster());
    const refuse = (key: string, value: unknown = 'x') => {
      const out = check({ answers: { [key]: { value, at } } } as never);
      return 'refuse' in out ? String((out as { refuse: unknown }).refuse) : 'accepted';
    };
    expect(refuse('member[a1]/name')).toBe('accepted');
    expect(refuse('member[a1]/job[j]/hours', 3)).toBe('accepted');
    expect(refuse('job[j]/hours', 3)).toMatch(/does not follow the repeats/);
    expect(refuse('name')).toMatch(/does not follow the repeats.*asked in repeat 'member'/);
    expect(refuse('member[a1]/village')).toMatch(/does not follow the repeats/);
    expect(refuse('member[a1]', 'yes')).toMatch(/marker of an instance holds a number or null/);
    expect(refuse('member[a1]/nobody')).toMatch(/has no item 'nobody'/);
  });
});
