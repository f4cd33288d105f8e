/**
 * The app's services over the core and the IndexedDB store: what the screens call. No DOM here
 * beyond what the platform adapters need, so the logic is tested with fake-indexeddb in Node.
 */
import type { Instrument } from '../core/instrument/types';
import type { Answer, AnswerValue } from '../core/responses/types';
import { Store, type OpenOptions } from '../adapters/storage-idb/store';
import { DEMO_STUDY_ID, DEMO_STUDY_VERSION } from '../core/demo/meta';
import { compileInstrument, computeFormState } from '../core/responses/form-state';
import { clearResumeHint, setKioskFlag, type KeyValue } from './resume-hint';
import { newKioskState, tryUnlock, type KioskState, type UnlockResult } from './kiosk';
import type { Resolution } from '../core/merge/resolve';
import { CryptoClient, CryptoError } from './crypto-client';
import type { OpenedFile, PreparedImport } from './transfer';
import type { ConflictRecord, ExportRecord } from './model';
import type { ConsentRecord, SessionRecord, SessionReferral, StudyRecord } from './model';

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

export interface Clock {
  now(): string;
}

export interface DalaDeps {
  newId: () => string;
  clock: Clock;
  /** Where resume hints live (./resume-hint.ts): localStorage in the browser; none in Node. */
  hints?: KeyValue | null;
}

