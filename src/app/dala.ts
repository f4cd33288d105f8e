/**
 * The app's services over the core and the IndexedDB store: what the screens call. No DOM here
 * beyond what the platform adapters need, so the logic is tested with fake-indexeddb in Node.
 */
import type { Instrument } from '../core/instrument/types';
import type { Answer, AnswerValue } from '../core/responses/types';
import { Store, type OpenOptions, type StoredSession, type TakenSession } from '../adapters/storage-idb/store';
import { LockError } from '../adapters/storage-idb/sealed';
import { DEMO_STUDY_ID, DEMO_STUDY_VERSION } from '../core/demo/meta';
import { computeFormState, prepareInstrument } from '../core/responses/form-state';
import { completionValues, recordsAtStart, startValues, type SessionFacts } from '../core/responses/session-values';
import { localToday } from './ids';
import { clearResumeHint, setKioskFlag, type KeyValue } from './resume-hint';
import { newKioskState, pinMatches, readKioskState, type KioskState } from './kiosk';
import { DataLock } from './data-lock';
import type { AttemptResult } from './attempts';
import type { LockKdf } from './lock-client';
import type { Resolution } from '../core/merge/resolve';
import type { CryptoClient } from './crypto-client';
import type { CommittedImport, ImportTrust, OpenedFile, PreparedImport } from './transfer';
import type { KnownDevice } from '../core/trust/readers';
import type { SigningKey } from '../core/trust/keys';
import type { Bundle, ParadataEvent } from '../core/bundle/types';
import { recordsAudit } from '../core/responses/paradata';
import type { Receipt } from '../core/bundle/receipt';
import type { ConflictRecord, ExportRecord, SetAsideRecord, StoredAnswer } from '../adapters/storage-idb/records';
import type { ConsentRecord, SessionRecord, SessionReferral, StudyRecord } from '../adapters/storage-idb/records';

/** One session as analysis sees it. */
export interface StudyResponse {
  id: string;
  session: SessionRecord;
  /** By item name; null when unanswered or not relevant. */
  answers: Record<string, AnswerValue>;
  /** "Other (specify)" texts by item name. */
  other: Record<string, string>;
  /** Interviewer's notes by item name. */
  notes: Record<string, string>;
}

/** The `code` of a typed error (CryptoError, DalaError), else 'internal'. */
function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'internal';
}

/** What the person decided about an import's writers (src/core/trust/readers.ts). */
export interface ImportDecisions {
  /** Devices accepted now: id -> the key whose fingerprint was shown. */
  accept?: ReadonlyMap<string, string>;
  /** Read files without a signature (from a Dala before signatures). */
  allowUnsigned?: boolean;
}

/** Sessions deleted, kept in memory so the screen can undo the deletion while it is open. */
export interface DeletedSessions {
  /** With their paradata (question visits, the audit log), deleted with them. */
  sessions: TakenSession[];
}

/** Where a session stands on its way to the researcher. */
export type TransferState = 'not-exported' | 'exported' | 'received';

/** A study from elsewhere, accepted (with its signer, null for a researcher's own unsigned file) or refused. */
export type AcceptedStudy =
  | { ok: true; added: boolean; signer: { key: string; fingerprint: string } | null }
  | { ok: false; reason: 'unsigned' | 'forged' | 'other-signer' | 'changed'; message: string; signer?: string };

/** What became of a receipt file given to the import. */
export type ReceiptOutcome = { file: string; ok: true; by: string; covered: number } | { file: string; ok: false; message: string };

export interface Clock {
  now(): string;
}

export interface DalaDeps {
  newId: () => string;
  clock: Clock;
  /** Where resume hints live (./resume-hint.ts): localStorage in the browser; none in Node. */
  hints?: KeyValue | null;
  /** The data lock's key work (scrypt): a worker in the browser (the default), the adapter's functions in Node. */
  kdf?: () => Promise<LockKdf>;
}

/** The lock's key work in a Web Worker (on this thread where there are none), loaded on first use. */
function workerKdf(): () => Promise<LockKdf> {
  let client: Promise<LockKdf> | null = null;
  return () => (client ??= import('./lock-client').then((m) => (typeof Worker === 'undefined' ? m.directKdf() : new m.LockWorkerClient())));
}

/** The built-in demo study is always there (added again by a new app version with a new study version). */
async function ensureDemoStudy(store: Store, clock: Clock): Promise<void> {
  // The demo study's codebook (the paper's themes), once (docs/coding.md).
  if (!(await store.hasCoding('demo-leadership'))) {
    const { DEMO_CODES } = await import('../core/demo/coding');
    await store.seedCoding(DEMO_CODES);
  }
  // Checked by key first, so a normal start neither loads nor reads the study's text.
  if (await store.hasStudy(DEMO_STUDY_ID, DEMO_STUDY_VERSION)) return;
  const { demoStudy } = await import('../core/demo/demo-study');
  await store.putStudy({
    id: demoStudy.id,
    studyVersion: demoStudy.studyVersion,
    instrument: demoStudy,
    addedAt: clock.now(),
    source: 'demo',
  });
}

export class Dala {
  /** The data lock (./data-lock.ts): on by default; this tab's key. */
  readonly lock: DataLock;

  private constructor(
    readonly store: Store,
    readonly deviceId: string,
    private readonly deps: DalaDeps,
  ) {
    this.lock = new DataLock({ store, kdf: deps.kdf ?? workerKdf(), now: () => new Date(deps.clock.now()), kv: deps.hints ?? null, onUnlocked: () => this.recoverMedia() });
    store.forgetWithKey(() => (this.deviceKeyCache = null));
  }

