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
import type { ParadataEvent } from '../core/bundle/types';
import type { CodingEntry, CodingRecord } from '../core/coding/types';
import type { TranscriptEntry, TranscriptRecord } from '../core/transcripts/types';
import { mergeCoding } from '../core/coding/merge';
import { responseFromSession } from '../core/bundle/from-session';
import { DatasetBuilder, addWithReport, defaultChoice, joinRevisions, resolveConflict, rejectedReport, type Dataset, type MergeReport, type Resolution } from '../core/merge/index';
import type { Instrument } from '../core/instrument/types';
import type { DeviceData, ImportChange, Store } from '../adapters/storage-idb/store';
import { makeReceipt, type Receipt, type ReceiptEntry } from '../core/bundle/receipt';
import { studyKey, type RestoredBundle, type SetAside } from '../core/bundle/parse';
import type { KnownDevice, ReaderTrust } from '../core/trust/readers';
import { readFileTrusted } from '../core/trust/read-file';
import type { ConflictRecord, ExportRecord, ImportRecord, SessionRecord, SetAsideRecord, StoredAnswer, StudyRecord } from '../adapters/storage-idb/records';

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
    if (a.media !== undefined) stored.media = a.media;
    if (a.dot !== undefined) stored.dot = [a.dot[0], a.dot[1]];
    return stored;
  });
  return { session, answers };
}

/** What the device holds, as a merge dataset: each session, or all revisions of a conflicted one. */
export function datasetOf(data: DeviceData): DatasetBuilder {
  const b = new DatasetBuilder();
  const conflicted = new Set(data.conflicts.map((c) => c.id));
  for (const { session, answers } of data.sessions) if (!conflicted.has(session.id)) b.add(sessionToResponse(session, answers));
  for (const c of data.conflicts) for (const r of c.revisions) b.add(r);
  return b;
}

export interface OpenedFile {
  file: string;
  bundle?: Bundle;
  /** Records of the file that could not be read, each with its reason: kept aside, never dropped. */
  setAside?: SetAside[];
  /** Whether the file is signed, and by which key (src/core/trust/bundle.ts). */
  signature?: RestoredBundle['signature'];
  /** Why the file was refused as a whole (wrong key, damaged, not a bundle...). */
  error?: { code: string; message: string };
  /** Media files the file brought, staged (./media-bundle.ts): its answers' files once the import commits. */
  media?: string[];
}

/** What the reader trusts, and what it holds, for an import (src/core/trust/readers.ts). */
export interface ImportTrust extends ReaderTrust {
  /** The studies on the device: answers are read against these, and carried copies compared with them. */
  studies: readonly StudyRecord[];
  /** Study id -> the signer this device accepted for it. */
  pinned: Readonly<Record<string, string>>;
}

/** A device seen for the first time: the researcher accepts it by its fingerprint (or not). */
export interface NewDevice {
  id: string;
  key: string;
  label?: string;
  fingerprint: string;
  file: string;
  /** What its file would bring: responses new here, and changes to responses held from others. */
  responses: number;
  changes: number;
}

export interface PreparedImport {
  /** What each file would do to the data as it is now (the commit merges again, against the data as it is then). */
  reports: MergeReport[];
  files: readonly OpenedFile[];
  /** Responses that would be in conflict after the import. */
  conflicts: number;
  /** Records that would be set aside. */
  setAside: number;
  /** Codes, coded passages and transcripts the import would add or change (a file may bring only these). */
  research: number;
  /** Devices seen for the first time: their files are held back until accepted. */
  newDevices: NewDevice[];
  /** Files without a signature: held back unless the reader allows unsigned files. */
  unsigned: string[];
  meta: { id: string; at: string };
  trust: ImportTrust;
}

