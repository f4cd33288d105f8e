import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../src/core/demo/demo-study';
import { demoExampleResponses } from '../../src/core/demo/example-data';
import { scoreStudy } from '../../src/core/scoring';
import {
  byRespondentCode,
  chartDomain,
  choiceMatrix,
  defaultFilters,
  defaultProfileField,
  defaultStudyLang,
  divergingBar,
  filterResponses,
  groupFields,
  likertDistributions,
  ratingMatrix,
  scoreForResults,
  type MatrixOptions,
  type ResultsFilters,
  type ResultsResponse,
} from '../../src/app/results';
import { slimResponses } from '../../src/app/scoring-client';

/** The paper's four interviews as the app stores them (complete, marked example). */
const examples: ResultsResponse[] = demoExampleResponses.map((r, i) => ({
  id: r.id,
  session: { respondentCode: r.respondentCode, interviewer: 'A.K. Amirova (paper)', status: 'complete', createdAt: `2024-03-0${i + 1}T10:00:00.000Z`, example: true },
  answers: r.answers,
  other: r.other ?? {},
}));

const options: MatrixOptions = {
  lang: 'en',
  profileField: 'role',
  otherLabel: 'Other (specify)',
  quote: (text) => `“${text}”`,
  unscaledLabel: 'Statements in no scale',
};

function session(id: string, patch: Partial<ResultsResponse['session']>): ResultsResponse {
  return { id, session: { respondentCode: id, interviewer: 'AB', status: 'complete', createdAt: '2024-05-10T08:00:00.000Z', ...patch }, answers: {}, other: {} };
}

describe('the filters of the results', () => {
  const all = [
    session('a', {}),
    session('b', { status: 'draft' }),
    session('c', { interviewer: 'CD', createdAt: '2024-05-12T08:00:00.000Z' }),
    session('d', { example: true, createdAt: '2024-05-01T08:00:00.000Z' }),
  ];
  const base: ResultsFilters = { groupBy: '', from: '', to: '', interviewer: '', includeExamples: true, completeOnly: true };
  const ids = (f: Partial<ResultsFilters>) => filterResponses(all, { ...base, ...f }, (iso) => iso.slice(0, 10)).map((r) => r.id);

  it('keep complete sessions by default and drafts on request', () => {
    expect(ids({})).toEqual(['a', 'c', 'd']);
    expect(ids({ completeOnly: false })).toEqual(['a', 'b', 'c', 'd']);
  });
  it('leave the example data out on request', () => {
    expect(ids({ includeExamples: false })).toEqual(['a', 'c']);
  });
  it('keep one interviewer', () => {
    expect(ids({ interviewer: 'CD' })).toEqual(['c']);
  });
  it('keep a period of days, both ends included, either end open', () => {
    expect(ids({ from: '2024-05-10', to: '2024-05-10' })).toEqual(['a']);
    expect(ids({ from: '2024-05-11' })).toEqual(['c']);
    expect(ids({ to: '2024-05-09' })).toEqual(['d']);
    expect(ids({ to: '2000-01-01' })).toEqual([]);
  });
  it('include the examples by default only when they are all there is', () => {
    expect(defaultFilters(examples).includeExamples).toBe(true);
    expect(defaultFilters(all).includeExamples).toBe(false);
    expect(defaultFilters([]).completeOnly).toBe(true);
  });
  it('offer the single-choice items to group by, and head columns by role', () => {
    expect(groupFields(demoStudy).map((i) => i.name)).toEqual(['role', 'sector', 'gov_level', 'education', 'rec_consent', 'q2', 'q3', 'q4']);
    expect(defaultProfileField(demoStudy)).toBe('role');
    expect(defaultStudyLang(demoStudy, 'kk')).toBe('kk');
    expect(defaultStudyLang({ ...demoStudy, languages: ['ru'] }, 'en')).toBe('ru');
  });
  it('order respondents by code, numbers as numbers', () => {
    const codes = ['R10', 'R2', 'R1'].map((c) => session(c, { respondentCode: c }));
    expect(byRespondentCode(codes).map((r) => r.session.respondentCode)).toEqual(['R1', 'R2', 'R10']);
  });
});

