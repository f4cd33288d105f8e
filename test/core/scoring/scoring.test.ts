import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DalaError } from '../../../src/core/errors';
import {
  buildScoreMatrix,
  kruskalWallis,
  mannWhitney,
  normalTwoSided,
  planScoring,
  respondentScores,
  scaleScores,
  scaleTableCsv,
  scoreStudy,
  summarize,
} from '../../../src/core/scoring';
import { expectClose } from './fixtures';
import { instrument, responses } from './instruments';

/** Every number in a JSON-like value, with its path. */
function numbers(v: unknown, path = '$', out: [string, number][] = []): [string, number][] {
  if (typeof v === 'number') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => numbers(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) numbers(x, `${path}.${k}`, out);
  return out;
}

describe('reverse coding and the score matrix', () => {
  it('a reversed item is scored min + max - x on its own scale (1..5 and 0..3)', () => {
    const form = instrument({
      likert: { agree5: { points: [1, 2, 3, 4, 5] }, often4: { points: [0, 1, 2, 3] } },
      scales: [
        { name: 'a', items: ['a1', 'a2'], reversed: ['a2'] },
        { name: 'b', items: ['b1', 'b2'], reversed: ['b1'], likert: 'often4' },
      ],
    });
    const m = buildScoreMatrix(planScoring(form), responses([{ a1: '2', a2: '2', b1: '1', b2: '1' }]));
    expect([...m.values]).toEqual([2, 4, 2, 1]);
  });

  it('"4", 4, "4.0" and " 4 " are the same answer; "dk", "7", "x", a list and null are missing', () => {
    const form = instrument({ scales: [{ name: 's', items: ['q'] }] });
    const answers = ['4', 4, '4.0', ' 4 ', 'dk', '7', 'x', '', ['4'], null, 7.5];
    const m = buildScoreMatrix(planScoring(form), responses(answers.map((q) => ({ q }))));
    expect([...m.values]).toEqual([4, 4, 4, 4, NaN, NaN, NaN, NaN, NaN, NaN, NaN]);
  });

  it('an item in two scales is two columns, reversed in one and not the other', () => {
    const form = instrument({
      scales: [
        { name: 'x', items: ['q1', 'q2'] },
        { name: 'y', items: ['q2', 'q3'], reversed: ['q2'] },
      ],
    });
    const plan = planScoring(form);
    expect(plan.columns.map((c) => `${c.scale}.${c.item}${c.reversed ? '-' : ''}`)).toEqual(['x.q1', 'x.q2', 'y.q2-', 'y.q3']);
    const m = buildScoreMatrix(plan, responses([{ q1: 1, q2: 5, q3: 3 }]));
    expect([...m.values]).toEqual([1, 5, 1, 3]);
  });
});

describe("a respondent's scale score", () => {
  const form = instrument({
    scales: [
      { name: 'four', items: ['f1', 'f2', 'f3', 'f4'] },
      { name: 'three', items: ['t1', 't2', 't3'], reversed: ['t3'] },
      { name: 'one', items: ['o1'] },
    ],
  });

  it('is the mean of the answered items once ceil(k/2) are answered, else null', () => {
    const got = respondentScores(
      form,
      responses([
        { f1: '5', f2: 'dk', t1: '4', o1: '2' }, // 1 of 4, 1 of 3, 1 of 1
        { f1: '5', f2: '2', t1: '4', t3: '1', o1: null }, // 2 of 4, 2 of 3 (t3 -> 5), 0 of 1
        { f1: '1', f2: '2', f3: '3', f4: '4', t1: '1', t2: '1', t3: '1', o1: '5' },
      ]),
    );
    expect(got).toEqual([
      { id: 'r1', scores: { four: null, three: null, one: 2 } },
      { id: 'r2', scores: { four: 3.5, three: 4.5, one: null } },
      { id: 'r3', scores: { four: 2.5, three: 7 / 3, one: 5 } },
    ]);
  });

  it('is the same from the matrix, row by row, NaN where null', () => {
    const m = buildScoreMatrix(planScoring(form), responses([{ f1: '5', f2: '2', t1: '4', t3: '1' }]));
    expect([...scaleScores(m)]).toEqual([3.5, 4.5, NaN]);
  });
});

