/**
 * Rank tests between groups, computed as R computes them.
 *
 * Both start from the joint ranking of all observations (ties get the average rank) and the tie term
 * T = Σ (t³ - t) over groups of t equal values.
 *
 * Mann-Whitney (R: wilcox.test(x, y, exact = FALSE, correct = TRUE)): U = Rₓ - nₓ(nₓ + 1)/2, the
 * number of pairs with x > y plus half the ties; z = (U - nₓn_y/2 - sign·0.5) / σ with
 * σ² = nₓn_y/12 · ((N + 1) - T/(N(N - 1))); p = 2·P(Z ≥ |z|). Cliff's delta = P(x > y) - P(x < y)
 * = (2U - nₓn_y)/(nₓn_y).
 *
 * Kruskal-Wallis (R: kruskal.test): over the k non-empty groups,
 * H = (12/(N(N + 1)) Σ Rᵢ²/nᵢ - 3(N + 1)) / (1 - T/(N³ - N)), df = k - 1, p = P(χ²(df) ≥ H).
 *
 * What cannot be computed is null: an empty group (Mann-Whitney), fewer than two non-empty groups
 * (Kruskal-Wallis), or all observations tied (σ = 0, a zero denominator).
 */
import { chiSquareUpperTail, normalTwoSided } from './distributions';
import { indexOf, tally } from './tally';

export interface GroupRanks {
  /** Observations ranked. */
  n: number;
  /** Per group: observations, and the sum of their ranks. */
  sizes: Float64Array;
  rankSums: Float64Array;
  /** Σ (t³ - t) over groups of t tied values. */
  ties: number;
}

/**
 * Ranks `values[0..count)` jointly (ties: the average rank) and sums the ranks by group
 * (`codes[i]` in 0..levels-1).
 */
export function rankByGroup(values: Float64Array, codes: Int32Array, count: number, levels: number): GroupRanks {
  const t = tally(values, count);
  const d = t.values.length;
  const rankOf = new Float64Array(d);
  let below = 0;
  let ties = 0;
  for (let i = 0; i < d; i++) {
    const c = t.counts[i]!;
    rankOf[i] = below + (c + 1) / 2;
    below += c;
    ties += c * c * c - c;
  }
  const sizes = new Float64Array(levels);
  const rankSums = new Float64Array(levels);
  for (let i = 0; i < count; i++) {
    const g = codes[i]!;
    sizes[g]!++;
    rankSums[g]! += rankOf[indexOf(t.values, values[i]!)]!;
  }
  return { n: count, sizes, rankSums, ties };
}

export interface MannWhitney {
  /** U (R's W) of the first group. */
  statistic: number | null;
  p: number | null;
  cliffsDelta: number | null;
}

/** Mann-Whitney of group 0 against group 1 of a ranking. */
export function mannWhitneyFromRanks(ranks: GroupRanks): MannWhitney {
  const nx = ranks.sizes[0] ?? 0;
  const ny = ranks.sizes[1] ?? 0;
  if (nx === 0 || ny === 0) return { statistic: null, p: null, cliffsDelta: null };
  const N = nx + ny;
  const U = ranks.rankSums[0]! - (nx * (nx + 1)) / 2;
  const centred = U - (nx * ny) / 2;
  const sigma = Math.sqrt(((nx * ny) / 12) * (N + 1 - ranks.ties / (N * (N - 1))));
  const cliffsDelta = (2 * U - nx * ny) / (nx * ny);
  if (!(sigma > 0)) return { statistic: U, p: null, cliffsDelta };
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return { statistic: U, p: normalTwoSided(z), cliffsDelta };
}

export interface KruskalWallis {
  statistic: number | null;
  /** Non-empty groups - 1; null with fewer than two non-empty groups. */
  df: number | null;
  p: number | null;
}

/** Kruskal-Wallis over the non-empty groups of a ranking. */
export function kruskalWallisFromRanks(ranks: GroupRanks): KruskalWallis {
  const N = ranks.n;
  let k = 0;
  let sum = 0;
  for (let g = 0; g < ranks.sizes.length; g++) {
    const ng = ranks.sizes[g]!;
    if (ng > 0) {
      k++;
      sum += (ranks.rankSums[g]! * ranks.rankSums[g]!) / ng;
    }
  }
  if (k < 2) return { statistic: null, df: null, p: null };
  const correction = 1 - ranks.ties / (N * N * N - N);
  if (!(correction > 0)) return { statistic: null, df: k - 1, p: null };
  const H = ((12 * sum) / (N * (N + 1)) - 3 * (N + 1)) / correction;
  return { statistic: H, df: k - 1, p: chiSquareUpperTail(H, k - 1) };
}

function pool(samples: readonly ArrayLike<number>[]): { values: Float64Array; codes: Int32Array; count: number } {
  let total = 0;
  for (const s of samples) total += s.length;
  const values = new Float64Array(total);
  const codes = new Int32Array(total);
  let count = 0;
  samples.forEach((s, g) => {
    for (let i = 0; i < s.length; i++) {
      const x = s[i]!;
      if (x === x) {
        values[count] = x;
        codes[count++] = g;
      }
    }
  });
  return { values, codes, count };
}

/** Mann-Whitney of x against y (NaN skipped), as wilcox.test(x, y, exact = FALSE, correct = TRUE). */
export function mannWhitney(x: ArrayLike<number>, y: ArrayLike<number>): MannWhitney {
  const { values, codes, count } = pool([x, y]);
  return mannWhitneyFromRanks(rankByGroup(values, codes, count, 2));
}

/** Kruskal-Wallis over samples (NaN skipped), as kruskal.test(samples). */
export function kruskalWallis(samples: readonly ArrayLike<number>[]): KruskalWallis {
  const { values, codes, count } = pool(samples);
  return kruskalWallisFromRanks(rankByGroup(values, codes, count, samples.length));
}
