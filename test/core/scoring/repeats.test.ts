/**
 * Scoring and repeats (issue 15): a scale scores items asked once. A household's members, each rating
 * their own wellbeing in a repeat, leave the household's scale scores as they are; a scale that names
 * an item asked in a repeat is refused with that reason (test/core/instrument/repeats.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildScoreMatrix, planScoring, scaleScores } from '../../../src/core/scoring';
import type { Instrument } from '../../../src/core/instrument/types';
import { instrument, responses } from './instruments';

function rosterWithScale(): Instrument {
  const form = instrument({ scales: [{ name: 'mood', items: ['q1', 'q2'], reversed: ['q2'] }] });
  form.repeats = [{ name: 'member', label: { en: 'Member' } }];
  form.sections[0]!.items.push({ name: 'feel', type: 'likert', likert: 'agree5', repeat: 'member', label: { en: 'How does this member feel?' } });
  return form;
}

describe('scoring ignores repeats', () => {
  it('answers in a repeat (a Likert item on the same scale points) change no score, no item column', () => {
    const form = rosterWithScale();
    const plan = planScoring(form);
    const household = { q1: '4', q2: '2' };
    const withMembers = { ...household, 'member[a1]': 1, 'member[a1]/feel': '1', 'member[b2]': 2, 'member[b2]/feel': '5' };
    const plain = buildScoreMatrix(plan, responses([household]));
    const roster = buildScoreMatrix(plan, responses([withMembers]));
    expect([...roster.values]).toEqual([...plain.values]);
    expect([...scaleScores(roster)]).toEqual([...scaleScores(plain)]);
    expect([...scaleScores(roster)]).toEqual([4]);
    expect(plan.scales.flatMap((s) => s.items as readonly unknown[])).not.toContain('feel');
  });
});