  /** Where the resume hint lives (none in Node, none while the data lock is on). */
  private get hints(): KeyValue | null {
    return this.deps.hints ?? null;
  }

  static async start(deps: DalaDeps, open: OpenOptions = {}): Promise<Dala> {
    const store = await Store.open(open);
    const [deviceId] = await Promise.all([store.deviceId(deps.newId), ensureDemoStudy(store, deps.clock)]);
    store.thisDevice = deviceId;
    const dala = new Dala(store, deviceId, deps);
    // Recordings a killed browser left open are sealed (as partial) before anything reads answers
    // (while the data lock is on, once it is opened: their records are sealed).
    if (!store.locked) await dala.recoverMedia();
    return dala;
  }

  /** Seals recordings a killed browser left open and removes half-imported files, when there are any. */
  async recoverMedia(): Promise<void> {
    const db = this.store.db;
    if ((await db.countFromIndex('blobs', 'byState', 'recording')) + (await db.countFromIndex('blobs', 'byState', 'importing')) > 0) {
      await (await this.media()).recover();
    }
  }

  private mediaService: Promise<import('./media').MediaService> | undefined;

  /** Media answers: photos, files, drawings, recordings (./media.ts), loaded on first use. */
  media(): Promise<import('./media').MediaService> {
    return (this.mediaService ??= import('./media').then((m) => new m.MediaService({ store: this.store, newId: this.deps.newId, now: () => this.deps.clock.now() })));
  }

  private interviewRec: Promise<import('./interview-recording').InterviewRecorder> | undefined;

  /** The recording of whole interviews (./interview-recording.ts): one per app, above the screens; loaded on first use. */
  interviewRecorder(): Promise<import('./interview-recording').InterviewRecorder> {
    return (this.interviewRec ??= import('./interview-recording').then(
      (m) =>
        new m.InterviewRecorder({
          media: () => this.media(),
          store: this.store,
          deviceId: this.deviceId,
          now: () => this.deps.clock.now(),
          newId: this.deps.newId,
          clock: () => performance.now(),
          microphone: () => navigator.mediaDevices.getUserMedia({ audio: true }),
          saveAnswer: (sessionId, answer) => this.saveAnswer(sessionId, answer),
        }),
    ));
  }

  /** The interviewer code last typed, to pre-fill a new session (sealed while the lock is on). */
  lastInterviewer(): Promise<string> {
    return this.lock.lastInterviewer();
  }

  rememberInterviewer(code: string): Promise<void> {
    return this.lock.rememberInterviewer(code);
  }

  listStudies(): Promise<StudyRecord[]> {
    return this.store.listStudies();
  }

  getStudy(id: string, version: string): Promise<StudyRecord | undefined> {
    return this.store.getStudy(id, version);
  }

  /**
   * Saves an imported study. Refuses (returns false) when this id and version are already on the
   * device: sessions refer to a version, so a changed form needs a new version.
   */
  async addStudy(instrument: Instrument, source: StudyRecord['source']): Promise<boolean> {
    if (await this.store.getStudy(instrument.id, instrument.studyVersion)) return false;
    await this.store.putStudy({ id: instrument.id, studyVersion: instrument.studyVersion, instrument, addedAt: this.deps.clock.now(), source });
    return true;
  }

  /**
   * A study that came from someone else (a link, a scanned code, a study file), judged by its
   * researcher's signature against what this device holds (src/core/trust/study.ts): refused when
   * unsigned (unless `unsignedIsLocal`: a file the researcher opens on their own device), forged,
   * signed by another researcher than the one this device holds the id from, or different from the
   * copy of this version it holds. When accepted it is added (if new) and its signer is pinned to its
   * id; nothing changes when it is refused.
   */
  async acceptStudy(instrument: Instrument, source: StudyRecord['source'], options: { unsignedIsLocal?: boolean } = {}): Promise<AcceptedStudy> {
    if (!instrument.signature && options.unsignedIsLocal) {
      return { ok: true, added: await this.addStudy(instrument, source), signer: null };
    }
    const { judgeStudy } = await import('../core/trust/study');
    const [pinned, held] = await Promise.all([this.signerOf(instrument.id), this.store.getStudy(instrument.id, instrument.studyVersion)]);
    const judged = judgeStudy(instrument, { ...(pinned !== undefined ? { pinned } : {}), ...(held ? { held: held.instrument } : {}) });
    if (!judged.ok) return judged;
    const added = await this.addStudy(instrument, source);
    await this.pinSigners({ [instrument.id]: judged.signer });
    return { ok: true, added, signer: { key: judged.signer, fingerprint: judged.fingerprint } };
  }

  /**
   * Every session of a study version with its answers as analysis sees them: answers to items that are
   * not relevant are null (as the runner hides them), calculations applied, "Other" texts and notes kept.
   */
  async responsesOf(studyId: string, studyVersion: string): Promise<StudyResponse[]> {
    const study = await this.store.getStudy(studyId, studyVersion);
    if (!study) return [];
    // With every expression function it calls: those of groups on demand are loaded first.
    const compiled = await prepareInstrument(study.instrument);
    // Every session with its answers in one read (one transaction, not one per session).
    const { sessions } = await this.store.readStudyData(studyId, studyVersion);
    sessions.sort((a, b) => (a.session.updatedAt < b.session.updatedAt ? 1 : a.session.updatedAt > b.session.updatedAt ? -1 : 0));
    const out: StudyResponse[] = [];
    for (const { session, answers } of sessions) {
      const raw: Record<string, AnswerValue> = {};
      const other: Record<string, string> = {};
      const notes: Record<string, string> = {};
      for (const a of answers) {
        raw[a.item] = a.value;
        if (a.other) other[a.item] = a.other;
        if (a.note) notes[a.item] = a.note;
      }
      const state = computeFormState(compiled, raw, session.createdAt.slice(0, 10), { now: session.createdAt, lang: session.lang, seed: session.id });
      out.push({ id: session.id, session, answers: state.effective, other, notes });
    }
    return out;
  }

