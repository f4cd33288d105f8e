/**
 * Joining concurrent revisions of one response, answer by answer and instance by instance
 * (docs/bundle-format.md, "Instances in the merge").
 *
 * The dataset (./dataset.ts) keeps a response's maximal revisions, as it always has. When there are
 * several (each device wrote what the other did not see), this module says what they hold together:
 *
 * - every answer key of any revision is in the join: an instance one device added (a key of its own
 *   random id) is simply there, beside the other device's;
 * - where the revisions hold different versions of one answer, a version is *outdated* when another
 *   revision has seen the write that set it (its `dot`, [device, n], is within that revision's vv)
 *   and holds something else: that revision wrote over it. What is left is the join's version; more
 *   than one left (both devices changed the answer, or a version has no dot to tell) is a conflict;
 * - versions that say the same (value, other, note) are one: two devices that removed the same member
 *   agree;
 * - an instance removed on one device (its marker null) whose answers another device changed (a write
 *   no revision that removed it had seen) is a conflict, never a silent loss;
 * - the response's own fields (code, interviewer, language, consent...) must agree, except the status:
 *   complete on one device is complete (with the latest completion time).
 *
 * A join without conflicts is the response as a device that had seen every write would hold it: its
 * version vector is the pointwise maximum of the revisions', its device and time those of the latest
 * revision. It depends only on the set of revisions, never on their order. Pure.
 */
import { canonicalJson } from '../bundle/canonical';
import type { BundleAnswer, BundleResponse, VersionVector } from '../bundle/types';
import { parseAnswerKey } from '../responses/answer-key';
import { defaultChoice } from './resolve';
import { maxVv } from './version-vector';

/** What keeps a response's revisions apart. */
export type JoinConflict =
  /** Both devices changed this answer (or a version carries no dot to tell which came later). */
  | { kind: 'answer'; key: string }
  /** One device removed the instance `key`; another changed `changed` in it, unseen by the remover. */
  | { kind: 'removed-edited'; key: string; changed: string[] }
  /** A field of the response itself differs (`respondentCode`, `consent`, ...). */
  | { kind: 'field'; field: string };

export interface Join {
  /** The joined response: meaningful only without conflicts (else the default choice's fields). */
  response: BundleResponse;
  conflicts: JoinConflict[];
}

/** An answer as one text: equal texts, equal answers (every field of BundleAnswer, in a fixed order; faster than canonicalJson). */
const textOf = (a: BundleAnswer) => JSON.stringify([a.value, a.at, a.other ?? null, a.note ?? null, a.invalid ?? null, a.dot ?? null]);

const covers = (vv: VersionVector, dot: readonly [string, number]) => (Object.hasOwn(vv, dot[0]) ? vv[dot[0]]! : 0) >= dot[1];

/** The fields of a response that are neither its answers nor its revision, compared as they are. */
const OWN_FIELDS = ['id', 'studyId', 'studyVersion', 'respondentCode', 'interviewer', 'lang', 'createdAt', 'consent', 'example', 'referral'] as const;