describe('the report', () => {
  const form = instrument({
    scales: [
      { name: 'a', items: ['a1', 'a2'], reversed: ['a2'] },
      { name: 'b', items: ['b1', 'b2'] },
    ],
    choices: { sector: ['public', 'private'], region: ['north', 'south', 'east'] },
  });
  const data = responses([
    { a1: '5', a2: '1', b1: '2', b2: '3', sector: 'public', region: 'north' },
    { a1: '4', a2: '2', b1: '3', b2: '3', sector: 'private', region: 'south' },
    { a1: '2', a2: 'dk', b1: '5', b2: '4', sector: 'public', region: 'north' },
    { a1: null, a2: null, b1: '1', b2: '2', sector: 'private', region: 'east' },
    { a1: '3', a2: '3', b1: '3', b2: '3', sector: null, region: 'elsewhere' },
  ]);

  it('serialises with the documented keys, in order, and no groups key without groupBy', () => {
    const r = scoreStudy(form, data);
    expect(Object.keys(r)).toEqual(['respondents', 'scales', 'priority', 'items']);
    expect(Object.keys(r.scales[0]!)).toEqual(['name', 'items', 'reversed', 'n', 'mean', 'sd', 'median', 'min', 'max', 'alpha', 'alphaN']);
    expect(Object.keys(r.priority)).toEqual(['n', 'W', 'chi2', 'df', 'p', 'meanRanks']);
    expect(Object.keys(r.items[0]!)).toEqual(['scale', 'item', 'reversed', 'n', 'mean', 'sd', 'rDrop', 'topTwo']);
    const g = scoreStudy(form, data, { groupBy: 'sector' });
    expect(Object.keys(g)).toEqual(['respondents', 'scales', 'priority', 'groups', 'items']);
    expect(Object.keys(g.groups!)).toEqual(['by', 'levels', 'tests']);
    expect(Object.keys(g.groups!.levels[0]!)).toEqual(['level', 'n', 'means']);
    expect(Object.keys(g.groups!.tests[0]!)).toEqual(['scale', 'test', 'statistic', 'p', 'cliffsDelta']);
    const k = scoreStudy(form, data, { groupBy: 'region' });
    expect(Object.keys(k.groups!.tests[0]!)).toEqual(['scale', 'test', 'statistic', 'p', 'df']);
  });

  it('levels follow the choice list; a response outside every level takes no part', () => {
    const g = scoreStudy(form, data, { groupBy: 'region' }).groups!;
    expect(g.levels).toEqual([
      { level: 'north', n: 2, means: { a: 3.5, b: 3.5 } },
      { level: 'south', n: 1, means: { a: 4, b: 3 } },
      { level: 'east', n: 1, means: { a: null, b: 1.5 } }, // one response, no score on a
    ]);
    expect(g.tests.map((t) => [t.scale, t.test, 'df' in t ? t.df : undefined])).toEqual([
      ['a', 'kruskal-wallis', 1], // east has no score on a: two groups
      ['b', 'kruskal-wallis', 2],
    ]);
  });

  it('top two categories are counted on the scored value: a reversed item counts its two lowest points', () => {
    const items = scoreStudy(form, data).items;
    expect(items.find((i) => i.item === 'a2')).toMatchObject({ n: 3, mean: 4, topTwo: 2 / 3 }); // 1,2,3 -> 5,4,3
    expect(items.find((i) => i.item === 'a1')).toMatchObject({ n: 4, topTwo: 2 / 4 }); // 5,4,2,3
  });

  it('alpha is over complete cases only, and alphaN says how many', () => {
    const r = scoreStudy(form, data);
    expect(r.scales.map((s) => [s.name, s.n, s.alphaN])).toEqual([
      ['a', 4, 3],
      ['b', 5, 5],
    ]);
  });

  it('never holds a NaN or an infinity, even with no responses at all', () => {
    for (const rows of [data, [], data.slice(0, 1)]) {
      for (const groupBy of [undefined, 'sector', 'region']) {
        const r = scoreStudy(form, rows, groupBy ? { groupBy } : {});
        for (const [path, x] of numbers(r)) expect(Number.isFinite(x), `${path} = ${x}`).toBe(true);
      }
    }
    const empty = scoreStudy(form, [], { groupBy: 'sector' });
    expect(empty.scales[0]).toMatchObject({ n: 0, mean: null, sd: null, median: null, alpha: null, alphaN: 0 });
    expect(empty.priority).toEqual({ n: 0, W: null, chi2: null, df: 1, p: null, meanRanks: { a: null, b: null } });
    expect(empty.groups!.tests[0]).toEqual({ scale: 'a', test: 'mann-whitney', statistic: null, p: null, cliffsDelta: null });
  });

  it('does not depend on the order of the responses', () => {
    const base = JSON.parse(JSON.stringify(scoreStudy(form, data, { groupBy: 'region' })));
    fc.assert(
      fc.property(fc.shuffledSubarray(data, { minLength: data.length }), (shuffled) => {
        expectClose(JSON.parse(JSON.stringify(scoreStudy(form, shuffled, { groupBy: 'region' }))), base, 1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it('prints its scale table as CSV', () => {
    const csv = scaleTableCsv(scoreStudy(form, data));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('scale,items,reversed,n,mean,sd,median,min,max,alpha,alphaN');
    expect(lines[1]!.startsWith('a,a1 a2,a2,4,3.5,')).toBe(true);
    expect(lines).toHaveLength(3);
  });
});

describe("priority: Kendall's W", () => {
  const form = instrument({ scales: ['a', 'b', 'c'].map((n) => ({ name: n, items: [n] })) });

  it('is 1 when everyone ranks the scales alike: chi2 = m(n - 1), p = e^(-chi2/2)', () => {
    const p = scoreStudy(form, responses([1, 2, 3].map(() => ({ a: 5, b: 3, c: 1 })))).priority;
    expect(p).toEqual({ n: 3, W: 1, chi2: 6, df: 2, p: expect.closeTo(Math.exp(-3), 15), meanRanks: { a: 1, b: 2, c: 3 } });
  });

  it('corrects for ties (Kendall 1948): a worked example', () => {
    // Ranks (1 = highest): r1 1.5 1.5 3 (one tie of 2: T = 6), r2 1 2 3, r3 2 1 3; R = 4.5 4.5 9.
    // W = 12 · 13.5 / (3²(3³ - 3) - 3 · 6) = 162/198 = 9/11.
    const p = scoreStudy(form, responses([{ a: 5, b: 5, c: 1 }, { a: 5, b: 3, c: 1 }, { a: 3, b: 5, c: 1 }, { a: 3, b: null, c: 1 }])).priority;
    expect(p.n).toBe(3);
    expect(p.W).toBeCloseTo(9 / 11, 14);
    expect(p.chi2).toBeCloseTo(54 / 11, 13);
    expect(p.p).toBeCloseTo(Math.exp(-27 / 11), 14);
    expect(p.meanRanks).toEqual({ a: 1.5, b: 1.5, c: 3 });
  });

  it('is null when every respondent ties every scale', () => {
    const p = scoreStudy(form, responses([{ a: 2, b: 2, c: 2 }, { a: 4, b: 4, c: 4 }])).priority;
    expect(p).toMatchObject({ n: 2, W: null, chi2: null, p: null, meanRanks: { a: 2, b: 2, c: 2 } });
  });

  it('lies in [0, 1] whatever the scores', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 30 }), (rows) => {
        const W = scoreStudy(form, responses(rows.map(([a, b, c]) => ({ a, b, c })))).priority.W;
        if (W !== null) expect(W).toBeGreaterThanOrEqual(-1e-15), expect(W).toBeLessThanOrEqual(1 + 1e-15);
      }),
    );
  });
});

describe('rank tests', () => {
  it('Mann-Whitney of separated samples: U = 0, delta = -1, R p with continuity correction', () => {
    const mw = mannWhitney([1, 2, 3], [4, 5, 6]);
    expect(mw.statistic).toBe(0);
    expect(mw.cliffsDelta).toBe(-1);
    expect(mw.p).toBeCloseTo(normalTwoSided((4.5 - 0.5) / Math.sqrt((9 / 12) * 7)), 15); // R: 0.08085
    expect(mw.p).toBeCloseTo(0.0808556, 6);
  });

  it("Cliff's delta is P(x > y) - P(x < y) over all pairs", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }), (x, y) => {
        let d = 0;
        for (const a of x) for (const b of y) d += Math.sign(a - b);
        expect(mannWhitney(x, y).cliffsDelta).toBeCloseTo(d / (x.length * y.length), 12);
      }),
    );
  });

  it('Kruskal-Wallis of two groups is the squared uncorrected Mann-Whitney z (ties included)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 25 }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 25 }), (x, y) => {
        const kw = kruskalWallis([x, y]);
        const mw = mannWhitney(x, y);
        if (kw.statistic === null) {
          expect(mw.p).toBeNull(); // all tied
          return;
        }
        const nx = x.length;
        const ny = y.length;
        const N = nx + ny;
        const all = [...x, ...y];
        let T = 0;
        for (const v of new Set(all)) {
          const t = all.filter((a) => a === v).length;
          T += t ** 3 - t;
        }
        const z = (mw.statistic! - (nx * ny) / 2) / Math.sqrt(((nx * ny) / 12) * (N + 1 - T / (N * (N - 1))));
        expect(kw.statistic).toBeCloseTo(z * z, 9);
        expect(kw.df).toBe(1);
      }),
    );
  });

  it('what cannot be computed is null: an empty side, one group, all tied', () => {
    expect(mannWhitney([], [1, 2])).toEqual({ statistic: null, p: null, cliffsDelta: null });
    expect(mannWhitney([3, 3], [3])).toEqual({ statistic: 1, p: null, cliffsDelta: 0 });
    expect(kruskalWallis([[1, 2], [], []])).toEqual({ statistic: null, df: null, p: null });
    expect(kruskalWallis([[2, 2], [2], [2]])).toEqual({ statistic: null, df: 2, p: null });
  });
});

