/**
 * The score report: everything the researcher's scale table, priority and group comparison show, as
 * plain JSON (the CLI prints it as is; docs/scoring.md defines every figure). A figure that cannot be
 * computed is null, never NaN. Key order is the documented one, so the printed JSON is stable.
 */
import type { Instrument } from '../instrument/types';
import { summarize, type Summary } from './descriptives';
import { compareGroups, type Groups } from './groups';
import { buildScoreMatrix, type ResponseLike, type ScoreMatrix } from './matrix';
import { planScoring, type ScoringOptions } from './plan';
import { scalePriority, type Priority } from './priority';
import { scaleReliability, type ItemStats } from './reliability';
import { scaleScores } from './scale-scores';

/** A scale's row: its items, the summary of its scores (`n`: respondents with a score), reliability. */
export interface ScaleRow extends Summary {
  name: string;
  items: string[];
  reversed: string[];
  /** Cronbach's alpha over the complete cases (psych raw_alpha). */
  alpha: number | null;
  /** Complete cases alpha is computed on. */
  alphaN: number;
}

export interface ScoreReport {
  /** Responses scored. */
  respondents: number;
  scales: ScaleRow[];
  priority: Priority;
  /** Only when scored with `groupBy`. */
  groups?: Groups;
  /** Item table, scale by scale. */
  items: ItemStats[];
}

/** Scores a matrix: scale table, item table, priority and (if the plan has a group) group comparison. */
export function scoreMatrix(matrix: ScoreMatrix): ScoreReport {
  const scales = matrix.plan.scales;
  const s = scales.length;
  const scores = scaleScores(matrix);
  const column = new Float64Array(matrix.rows);
  const rows: ScaleRow[] = [];
  const items: ItemStats[] = [];
  for (let j = 0; j < s; j++) {
    const scale = scales[j]!;
    for (let r = 0; r < matrix.rows; r++) column[r] = scores[r * s + j]!;
    const { n, mean, sd, median, min, max } = summarize(column);
    const reliability = scaleReliability(matrix, scale);
    rows.push({
      name: scale.name,
      items: [...scale.items],
      reversed: [...scale.reversed],
      n,
      mean,
      sd,
      median,
      min,
      max,
      alpha: reliability.alpha,
      alphaN: reliability.alphaN,
    });
    items.push(...reliability.items);
  }
  const priority = scalePriority(
    scores,
    matrix.rows,
    scales.map((sc) => sc.name),
  );
  const groups = compareGroups(matrix, scores);
  return { respondents: matrix.rows, scales: rows, priority, ...(groups ? { groups } : {}), items };
}

/**
 * Scores a study: its instrument's scales over the responses, optionally compared across the levels
 * of a single-choice item. Throws a DalaError when the instrument's scales or `groupBy` do not resolve.
 */
export function scoreStudy(
  instrument: Instrument,
  responses: readonly ResponseLike[],
  options: ScoringOptions = {},
): ScoreReport {
  return scoreMatrix(buildScoreMatrix(planScoring(instrument, options), responses));
}
