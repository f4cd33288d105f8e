import { describe, expect, it } from 'vitest';
import type { BundleResponse } from '../../../src/core/bundle/types';
import {
  canonicalDataset,
  compareVv,
  conflictIds,
  currentResponses,
  datasetFromBundle,
  defaultChoice,
  EMPTY_DATASET,
  merge,
  mergeReport,
  mergeWithReport,
  resolveConflict,
  type Dataset,
  type Outcome,
} from '../../../src/core/merge/index';
import { bundleOf, ID, rev } from './helpers';

const ds = (...responses: BundleResponse[]): Dataset => datasetFromBundle(bundleOf(responses));
const kept = (d: Dataset, id = ID.r1) => (d.responses.get(id) ?? []).map((r) => `${JSON.stringify(r.revision.vv)}=${String(r.answers.q!.value)}`);

describe('version vectors', () => {
  it.each([
    [{ a: 1 }, { a: 1 }, 'equal'],
    [{ a: 2 }, { a: 1 }, 'after'],
    [{ a: 1 }, { a: 2 }, 'before'],
    [{ a: 1, b: 1 }, { a: 1 }, 'after'],
    [{ a: 1 }, { b: 1 }, 'concurrent'],
    [{ a: 2, b: 1 }, { a: 1, b: 2 }, 'concurrent'],
    [{ a: 1, b: 0 }, { a: 1 }, 'equal'],
  ] as const)('%j against %j: %s', (a, b, order) => {
    expect(compareVv(a, b)).toBe(order);
  });
});

/**
 * [what happens, existing revisions of r1, incoming revisions of r1, what is kept, the incoming outcomes].
 * Written as `vv=value`; every case is also checked the other way round and merged again.
 */
type Case = [string, BundleResponse[], BundleResponse[], string[], Outcome[]];
const a1 = rev(ID.r1, { a: 1 }, 'x');
const cases: Case[] = [
  ['a new response is added', [], [a1], ['{"a":1}=x'], ['new']],
  ['the same revision twice is one', [a1], [rev(ID.r1, { a: 1 }, 'x')], ['{"a":1}=x'], ['identical']],
  ['a later write on the same device replaces it', [a1], [rev(ID.r1, { a: 2 }, 'y')], ['{"a":2}=y'], ['updated']],
  ['an older revision does not come back', [rev(ID.r1, { a: 2 }, 'y')], [a1], ['{"a":2}=y'], ['outdated']],
  ['an edit on another device after an import updates', [a1], [rev(ID.r1, { a: 1, b: 1 }, 'z', undefined, 'b')], ['{"a":1,"b":1}=z'], ['updated']],
  ['edits on two devices at once are a conflict, both kept', [rev(ID.r1, { a: 2 }, 'y')], [rev(ID.r1, { a: 1, b: 1 }, 'z', undefined, 'b')], ['{"a":1,"b":1}=z', '{"a":2}=y'], ['conflict']],
  ['equal vectors with different content are a conflict', [a1], [rev(ID.r1, { a: 1 }, 'other')], ['{"a":1}=other', '{"a":1}=x'], ['conflict']],
  ['a revision that dominates both sides of a conflict resolves it', [rev(ID.r1, { a: 2 }, 'y'), rev(ID.r1, { a: 1, b: 1 }, 'z', undefined, 'b')], [rev(ID.r1, { a: 2, b: 1, r: 1 }, 'w', undefined, 'r')], ['{"a":2,"b":1,"r":1}=w'], ['updated']],
  ['a revision that dominates one side of a conflict stays in conflict with the other', [rev(ID.r1, { a: 2 }, 'y'), rev(ID.r1, { a: 1, b: 1 }, 'z', undefined, 'b')], [rev(ID.r1, { a: 3 }, 'v')], ['{"a":1,"b":1}=z', '{"a":3}=v'], ['conflict']],
  ['an old revision under a conflict is outdated', [rev(ID.r1, { a: 2 }, 'y'), rev(ID.r1, { a: 1, b: 1 }, 'z', undefined, 'b')], [a1], ['{"a":1,"b":1}=z', '{"a":2}=y'], ['outdated']],
  ['a bundle carrying both sides of a conflict', [], [rev(ID.r1, { a: 2 }, 'y'), rev(ID.r1, { b: 1 }, 'z', undefined, 'b')], ['{"a":2}=y', '{"b":1}=z'], ['new', 'conflict']],
];

describe('merging revisions of one response', () => {
  it.each(cases)('%s', (_name, existing, incoming, expected, outcomes) => {
    const { dataset, report } = mergeWithReport(ds(...existing), bundleOf(incoming));
    expect(kept(dataset)).toEqual(expected);
    const got: Outcome[] = [];
    for (const o of ['new', 'identical', 'updated', 'outdated', 'conflict'] as const) for (let i = 0; i < report.counts[o]; i++) got.push(o);
    expect(got.sort()).toEqual([...outcomes].sort());
    // Converges the other way round, and again when re-run.
    const other = merge(ds(...incoming), ds(...existing));
    expect(canonicalDataset(other)).toBe(canonicalDataset(dataset));
    expect(canonicalDataset(merge(dataset, ds(...incoming)))).toBe(canonicalDataset(dataset));
  });
});