/** The join of one response's revisions (one revision: itself). `nowMs`: see preferRevision. */
export function joinRevisions(revisions: readonly BundleResponse[], nowMs?: number): Join {
  if (revisions.length === 1) return { response: revisions[0]!, conflicts: [] };
  const latest = defaultChoice(revisions, nowMs);
  const conflicts: JoinConflict[] = [];

  for (const field of OWN_FIELDS) {
    const texts = new Set(revisions.map((r) => canonicalJson(r[field] ?? null)));
    if (texts.size > 1) conflicts.push({ kind: 'field', field });
  }

  const keys = new Set<string>();
  for (const r of revisions) for (const k of Object.keys(r.answers)) keys.add(k);
  const answers: Record<string, BundleAnswer> = {};
  /** Key -> the revisions that hold the join's version of it (to check removals against). */
  const holders = new Map<string, BundleResponse[]>();
  for (const key of [...keys].sort()) {
    // The distinct versions of this answer, each with the revisions holding it (its text computed once).
    const versions = new Map<string, { answer: BundleAnswer; in: BundleResponse[] }>();
    const textIn: (string | undefined)[] = [];
    for (const r of revisions) {
      if (!Object.hasOwn(r.answers, key)) {
        textIn.push(undefined);
        continue;
      }
      const a = r.answers[key]!;
      const text = textOf(a);
      textIn.push(text);
      const v = versions.get(text);
      if (v) v.in.push(r);
      else versions.set(text, { answer: a, in: [r] });
    }
    if (versions.size === 1) {
      const only = versions.values().next().value!;
      answers[key] = only.answer;
      holders.set(key, only.in);
      continue;
    }
    const left = [...versions].filter(([text, { answer }]) => {
      const dot = answer.dot;
      if (!dot) return true;
      // Outdated: a revision saw the write that set it and holds another version.
      return !revisions.some((r, i) => textIn[i] !== undefined && textIn[i] !== text && covers(r.revision.vv, dot));
    }).map(([, v]) => v);
    // Versions that say the same (two devices that both removed a member) are no disagreement: the
    // one whose canonical JSON sorts last is kept, whatever the order of revisions.
    const said = new Set(left.map(({ answer }) => canonicalJson({ value: answer.value, other: answer.other ?? null, note: answer.note ?? null, invalid: answer.invalid ?? null })));
    if (said.size !== 1) {
      conflicts.push({ kind: 'answer', key });
      answers[key] = Object.hasOwn(latest.answers, key) ? latest.answers[key]! : left[0]!.answer;
      continue;
    }
    answers[key] = left.map((l) => l.answer).reduce((a, b) => (textOf(a) >= textOf(b) ? a : b));
    holders.set(key, left.flatMap((l) => l.in));
  }

  // A removal the other device did not see while it changed the instance: a conflict.
  for (const [key, a] of Object.entries(answers)) {
    if (a.value !== null || !key.endsWith(']')) continue;
    const parsed = parseAnswerKey(key);
    if (!parsed || parsed.item !== '') continue;
    const removers = holders.get(key);
    if (!removers) continue; // the marker itself is in conflict, said above
    const changed = Object.keys(answers)
      .filter((k) => k.startsWith(`${key}/`))
      .filter((k) => {
        // Lost unless a revision that removed the instance holds what the join holds, or had seen it written.
        const held = holders.get(k);
        if (!held) return false; // in conflict itself, said above
        const dots = held.map((r) => r.answers[k]!.dot).filter((d) => d !== undefined);
        return !removers.some((r) => held.includes(r) || dots.some((d) => covers(r.revision.vv, d!)));
      })
      .sort();
    if (changed.length > 0) conflicts.push({ kind: 'removed-edited', key, changed });
  }

  const complete = revisions.filter((r) => r.status === 'complete');
  const response: BundleResponse = {
    ...latest,
    answers,
    status: complete.length > 0 ? 'complete' : 'draft',
    revision: { device: latest.revision.device, at: latest.revision.at, vv: maxVv(revisions.map((r) => r.revision.vv)) },
  };
  const completedAt = complete.map((r) => r.completedAt).filter((t): t is string => t !== undefined).sort();
  if (completedAt.length > 0) response.completedAt = completedAt[completedAt.length - 1]!;
  else delete response.completedAt;
  return { response, conflicts };
}

/** The conflicts in words, one line each, for `dala merge` and the app's conflict screen. */
export function conflictLines(conflicts: readonly JoinConflict[]): string[] {
  return conflicts.map((c) =>
    c.kind === 'answer'
      ? `${c.key}: changed on both devices`
      : c.kind === 'field'
        ? `${c.field}: differs between the devices`
        : `${c.key}: removed on one device, changed on another (${c.changed.join(', ')})`,
  );
}
