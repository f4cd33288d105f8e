/**
 * Moving data between devices: the device's sessions as bundle responses and back, importing bundles
 * with a merge report and one all-or-nothing commit, exporting, and resolving conflicts.
 *
 * One data model on every device: an imported response becomes a session like one made here (with its
 * version vector), so a tablet can continue another tablet's draft and a researcher's laptop is just a
 * device that imported many. Concurrent revisions are kept in the `conflicts` store until a researcher
 * picks one; meanwhile the session holds the default choice (docs/bundle-format.md).
 */
import { bundleFromSessions, type Bundle, type BundleResponse } from '../core/bundle/index';
import { responseFromSession } from '../core/bundle/from-session';
import { DatasetBuilder, addWithReport, defaultChoice, resolveConflict, rejectedReport, type Dataset, type MergeReport, type Resolution } from '../core/merge/index';
import type { Instrument } from '../core/instrument/types';
import type { Store } from '../adapters/storage-idb/store';
import type { ConflictRecord, ExportRecord, ImportRecord, SessionRecord, StoredAnswer, StudyRecord } from '../adapters/storage-idb/records';

/** A device session as a bundle response (a CSV-born session has no consent record: null). */
export function sessionToResponse(session: SessionRecord, answers: readonly StoredAnswer[]): BundleResponse {
  const consent = session.consent ?? { agreed: true as const, by: '', at: session.createdAt, version: '', lang: session.lang };
  const r = responseFromSession({ ...session, consent }, answers);
  if (!session.consent) r.consent = null;
  return r;
}

/** A bundle response as a device session and its answers. */
export function responseToSession(r: BundleResponse): { session: SessionRecord; answers: StoredAnswer[] } {
  const seq = Object.values(r.revision.vv).reduce((n, v) => n + v, 0);
  const session: SessionRecord = {
    id: r.id,
    studyId: r.studyId,
    studyVersion: r.studyVersion,
    respondentCode: r.respondentCode,
    interviewer: r.interviewer,
    status: r.status,
    lang: r.lang,
    createdAt: r.createdAt,
    updatedAt: r.revision.at,
    consent: r.consent ? { ...r.consent } : null,
    deviceId: r.revision.device,
    seq,
    vv: { ...r.revision.vv },
  };
  if (r.completedAt !== undefined) session.completedAt = r.completedAt;
  if (r.example) session.example = true;
  if (r.referral) session.referral = { ...r.referral };
  const answers: StoredAnswer[] = Object.entries(r.answers).map(([item, a]) => {
    const stored: StoredAnswer = { item, value: a.value, at: a.at, sessionId: r.id, seq };
    if (a.other !== undefined) stored.other = a.other;
    if (a.note !== undefined) stored.note = a.note;
    return stored;
  });
  return { session, answers };
}

/** What the device holds, as a merge dataset: each session, or all revisions of a conflicted one. */
export function datasetOf(data: { sessions: { session: SessionRecord; answers: StoredAnswer[] }[]; conflicts: ConflictRecord[] }): DatasetBuilder {
  const b = new DatasetBuilder();
  const conflicted = new Set(data.conflicts.map((c) => c.id));
  for (const { session, answers } of data.sessions) if (!conflicted.has(session.id)) b.add(sessionToResponse(session, answers));
  for (const c of data.conflicts) for (const r of c.revisions) b.add(r);
  return b;
}

export interface OpenedFile {
  file: string;
  bundle?: Bundle;
  /** Why the file was refused as a whole (wrong key, damaged, invalid record...). */
  error?: { code: string; message: string };
}

export interface PreparedImport {
  reports: MergeReport[];
  /** The writes that make the device hold the merged data. */
  change: Parameters<Store['commitImport']>[0];
  conflicts: number;
}

/**
 * What importing these files would do, file by file in the given order, against what the device
 * holds now. Nothing is written: `commitPreparedImport` does that in one transaction.
 */
