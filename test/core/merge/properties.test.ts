/**
 * The merge as an algebra, over random response sets with random revisions and conflicts:
 * commutative, associative, idempotent, independent of input order, and nothing dropped (every
 * input revision is in the result or dominated by one in it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/bundle/canonical';
import type { BundleResponse } from '../../../src/core/bundle/types';
import {
  canonicalDataset,
  compareVv,
  conflictIds,
  datasetFromBundle,
  EMPTY_DATASET,
  merge,
  mergeAll,
  resolveConflict,
  type Dataset,
} from '../../../src/core/merge/index';
import { bundleOf, ID, rev } from './helpers';

const DEVICES = ['a', 'b', 'c'] as const;

/** A revision: a small pool of ids, devices, counters, values and times, so collisions are common. */
const revision: fc.Arbitrary<BundleResponse> = fc
  .record({
    id: fc.constantFrom(ID.r1, ID.r2, ID.r3),
    counts: fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)),
    value: fc.constantFrom<string | number>('x', 'y', 'z', 1, 2),
    at: fc.constantFrom('2024-05-01T10:00:00Z', '2024-05-02T10:00:00Z', '2024-05-02T10:00:00.000Z'),
    pick: fc.nat(2),
  })
  .map(({ id, counts, value, at, pick }) => {
    const vv: Record<string, number> = {};
    counts.forEach((n, i) => {
      if (n > 0) vv[DEVICES[i]!] = n;
    });
    if (Object.keys(vv).length === 0) vv.a = 1;
    const devices = Object.keys(vv);
    return rev(id, vv, value, at, devices[pick % devices.length]!);
  });

const revisions = fc.array(revision, { maxLength: 12 });
const dataset: fc.Arbitrary<{ input: BundleResponse[]; d: Dataset }> = revisions.map((input) => ({ input, d: datasetFromBundle(bundleOf(input)) }));

const same = (x: Dataset, y: Dataset): void => {
  expect(canonicalDataset(x)).toBe(canonicalDataset(y));
};
const runs = { numRuns: 300 };

describe('the merge, as properties', () => {
  it('is commutative: merge(a, b) = merge(b, a)', () => {
    fc.assert(fc.property(dataset, dataset, (a, b) => same(merge(a.d, b.d), merge(b.d, a.d))), runs);
  });

  it('is associative: merge(a, merge(b, c)) = merge(merge(a, b), c)', () => {
    fc.assert(fc.property(dataset, dataset, dataset, (a, b, c) => same(merge(a.d, merge(b.d, c.d)), merge(merge(a.d, b.d), c.d))), runs);
  });

  it('is idempotent: merge(a, a) = a, and the empty dataset changes nothing', () => {
    fc.assert(
      fc.property(dataset, (a) => {
        same(merge(a.d, a.d), a.d);
        same(merge(a.d, EMPTY_DATASET), a.d);
      }),
      runs,
    );
  });

  it('does not depend on the order revisions arrive in', () => {
    fc.assert(
      fc.property(revisions.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))), ([rs, shuffled]) =>
        same(datasetFromBundle(bundleOf(rs)), datasetFromBundle(bundleOf(shuffled))),
      ),
      runs,
    );
  });

  it('drops nothing: every input revision is kept or dominated by a kept one; kept ones are maximal and distinct', () => {
    fc.assert(
      fc.property(dataset, dataset, (a, b) => {
        const m = merge(a.d, b.d);
        for (const r of [...a.input, ...b.input]) {
          const keptRevs = m.responses.get(r.id) ?? [];
          const inIt = keptRevs.some((k) => canonicalJson(k) === canonicalJson(r));
          const dominated = keptRevs.some((k) => compareVv(k.revision.vv, r.revision.vv) === 'after');
          expect(inIt || dominated).toBe(true);
        }
        for (const revs of m.responses.values()) {
          for (const x of revs) {
            for (const y of revs) {
              if (x === y) continue;
              expect(compareVv(x.revision.vv, y.revision.vv)).not.toBe('after');
              expect(canonicalJson(x)).not.toBe(canonicalJson(y));
            }
          }
        }
      }),
      runs,
    );
  });

  it('a resolved conflict stays resolved whatever is merged after it', () => {
    fc.assert(
      fc.property(dataset, dataset, (a, b) => {
        let m = mergeAll([a.d, b.d]);
        for (const id of conflictIds(m)) {
          const choice = m.responses.get(id)![0]!;
          m = resolveConflict(m, id, { revision: choice }, 'researcher', '2024-06-01T00:00:00Z');
        }
        expect(conflictIds(m)).toEqual([]);
        same(merge(m, a.d), m);
        same(merge(b.d, m), m);
      }),
      runs,
    );
  });
});
