/**
 * Descriptive statistics of a sample. NaN entries are missing and skipped; a figure that cannot be
 * computed is null (mean, median, min, max with n = 0; sd with n < 2), never NaN.
 */
import { tally, type Tally } from './tally';

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
  const present = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x === x) present[j++] = x;
  }
  const t = tally(present);
  return { n, mean, sd, median: median(t, n), min: t.values[0]!, max: t.values[t.values.length - 1]! };
}

/** As R's median(): the middle value, or the mean of the two middle values (0-based n/2 - 1 and n/2). */
function median(t: Tally, n: number): number {
  const lowIndex = (n - 1) >> 1; // 0-based positions of the middle value(s) in the sorted sample
  const highIndex = n >> 1;
  let low = NaN;
  let seen = 0;
  for (let i = 0; i < t.values.length; i++) {
    seen += t.counts[i]!;
    if (low !== low && seen > lowIndex) low = t.values[i]!;
    if (seen > highIndex) return (low + t.values[i]!) / 2;
  }
  return low;
}
