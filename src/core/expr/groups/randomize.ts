/**
 * The 'randomize' function group (../catalog.ts): randomize(), loaded on demand (../library.ts).
 * Shuffled as Collect shuffles, so a seed gives the same order in Dala as there.
 */
import type { Value } from '../ast';
import { randomOf, type FunctionDef, type FunctionGroupModule } from '../functions';
import { toNumber } from '../values';
import { sha256Bytes } from './digest';

/** randomize()'s seed: a number's integer part; a text that is not a number, the first 64 bits of its SHA-256 (as Collect). */
function seedOf(v: Value): number {
  const n = toNumber(v);
  if (Number.isNaN(n) && typeof v === 'string') {
    if (v === '') return 0;
    const bytes = sha256Bytes(v);
    let x = 0n;
    for (let k = 0; k < 8; k++) x = (x << 8n) | BigInt(bytes[k]!);
    return Number(BigInt.asIntN(64, x));
  }
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** The Park-Miller generator Collect's randomize() uses, so a seed gives the same order everywhere. */
function parkMiller(seed: number): () => number {
  const MODULUS = 2147483647;
  let s = seed % MODULUS;
  if (s <= 0) s += MODULUS - 1;
  return () => {
    s = (s * 16807) % MODULUS;
    return (s - 1) / (MODULUS - 1);
  };
}

/** The "inside-out" Fisher-Yates shuffle of the ODK spec. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out: T[] = [];
  items.forEach((item, i) => {
    const j = Math.floor(random() * (i + 1));
    if (j !== i) out[i] = out[j]!;
    out[j] = item;
  });
  return out;
}

export const RANDOMIZE: FunctionGroupModule = {
  group: 'randomize',
  functions: new Map<string, FunctionDef>([
    [
      'randomize',
      {
        signature: 'randomize(${repeated} | instance path[, seed])',
        call: (a, ctx, n) => ({ nodes: shuffle(a.nodes(0), a.length > 1 ? parkMiller(seedOf(a.value(1))) : () => randomOf(ctx, n)) }),
      },
    ],
  ]),
};