  listSessions(): Promise<SessionRecord[]> {
    return this.store.listSessions();
  }

  /**
   * Creates a session once consent is given: nothing is stored before that moment. A respondent
   * alone (over a study link) is interviewer "self", and the session keeps their referral.
   */
  async startSession(args: {
    study: Instrument;
    respondentCode: string;
    interviewer: string;
    lang: string;
    referral?: SessionReferral;
  }): Promise<SessionRecord> {
    const at = this.deps.clock.now();
    const consent: ConsentRecord = {
      agreed: true,
      by: args.interviewer,
      at,
      version: args.study.consent?.version ?? 'none',
      lang: args.lang,
    };
    const session: SessionRecord = {
      id: this.deps.newId(),
      studyId: args.study.id,
      studyVersion: args.study.studyVersion,
      respondentCode: args.respondentCode,
      interviewer: args.interviewer,
      status: 'draft',
      lang: args.lang,
      createdAt: at,
      updatedAt: at,
      consent,
      deviceId: this.deviceId,
      seq: 0,
    };
    if (args.referral) session.referral = { ...args.referral };
    // What the form records by itself at the start (XLSForm metadata and defaults), in the same write.
    const recorded = recordsAtStart(args.study) ? startValues(await prepareInstrument(args.study), this.factsAt(at, session)) : {};
    await this.store.createSession(session, Object.entries(recorded).map(([item, value]) => ({ item, value, at })));
    const held = await this.store.getStudy(session.studyId, session.studyVersion);
    this.noteAudit(session.id, held ?? { instrument: args.study });
    await this.store.addParadata([{ responseId: session.id, at, event: 'form start' }]);
    return session;
  }

  /** The facts a session's own values come from (core/responses/session-values.ts). */
  private factsAt(at: string, session: SessionRecord): SessionFacts {
    return { now: at, today: localToday(new Date(at)), deviceId: this.deviceId, username: session.interviewer, sessionId: session.id };
  }

  /** A refusal keeps nothing but a count per study. */
  recordRefusal(studyId: string): Promise<number> {
    return this.store.increment(`refusals:${studyId}`);
  }

  async refusalCount(studyId: string): Promise<number> {
    return (await this.store.getMeta<number>(`refusals:${studyId}`)) ?? 0;
  }

  async openSession(id: string): Promise<{ session: SessionRecord; study: StudyRecord; answers: Map<string, Answer> } | null> {
    const opened = await this.store.readSession(id);
    return opened && this.sessionRead(id, opened);
  }

  /**
   * A session read as it is stored (sealed while the lock is on), then opened: `openStoredSession`
   * needs the key, `readStoredSession` does not (the unlock reads the draft while the key is derived).
   */
  readStoredSession(id: string): Promise<StoredSession | null> {
    return this.store.readStoredSession(id);
  }

  async openStoredSession(stored: StoredSession): Promise<{ session: SessionRecord; study: StudyRecord; answers: Map<string, Answer> }> {
    return this.sessionRead(stored.session.id as string, await this.store.openStoredSession(stored));
  }

  private sessionRead(id: string, opened: { session: SessionRecord; study: StudyRecord; answers: StoredAnswer[] }) {
    const { session, study } = opened;
    this.noteAudit(id, study);
    const answers = new Map<string, Answer>();
    for (const a of opened.answers) {
      const { sessionId: _s, seq: _q, ...answer } = a;
      answers.set(a.item, answer);
    }
    return { session, study, answers };
  }

  saveAnswer(sessionId: string, answer: Answer): Promise<unknown> {
    return this.store.saveAnswer(sessionId, answer, { audit: this.audited.get(sessionId) ?? false });
  }

  /** Sessions opened here and whether their study keeps the audit log (docs/paradata.md). */
  private readonly audited = new Map<string, boolean>();

  private noteAudit(sessionId: string, study: StudyRecord | { instrument: Instrument; source?: StudyRecord['source'] }): void {
    this.audited.set(sessionId, recordsAudit(study.instrument, study.source === 'xlsform'));
  }

  /** Qualitative coding (./coding.ts), loaded on first use. */
  async coding(): Promise<import('./coding').CodingService> {
    const { CodingService } = await import('./coding');
    return new CodingService({ store: this.store, deviceId: this.deviceId, now: () => this.deps.clock.now(), newId: this.deps.newId });
  }

  /** Transcripts (./transcripts.ts), loaded on first use; the audio from `setAudioSource`'s source, else a file opened here. */
  async transcripts(): Promise<import('./transcripts').TranscriptService> {
    const { TranscriptService } = await import('./transcripts');
    return new TranscriptService({
      store: this.store,
      deviceId: this.deviceId,
      now: () => this.deps.clock.now(),
      newId: this.deps.newId,
      by: async () => (await this.deviceInfo()).label ?? 'researcher',
      audio: async (response) => (await this.recordedAudio?.(response)) ?? (await (await this.interviewRecorder()).audioOf(response)) ?? this.openedAudio.get(response.id),
    });
  }