describe('the merge report', () => {
  it('counts and lists every outcome of a file, by response id', () => {
    const existing = ds(rev(ID.r1, { a: 2 }, 'y'), rev(ID.r2, { a: 1 }), rev(ID.r3, { a: 5 }));
    const incoming = bundleOf([rev(ID.r1, { a: 1, b: 1 }, 'z', undefined, 'b'), rev(ID.r2, { a: 1 }), rev(ID.r3, { a: 4 }), rev('00000000-0000-4000-8000-000000000004', { b: 1 })]);
    const report = mergeReport(existing, incoming, 'b.dala.age');
    expect(report).toMatchObject({
      file: 'b.dala.age',
      responses: 4,
      counts: { new: 1, identical: 1, updated: 0, outdated: 1, conflict: 1, rejected: 0 },
      new: ['00000000-0000-4000-8000-000000000004'],
      identical: [ID.r2],
      outdated: [ID.r3],
      conflict: [ID.r1],
    });
    // Pure: the existing dataset is untouched.
    expect(existing.responses.get(ID.r1)).toHaveLength(1);
  });
});

describe('resolving a conflict', () => {
  const y = rev(ID.r1, { a: 2 }, 'y', '2024-05-02T10:00:00Z', 'a');
  const z = rev(ID.r1, { a: 1, b: 1 }, 'z', '2024-05-03T10:00:00Z', 'b');
  const conflict = ds(y, z);

  it('the default choice is the latest revision; on a tie, the greater device id, then the content hash', () => {
    expect(conflictIds(conflict)).toEqual([ID.r1]);
    expect(defaultChoice([y, z])).toBe(z);
    const sameTime = rev(ID.r1, { c: 1 }, 'c', '2024-05-03T10:00:00Z', 'c');
    expect(defaultChoice([z, sameTime])).toBe(sameTime);
    expect(defaultChoice([sameTime, z])).toBe(sameTime);
    const twin = rev(ID.r1, { c: 1 }, 'd', '2024-05-03T10:00:00Z', 'c');
    expect(defaultChoice([twin, sameTime])).toBe(defaultChoice([sameTime, twin]));
    expect(currentResponses(conflict)).toEqual([z]);
  });

  it('the researcher\'s choice becomes a revision that dominates both, and every device converges on it', () => {
    const resolved = resolveConflict(conflict, ID.r1, { revision: y }, 'researcher', '2024-05-04T08:00:00Z');
    const r = resolved.responses.get(ID.r1)!;
    expect(r).toHaveLength(1);
    expect(r[0]!.revision).toEqual({ device: 'researcher', at: '2024-05-04T08:00:00Z', vv: { a: 2, b: 1, researcher: 1 } });
    expect(r[0]!.answers.q!.value).toBe('y');
    // Device B, which still has z, merges the resolution: z is outdated.
    const onB = mergeWithReport(ds(z), bundleOf([...r]));
    expect(onB.report.counts.updated).toBe(1);
    expect(kept(onB.dataset)).toEqual(['{"a":2,"b":1,"researcher":1}=y']);
    expect(canonicalDataset(merge(resolved, conflict))).toBe(canonicalDataset(resolved));
  });

  it('merged answers take the other fields from the default choice', () => {
    const resolved = resolveConflict(conflict, ID.r1, { answers: { q: { value: 'merged', at: '2024-05-04T08:00:00Z' } } }, 'researcher', '2024-05-04T08:00:00Z');
    const r = resolved.responses.get(ID.r1)![0]!;
    expect(r.answers).toEqual({ q: { value: 'merged', at: '2024-05-04T08:00:00Z' } });
    expect(r.revision.vv).toEqual({ a: 2, b: 1, researcher: 1 });
  });

  it('a second resolution on the same device counts one more write', () => {
    const once = resolveConflict(conflict, ID.r1, { revision: y }, 'researcher', '2024-05-04T08:00:00Z');
    const again = resolveConflict(merge(once, ds(rev(ID.r1, { a: 3 }, 'late'))), ID.r1, { revision: y }, 'researcher', '2024-05-05T08:00:00Z');
    expect(again.responses.get(ID.r1)![0]!.revision.vv).toEqual({ a: 3, b: 1, researcher: 2 });
  });

  it('an unknown response or a revision of another response is refused', () => {
    expect(() => resolveConflict(EMPTY_DATASET, ID.r1, { revision: y }, 'r', '2024-05-04T08:00:00Z')).toThrow(/no response/);
    expect(() => resolveConflict(conflict, ID.r1, { revision: rev(ID.r2, { a: 1 }) }, 'r', '2024-05-04T08:00:00Z')).toThrow(/not 0000/);
    expect(() => resolveConflict(conflict, ID.r1, { revision: y }, 'constructor', '2024-05-04T08:00:00Z')).toThrow(/not a device id/);
    expect(() => resolveConflict(conflict, ID.r1, { revision: y }, 'r', 'today')).toThrow(/not an ISO time/);
  });
});

describe('studies and paradata', () => {
  it('the same study version with two instruments keeps one whatever the order, with a warning', () => {
    const withForm = (title: string) => ({
      ...bundleOf([]),
      studies: [{ id: 'study', studyVersion: '1', instrument: { title: { en: title } } as never }],
    });
    const one = mergeWithReport(datasetFromBundle(withForm('A')), withForm('B'));
    const two = mergeWithReport(datasetFromBundle(withForm('B')), withForm('A'));
    expect(canonicalDataset(one.dataset)).toBe(canonicalDataset(two.dataset));
    expect(one.report.warnings[0]).toMatch(/two different instruments/);
  });

  it('paradata events are kept once each', () => {
    const e = { responseId: ID.r1, at: '2024-05-01T10:00:00Z', event: 'enter', item: 'q' };
    const b = { ...bundleOf([]), paradata: [e, { ...e }] };
    expect(merge(datasetFromBundle(b), datasetFromBundle(b)).paradata.size).toBe(1);
  });
});
