/**
 * Reliability of a scale and its item table.
 *
 * Cronbach's alpha is computed as psych::alpha(x)$total$raw_alpha on the scale's scored (reverse-coded)
 * items restricted to complete cases (listwise): with C the items' covariance matrix (n - 1),
 * alpha = k/(k - 1) · (1 - tr C / ΣC). As psych does by default, an item with no variance among the
 * complete cases is left out of alpha (it adds nothing to the total's variance) and k counts the rest.
 * Alpha is null with fewer than 2 complete cases, fewer than 2 items that vary, or ΣC = 0.
 *
 * Per item: n, mean, sd and the share of the top two categories over all answers to the item
 * (available cases); the corrected item-total correlation r.drop (the item against the sum of the
 * other items) over the complete cases, as psych's r.drop: (ΣⱼCᵢⱼ - Cᵢᵢ) / √(Cᵢᵢ · ΣC₋ᵢ,₋ᵢ).
 */
import type { ScoreMatrix } from './matrix';
import type { PlannedScale } from './plan';

export interface ItemStats {
  scale: string;
  item: string;
  reversed: boolean;
  /** Answers with a point value. */
  n: number;
  /** Of the scored (reverse-coded) values. */
  mean: number | null;
  sd: number | null;
  /** Corrected item-total correlation over the scale's complete cases. */
  rDrop: number | null;
  /** Share of answers in the two highest scored categories (for a reversed item: the two lowest points). */
  topTwo: number | null;
}

export interface Reliability {
  alpha: number | null;
  /** Complete cases: respondents who answered every item of the scale. */
  alphaN: number;
  items: ItemStats[];
}

export function scaleReliability(matrix: ScoreMatrix, scale: PlannedScale): Reliability {
  const { rows, width, values } = matrix;
  const { first, k } = scale;
  const columns = matrix.plan.columns;

  const n = new Float64Array(k);
  const sum = new Float64Array(k);
  const top = new Float64Array(k);
  const topFrom = new Float64Array(k);
  for (let i = 0; i < k; i++) topFrom[i] = columns[first + i]!.topTwoFrom;
  const completeSum = new Float64Array(k);
  let m = 0;

  // Pass 1: available-case counts and sums; complete-case sums.
  for (let r = 0; r < rows; r++) {
    const base = r * width + first;
    let complete = true;
    for (let i = 0; i < k; i++) {
      const x = values[base + i]!;
      if (x === x) {
        n[i]!++;
        sum[i]! += x;
        if (x >= topFrom[i]!) top[i]!++;
      } else complete = false;
    }
    if (complete) {
      m++;
      for (let i = 0; i < k; i++) completeSum[i]! += values[base + i]!;
    }
  }

  const mean = new Float64Array(k);
  const completeMean = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    mean[i] = n[i]! > 0 ? sum[i]! / n[i]! : 0;
    completeMean[i] = m > 0 ? completeSum[i]! / m : 0;
  }

  // Pass 2: available-case squared deviations; complete-case cross products (upper triangle).
  const ss = new Float64Array(k);
  const cp = new Float64Array(k * k);
  const dev = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    const base = r * width + first;
    let complete = true;
    for (let i = 0; i < k; i++) {
      const x = values[base + i]!;
      if (x === x) {
        const d = x - mean[i]!;
        ss[i]! += d * d;
        dev[i] = x - completeMean[i]!;
      } else complete = false;
    }
    if (complete) {
      for (let i = 0; i < k; i++) {
        const di = dev[i]!;
        for (let j = i; j < k; j++) cp[i * k + j]! += di * dev[j]!;
      }
    }
  }

  // Covariances of the complete cases; the items that vary among them.
  const cov = (i: number, j: number) => (i <= j ? cp[i * k + j]! : cp[j * k + i]!) / (m - 1);
  const varying: number[] = [];
  if (m >= 2) for (let i = 0; i < k; i++) if (cov(i, i) > 0) varying.push(i);
  const kv = varying.length;
  const rowSum = new Float64Array(k);
  let total = 0;
  let trace = 0;
  for (const i of varying) {
    for (const j of varying) rowSum[i]! += cov(i, j);
    total += rowSum[i]!;
    trace += cov(i, i);
  }
  const alpha = m >= 2 && kv >= 2 && total > 0 ? (kv / (kv - 1)) * (1 - trace / total) : null;

  const items: ItemStats[] = [];
  for (let i = 0; i < k; i++) {
    const column = columns[first + i]!;
    let rDrop: number | null = null;
    if (kv >= 2 && varying.includes(i)) {
      const cii = cov(i, i);
      const rest = total - 2 * rowSum[i]! + cii;
      if (rest > 0) rDrop = (rowSum[i]! - cii) / Math.sqrt(cii * rest);
    }
    const ni = n[i]!;
    items.push({
      scale: scale.name,
      item: column.item,
      reversed: column.reversed,
      n: ni,
      mean: ni > 0 ? mean[i]! : null,
      sd: ni > 1 ? Math.sqrt(ss[i]! / (ni - 1)) : null,
      rDrop,
      topTwo: ni > 0 ? top[i]! / ni : null,
    });
  }
  return { alpha, alphaN: m, items };
}