/** The built-in demo study is always there (added again by a new app version with a new study version). */
async function ensureDemoStudy(store: Store, clock: Clock): Promise<void> {
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
  private constructor(
    readonly store: Store,
    readonly deviceId: string,
    private readonly deps: DalaDeps,
  ) {}

  /** Where the resume hint lives (none in Node). */
  private get hints(): KeyValue | null {
    return this.deps.hints ?? null;
  }

  static async start(deps: DalaDeps, open: OpenOptions = {}): Promise<Dala> {
    const store = await Store.open(open);
    const [deviceId] = await Promise.all([store.deviceId(deps.newId), ensureDemoStudy(store, deps.clock)]);
    store.thisDevice = deviceId;
    return new Dala(store, deviceId, deps);
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
   * Every session of a study version with its answers as analysis sees them: answers to items that are
   * not relevant are null (as the runner hides them), calculations applied, "Other" texts and notes kept.
   */
  async responsesOf(studyId: string, studyVersion: string): Promise<StudyResponse[]> {
    const study = await this.store.getStudy(studyId, studyVersion);
    if (!study) return [];
    const compiled = compileInstrument(study.instrument);
    const sessions = (await this.store.listSessions()).filter((s) => s.studyId === studyId && s.studyVersion === studyVersion);
    const out: StudyResponse[] = [];
    for (const session of sessions) {
      const raw: Record<string, AnswerValue> = {};
      const other: Record<string, string> = {};
      const notes: Record<string, string> = {};
      for (const a of await this.store.getAnswers(session.id)) {
        raw[a.item] = a.value;
        if (a.other) other[a.item] = a.other;
        if (a.note) notes[a.item] = a.note;
      }
      const state = computeFormState(compiled, raw, session.createdAt.slice(0, 10));
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
    await this.store.createSession(session);
    return session;
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
    if (!opened) return null;
    const { session, study } = opened;
    const answers = new Map<string, Answer>();
    for (const a of opened.answers) {
      const { sessionId: _s, seq: _q, ...answer } = a;
      answers.set(a.item, answer);
    }
    return { session, study, answers };
  }

  saveAnswer(sessionId: string, answer: Answer): Promise<unknown> {
    return this.store.saveAnswer(sessionId, answer);
  }

  setLastSection(sessionId: string, section: number): Promise<SessionRecord> {
    return this.store.updateSession(sessionId, { lastSection: section }, this.deps.clock.now());
  }

  completeSession(sessionId: string): Promise<SessionRecord> {
    // A completed session is never drawn from a hint, even if the screen that completed it closed at once.
    clearResumeHint(this.hints, sessionId);
    const now = this.deps.clock.now();
    return this.store.updateSession(sessionId, { status: 'complete', completedAt: now }, now);
  }

  reopenSession(sessionId: string): Promise<SessionRecord> {
    return this.store.updateSession(sessionId, { status: 'draft' }, this.deps.clock.now());
  }

  // Transfers: export, import, conflicts (see ./transfer.ts) -----------------------------------------

  private cryptoClient: CryptoClient | null = null;
  get crypto(): CryptoClient {
    return (this.cryptoClient ??= new CryptoClient());
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
   * the export. Returns the file to hand over; nothing is deleted.
   */
  async exportStudy(
    study: StudyRecord,
    opts: { onlyChanged: boolean; to: { recipients: string[] } | { passphrase: string }; armored: boolean },
  ): Promise<{ fileName: string; data: Uint8Array | string; responses: number }> {
    const exports = await this.store.listExports(study.id);
    const last = exports.filter((e) => e.studyVersion === study.studyVersion).at(-1);
    const since = opts.onlyChanged && last ? last.at : undefined;
    const at = this.deps.clock.now();
    const bundleId = this.deps.newId();
    const { studyBundle } = await import('./transfer');
    const { bundleToJson } = await import('../core/bundle/from-session');
    const { bundle, sessions } = await studyBundle(this.store, study, { bundleId, createdAt: at, deviceId: this.deviceId, appVersion: __DALA_VERSION__, ...(since ? { since } : {}) });
    const data = await this.crypto.encrypt(bundleToJson(bundle), opts.to, opts.armored);
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
    return { fileName, data, responses: bundle.responses.length };
  }

  /**
   * Opens the files (in the worker) and works out the merge report. Nothing is written yet. A file
   * that could not be read (`error`: too large, cut short) is reported as refused with its reason.
   */
  async prepareImport(
    files: ({ name: string; bytes: Uint8Array } | { name: string; error: { code: string; message: string } })[],
    keys: { identities: string[]; passphrases: string[] },
  ): Promise<PreparedImport> {
    const instruments = (await this.store.listStudies()).map((s) => s.instrument);
    const opened: OpenedFile[] = [];
    for (const f of files) {
      if ('error' in f) {
        opened.push({ file: f.name, error: f.error });
        continue;
      }
      try {
        opened.push({ file: f.name, bundle: await this.crypto.open(f.name, f.bytes, keys, instruments) });
      } catch (e) {
        opened.push({ file: f.name, error: { code: e instanceof CryptoError ? e.code : 'internal', message: e instanceof Error ? e.message : String(e) } });
      }
    }
    const { prepareImport } = await import('./transfer');
    return prepareImport(this.store, opened, { id: this.deps.newId(), at: this.deps.clock.now() });
  }

  async commitImport(prepared: PreparedImport): Promise<void> {
    const { commitPreparedImport } = await import('./transfer');
    // Imported revisions may change the draft a hint copies: the next start reads the database.
    clearResumeHint(this.hints);
    return commitPreparedImport(this.store, prepared);
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
   * Complete sessions of a study that an export carried and that have not changed since: the only
   * ones "delete after export" may remove.
   */
  async exportedUnchanged(study: StudyRecord): Promise<SessionRecord[]> {
    const exported = new Map<string, number>();
    for (const e of await this.store.listExports(study.id)) for (const s of e.sessions) exported.set(s.id, Math.max(exported.get(s.id) ?? 0, s.seq));
    const sessions = await this.store.listSessions();
    return sessions.filter((s) => s.studyId === study.id && s.studyVersion === study.studyVersion && s.status === 'complete' && (exported.get(s.id) ?? -1) >= s.seq);
  }

  async deleteSessions(ids: string[]): Promise<void> {
    for (const id of ids) clearResumeHint(this.hints, id);
    await this.store.deleteSessions(ids);
  }

  // Kiosk mode (see ./kiosk.ts) --------------------------------------------------------------------

  async kioskState(): Promise<KioskState | undefined> {
    const state = await this.store.getMeta<KioskState>('kiosk');
    // The flag that keeps interviewer screens from being drawn early is set again if it was lost;
    // only leaving kiosk mode removes it (another tab may be entering it right now).
    if (state) setKioskFlag(this.hints, true);
    return state;
  }

  async enterKiosk(sessionId: string, pin: string): Promise<KioskState> {
    const state = await newKioskState(sessionId, pin, this.deps.clock.now());
    setKioskFlag(this.hints, true);
    try {
      await this.store.setMeta('kiosk', state);
    } catch (e) {
      setKioskFlag(this.hints, false);
      throw e;
    }
    return state;
  }

  /** Leaves kiosk mode when the PIN is right; counts wrong PINs. */
  async leaveKiosk(pin: string): Promise<UnlockResult> {
    const state = await this.kioskState();
    if (!state) return { ok: true };
    const { result, next } = await tryUnlock(state, pin, new Date(this.deps.clock.now()));
    if (next) await this.store.setMeta('kiosk', next);
    else {
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
    return added;
  }
}