describe('Table 3: the ratings side by side', () => {
  const m = ratingMatrix(demoStudy, [...examples].reverse(), options);

  it('has a column per respondent in code order, headed by the role', () => {
    expect(m.columns.map((c) => c.code)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(m.columns[1]!.detail).toBe('Project manager, private sector');
  });
  it('groups the statements by scale and shows the paper’s ratings', () => {
    expect(m.groups.map((g) => g.name)).toEqual(['strategy', 'human_capital', 'organization', 'resources', 'leadership']);
    const h5 = m.groups[1]!.rows.find((r) => r.item === 'h5')!;
    expect(h5.label).toMatch(/institutional memory/);
    expect(h5.cells.map((c) => c.text)).toEqual(['2', '2', '5', '4']);
    expect(h5.cells[2]!.title).toBe('Strongly agree');
  });
  it('leaves the Leadership statements, added after the study, empty', () => {
    expect(m.groups[4]!.rows.flatMap((r) => r.cells.map((c) => c.text))).toEqual(Array(12).fill(''));
  });
  it('shows at most `limit` respondents and says how many there are', () => {
    const few = ratingMatrix(demoStudy, examples, { ...options, limit: 2 });
    expect(few.columns).toHaveLength(2);
    expect(few.groups[0]!.rows[0]!.cells).toHaveLength(2);
    expect(few.total).toBe(4);
  });
  it('labels in the chosen study language, codes only when asked', () => {
    const ru = ratingMatrix(demoStudy, examples, { ...options, lang: 'ru', profileField: '' });
    expect(ru.groups[0]!.label).toBe('Стратегия');
    expect(ru.columns[0]!.detail).toBe('');
  });
});

describe('Table 2: the choice questions side by side', () => {
  const m = choiceMatrix(demoStudy, examples, options);
  const row = (item: string) => m.groups.flatMap((g) => g.rows).find((r) => r.item === item)!;

  it('shows the chosen codes, with the “Other” text quoted', () => {
    expect(row('q1').cells.map((c) => c.text)).toEqual(['A, B, C', 'A, B, C, other “Leadership (management styles and quality)”', 'A, B', 'A, B, C']);
    expect(row('q5').cells.map((c) => c.text)).toEqual(['C, D', 'B', 'A', 'C']);
    expect(row('q2').cells.map((c) => c.text)).toEqual(['B', 'A', 'A', 'D']);
  });
  it('puts the labels behind the codes in the tooltip and lists the options under the question', () => {
    expect(row('q2').cells[3]!.title).toBe('D: Public service and the possibility of self-realization');
    expect(row('q1').options.map((o) => o.code)).toEqual(['A', 'B', 'C', 'D', 'other']);
  });
  it('groups the questions by section: the profile’s choices, then the preliminary questions', () => {
    expect(m.groups.map((g) => g.name)).toEqual(['profile', 'questions']);
    expect(m.groups[1]!.rows.map((r) => r.item)).toEqual(['rec_consent', 'q1', 'q2', 'q3', 'q4', 'q5']);
  });
});

describe('the answer distributions and their diverging bars', () => {
  it('count each point, and non-substantive answers apart', () => {
    const withDk = [...examples, { ...session('x', {}), answers: { h4: 'dk', s1: 5 } }];
    const groups = likertDistributions(demoStudy, withDk, 'en', 'rest');
    const h4 = groups[1]!.items.find((d) => d.item === 'h4')!;
    expect(h4.points.map((p) => p.count)).toEqual([1, 0, 2, 0, 1]);
    expect(h4.n).toBe(4);
    expect(h4.nonSubstantive).toEqual([{ code: 'dk', label: 'Prefer not to answer', count: 1 }]);
    const s1 = groups[0]!.items[0]!;
    expect(s1.points.map((p) => p.count)).toEqual([0, 0, 0, 1, 4]);
  });

  it('put disagreement left of the centre, agreement right, and split the middle point across it', () => {
    const bar = divergingBar([1, 0, 2, 0, 1]);
    expect(bar.left).toBeCloseTo(0.5);
    expect(bar.right).toBeCloseTo(0.5);
    expect(bar.segments.map((s) => [s.index, s.side, s.start, s.end, s.strength])).toEqual([
      [0, 'negative', -0.5, -0.25, 1],
      [2, 'neutral', -0.25, 0.25, 0],
      [4, 'positive', 0.25, 0.5, 1],
    ]);
  });

  it('stack the points in order from the far left, shares summing to one', () => {
    const bar = divergingBar([2, 1, 1, 4, 2]);
    expect(bar.left).toBeCloseTo(0.35);
    const ends = bar.segments.map((s) => s.end);
    expect(ends.at(-1)).toBeCloseTo(bar.right);
    expect(bar.segments.map((s) => s.strength)).toEqual([1, 0.5, 0, 0.5, 1]);
    expect(bar.segments.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1);
  });

  it('have no middle with an even number of points, and no segment without answers', () => {
    const bar = divergingBar([1, 1, 0, 2]);
    expect(bar.segments.map((s) => s.side)).toEqual(['negative', 'negative', 'positive']);
    expect(bar.left).toBeCloseTo(0.5);
    expect(divergingBar([0, 0, 0])).toEqual({ segments: [], left: 0, right: 0, total: 0 });
  });

  it('share one domain so the centre lines align', () => {
    expect(chartDomain([divergingBar([1, 0, 0, 0, 3]), divergingBar([0, 0, 2, 2, 0]), divergingBar([0, 0, 0, 0, 0])])).toEqual({ left: 0.25, right: 0.75 });
    expect(chartDomain([])).toEqual({ left: 0.5, right: 0.5 });
  });
});

describe('the scores the results show', () => {
  it('are scoreStudy’s, with the unanswered Leadership left out of the priority only', () => {
    const { report, priorityLeftOut } = scoreForResults({ instrument: demoStudy, responses: examples, groupBy: 'sector' });
    const full = scoreStudy(demoStudy, examples, { groupBy: 'sector' });
    expect(report.scales).toEqual(full.scales);
    expect(report.groups).toEqual(full.groups);
    expect(full.priority.W).toBeNull();
    expect(priorityLeftOut).toEqual(['leadership']);
    // The paper's four factors, as docs/scoring.md reports them for the seed study.
    expect(report.priority.W).toBeCloseTo(0.6089743589743589, 12);
    expect(report.priority.meanRanks).toEqual({ strategy: 1.125, human_capital: 2.75, organization: 2.625, resources: 3.5 });
  });

  it('are the same from the slimmed responses the worker receives', () => {
    const slim = slimResponses(demoStudy, examples, 'sector');
    expect(Object.keys(slim[0]!.answers)).not.toContain('occupation');
    expect(scoreForResults({ instrument: demoStudy, responses: slim, groupBy: 'sector' })).toEqual(scoreForResults({ instrument: demoStudy, responses: examples, groupBy: 'sector' }));
  });
});
