/**
 * Repeats through the merge, as properties: tablets hold the same household and, out of sight of
 * each other, add members (each with its own new id), give members jobs (a nested repeat), edit
 * members and remove members. Each answer carries the write that set it (its dot), as the app
 * records it. Whatever they did:
 * - the merge is commutative, associative and idempotent, for the kept revisions and for the
 *   responses exports read (the join of revisions, src/core/merge/join.ts);
 * - instances added on two tablets are all kept, never one overwriting another;
 * - edits of different answers or instances join without a conflict, and the join holds each one;
 * - the same answer changed differently on both, or a member removed on one tablet while the other
 *   changed it, is a conflict the researcher sees: both revisions kept, nothing lost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BundleAnswer, BundleResponse, VersionVector } from '../../../src/core/bundle/types';
import { allRevisions, canonicalDataset, conflictIds, currentResponses, datasetFromBundle, joinRevisions, merge, mergeAll, resolveConflict, type Dataset } from '../../../src/core/merge/index';
import { canonicalJson } from '../../../src/core/bundle/canonical';
import { bundleOf, ID } from './helpers';

type Op =
  | { kind: 'add'; name: string }
  | { kind: 'edit'; member: number; name: string }
  | { kind: 'remove'; member: number }
  | { kind: 'job'; member: number; title: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), name: fc.constantFrom('Aida', 'Bek', 'Sara') }),
  fc.record({ kind: fc.constant('edit' as const), member: fc.nat(2), name: fc.constantFrom('Dana', 'Timur') }),
  fc.record({ kind: fc.constant('remove' as const), member: fc.nat(2) }),
  fc.record({ kind: fc.constant('job' as const), member: fc.nat(2), title: fc.constantFrom('farmer', 'nurse') }),
);

/** A tablet: its version vector and the answers it holds, each with the write that set it. */
interface Tablet {
  id: string;
  vv: VersionVector;
  answers: Record<string, BundleAnswer>;
  at: string;
}

function write(t: Tablet, key: string, value: string | number | null): void {
  const n = (t.vv[t.id] ?? 0) + 1;
  t.vv[t.id] = n;
  t.answers[key] = { value, at: t.at, dot: [t.id, n] };
}

/** The household every tablet starts from: three members, written on the supervisor's tablet `s`. */
function household(): Tablet {
  const s: Tablet = { id: 's', vv: {}, answers: {}, at: '2024-05-01T09:00:00Z' };
  ['Ana', 'Ben', 'Cem'].forEach((name, i) => {
    write(s, `member[m${i}]`, i + 1);
    write(s, `member[m${i}]/name`, name);
  });
  return s;
}

/** What tablet `id` holds after its operations (new instance ids are the tablet's: random in the app). */
function play(id: string, ops: readonly Op[], minute: number): { tablet: Tablet; wrote: Map<string, string | number | null> } {
  const base = household();
  const t: Tablet = { id, vv: { ...base.vv }, answers: structuredClone(base.answers), at: `2024-05-01T10:0${minute}:00Z` };
  const wrote = new Map<string, string | number | null>();
  const w = (key: string, value: string | number | null) => {
    write(t, key, value);
    wrote.set(key, value);
  };
  ops.forEach((o, k) => {
    if (o.kind === 'add') {
      w(`member[${id}${k}]`, 10 + k);
      w(`member[${id}${k}]/name`, o.name);
    } else if (o.kind === 'edit') w(`member[m${o.member}]/name`, o.name);
    else if (o.kind === 'remove') w(`member[m${o.member}]`, null);
    else {
      w(`member[m${o.member}]/job[${id}${k}]`, k + 1);
      w(`member[m${o.member}]/job[${id}${k}]/title`, o.title);
    }
  });
  return { tablet: t, wrote };
}

function revisionOf(t: Tablet): BundleResponse {
  const changed = Object.keys(t.vv).some((d) => d !== 's');
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
    answers: t.answers,
    revision: changed ? { device: t.id, at: t.at, vv: { ...t.vv } } : { device: 's', at: '2024-05-01T09:00:00Z', vv: { ...t.vv } },
  };
}

const dataset = (r: BundleResponse): Dataset => datasetFromBundle(bundleOf([r]));
const view = (d: Dataset) => canonicalJson(currentResponses(d));
const removedIn = (wrote: Map<string, unknown>, m: string) => wrote.has(`member[${m}]`) && wrote.get(`member[${m}]`) === null;