export async function prepareImport(store: Store, files: readonly OpenedFile[], meta: { id: string; at: string }): Promise<PreparedImport> {
  const current = await store.readAllData();
  const builder = datasetOf(current);
  const before = builder.build();
  const reports: MergeReport[] = [];
  const touched = new Set<string>();
  const studies = new Map<string, StudyRecord>();
  for (const f of files) {
    if (!f.bundle) {
      reports.push(rejectedReport(f.file, f.error?.message ?? 'not readable'));
      continue;
    }
    const report = addWithReport(builder, f.bundle, f.file);
    reports.push(report);
    for (const id of [...report.new, ...report.updated, ...report.conflict]) touched.add(id);
    for (const st of f.bundle.studies) {
      if (st.instrument && !studies.has(`${st.id}@${st.studyVersion}`)) {
        studies.set(`${st.id}@${st.studyVersion}`, { id: st.id, studyVersion: st.studyVersion, instrument: st.instrument as Instrument, addedAt: meta.at, source: 'bundle' });
      }
    }
  }
  const after = builder.build();
  const change = writesFor(before, after, touched, new Set(current.conflicts.map((c) => c.id)));
  change.studies = [...studies.values()];
  change.record = { id: meta.id, at: meta.at, files: reports } satisfies ImportRecord;
  return { reports, change, conflicts: change.conflicts.length };
}

function writesFor(before: Dataset, after: Dataset, touched: Set<string>, wasConflicted: Set<string>): PreparedImport['change'] {
  const change: PreparedImport['change'] = { sessions: [], conflicts: [], resolved: [], studies: [], record: null };
  for (const id of touched) {
    const revisions = after.responses.get(id);
    if (!revisions || revisions.length === 0) continue;
    if (revisions === before.responses.get(id)) continue;
    const chosen = revisions.length === 1 ? revisions[0]! : defaultChoice(revisions);
    change.sessions.push(responseToSession(chosen));
    if (revisions.length > 1) change.conflicts.push({ id, studyId: chosen.studyId, studyVersion: chosen.studyVersion, revisions: [...revisions] });
    else if (wasConflicted.has(id)) change.resolved.push(id);
  }
  return change;
}

export function commitPreparedImport(store: Store, prepared: PreparedImport): Promise<void> {
  return store.commitImport(prepared.change);
}

/** Resolves a conflict with the researcher's choice: a new revision that dominates all of them. */
export async function resolveOne(store: Store, conflict: ConflictRecord, choice: Resolution, thisDevice: string, at: string): Promise<void> {
  const b = new DatasetBuilder();
  for (const r of conflict.revisions) b.add(r);
  const resolved = resolveConflict(b.build(), conflict.id, choice, thisDevice, at);
  const revisions = resolved.responses.get(conflict.id)!;
  await store.commitImport({ sessions: [responseToSession(revisions[0]!)], conflicts: [], resolved: [conflict.id], studies: [], record: null });
}

/** The bundle of a study's data on this device (all of it, or what changed since `since`). */
export async function studyBundle(
  store: Store,
  study: StudyRecord,
  meta: { bundleId: string; createdAt: string; deviceId: string; appVersion: string; since?: string },
): Promise<{ bundle: Bundle; sessions: ExportRecord['sessions'] }> {
  const data = await store.readStudyData(study.id, study.studyVersion);
  const conflicted = new Set(data.conflicts.map((c) => c.id));
  const plain = data.sessions.filter((s) => !conflicted.has(s.session.id));
  const bundle = bundleFromSessions(
    plain.map(({ session, answers }) => ({ session: { ...session, consent: session.consent ?? { agreed: true, by: '', at: session.createdAt, version: '', lang: session.lang } }, answers })),
    { bundleId: meta.bundleId, createdAt: meta.createdAt, device: { id: meta.deviceId }, appVersion: meta.appVersion, instruments: [study.instrument], ...(meta.since ? { since: meta.since } : {}) },
  );
  // Consent records that were null stay null.
  const nullConsent = new Set(plain.filter((s) => !s.session.consent).map((s) => s.session.id));
  for (const r of bundle.responses) if (nullConsent.has(r.id)) r.consent = null;
  // Conflicts travel whole: every revision, so nothing is lost on the way.
  const since = meta.since ? Date.parse(meta.since) : -Infinity;
  for (const c of data.conflicts) for (const r of c.revisions) if (Date.parse(r.revision.at) > since || !meta.since) bundle.responses.push(r);
  const ids = new Set(bundle.responses.map((r) => r.id));
  const sessions = data.sessions.filter((s) => ids.has(s.session.id)).map((s) => ({ id: s.session.id, seq: s.session.seq }));
  return { bundle, sessions };
}