  /** Audio files the researcher opened in this tab for transcription, by response id (never stored: opened again when needed). */
  private readonly openedAudio = new Map<string, Blob>();
  /** Where stored recordings come from (the recording work plugs in here). */
  private recordedAudio: import('./transcripts').AudioSource | null = null;

  openAudioFile(responseId: string, file: Blob): void {
    this.openedAudio.set(responseId, file);
  }

  /** Gives the transcription view a source of recorded audio (tried before a file opened from disk). */
  setAudioSource(source: import('./transcripts').AudioSource | null): void {
    this.recordedAudio = source;
  }

  /** A question was visited (it had the focus) from `start` to `end` (ISO times): kept as paradata. */
  recordVisit(sessionId: string, item: string, start: string, end: string): Promise<void> {
    return this.store.addParadata([{ responseId: sessionId, at: end, event: 'question', item, data: { start, end } }]);
  }

  /** The paradata of a session, in the order recorded. */
  paradataOf(sessionId: string): Promise<ParadataEvent[]> {
    return this.store.readParadata([sessionId]);
  }

  setLastSection(sessionId: string, section: number): Promise<SessionRecord> {
    return this.store.updateSession(sessionId, { lastSection: section }, this.deps.clock.now());
  }

  async completeSession(sessionId: string): Promise<SessionRecord> {
    // A completed session is never drawn from a hint, even if the screen that completed it closed at once.
    clearResumeHint(this.hints, sessionId);
    const now = this.deps.clock.now();
    // What the form records at completion (XLSForm's `end`, the instance name), before the status.
    const opened = await this.store.readSession(sessionId);
    if (opened && opened.study.instrument.sections.some((s) => s.items.some((i) => i.type === 'meta'))) {
      const answers: Record<string, AnswerValue> = {};
      for (const a of opened.answers) answers[a.item] = a.value;
      const values = completionValues(await prepareInstrument(opened.study.instrument), answers, this.factsAt(now, opened.session));
      for (const [item, value] of Object.entries(values)) await this.store.saveAnswer(sessionId, { item, value, at: now });
      // The record's name (instance_name) is shown in the sessions list: kept on the session too.
      const named = opened.study.instrument.sections.flatMap((s) => s.items).find((i) => i.type === 'meta' && i.meta === 'instanceName');
      const name = named ? values[named.name] : undefined;
      if (name !== undefined && name !== null && String(name).trim() !== '') {
        return this.store.updateSession(sessionId, { status: 'complete', completedAt: now, instanceName: String(name).trim().slice(0, 200) }, now);
      }
    }
    const done = await this.store.updateSession(sessionId, { status: 'complete', completedAt: now }, now);
    await this.store.addParadata([{ responseId: sessionId, at: now, event: 'form finalize' }]);
    return done;
  }

  reopenSession(sessionId: string): Promise<SessionRecord> {
    return this.store.updateSession(sessionId, { status: 'draft' }, this.deps.clock.now());
  }

  // Transfers: export, import, conflicts (see ./transfer.ts) -----------------------------------------

  private cryptoClient: Promise<CryptoClient> | null = null;
  /** The encryption worker's client, loaded (with age and comlink) only when data is first exported or imported. */
  crypto(): Promise<CryptoClient> {
    return (this.cryptoClient ??= import('./crypto-client').then((m) => new m.CryptoClient()));
  }

  /** The recipients exports of a study go to: this device's choice, else the study's own. */
  recipientsOf(study: StudyRecord): string[] {
    return study.recipients ?? study.instrument.recipients ?? [];
  }

  async setRecipients(study: StudyRecord, recipients: string[]): Promise<StudyRecord> {
    const next = { ...study, recipients };
    await this.store.putStudy(next);
    return next;
  }

  exportsOf(studyId: string): Promise<ExportRecord[]> {
    return this.store.listExports(studyId);
  }

  /**
   * Seals a study's data as an age-encrypted bundle (to the recipients, or a passphrase) and records
   * the export. Returns the file to hand over; nothing is deleted. With `onlyChanged` and nothing
   * changed since the last export, returns null and writes no file.
   */
  async exportStudy(
    study: StudyRecord,
    opts: { onlyChanged: boolean; to: { recipients: string[] } | { passphrase: string }; armored: boolean; includeExamples?: boolean; recordings?: boolean },
  ): Promise<{ fileName: string; data: Uint8Array | string | Blob; responses: number; mediaFiles: number } | null> {
    const exports = await this.store.listExports(study.id);
    const last = exports.filter((e) => e.studyVersion === study.studyVersion).at(-1);
    const since = opts.onlyChanged && last ? last.at : undefined;
    const at = this.deps.clock.now();
    const bundleId = this.deps.newId();
    const { studyBundle } = await import('./transfer');
    const { bundle, sessions } = await studyBundle(this.store, study, { bundleId, createdAt: at, device: await this.deviceInfo(), appVersion: __DALA_VERSION__, includeExamples: opts.includeExamples === true, ...(since ? { since } : {}) });
    if (since && bundle.responses.length === 0) return null;
    const json = await this.signedBundleJson(bundle);
    // Answers with files: the bundle and its media as one container, encrypted and written as a
    // stream (docs/bundle-format.md, "Bundles with media"): binary age, whatever `armored` says.
    // Interview recordings go in the container only when chosen (docs/interview-recording.md); their
    // answers keep the reference either way.
    const [{ mediaRefsOf }, { mediaToSend }] = await Promise.all([import('./media-bundle'), import('./recording-export')]);
    const sent = mediaToSend([study.instrument], bundle.responses, { recordings: opts.recordings === true });
    const mediaFiles = mediaRefsOf(sent).length;
    let data: Uint8Array | string | Blob;
    if (mediaFiles > 0) {
      const [{ sealedBundleWithMedia, blobOf }, media] = await Promise.all([import('./media-bundle'), this.media()]);
      data = await blobOf(sealedBundleWithMedia(json, sent, media.blobs, opts.to));
    } else data = await (await this.crypto()).encrypt(json, opts.to, opts.armored);
    const stamp = at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const fileName = `dala-${study.id}-${this.deviceId.slice(0, 8)}-${stamp}.dala.age`;
    await this.store.recordExport({
      bundleId,
      studyId: study.id,
      studyVersion: study.studyVersion,
      at,
      ...(since ? { since } : {}),
      responses: bundle.responses.length,
      fileName,
      encryption: 'recipients' in opts.to ? 'recipients' : 'passphrase',
      sessions,
    });
    return { fileName, data, responses: bundle.responses.length, mediaFiles };
  }

