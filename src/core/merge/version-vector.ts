/**
 * Version vectors: device id -> how many writes that device made to a response. A missing device
 * counts 0. A dominates B when A >= B for every device and A != B: A has seen every write B has,
 * and more. Neither dominating the other (each has writes the other lacks) is *concurrent*.
 */
import type { VersionVector } from '../bundle/types';

/** How `a` stands to `b`: 'after' when a dominates b, 'before' when b dominates a. */
export type VvOrder = 'equal' | 'before' | 'after' | 'concurrent';

export function compareVv(a: VersionVector, b: VersionVector): VvOrder {
  let aAhead = false;
  let bAhead = false;
  for (const k in a) {
    const x = a[k]!;
    const y = Object.hasOwn(b, k) ? b[k]! : 0;
    if (x > y) aAhead = true;
    else if (x < y) bAhead = true;
  }
  for (const k in b) {
    if (Object.hasOwn(a, k)) continue;
    if (b[k]! > 0) bAhead = true;
  }
  if (aAhead) return bAhead ? 'concurrent' : 'after';
  return bAhead ? 'before' : 'equal';
}

/** The pointwise maximum of version vectors. */
export function maxVv(vvs: readonly VersionVector[]): VersionVector {
  const out: VersionVector = {};
  for (const vv of vvs) for (const k in vv) out[k] = Math.max(Object.hasOwn(out, k) ? out[k]! : 0, vv[k]!);
  return out;
}
