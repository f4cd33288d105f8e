/**
 * The distinct values of a sample, sorted, with how often each occurs: what medians, average ranks
 * and tie corrections need. Scale scores take few distinct values (means of a few Likert points), so
 * counting them in a Map and sorting only the distinct ones is several times faster than sorting the
 * sample; a sample with many distinct values falls back to sorting a copy.
 */

export interface Tally {
  /** Distinct values, ascending. */
  values: Float64Array;
  /** counts[i]: occurrences of values[i]. */
  counts: Float64Array;
}

/** Above this many distinct values, sorting the sample is cheaper than the Map. */
const MAX_MAPPED = 4096;

/** Tally of `sample[0..count)`; the sample must hold no NaN. */
export function tally(sample: Float64Array, count: number = sample.length): Tally {
  const map = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const x = sample[i]!;
    const c = map.get(x);
    if (c !== undefined) map.set(x, c + 1);
    else if (map.size < MAX_MAPPED) map.set(x, 1);
    else return tallyBySorting(sample, count);
  }
  const values = Float64Array.from(map.keys()).sort();
  const counts = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) counts[i] = map.get(values[i]!)!;
  return { values, counts };
}

function tallyBySorting(sample: Float64Array, count: number): Tally {
  const sorted = sample.slice(0, count).sort();
  const values = new Float64Array(count);
  const counts = new Float64Array(count);
  let d = 0;
  for (let i = 0; i < count; ) {
    let j = i + 1;
    while (j < count && sorted[j] === sorted[i]) j++;
    values[d] = sorted[i]!;
    counts[d++] = j - i;
    i = j;
  }
  return { values: values.slice(0, d), counts: counts.slice(0, d) };
}

/** Index of `x` in the ascending `values` (x must be one of them). */
export function indexOf(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
