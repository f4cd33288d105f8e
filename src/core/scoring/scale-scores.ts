/**
 * Respondents' scale scores: the mean of the answered (scored, reverse-coded) items of the scale, or
 * null when fewer than ceil(k/2) of its k items are answered.
 */
import type { ResponseLike, ScoreMatrix } from './matrix';
import { buildScoreMatrix } from './matrix';
import { planScoring } from './plan';
import type { Instrument } from '../instrument/types';

/** `rows × scales` scores, row-major, in the plan's scale order; NaN where the score is null. */
export function scaleScores(matrix: ScoreMatrix): Float64Array {
  const { rows, width, values } = matrix;
  const scales = matrix.plan.scales;
  const s = scales.length;
  const out = new Float64Array(rows * s);
  for (let j = 0; j < s; j++) {
    const { first, k, minAnswered } = scales[j]!;
    for (let r = 0; r < rows; r++) {
      const base = r * width + first;
      let sum = 0;
      let answered = 0;
      for (let c = 0; c < k; c++) {
        const x = values[base + c]!;
        if (x === x) {
          sum += x;
          answered++;
        }
      }
      out[r * s + j] = answered >= minAnswered && answered > 0 ? sum / answered : NaN;
    }
  }
  return out;
}

export interface RespondentScores {
  id: string;
  /** Scale name -> score, null when too few items are answered. */
  scores: Record<string, number | null>;
}

/** Each response's scale scores, by scale name, in the responses' order. */
export function respondentScores(instrument: Instrument, responses: readonly ResponseLike[]): RespondentScores[] {
  const matrix = buildScoreMatrix(planScoring(instrument), responses);
  const scores = scaleScores(matrix);
  const names = matrix.plan.scales.map((sc) => sc.name);
  const out: RespondentScores[] = [];
  for (let r = 0; r < matrix.rows; r++) {
    const row: Record<string, number | null> = {};
    for (let j = 0; j < names.length; j++) {
      const x = scores[r * names.length + j]!;
      row[names[j]!] = x === x ? x : null;
    }
    out.push({ id: matrix.ids[r]!, scores: row });
  }
  return out;
}
