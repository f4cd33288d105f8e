/**
 * Repeats (issue 15): the form state of a household roster with 200 members, recomputed as the
 * runner does after each answer. The browser figures the issue names (an answer durable with 200
 * instances, the first question of such a form) need the runner's repeat screens, not built yet;
 * this is the core's share of both.
 */
import { readFileSync } from 'node:fs';
import { parseInstrument } from '../../src/core/instrument/parse';
import { compileInstrument, computeFormState } from '../../src/core/responses/form-state';
import type { AnswerValue } from '../../src/core/responses/types';

export function repeatFigures(instances = 200, rounds = 41) {
  const parsed = parseInstrument(JSON.parse(readFileSync(new URL('../fixtures/instruments/household-roster.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error('household-roster.json does not load');
  const compiled = compileInstrument({ ...parsed.instrument, repeats: parsed.instrument.repeats!.map((r) => (r.name === 'member' ? { ...r, maxInstances: 1000 } : r)) });
  const answers: Record<string, AnswerValue> = { village: 'Akkol' };
  for (let i = 0; i < instances; i++) {
    answers[`member[m${i}]`] = i + 1;
    answers[`member[m${i}]/name`] = `Person ${i}`;
    answers[`member[m${i}]/age`] = 20 + (i % 60);
    answers[`member[m${i}]/sex`] = i % 2 ? 'f' : 'm';
  }
  const times: number[] = [];
  for (let k = 0; k < rounds; k++) {
    answers[`member[m${k % instances}]/age`] = 30 + (k % 50);
    const t0 = performance.now();
    const state = computeFormState(compiled, answers, '2026-12-03');
    times.push(performance.now() - t0);
    if (state.effective.people !== instances) throw new Error('wrong count');
  }
  times.sort((a, b) => a - b);
  return { instances, p50: times[rounds >> 1]!, p95: times[Math.floor(rounds * 0.95)]! };
}
