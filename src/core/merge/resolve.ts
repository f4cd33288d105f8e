/**
 * Conflicts: the default choice among a response's revisions, and resolving a conflict.
 *
 * The default choice is the revision with the latest `revision.at`; on a tie the greater device id
 * (`revision.device`, compared as text), then the greater content hash (FNV-1a of the canonical
 * JSON), then the greater canonical JSON. It is only a suggestion, and what exports use until a
 * researcher decides: the other revisions stay in the dataset.
 *
 * Resolving makes a new revision that dominates every revision in conflict: its version vector is
 * their pointwise maximum plus one write by the researcher's device. Merged anywhere, it replaces
 * them, and every device converges on it.
 */
import { canonicalJson, fnv1a } from '../bundle/canonical';
import type { BundleAnswer, BundleResponse } from '../bundle/types';
import { BUNDLE_LIMITS } from '../bundle/limits';
import { DEVICE_ID_PATTERN, isIsoTime } from '../bundle/schema';
import { DalaError } from '../errors';
import { RESERVED_NAMES } from '../instrument/schema';
import { DatasetBuilder, type Dataset } from './dataset';
import { joinRevisions } from './join';
import { maxVv } from './version-vector';
import { isFromTheFuture } from '../trust/bundle';

/**
 * Orders revisions by preference: > 0 when `a` is preferred. With `nowMs`, a revision dated more than
 * a day after it (a wrong clock, or forged: ../trust/bundle.ts) counts as dated never, so it is never
 * taken as the latest.
 */
export function preferRevision(a: BundleResponse, b: BundleResponse, nowMs?: number): number {
  const when = (r: BundleResponse) => {
    const t = Date.parse(r.revision.at);
    return nowMs !== undefined && isFromTheFuture(r, nowMs) ? -Infinity : t;
  };
  const ta = when(a);
  const tb = when(b);
  if (ta !== tb) return ta > tb ? 1 : -1;
  if (a.revision.device !== b.revision.device) return a.revision.device > b.revision.device ? 1 : -1;
  const ca = canonicalJson(a);
  const cb = canonicalJson(b);
  const ha = fnv1a(ca);
  const hb = fnv1a(cb);
  if (ha !== hb) return ha > hb ? 1 : -1;
  return ca > cb ? 1 : ca < cb ? -1 : 0;
}

/** The default choice among revisions (see the file's comment; `nowMs`: see preferRevision). */
export function defaultChoice(revisions: readonly BundleResponse[], nowMs?: number): BundleResponse {
  if (revisions.length === 0) throw new DalaError('usage', 'no revision to choose from');
  let best = revisions[0]!;
  for (let i = 1; i < revisions.length; i++) if (preferRevision(revisions[i]!, best, nowMs) > 0) best = revisions[i]!;
  return best;
}

/**
 * One response per id, sorted by id: the only revision; the join of revisions that join without a
 * conflict (./join.ts: each device's instances and changes together); else the default choice.
 */
export function currentResponses(d: Dataset): BundleResponse[] {
  const ids = [...d.responses.keys()].sort();
  return ids.map((id) => {
    const revs = d.responses.get(id)!;
    if (revs.length === 1) return revs[0]!;
    const joined = joinRevisions(revs);
    return joined.conflicts.length === 0 ? joined.response : defaultChoice(revs);
  });
}

/**
 * The chosen revision where the revisions disagree, and their join everywhere else (./join.ts): what
 * keeping one side of a conflict means. The conflicting answers, an instance removed on one side and
 * changed on the other (its marker and everything in it) and the response's own fields come from the
 * chosen revision; a member the other device added, an answer only it changed, stay. A revision that
 * is not one of them (a researcher's own) is taken whole.
 */
function keepingTheRest(revisions: readonly BundleResponse[], chosen: BundleResponse): BundleResponse {
  if (revisions.length < 2 || !revisions.includes(chosen)) return chosen;
  const { response: joined, conflicts } = joinRevisions(revisions);
  const answers = { ...joined.answers };
  const take = (key: string) => {
    if (Object.hasOwn(chosen.answers, key)) answers[key] = chosen.answers[key]!;
    else delete answers[key];
  };
  for (const c of conflicts) {
    if (c.kind === 'answer') take(c.key);
    else if (c.kind === 'removed-edited') {
      take(c.key);
      for (const key of Object.keys(answers)) if (key.startsWith(`${c.key}/`)) take(key);
      for (const key of Object.keys(chosen.answers)) if (key.startsWith(`${c.key}/`)) take(key);
    }
  }
  return { ...chosen, answers };
}

/** What the researcher chose: one of the revisions (or any response of that id), or merged answers. */
export type Resolution = { revision: BundleResponse } | { answers: Record<string, BundleAnswer> };

/**
 * The dataset with the conflict of `responseId` resolved by a new revision made on
 * `researcherDeviceId` at `at` (ISO time). With `{answers}`, the other fields come from the
 * default choice. Throws DalaError 'usage' when the dataset has no such response.
 */
export function resolveConflict(d: Dataset, responseId: string, choice: Resolution, researcherDeviceId: string, at: string): Dataset {
  const revisions = d.responses.get(responseId);
  if (!revisions) throw new DalaError('usage', `there is no response ${responseId} to resolve`);
  if (!DEVICE_ID_PATTERN.test(researcherDeviceId) || researcherDeviceId.length > BUNDLE_LIMITS.id || RESERVED_NAMES.has(researcherDeviceId)) {
    throw new DalaError('usage', `'${researcherDeviceId.slice(0, 40)}' is not a device id (letters, digits, . _ : -)`);
  }
  if (!isIsoTime(at)) throw new DalaError('usage', `'${at.slice(0, 40)}' is not an ISO time with a zone`);
  let base: BundleResponse;
  if ('revision' in choice) {
    if (choice.revision.id !== responseId) {
      throw new DalaError('usage', `the chosen revision is of response ${choice.revision.id}, not ${responseId}`);
    }
    base = keepingTheRest(revisions, choice.revision);
  } else base = { ...defaultChoice(revisions), answers: choice.answers };
  const vv = maxVv([...revisions.map((r) => r.revision.vv), base.revision.vv]);
  vv[researcherDeviceId] = (Object.hasOwn(vv, researcherDeviceId) ? vv[researcherDeviceId]! : 0) + 1;
  const resolved: BundleResponse = { ...base, revision: { device: researcherDeviceId, at, vv } };
  const b = new DatasetBuilder(d);
  b.add(resolved);
  return b.build();
}
