/**
 * Repeats through the merge, as properties: two tablets hold the same household and, out of sight
 * of each other, add members (each with its own new id), edit members and remove members. Whatever
 * they did, the merge keeps both sides' work: a revision of each tablet is kept (a conflict the
 * researcher sees) unless one tablet saw all the other's writes, no instance key of either side is
 * lost, and two added instances never share a key. A removal on one tablet and an edit of the same
 * member on the other is always such a conflict, never a silent loss.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BundleResponse } from '../../../src/core/bundle/types';
import { allRevisions, canonicalDataset, conflictIds, datasetFromBundle, merge } from '../../../src/core/merge/index';
import { bundleOf, ID } from './helpers';

type Op = { kind: 'add'; name: string } | { kind: 'edit'; member: number; name: string } | { kind: 'remove'; member: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), name: fc.constantFrom('Aida', 'Bek', 'Sara') }),
  fc.record({ kind: fc.constant('edit' as const), member: fc.nat(2), name: fc.constantFrom('Dana', 'Timur') }),
  fc.record({ kind: fc.constant('remove' as const), member: fc.nat(2) }),
);

const at = '2024-05-01T10:00:00Z';
/** The household both tablets start from: three members. */
const base: Record<string, { value: string | number | null; at: string }> = {
  'member[m0]': { value: 1, at },
  'member[m0]/name': { value: 'Ana', at },
  'member[m1]': { value: 2, at },
  'member[m1]/name': { value: 'Ben', at },
  'member[m2]': { value: 3, at },
  'member[m2]/name': { value: 'Cem', at },
};

/** One tablet's revision after its operations; new instance ids are the device's (a random id in the app). */
function play(device: 'a' | 'b', ops: readonly Op[]): BundleResponse {
  const answers = structuredClone(base);
  ops.forEach((o, k) => {
    if (o.kind === 'add') {
      const id = `${device}${k}`;
      answers[`member[${id}]`] = { value: 10 + k, at };
      answers[`member[${id}]/name`] = { value: o.name, at };
    } else if (o.kind === 'edit') answers[`member[m${o.member}]/name`] = { value: o.name, at };
    else answers[`member[m${o.member}]`] = { value: null, at };
  });
  return {
    id: ID.r1,
    studyId: 'study',
    studyVersion: '1',
    respondentCode: 'HH-1',
    interviewer: 'I',
    status: 'draft',
    lang: 'en',
    createdAt: '2024-05-01T09:00:00Z',
    consent: null,
    answers,
    revision: { device, at, vv: ops.length ? { s: 1, [device]: ops.length } : { s: 1 } },
  } as BundleResponse;
}

const keysOf = (r: BundleResponse) => Object.keys(r.answers);

describe('repeats through the merge, as properties', () => {
  it('two tablets that each changed the household: both revisions kept, every instance of each side there, no shared key', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 6 }), fc.array(op, { maxLength: 6 }), (opsA, opsB) => {
        const a = play('a', opsA);
        const b = play('b', opsB);
        const ab = merge(datasetFromBundle(bundleOf([a])), datasetFromBundle(bundleOf([b])));
        const ba = merge(datasetFromBundle(bundleOf([b])), datasetFromBundle(bundleOf([a])));
        expect(canonicalDataset(ab)).toBe(canonicalDataset(ba));
        const kept = allRevisions(ab);
        const keys = new Set(kept.flatMap(keysOf));
        // Nothing either side wrote is lost: every key of each revision is in a kept revision.
        for (const key of [...keysOf(a), ...keysOf(b)]) expect(keys.has(key)).toBe(true);
        // Added instances never collide: a key added by a is not one b added.
        const added = (r: BundleResponse) => keysOf(r).filter((k) => !(k in base));
        expect(added(a).filter((k) => added(b).includes(k))).toEqual([]);
        if (opsA.length && opsB.length) {
          expect(conflictIds(ab)).toEqual([ID.r1]);
          expect(kept).toHaveLength(2);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a member removed on one tablet and edited on the other is a conflict, both kept', () => {
    const removed = play('a', [{ kind: 'remove', member: 1 }]);
    const edited = play('b', [{ kind: 'edit', member: 1, name: 'Benjamin' }]);
    const d = merge(datasetFromBundle(bundleOf([removed])), datasetFromBundle(bundleOf([edited])));
    expect(conflictIds(d)).toEqual([ID.r1]);
    const kept = allRevisions(d);
    expect(kept.map((r) => r.answers['member[m1]']!.value).sort()).toEqual([2, null].sort());
    expect(kept.map((r) => r.answers['member[m1]/name']!.value).sort()).toEqual(['Ben', 'Benjamin']);
  });
});