  /**
   * The interview recordings an export of the study would carry if chosen (count, bytes), for the
   * Export screen's option; none when the study records no interview.
   */
  async recordingsToExport(study: StudyRecord, opts: { includeExamples?: boolean } = {}): Promise<{ count: number; bytes: number }> {
    if (!study.instrument.sections.some((s) => s.items.some((i) => i.type === 'background-audio'))) return { count: 0, bytes: 0 };
    const [{ studyBundle }, { recordingsOf }] = await Promise.all([import('./transfer'), import('./recording-export')]);
    const { bundle } = await studyBundle(this.store, study, { bundleId: 'count', createdAt: this.deps.clock.now(), device: { id: this.deviceId }, appVersion: __DALA_VERSION__, includeExamples: opts.includeExamples === true });
    const { refs, bytes } = recordingsOf([study.instrument], bundle.responses);
    return { count: refs.length, bytes };
  }

  /**
   * Opens the files and works out what importing them would do. Receipts from the researcher are read
   * here (they hold no answers and are stored at once: they only say what arrived); bundles and CSV
   * files are opened in the worker and their merge report computed. Nothing of them is written yet.
   * A file that could not be read (`error`: too large, cut short) is reported as refused with its reason.
   */
  async prepareImport(
    files: ({ name: string; bytes: Uint8Array } | { name: string; file: Blob } | { name: string; error: { code: string; message: string } })[],
    keys: { identities: string[]; passphrases: string[] },
    decide: ImportDecisions = {},
  ): Promise<{ prepared: PreparedImport | null; receipts: ReceiptOutcome[] }> {
    const instruments = (await this.store.listStudies()).map((s) => s.instrument);
    const opened: OpenedFile[] = [];
    const receipts: ReceiptOutcome[] = [];
    const crypto = await this.crypto();
    for (let f of files) {
      if ('error' in f) {
        opened.push({ file: f.name, error: f.error });
        continue;
      }
      if ('file' in f) {
        // A bundle with media is read as a stream, its files staged; any other file as bytes.
        try {
          const media = await this.openMediaFile(f.name, f.file, keys, instruments);
          if (media) {
            opened.push({ file: f.name, bundle: media.restored.bundle, setAside: media.restored.setAside, signature: media.restored.signature, media: media.staged });
            continue;
          }
          const { readPickedFile } = await import('./picked-file');
          const { MAX_INPUT_BYTES } = await import('../core/file-size');
          f = { name: f.name, bytes: await readPickedFile(f.file as Blob & { name: string }, MAX_INPUT_BYTES) };
        } catch (e) {
          opened.push({ file: f.name, error: { code: errorCode(e), message: e instanceof Error ? e.message : String(e) } });
          continue;
        }
      }
      const receipt = await this.readReceipt(f);
      if (receipt) {
        receipts.push(receipt);
        continue;
      }
      try {
        const { bundle, setAside, signature } = await crypto.open(f.name, f.bytes, keys, instruments);
        opened.push({ file: f.name, bundle, setAside, signature });
      } catch (e) {
        opened.push({ file: f.name, error: { code: errorCode(e), message: e instanceof Error ? e.message : String(e) } });
      }
    }
    if (opened.length === 0) return { prepared: null, receipts };
    return { prepared: await this.reprepareImport(opened, decide), receipts };
  }

  private async openMediaFile(name: string, file: Blob, keys: { identities: string[]; passphrases: string[] }, instruments: Instrument[]) {
    const [{ openMediaBundle }, media] = await Promise.all([import('./media-bundle'), this.media()]);
    return openMediaBundle(name, file, keys, instruments, media.blobs, this.deps.clock.now());
  }

  /** An import that will not be committed (cancelled, or its files chosen again): the media files it staged are removed. */
  async discardImport(files: readonly OpenedFile[]): Promise<void> {
    const staged = files.flatMap((f) => f.media ?? []);
    if (staged.length > 0) await (await this.media()).blobs.remove(staged);
  }

  /**
   * The same files again, with the reader's decisions (devices accepted by their fingerprints,
   * unsigned files allowed): the report as it would be now. Nothing is written.
   */
  async reprepareImport(opened: readonly OpenedFile[], decide: ImportDecisions): Promise<PreparedImport> {
    const { prepareImport } = await import('./transfer');
    return prepareImport(this.store, opened, { id: this.deps.newId(), at: this.deps.clock.now() }, await this.importTrust(decide));
  }