describe('descriptives', () => {
  it('median, sd (n - 1), min, max as R; null where undefined', () => {
    expect(summarize([3, 1, NaN, 2, 10])).toEqual({ n: 4, mean: 4, sd: expect.closeTo(Math.sqrt(50 / 3), 14), median: 2.5, min: 1, max: 10 });
    expect(summarize([7])).toEqual({ n: 1, mean: 7, sd: null, median: 7, min: 7, max: 7 });
    expect(summarize([NaN])).toEqual({ n: 0, mean: null, sd: null, median: null, min: null, max: null });
  });
});

describe('an instrument or option that does not resolve is refused with a reason', () => {
  const cases: [string, Parameters<typeof instrument>[0], string | undefined, string, string][] = [
    ['unknown item', { scales: [{ name: 's', items: ['q1'] }], items: [] }, undefined, 'instrument', "no item 'q9'"],
    ['not Likert', { scales: [{ name: 's', items: ['q1'] }], items: [{ name: 'age', type: 'integer', label: {} }] }, undefined, 'instrument', "item 'age' is not a Likert item"],
    ['reversed outside the scale', { scales: [{ name: 's', items: ['q1'], reversed: ['q2'] }] }, undefined, 'instrument', "reversed item 'q2' is not one of its items"],
    ['group by unknown', { scales: [{ name: 's', items: ['q1'] }] }, 'nope', 'usage', "no item 'nope'"],
    ['group by a Likert item', { scales: [{ name: 's', items: ['q1'] }] }, 'q1', 'usage', "'q1' is not a single-choice"],
  ];
  for (const [story, spec, groupBy, code, message] of cases) {
    it(story, () => {
      const form = instrument(spec);
      if (story === 'unknown item') form.scales[0]!.items.push('q9');
      if (story === 'not Likert') form.scales[0]!.items.push('age');
      try {
        scoreStudy(form, [], groupBy ? { groupBy } : {});
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DalaError);
        expect((e as DalaError).code).toBe(code);
        expect((e as DalaError).message).toContain(message);
      }
    });
  }
});