/** Whether two tablets' work must be a conflict: the same answer made different, or a removal the other tablet changed under. */
function mustConflict(a: Map<string, string | number | null>, b: Map<string, string | number | null>): boolean {
  for (const [key, value] of a) if (b.has(key) && b.get(key) !== value) return true;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const m of ['m0', 'm1', 'm2']) {
      const base = household().answers;
      const held = (k: string) => (x.has(k) ? x.get(k) : base[k]?.value);
      if (removedIn(x, m) && !removedIn(y, m) && [...y].some(([k, v]) => k.startsWith(`member[${m}]/`) && v !== held(k))) return true;
    }
  }
  return false;
}

describe('repeats through the merge, as properties', () => {
  it('two tablets: order does not matter; added members all kept; different changes join; the same answer or a removal under an edit is a conflict', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 6 }), fc.array(op, { maxLength: 6 }), (opsA, opsB) => {
        const a = play('a', opsA, 1);
        const b = play('b', opsB, 2);
        const ra = revisionOf(a.tablet);
        const rb = revisionOf(b.tablet);
        const ab = merge(dataset(ra), dataset(rb));
        const ba = merge(dataset(rb), dataset(ra));
        expect(canonicalDataset(ab)).toBe(canonicalDataset(ba));
        expect(view(ab)).toBe(view(ba));

        // Nothing either tablet wrote is lost: every key of each revision is in a kept revision.
        const keys = new Set(allRevisions(ab).flatMap((r) => Object.keys(r.answers)));
        for (const key of [...Object.keys(ra.answers), ...Object.keys(rb.answers)]) expect(keys.has(key)).toBe(true);

        const conflict = opsA.length > 0 && opsB.length > 0 && mustConflict(a.wrote, b.wrote);
        expect(conflictIds(ab)).toEqual(conflict ? [ID.r1] : []);
        if (conflict) {
          expect(allRevisions(ab)).toHaveLength(2);
          return;
        }
        // Joined: the response exports read holds each tablet's writes, and the base elsewhere.
        const [joined] = currentResponses(ab);
        const base = household().answers;
        for (const key of new Set([...Object.keys(base), ...a.wrote.keys(), ...b.wrote.keys()])) {
          const expected = a.wrote.has(key) ? a.wrote.get(key) : b.wrote.has(key) ? b.wrote.get(key) : base[key]!.value;
          expect(joined!.answers[key]?.value).toEqual(expected);
        }
        // Members added on both tablets are all there, each with its own key.
        const added = [...a.wrote.keys(), ...b.wrote.keys()].filter((k) => /^member\[[ab]\d\]$/.test(k));
        for (const k of added) expect(typeof joined!.answers[k]!.value).toBe('number');
      }),
      { numRuns: 400 },
    );
  });

  it('three tablets: any grouping and order, merged any number of times, gives the same revisions and the same responses', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 4 }), fc.array(op, { maxLength: 4 }), fc.array(op, { maxLength: 4 }), (o1, o2, o3) => {
        const [x, y, z] = [play('a', o1, 1), play('b', o2, 2), play('c', o3, 3)].map((p) => dataset(revisionOf(p.tablet))) as [Dataset, Dataset, Dataset];
        const left = merge(merge(x, y), z);
        const right = merge(x, merge(y, z));
        const shuffled = mergeAll([z, x, y, x]);
        for (const d of [right, shuffled, merge(left, left)]) {
          expect(canonicalDataset(d)).toBe(canonicalDataset(left));
          expect(view(d)).toBe(view(left));
        }
        // Every key any tablet wrote is in the kept revisions.
        const keys = new Set(allRevisions(left).flatMap((r) => Object.keys(r.answers)));
        for (const d of [x, y, z]) for (const r of allRevisions(d)) for (const k of Object.keys(r.answers)) expect(keys.has(k)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('tablets A and B each add a member: merged, both members are in the household, no conflict', () => {
    const a = revisionOf(play('a', [{ kind: 'add', name: 'Aida' }], 1).tablet);
    const b = revisionOf(play('b', [{ kind: 'add', name: 'Bek' }, { kind: 'job', member: 0, title: 'nurse' }], 2).tablet);
    const d = merge(dataset(a), dataset(b));
    expect(conflictIds(d)).toEqual([]);
    const [r] = currentResponses(d);
    expect(r!.answers['member[a0]/name']!.value).toBe('Aida');
    expect(r!.answers['member[b0]/name']!.value).toBe('Bek');
    expect(r!.answers['member[m0]/job[b1]/title']!.value).toBe('nurse');
    // The join has seen every write: it supersedes both revisions wherever it goes.
    expect(r!.revision.vv).toEqual({ s: 6, a: 2, b: 4 });
  });

  it('a member removed on one tablet and edited on the other is a conflict, both kept, and says why', () => {
    const removed = revisionOf(play('a', [{ kind: 'remove', member: 1 }], 1).tablet);
    const edited = revisionOf(play('b', [{ kind: 'edit', member: 1, name: 'Benjamin' }], 2).tablet);
    const d = merge(dataset(removed), dataset(edited));
    expect(conflictIds(d)).toEqual([ID.r1]);
    const kept = allRevisions(d);
    expect(kept.map((r) => r.answers['member[m1]']!.value).sort()).toEqual([2, null].sort());
    expect(kept.map((r) => r.answers['member[m1]/name']!.value).sort()).toEqual(['Ben', 'Benjamin']);
    expect(joinRevisions(kept).conflicts).toEqual([{ kind: 'removed-edited', key: 'member[m1]', changed: ['member[m1]/name'] }]);
  });

  it('keeping one side of a conflict keeps what the other side added elsewhere: a member, a job', () => {
    const a = revisionOf(play('a', [{ kind: 'remove', member: 1 }, { kind: 'add', name: 'Aida' }], 1).tablet);
    const b = revisionOf(play('b', [{ kind: 'edit', member: 1, name: 'Benjamin' }, { kind: 'add', name: 'Bek' }, { kind: 'job', member: 0, title: 'nurse' }], 2).tablet);
    const d = merge(dataset(a), dataset(b));
    expect(conflictIds(d)).toEqual([ID.r1]);
    // The researcher keeps A's side: Ben stays removed, and B's Bek and Ana's job are kept.
    const keptA = resolveConflict(d, ID.r1, { revision: allRevisions(d).find((r) => r.revision.device === 'a')! }, 'laptop', '2024-05-02T09:00:00Z');
    const [ra] = currentResponses(keptA);
    expect(conflictIds(keptA)).toEqual([]);
    expect(ra!.answers['member[m1]']!.value).toBeNull();
    expect(ra!.answers['member[m1]/name']!.value).toBe('Ben');
    expect(ra!.answers['member[a1]/name']!.value).toBe('Aida');
    expect(ra!.answers['member[b1]/name']!.value).toBe('Bek');
    expect(ra!.answers['member[m0]/job[b2]/title']!.value).toBe('nurse');
    // Or B's: Benjamin is back, and A's Aida is kept too.
    const keptB = resolveConflict(d, ID.r1, { revision: allRevisions(d).find((r) => r.revision.device === 'b')! }, 'laptop', '2024-05-02T09:00:00Z');
    const [rb] = currentResponses(keptB);
    expect(rb!.answers['member[m1]']!.value).toBe(2);
    expect(rb!.answers['member[m1]/name']!.value).toBe('Benjamin');
    expect(rb!.answers['member[a1]/name']!.value).toBe('Aida');
  });

  it('the same member renamed differently on both tablets stays a conflict', () => {
    const a = revisionOf(play('a', [{ kind: 'edit', member: 0, name: 'Dana' }], 1).tablet);
    const b = revisionOf(play('b', [{ kind: 'edit', member: 0, name: 'Timur' }], 2).tablet);
    const d = merge(dataset(a), dataset(b));
    expect(joinRevisions(allRevisions(d)).conflicts).toEqual([{ kind: 'answer', key: 'member[m0]/name' }]);
  });

  it('answers without the write that set them (an older Dala) that differ are a conflict, as before', () => {
    const strip = (r: BundleResponse): BundleResponse => ({ ...r, answers: Object.fromEntries(Object.entries(r.answers).map(([k, { dot: _d, ...rest }]) => [k, rest])) });
    const a = strip(revisionOf(play('a', [{ kind: 'edit', member: 0, name: 'Dana' }], 1).tablet));
    const b = strip(revisionOf(play('b', [{ kind: 'edit', member: 1, name: 'Timur' }], 2).tablet));
    expect(conflictIds(merge(dataset(a), dataset(b)))).toEqual([ID.r1]);
  });
});
