/**
 * Priority of the scales: Kendall's coefficient of concordance W over the respondents who have every
 * scale score. Each such respondent ranks the n scales (1 = highest score, ties get the average rank).
 * With m respondents, Rᵢ the rank sum of scale i and T = Σ (t³ - t) over every respondent's groups of
 * t tied scales (Kendall 1948, tie correction):
 *   W = 12 Σ (Rᵢ - m(n + 1)/2)² / (m²(n³ - n) - m T),  chi2 = m(n - 1) W,  df = n - 1,
 * p = P(χ²(df) ≥ chi2). chi2 equals R's friedman.test statistic on the same ranks.
 * W, chi2, p are null with no respondent, fewer than 2 scales, or when every respondent ties every scale.
 */
import { chiSquareUpperTail } from './distributions';

export interface Priority {
  /** Respondents with all scale scores. */
  n: number;
  W: number | null;
  chi2: number | null;
  df: number | null;
  p: number | null;
  /** Scale name -> mean rank (1 = highest); null with no respondent. */
  meanRanks: Record<string, number | null>;
}

/** Kendall's W over a `rows × names.length` score array (NaN: no score). */
export function scalePriority(scores: Float64Array, rows: number, names: readonly string[]): Priority {
  const s = names.length;
  const rankSums = new Float64Array(s);
  let m = 0;
  let ties = 0;
  rows: for (let r = 0; r < rows; r++) {
    const base = r * s;
    for (let i = 0; i < s; i++) if (scores[base + i] !== scores[base + i]) continue rows;
    m++;
    for (let i = 0; i < s; i++) {
      const x = scores[base + i]!;
      let higher = 0;
      let equal = 0; // including itself
      for (let j = 0; j < s; j++) {
        const y = scores[base + j]!;
        if (y > x) higher++;
        else if (y === x) equal++;
      }
      rankSums[i]! += higher + (equal + 1) / 2;
      ties += equal * equal - 1; // summed over a group of t ties: t(t² - 1) = t³ - t
    }
  }

  const meanRanks: Record<string, number | null> = {};
  for (let i = 0; i < s; i++) meanRanks[names[i]!] = m > 0 ? rankSums[i]! / m : null;

  const expected = (m * (s + 1)) / 2;
  let dev = 0;
  for (let i = 0; i < s; i++) dev += (rankSums[i]! - expected) ** 2;
  const denominator = m * m * (s * s * s - s) - m * ties;
  if (m === 0 || s < 2 || !(denominator > 0)) {
    return { n: m, W: null, chi2: null, df: s >= 2 ? s - 1 : null, p: null, meanRanks };
  }
  const W = (12 * dev) / denominator;
  const chi2 = m * (s - 1) * W;
  return { n: m, W, chi2, df: s - 1, p: chiSquareUpperTail(chi2, s - 1), meanRanks };
}
