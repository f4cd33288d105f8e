/**
 * Descriptive statistics of a sample. NaN entries are missing and skipped; a figure that cannot be
 * computed is null (mean, median, min, max with n = 0; sd with n < 2), never NaN.
 */

export interface Summary {
  n: number;
  mean: number | null;
  /** Sample standard deviation (denominator n - 1), as R's sd(). */
  sd: number | null;
  /** As R's median(): the middle value, or the mean of the two middle values. */
  median: number | null;
  min: number | null;
  max: number | null;
}

/** Mean and sd (n - 1) of the non-NaN values, two-pass for precision. */
export function meanSd(values: ArrayLike<number>): { n: number; mean: number | null; sd: number | null } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x === x) {
      n++;
      sum += x;
    }
  }
  if (n === 0) return { n, mean: null, sd: null };
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: null };
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x === x) ss += (x - mean) * (x - mean);
  }
  return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** n, mean, sd, median, min, max of the non-NaN values. */
export function summarize(values: ArrayLike<number>): Summary {
  const { n, mean, sd } = meanSd(values);
  if (n === 0) return { n, mean, sd, median: null, min: null, max: null };
  const sorted = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x === x) sorted[j++] = x;
  }
  sorted.sort();
  const h = n >> 1;
  const median = n % 2 === 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
  return { n, mean, sd, median, min: sorted[0]!, max: sorted[n - 1]! };
}
