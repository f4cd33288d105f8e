/**
 * Merging coding records as answers merge (src/core/merge/dataset.ts): per record id, the maximal
 * revisions by version vector; equal vectors with equal content are one; concurrent revisions (two
 * coders changed the same passage or code on two laptops) are all kept: a conflict, never a loss.
 * Commutative, associative and idempotent; the result is sorted, so it does not depend on the order.
 * Transcripts (src/core/transcripts/) are versioned records too and merge by the same functions.
 */
import { canonicalJson } from '../bundle/canonical';
import type { Revision } from '../bundle/types';
import { compareVv } from '../merge/version-vector';

/** A record versioned by a version vector: a code, a coded passage, a transcript. */
export interface Versioned {
  id: string;
  studyId: string;
  rev: Revision;
}

/** One record id with its maximal revisions. */
export interface VersionedEntry<R extends Versioned> {
  id: string;
  studyId: string;
  revisions: R[];
}

/** The maximal revisions of one id after adding `incoming` to `held`. */
export function mergeRevisions<R extends Versioned>(held: readonly R[], incoming: R): R[] {
  const keep: R[] = [];
  const inc = canonicalJson(incoming);
  for (const h of held) {
    const order = compareVv(incoming.rev.vv, h.rev.vv);
    if (order === 'before') return held.slice(); // incoming is outdated
    if (order === 'equal' && canonicalJson(h) === inc) return held.slice(); // the same revision
    if (order === 'after') continue; // incoming supersedes h
    keep.push(h);
  }
  keep.push(incoming);
  return keep.sort((a, b) => {
    const x = canonicalJson(a);
    const y = canonicalJson(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Entries by id, merged with more records; returns only the entries that changed. */
export function mergeCoding<R extends Versioned>(held: ReadonlyMap<string, VersionedEntry<R>>, records: readonly R[]): Map<string, VersionedEntry<R>> {
  const changed = new Map<string, VersionedEntry<R>>();
  for (const r of records) {
    const before = changed.get(r.id) ?? held.get(r.id);
    const revisions = mergeRevisions(before?.revisions ?? [], r);
    if (before && canonicalJson(before.revisions) === canonicalJson(revisions)) continue;
    changed.set(r.id, { id: r.id, studyId: r.studyId, revisions });
  }
  return changed;
}

/** The revision shown while a conflict is open: the latest write (then the first in canonical order). */
export function currentRevision<T extends { rev: Revision }>(revisions: readonly T[]): T {
  let best = revisions[0]!;
  for (const r of revisions) if (r.rev.at > best.rev.at) best = r;
  return best;
}

/** A new revision of a record written on `device` at `at`, after every revision held (it resolves a conflict). */
export function nextRevision<T extends { rev: Revision }>(held: readonly { rev: Revision }[], change: Omit<T, 'rev'>, device: string, at: string): T {
  const vv: Record<string, number> = {};
  for (const h of held) for (const [k, n] of Object.entries(h.rev.vv)) vv[k] = Math.max(vv[k] ?? 0, n);
  vv[device] = (vv[device] ?? 0) + 1;
  return { ...change, rev: { device, at, vv } } as T;
}