/** What an import did: the reports at the moment of the commit, and the receipt for the devices. */
export interface CommittedImport {
  reports: MergeReport[];
  conflicts: number;
  setAside: number;
  receipt: Receipt | null;
  /** Devices accepted by this import (to remember). */
  accepted: KnownDevice[];
  /** Studies added, with the signer each was accepted from (to pin). */
  pinned: Record<string, string>;
  /** The files whose records were read (trusted); the others brought nothing. */
  readFiles: string[];
}

/**
 * What importing these files would do, file by file in the given order, against what the device
 * holds now. Nothing is written: `commitImport` does that in one transaction.
 */
export async function prepareImport(store: Store, files: readonly OpenedFile[], meta: { id: string; at: string }, trust: ImportTrust): Promise<PreparedImport> {
  const [data, coding] = await Promise.all([store.readAllData(), store.readAllResearch()]);
  const merged = mergeFiles({ ...data, coding }, files, meta, trust);
  return { reports: merged.reports, files, conflicts: merged.change.conflicts.length, setAside: merged.change.setAside?.length ?? 0, research: merged.change.coding?.length ?? 0, newDevices: merged.newDevices, unsigned: merged.unsigned, meta, trust };
}

/**
 * Commits an import in one transaction. The merge runs again against what the device holds at that
 * moment (Store.mergeImport), so an answer saved on this device after the report was shown is
 * merged with the incoming revisions, never overwritten. Makes the receipt of what arrived.
 */
export async function commitImport(store: Store, prepared: PreparedImport, by: { id: string; label?: string }): Promise<CommittedImport> {
  const { meta, files, trust } = prepared;
  let merged: ReturnType<typeof mergeFiles> | null = null;
  const change = await store.mergeImport((current) => {
    merged = mergeFiles(current, files, meta, trust);
    if (merged.received.length > 0 && merged.change.record) {
      merged.change.record.receipt = makeReceipt({ receiptId: meta.id, createdAt: meta.at, by, files: merged.readFiles, received: merged.received });
    }
    const read = new Set(merged.readFiles);
    const media = files.filter((f) => read.has(f.file)).flatMap((f) => f.media ?? []);
    if (media.length > 0) merged.change.media = media;
    return merged.change;
  });
  const done = merged as unknown as ReturnType<typeof mergeFiles>;
  return { reports: done.reports, conflicts: change.conflicts.length, setAside: change.setAside?.length ?? 0, receipt: change.record?.receipt ?? null, accepted: done.accepted, pinned: done.pinned, readFiles: done.readFiles };
}

/**
 * The merge of the files into what the device holds: the reports, the writes, and what the reader
 * must decide (new devices, unsigned files). Pure. Each file's writer is judged first
 * (src/core/trust/readers.ts); a file the reader does not trust brings nothing; a trusted file's
 * records that claim more than its writer may are set aside; a study a bundle brings is added only
 * when it is signed by a researcher the device accepts for it.
 */
