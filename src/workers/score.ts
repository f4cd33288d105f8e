/**
 * What the results screen scores, as one pure function over the core: the same code runs on the main
 * thread (few responses) and in `scoring.worker.ts` (many). Imports the core only, so the worker's
 * bundle is the scoring code and nothing of the UI.
 *
 * The report is `scoreStudy`'s, with one change to the priority of the scales: a scale that no
 * respondent has a score on (a factor added after the data were collected, like the demo study's
 * Leadership) would leave no respondent with every score and no ranking at all. Such scales are left
 * out of Kendall's W, which is then computed over the others, and named in `priorityLeftOut`.
 */
import type { Instrument } from '../core/instrument/types';
import { scoreStudy, type ScoreReport } from '../core/scoring';
import type { ResponseLike } from '../core/scoring';

export interface ScoreRequest {
  instrument: Instrument;
  responses: readonly ResponseLike[];
  /** A select_one item to compare groups by, or null. */
  groupBy: string | null;
}

export interface ResultsScore {
  report: ScoreReport;
  /** Scales without any score, left out of the priority (empty when none). */
  priorityLeftOut: string[];
}

export function scoreForResults({ instrument, responses, groupBy }: ScoreRequest): ResultsScore {
  const options = groupBy ? { groupBy } : {};
  const report = scoreStudy(instrument, responses, options);
  const empty = report.scales.filter((s) => s.n === 0).map((s) => s.name);
  if (empty.length === 0 || empty.length === report.scales.length) return { report, priorityLeftOut: [] };
  const scored: Instrument = { ...instrument, scales: instrument.scales.filter((s) => !empty.includes(s.name)) };
  const { priority } = scoreStudy(scored, responses);
  return { report: { ...report, priority }, priorityLeftOut: empty };
}
