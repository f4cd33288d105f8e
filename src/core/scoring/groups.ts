/**
 * Group comparison by a single-choice item. Levels are the choice list's names in its order; a
 * response whose answer is not one of them (unanswered, or a code outside the list) is in no level and
 * takes no part. Per level: n (responses in the level) and each scale's mean over its non-null scores.
 * Per scale, with exactly two levels in the list: Mann-Whitney U of the first level, its p and Cliff's
 * delta; with three or more: Kruskal-Wallis H over the levels that have scores, df and p
 * (see rank-tests.ts). With fewer than two levels there is nothing to test.
 */
import type { ScoreMatrix } from './matrix';
import { kruskalWallisFromRanks, mannWhitneyFromRanks, rankByGroup } from './rank-tests';

export interface GroupLevel {
  level: string;
  /** Responses in the level. */
  n: number;
  /** Scale name -> mean of the level's non-null scores (null when none). */
  means: Record<string, number | null>;
}

export interface MannWhitneyTest {
  scale: string;
  test: 'mann-whitney';
  /** U (R's W statistic) of the first level. */
  statistic: number | null;
  p: number | null;
  cliffsDelta: number | null;
}

export interface KruskalWallisTest {
  scale: string;
  test: 'kruskal-wallis';
  /** H, tie corrected. */
  statistic: number | null;
  p: number | null;
  df: number | null;
}

export type GroupTest = MannWhitneyTest | KruskalWallisTest;

export interface Groups {
  by: string;
  levels: GroupLevel[];
  tests: GroupTest[];
}

/** Levels and tests from a matrix with a group and its `rows × scales` scores. */
export function compareGroups(matrix: ScoreMatrix, scores: Float64Array): Groups | null {
  const group = matrix.plan.group;
  const codes = matrix.groups;
  if (!group || !codes) return null;
  const { rows } = matrix;
  const scales = matrix.plan.scales;
  const s = scales.length;
  const L = group.levels.length;

  const members = new Float64Array(L);
  for (let r = 0; r < rows; r++) if (codes[r]! >= 0) members[codes[r]!]!++;

  const levels: GroupLevel[] = group.levels.map((level, g) => ({ level, n: members[g]!, means: {} }));
  const tests: GroupTest[] = [];
  const values = new Float64Array(rows);
  const valueCodes = new Int32Array(rows);
  for (let j = 0; j < s; j++) {
    const name = scales[j]!.name;
    let count = 0;
    const sums = new Float64Array(L);
    const counts = new Float64Array(L);
    for (let r = 0; r < rows; r++) {
      const g = codes[r]!;
      const x = scores[r * s + j]!;
      if (g < 0 || x !== x) continue;
      values[count] = x;
      valueCodes[count++] = g;
      sums[g]! += x;
      counts[g]!++;
    }
    for (let g = 0; g < L; g++) levels[g]!.means[name] = counts[g]! > 0 ? sums[g]! / counts[g]! : null;
    if (L === 2) {
      const mw = mannWhitneyFromRanks(rankByGroup(values, valueCodes, count, L));
      tests.push({ scale: name, test: 'mann-whitney', statistic: mw.statistic, p: mw.p, cliffsDelta: mw.cliffsDelta });
    } else if (L > 2) {
      const kw = kruskalWallisFromRanks(rankByGroup(values, valueCodes, count, L));
      tests.push({ scale: name, test: 'kruskal-wallis', statistic: kw.statistic, p: kw.p, df: kw.df });
    }
  }
  return { by: group.by, levels, tests };
}