function mergeFiles(current: DeviceData, files: readonly OpenedFile[], meta: { id: string; at: string }, trust: ImportTrust) {
  const builder = datasetOf(current);
  const before = builder.build();
  const nowMs = Date.parse(meta.at);
  const reports: MergeReport[] = [];
  const touched = new Set<string>();
  const held = new Map(trust.studies.map((s) => [studyKey(s.id, s.studyVersion), s.instrument] as const));
  const studies = new Map<string, StudyRecord>();
  const setAside: SetAsideRecord[] = [];
  const newDevices: NewDevice[] = [];
  const unsigned: string[] = [];
  const accepted: KnownDevice[] = [];
  const pinned: Record<string, string> = {};
  const received: ReceiptEntry[] = [];
  const readFiles: string[] = [];
  const paradata: ParadataEvent[] = [];
  const codingIn: CodingRecord[] = [];
  const transcriptsIn: TranscriptRecord[] = [];
  const keep = (file: string, x: SetAside) => setAside.push({ key: `${meta.id}:${file}:${x.list}:${x.index}`, importId: meta.id, at: meta.at, aside: x });
  for (const f of files) {
    if (!f.bundle) {
      reports.push(rejectedReport(f.file, f.error?.message ?? 'not readable', f.error?.code ?? 'internal'));
      continue;
    }
    const read = readFileTrusted(f.file, { bundle: f.bundle, setAside: f.setAside ?? [], signature: f.signature ?? { status: 'unsigned' } }, {
      trust,
      pinned: trust.pinned,
      held: (id, version) => held.get(studyKey(id, version)),
      has: (id, version) => held.has(studyKey(id, version)) || studies.has(studyKey(id, version)),
      seen: (id, device) => builder.seen(id, device),
      now: meta.at,
    });
    if (!read.ok) {
      const verdict = read.verdict;
      if (verdict.code === 'new-device') {
        const changes = f.bundle.responses.filter((r) => builder.seen(r.id, r.revision.device) > 0 || (before.responses.get(r.id)?.length ?? 0) > 0).length;
        newDevices.push({ ...verdict.device, file: f.file, responses: f.bundle.responses.length - changes, changes });
        reports.push(rejectedReport(f.file, `${f.file}: from a device seen for the first time, ${verdict.device.label ?? verdict.device.id} (${verdict.device.fingerprint}): accept it to read its file`, 'new-device'));
      } else {
        if (verdict.code === 'unsigned') unsigned.push(f.file);
        reports.push(rejectedReport(f.file, verdict.message, verdict.code));
      }
      continue;
    }
    if (read.accepted) accepted.push(read.accepted);
    for (const st of read.studies) {
      studies.set(studyKey(st.instrument.id, st.instrument.studyVersion), { id: st.instrument.id, studyVersion: st.instrument.studyVersion, instrument: st.instrument, addedAt: meta.at, source: 'bundle' });
      if (st.signer !== undefined) pinned[st.instrument.id] = st.signer;
    }
    const fileAside = read.setAside;
    const report = addWithReport(builder, read.bundle, f.file, fileAside);
    report.warnings.push(...read.warnings);
    reports.push(report);
    readFiles.push(f.file);
    for (const r of read.bundle.responses) received.push({ id: r.id, vv: r.revision.vv });
    for (const x of fileAside) keep(f.file, x);
    for (const id of [...report.new, ...report.updated, ...report.merged, ...report.conflict]) touched.add(id);
    // Paradata of the responses read (the store adds those it does not hold yet).
    const readIds = new Set(read.bundle.responses.map((r) => r.id));
    for (const e of read.bundle.paradata ?? []) if (readIds.has(e.responseId) || before.responses.has(e.responseId)) paradata.push(e);
    codingIn.push(...(read.bundle.coding ?? []));
    transcriptsIn.push(...(read.bundle.transcripts ?? []));
  }
  const after = builder.build();
  const change = writesFor(before, after, touched, new Set(current.conflicts.map((c) => c.id)), nowMs);
  change.studies = [...studies.values()];
  change.setAside = setAside;
  change.record = { id: meta.id, at: meta.at, files: reports } satisfies ImportRecord;
  if (paradata.length > 0) change.paradata = paradata;
  // Codes and passages merge as answers do: by version vector, a disagreement kept as a conflict.
  // Transcripts too (docs/transcripts.md), kept in the same store.
  const heldCoding = new Map<string, CodingEntry>();
  const heldTranscripts = new Map<string, TranscriptEntry>();
  for (const e of current.coding ?? []) {
    if (e.revisions[0]?.type === 'transcript') heldTranscripts.set(e.id, e as TranscriptEntry);
    else heldCoding.set(e.id, e as CodingEntry);
  }
  const coding = [...mergeCoding(heldCoding, codingIn).values(), ...mergeCoding(heldTranscripts, transcriptsIn).values()];
  if (coding.length > 0) change.coding = coding;
  return { reports, change, newDevices, unsigned, accepted, pinned, received, readFiles };
}