  /** What this device trusts: the signers of its studies, the devices it accepted, and the decisions. */
  private async importTrust(decide: ImportDecisions): Promise<ImportTrust> {
    const studies = await this.store.listStudies();
    const pinned = (await this.store.getMeta<Record<string, string>>('studySigners')) ?? {};
    const researcherKeys = new Set<string>(Object.values(pinned));
    for (const s of studies) if (s.instrument.signature) researcherKeys.add(s.instrument.signature.by);
    const devices = new Map(Object.entries((await this.store.getMeta<Record<string, KnownDevice>>('knownDevices')) ?? {}));
    return {
      studies,
      pinned,
      researcherKeys,
      devices,
      ...(decide.accept ? { accept: decide.accept } : {}),
      ...(decide.allowUnsigned ? { allowUnsigned: true } : {}),
    };
  }

  /**
   * Commits an import in one transaction, merging again against the data as it is at that moment, and
   * returns the reports with the receipt to hand back to the devices.
   */
  async commitImport(prepared: PreparedImport): Promise<CommittedImport> {
    const { commitImport } = await import('./transfer');
    // Imported revisions may change the draft a hint copies: the next start reads the database.
    clearResumeHint(this.hints);
    let done: CommittedImport;
    try {
      done = await commitImport(this.store, prepared, await this.deviceInfo());
    } catch (e) {
      // Nothing was written: the staged files go too (the file is imported again from the start).
      await this.discardImport(prepared.files).catch(() => {});
      throw e;
    }
    // Files the reader did not take (a device not accepted, unsigned) bring no answers: nor their media.
    await this.discardImport(prepared.files.filter((f) => !done.readFiles.includes(f.file))).catch(() => {});
    await this.learnDeviceNames(prepared.files);
    // What this import accepted: its devices (by the key each was accepted with) and its studies' signers.
    if (done.accepted.length > 0) {
      const known = (await this.store.getMeta<Record<string, KnownDevice>>('knownDevices')) ?? {};
      const next: Record<string, KnownDevice> = Object.assign(Object.create(null) as Record<string, KnownDevice>, known);
      for (const d of done.accepted) next[d.id] = d;
      await this.store.setMeta('knownDevices', { ...next });
    }
    if (Object.keys(done.pinned).length > 0) await this.pinSigners(done.pinned);
    return done;
  }