describe('many distinct values (the sorting path of the tally)', () => {
  const sample = Array.from({ length: 9001 }, (_, i) => ((i * 7919) % 9001) / 7 + (i % 3 === 0 ? 0 : 0.5));

  it('median, min and max match a sort', () => {
    const sorted = [...sample].sort((a, b) => a - b);
    expect(summarize(sample)).toMatchObject({ n: 9001, median: sorted[4500], min: sorted[0], max: sorted[9000] });
    expect(summarize(sample.slice(1)).median).toBe((sorted.filter((x) => x !== sample[0])[4499]! + sorted.filter((x) => x !== sample[0])[4500]!) / 2);
  });

  it('Mann-Whitney U counts the pairs, as with few distinct values', () => {
    const x = sample.slice(0, 3000);
    const y = sample.slice(3000, 9001);
    let greater = 0;
    let equal = 0;
    const ys = Float64Array.from(y).sort();
    for (const a of x) {
      let lo = 0;
      let hi = ys.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (ys[mid]! < a) lo = mid + 1; else hi = mid; }
      let eq = lo;
      while (eq < ys.length && ys[eq] === a) eq++;
      greater += lo;
      equal += eq - lo;
    }
    expect(mannWhitney(x, y).statistic).toBe(greater + equal / 2);
  });
});