function writesFor(before: Dataset, after: Dataset, touched: Set<string>, wasConflicted: Set<string>, nowMs?: number): ImportChange {
  const change: ImportChange = { sessions: [], conflicts: [], resolved: [], studies: [], record: null };
  for (const id of touched) {
    const revisions = after.responses.get(id);
    if (!revisions || revisions.length === 0) continue;
    if (revisions === before.responses.get(id)) continue;
    // Revisions that join without a conflict (each device added or changed other answers, other
    // instances) become one session that has seen every write: no conflict to resolve.
    const joined = revisions.length === 1 ? null : joinRevisions(revisions, nowMs);
    const clean = revisions.length === 1 || joined!.conflicts.length === 0;
    const chosen = revisions.length === 1 ? revisions[0]! : clean ? joined!.response : defaultChoice(revisions, nowMs);
    change.sessions.push(responseToSession(chosen));
    if (!clean) change.conflicts.push({ id, studyId: chosen.studyId, studyVersion: chosen.studyVersion, revisions: [...revisions] });
    else if (wasConflicted.has(id)) change.resolved.push(id);
  }
  return change;
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
  meta: { bundleId: string; createdAt: string; device: { id: string; label?: string }; appVersion: string; since?: string; includeExamples?: boolean },
): Promise<{ bundle: Bundle; sessions: ExportRecord['sessions'] }> {
  const all = await store.readStudyData(study.id, study.studyVersion);
  // Example data (the paper's published answers) stays out of a real export unless asked for.
  const data = meta.includeExamples === false ? { ...all, sessions: all.sessions.filter((s) => !s.session.example) } : all;
  const conflicted = new Set(data.conflicts.map((c) => c.id));
  const plain = data.sessions.filter((s) => !conflicted.has(s.session.id));
  const bundle = bundleFromSessions(
    plain.map(({ session, answers }) => ({ session: { ...session, consent: session.consent ?? { agreed: true, by: '', at: session.createdAt, version: '', lang: session.lang } }, answers })),
    { bundleId: meta.bundleId, createdAt: meta.createdAt, device: meta.device, appVersion: meta.appVersion, instruments: [study.instrument], ...(meta.since ? { since: meta.since } : {}) },
  );
  // Consent records that were null stay null.
  const nullConsent = new Set(plain.filter((s) => !s.session.consent).map((s) => s.session.id));
  for (const r of bundle.responses) if (nullConsent.has(r.id)) r.consent = null;
  // Conflicts travel whole: every revision, so nothing is lost on the way.
  const since = meta.since ? Date.parse(meta.since) : -Infinity;
  for (const c of data.conflicts) for (const r of c.revisions) if (Date.parse(r.revision.at) > since || !meta.since) bundle.responses.push(r);
  const ids = new Set(bundle.responses.map((r) => r.id));
  const sessions = data.sessions.filter((s) => ids.has(s.session.id)).map((s) => ({ id: s.session.id, seq: s.session.seq }));
  // The study's codes and coded passages, every revision (docs/coding.md).
  const coding = (await store.readCoding(study.id)).flatMap((e) => e.revisions);
  if (coding.length > 0) bundle.coding = coding;
  // The transcripts of the study's responses, every revision, as the codes (an incremental export too:
  // a transcript changes apart from its response) (docs/transcripts.md).
  const mine = new Set([...data.sessions.map((s) => s.session.id), ...data.conflicts.map((c) => c.id)]);
  const transcripts = (await store.readTranscripts(study.id)).flatMap((e) => e.revisions).filter((t) => mine.has(t.responseId));
  if (transcripts.length > 0) bundle.transcripts = transcripts;
  // The paradata of the responses in the bundle (docs/paradata.md): the audit log travels with them.
  const paradata = await store.readParadata([...ids]);
  if (paradata.length > 0) bundle.paradata = paradata;
  return { bundle, sessions };
}