  /** A file that is a receipt (plain JSON of type "dala-receipt"), read and kept; null for any other file. */
  private async readReceipt(f: { name: string; bytes: Uint8Array }): Promise<ReceiptOutcome | null> {
    if (f.bytes.length > 50_000_000 || f.bytes[0] !== 0x7b /* { */) return null;
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(f.bytes));
    } catch {
      return null;
    }
    const { looksLikeReceipt, parseReceipt, receivedIndex, isReceived } = await import('../core/bundle/receipt');
    if (!looksLikeReceipt(json)) return null;
    try {
      const receipt = parseReceipt(json, f.name);
      await this.store.putReceipt({ ...receipt, readAt: this.deps.clock.now() });
      const index = receivedIndex([receipt]);
      const { sessionToResponse } = await import('./transfer');
      let covered = 0;
      for (const { session, answers } of (await this.store.readAllData()).sessions) {
        if (isReceived(index, session.id, sessionToResponse(session, answers).revision.vv)) covered++;
      }
      return { file: f.name, ok: true, by: receipt.by.label ?? receipt.by.id, covered };
    } catch (e) {
      return { file: f.name, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Records of imported files that could not be read, with their reasons. */
  listSetAside(): Promise<SetAsideRecord[]> {
    return this.store.listSetAside();
  }

  /** Removes records set aside (the screen confirms first). */
  deleteSetAside(keys: string[]): Promise<void> {
    return this.store.deleteSetAside(keys);
  }

  /** The receipts this device's imports made, newest first: they can be downloaded again. */
  async importReceipts(): Promise<Receipt[]> {
    return (await this.store.listImports()).flatMap((r) => (r.receipt ? [r.receipt] : [])).reverse();
  }

  /**
   * Where each session of a study stands on its way to the researcher: not exported, exported at
   * its current revision, or received (a receipt covers its current revision).
   */
  async transferStates(studyId: string): Promise<Map<string, TransferState>> {
    const [{ receivedIndex, isReceived }, { sessionToResponse }] = await Promise.all([import('../core/bundle/receipt'), import('./transfer')]);
    const index = receivedIndex(await this.store.listReceipts());
    const exported = new Map<string, number>();
    for (const e of await this.store.listExports(studyId)) for (const s of e.sessions) exported.set(s.id, Math.max(exported.get(s.id) ?? -1, s.seq));
    const out = new Map<string, TransferState>();
    for (const { session, answers } of (await this.store.readAllData()).sessions) {
      if (session.studyId !== studyId) continue;
      if (isReceived(index, session.id, sessionToResponse(session, answers).revision.vv)) out.set(session.id, 'received');
      else out.set(session.id, (exported.get(session.id) ?? -1) >= session.seq ? 'exported' : 'not-exported');
    }
    return out;
  }

  private deviceKeyCache: Promise<SigningKey> | null = null;
  /**
   * This device's signing key (src/core/trust/keys.ts): made on first use, kept in the device's
   * store, never exported. Its bundles carry its signature; the researcher accepts it once. Sealed
   * with the data while the lock is on (a locked tab cannot read it: LockError 'locked'), and held in
   * this tab's memory only while it is unlocked.
   */
  deviceKey(): Promise<SigningKey> {
    if (this.store.locked) return Promise.reject(new LockError('locked', "Dala is locked: unlock it to sign with this device's key"));
    const made = (this.deviceKeyCache ??= (async () => {
      const { newDeviceKey, signingKeyFromSeed } = await import('../core/trust/keys');
      const { fromBase64Url, toBase64Url } = await import('../core/link/base64url');
      const stored = await this.store.getSealedMeta<string>('deviceKey');
      const decoded = stored ? fromBase64Url(stored) : null;
      if (decoded?.ok && decoded.bytes.length === 32) return signingKeyFromSeed(decoded.bytes);
      const key = newDeviceKey(globalThis.crypto.getRandomValues(new Uint8Array(32)));
      await this.store.setSealedMeta('deviceKey', toBase64Url(key.secret));
      return key;
    })());
    made.catch(() => {
      if (this.deviceKeyCache === made) this.deviceKeyCache = null; // a failure is not kept: the next call tries again
    });
    return made;
  }

  /** Remembers, per study id, the researcher whose signature this device accepted for it. */
  async pinSigners(pins: Readonly<Record<string, string>>): Promise<void> {
    const known = (await this.store.getMeta<Record<string, string>>('studySigners')) ?? {};
    const next: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, known);
    for (const [id, key] of Object.entries(pins)) next[id] ??= key;
    await this.store.setMeta('studySigners', { ...next });
  }

  /** The researcher this device accepted a study id from, if any. */
  async signerOf(studyId: string): Promise<string | undefined> {
    const known = (await this.store.getMeta<Record<string, string>>('studySigners')) ?? {};
    return Object.hasOwn(known, studyId) ? known[studyId] : undefined;
  }

  /** This device's card (id, signing key, name): shown as a QR code for the researcher to accept it ahead. */
  async deviceCard(): Promise<string> {
    const [{ formatDeviceCard }, key, info] = await Promise.all([import('../core/trust/device-card'), this.deviceKey(), this.deviceInfo()]);
    return formatDeviceCard({ id: info.id, key: key.publicKey, ...(info.label ? { label: info.label } : {}) });
  }

  /** The devices this researcher accepted, by id. */
  async knownDevices(): Promise<Record<string, KnownDevice>> {
    return (await this.store.getMeta<Record<string, KnownDevice>>('knownDevices')) ?? {};
  }

  /**
   * Accepts a device ahead of its first file, from its card (after the person compared its
   * fingerprint). A device already accepted with another key is not replaced: that is said.
   */
  async enrollDevice(card: { id: string; key: string; label?: string }): Promise<'accepted' | 'known' | 'other-key'> {
    const known = await this.knownDevices();
    const had = Object.hasOwn(known, card.id) ? known[card.id] : undefined;
    if (had) return had.key === card.key ? 'known' : 'other-key';
    const next: Record<string, KnownDevice> = Object.assign(Object.create(null) as Record<string, KnownDevice>, known);
    next[card.id] = { id: card.id, key: card.key, acceptedAt: this.deps.clock.now(), ...(card.label !== undefined ? { label: card.label } : {}) };
    await this.store.setMeta('knownDevices', { ...next });
    return 'accepted';
  }

  /** The bundle as the JSON a file holds, signed with this device's key. */
  async signedBundleJson(bundle: Bundle): Promise<string> {
    const [{ signBundleDocument }, { bundleToJson }] = await Promise.all([import('../core/trust/bundle'), import('../core/bundle/from-session')]);
    return bundleToJson(signBundleDocument(bundle, await this.deviceKey()));
  }

  /** This device's id and the name it was given in Settings (carried in its bundles and receipts). */
  async deviceInfo(): Promise<{ id: string; label?: string }> {
    const label = await this.store.getMeta<string>('deviceLabel');
    return label ? { id: this.deviceId, label } : { id: this.deviceId };
  }

  async setDeviceLabel(label: string): Promise<void> {
    const clean = label.trim().slice(0, 80);
    if (clean) await this.store.setMeta('deviceLabel', clean);
    else await this.store.deleteMeta('deviceLabel');
  }

  listConflicts(): Promise<ConflictRecord[]> {
    return this.store.listConflicts();
  }

  async resolveConflict(conflict: ConflictRecord, choice: Resolution): Promise<void> {
    const { resolveOne } = await import('./transfer');
    clearResumeHint(this.hints, conflict.id);
    return resolveOne(this.store, conflict, choice, this.deviceId, this.deps.clock.now());
  }

  /**
   * Complete sessions of a study that a receipt from the researcher covers at their current revision:
   * the only ones "remove" may offer. An export alone is not enough (the file may never arrive).
   */
  async receivedSessions(study: StudyRecord): Promise<SessionRecord[]> {
    const states = await this.transferStates(study.id);
    const sessions = await this.store.listSessions();
    return sessions.filter((s) => s.studyId === study.id && s.studyVersion === study.studyVersion && s.status === 'complete' && states.get(s.id) === 'received');
  }

  /** Deletes sessions (the screen confirms first); returns what was deleted, for an undo. */
  async deleteSessions(ids: string[]): Promise<DeletedSessions> {
    for (const id of ids) clearResumeHint(this.hints, id);
    return { sessions: await this.store.takeSessions(ids) };
  }

  /** Undoes a deletion: the sessions come back exactly as they were. */
  async undoDelete(deleted: DeletedSessions): Promise<void> {
    await this.store.restoreSessions(deleted.sessions);
  }

  /** Removes the example data (the paper's published answers) of a study in one step; the screen confirms first. */
  async removeExamples(studyId: string): Promise<DeletedSessions> {
    const ids = (await this.store.listSessions()).filter((s) => s.studyId === studyId && s.example).map((s) => s.id);
    return this.deleteSessions(ids);
  }

  /** Names of devices: this one's (Settings) and those that came with imported bundles. */
  async deviceNames(): Promise<Map<string, string>> {
    const known = (await this.store.getMeta<Record<string, string>>('deviceLabels')) ?? {};
    const out = new Map(Object.entries(known));
    const own = await this.store.getMeta<string>('deviceLabel');
    if (own) out.set(this.deviceId, own);
    return out;
  }

  /** Remembers the names devices gave themselves, from the bundles of an import. */
  private async learnDeviceNames(files: readonly OpenedFile[]): Promise<void> {
    const known = (await this.store.getMeta<Record<string, string>>('deviceLabels')) ?? {};
    const next: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, known);
    let changed = false;
    for (const f of files) {
      const d = f.bundle?.device;
      if (d?.label && d.id !== this.deviceId && d.id !== 'csv' && next[d.id] !== d.label) {
        next[d.id] = d.label;
        changed = true;
      }
    }
    if (changed) await this.store.setMeta('deviceLabels', { ...next });
  }

  // Kiosk mode (see ./kiosk.ts) --------------------------------------------------------------------

  /** The kiosk state (sealed while the lock is on: read it once this tab is unlocked). */
  async kioskState(): Promise<KioskState | undefined> {
    const state = readKioskState(await this.store.getSealedMeta('kiosk'));
    // The flag that keeps interviewer screens from being drawn early is set again if it was lost;
    // only leaving kiosk mode removes it (another tab may be entering it right now).
    if (state) setKioskFlag(this.hints, true);
    return state as KioskState | undefined;
  }

  private async pinHasher(): Promise<(pin: string, salt: Uint8Array, kdf: KioskState['pin']['kdf']) => Promise<Uint8Array>> {
    const kdf = await this.lock.kdfLoader();
    return (pin, salt, params) => kdf.pin(pin, salt, params);
  }

  async enterKiosk(sessionId: string, pin: string, interviewerLang?: string): Promise<KioskState> {
    const record = this.lock.on ? this.store.lockRecord() : undefined;
    const state = await newKioskState(sessionId, pin, this.deps.clock.now(), await this.pinHasher(), record?.state === 'on' ? record.kdf : undefined);
    if (interviewerLang) state.interviewerLang = interviewerLang;
    setKioskFlag(this.hints, true);
    try {
      await this.store.setSealedMeta('kiosk', state);
      await (await import('./attempts')).resetAttempts(this.store, 'kiosk');
    } catch (e) {
      setKioskFlag(this.hints, false);
      throw e;
    }
    return state;
  }

  /** Leaves kiosk mode when the PIN is right: a try counted for the whole device, one tab at a time. */
  async leaveKiosk(pin: string): Promise<AttemptResult> {
    const state = readKioskState(await this.store.getSealedMeta('kiosk'));
    if (!state) return { ok: true };
    const hash = await this.pinHasher();
    const { guardedAttempt } = await import('./attempts');
    const result = await guardedAttempt(this.store, 'kiosk', () => new Date(this.deps.clock.now()).getTime(), () => pinMatches(state, pin, hash));
    if (result.ok) {
      await this.store.deleteMeta('kiosk');
      setKioskFlag(this.hints, false);
    }
    return result;
  }

  /** The respondent chooses the study's language for their part. */
  setSessionLang(sessionId: string, lang: string): Promise<SessionRecord> {
    return this.store.updateSession(sessionId, { lang }, this.deps.clock.now());
  }

  /**
   * Adds the paper's four published interviews as completed sessions marked `example`. Idempotent:
   * their ids are fixed, so loading twice adds nothing.
   */
  async loadDemoExamples(): Promise<number> {
    const [{ demoStudy }, { demoExampleResponses }] = await Promise.all([
      import('../core/demo/demo-study'),
      import('../core/demo/example-data'),
    ]);
    let added = 0;
    for (const r of demoExampleResponses) {
      if (await this.store.getSession(r.id)) continue;
      const at = this.deps.clock.now();
      const answers: Answer[] = [];
      for (const [item, value] of Object.entries(r.answers) as [string, AnswerValue][]) {
        if (value === null) continue;
        const other = r.other?.[item];
        const note = r.notes?.[item];
        answers.push({ item, value, at, ...(other ? { other } : {}), ...(note ? { note } : {}) });
      }
      await this.store.createSession(
        {
          id: r.id,
          studyId: demoStudy.id,
          studyVersion: demoStudy.studyVersion,
          respondentCode: r.respondentCode,
          interviewer: 'A.K. Amirova (paper)',
          status: 'complete',
          lang: 'ru',
          createdAt: at,
          updatedAt: at,
          completedAt: at,
          consent: { agreed: true, by: 'paper', at, version: demoStudy.consent?.version ?? 'none', lang: 'ru' },
          deviceId: this.deviceId,
          seq: 0,
          example: true,
        },
        answers,
      );
      added++;
    }
    // The passages of the examples' notes that the paper quotes, coded with its themes.
    const { DEMO_PASSAGES, DEMO_CODES } = await import('../core/demo/coding');
    await this.store.seedCoding([...DEMO_CODES, ...DEMO_PASSAGES]);
    return added;
  }
}
