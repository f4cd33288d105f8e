/**
 * Scoring 100,000 respondents x 20 Likert items in 4 scales with a 3-level group, against the floor:
 * one pass reading every item value of the same data.
 */
import { scoreStudy } from '../../src/core/scoring/index';
import { instrument } from '../core/scoring/instruments';
import { prng } from '../support/prng';

/** Wall-clock milliseconds of one call. */
function wallMs(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export function scoringFigures(n = 100_000, reps = 5) {
  const scales = [0, 1, 2, 3].map((s) => ({ name: `s${s}`, items: [0, 1, 2, 3, 4].map((i) => `q${s}_${i}`), reversed: [`q${s}_1`] }));
  const form = instrument({ scales, choices: { region: ['north', 'south', 'east'] } });
  const rnd = prng(42);
  const names = scales.flatMap((s) => s.items);
  const responses = Array.from({ length: n }, (_, r) => {
    const answers: Record<string, string | null> = { region: ['north', 'south', 'east'][Math.floor(rnd() * 3)]! };
    for (const q of names) {
      const u = rnd();
      answers[q] = u < 0.04 ? null : u < 0.06 ? 'dk' : String(1 + Math.floor(rnd() * 5));
    }
    return { id: `r${r}`, answers };
  });
  const median = (f: () => unknown) => {
    const ts: number[] = [];
    for (let i = 0; i < reps; i++) ts.push(wallMs(f));
    ts.sort((a, b) => a - b);
    return ts[reps >> 1]!;
  };
  let sink = 0;
  const floor = median(() => {
    for (const r of responses) {
      const a = r.answers;
      for (let i = 0; i < names.length; i++) {
        const v = a[names[i]!];
        if (v != null) sink += v.length;
      }
    }
  });
  const first = wallMs(() => scoreStudy(form, responses, { groupBy: 'region' }));
  const warm = median(() => scoreStudy(form, responses, { groupBy: 'region' }));
  if (sink < 0) console.log(sink);
  return { floor, first, warm };
}
