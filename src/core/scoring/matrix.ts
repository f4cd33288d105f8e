/**
 * The score matrix: every response's scored item values in one Float64Array, built in one pass.
 *
 * Row-major, `rows × width`: row r is response r, column c is `plan.columns[c]` (a scale's items are
 * consecutive). A cell is the answer's numeric value, reverse coded where the scale says so, or NaN
 * when it is missing: unanswered, a non-substantive code such as "dk", or anything that is not a
 * point of the item's Likert scale. Everything downstream (scores, reliability, ranks) reads this
 * array, so no object is allocated per cell; `groups` holds each row's level index (-1: none).
 */
import type { AnswerValue } from '../responses/types';
import type { PlannedColumn, ScoringPlan } from './plan';

/** What scoring reads of a response: its id and its answers by item name. */
export interface ResponseLike {
  id: string;
  answers: Readonly<Record<string, AnswerValue | undefined>>;
}

export interface ScoreMatrix {
  plan: ScoringPlan;
  rows: number;
  /** Number of columns, `plan.columns.length`. */
  width: number;
  /** Response ids, by row. */
  ids: string[];
  /** `rows × width` scored values, row-major; NaN is missing. */
  values: Float64Array;
  /** Level index (into `plan.group.levels`) per row, -1 when the answer is not a level; null without a group. */
  groups: Int32Array | null;
}

/** A string that is not a code but reads as a point value (" 4", "4.0"): its scored value, else NaN. */
function lenientValue(column: PlannedColumn, s: string): number {
  const t = s.trim();
  if (t === '') return NaN;
  const n = Number(t);
  return column.points.has(n) ? column.values.get(n)! : NaN;
}

/** Reads every scored answer of every response into a matrix, in one pass. */
export function buildScoreMatrix(plan: ScoringPlan, responses: readonly ResponseLike[]): ScoreMatrix {
  const rows = responses.length;
  const columns = plan.columns;
  const width = columns.length;
  const names = columns.map((c) => c.item);
  const lookups = columns.map((c) => c.values);
  // Single-character codes ("1".."5", the common case) are looked up by character code, skipping the
  // Map's hashing: ascii[c * 128 + code] is the scored value, NaN when the character is no point.
  const ascii = new Float64Array(width * 128).fill(NaN);
  columns.forEach((column, c) => {
    for (const [code, value] of column.values) {
      if (typeof code === 'string' && code.length === 1 && code.charCodeAt(0) < 128) ascii[c * 128 + code.charCodeAt(0)] = value;
    }
  });
  const values = new Float64Array(rows * width);
  const ids = new Array<string>(rows);
  const group = plan.group;
  const groups = group ? new Int32Array(rows) : null;

  for (let r = 0; r < rows; r++) {
    const response = responses[r]!;
    const answers = response.answers;
    ids[r] = response.id;
    const base = r * width;
    for (let c = 0; c < width; c++) {
      const v = answers[names[c]!];
      let x = NaN;
      if (typeof v === 'string' && v.length === 1) {
        const code = v.charCodeAt(0);
        if (code < 128) x = ascii[c * 128 + code]!;
      } else if (v !== null && v !== undefined) {
        const scored = lookups[c]!.get(v as string | number);
        if (scored !== undefined) x = scored;
        else if (typeof v === 'string') x = lenientValue(columns[c]!, v);
      }
      values[base + c] = x;
    }
    if (group && groups) {
      const g = answers[group.by];
      groups[r] = typeof g === 'string' ? (group.index.get(g) ?? -1) : -1;
    }
  }
  return { plan, rows, width, ids, values, groups };
}
