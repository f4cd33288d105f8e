/**
 * Dala's IndexedDB store. One object per open connection; nothing opens on import.
 *
 * Durability contract: `saveAnswer` resolves only after its own readwrite transaction has completed
 * with `durability: 'strict'` (flushed to disk, so a killed browser or a power cut keeps it). The UI shows
 * "saved" only after that promise resolves.
 *
 * Upgrades: when another tab opens a newer schema, `onVersionChange` runs (the app flushes pending
 * answers there) and then this connection closes, so the other tab's upgrade is never stuck on blocked.
 *
 * The data lock (docs/storage.md, "Data at rest"): while it is on, the records of respondents (sessions,
 * answers, conflicts, records set aside, imports, paradata with its audit log of old and new values,
 * coding records quoting answers, and the sealed meta entries) are sealed record by
 * record (./sealed.ts) with the data key this tab was given (`setKey`). Records are sealed before a
 * write transaction opens and opened after a read transaction ended: an await on WebCrypto inside a
 * transaction would let IndexedDB commit it early (idb's "transaction lifetime"). Every write checks,
 * inside its transaction, that the lock is still as this store read it (another tab may have turned it
 * on or off): when it is not, nothing is written and the write fails with LockError 'lock-changed'.
 * Both forms are read at any time, so turning the lock on or off (`turnLockOn`, `turnLockOff`) seals
 * or opens the records in steps, and resumes where it stopped (`finishTransition`).
 */
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Answer } from '../../core/responses/types';
import type { ParadataEvent } from '../../core/bundle/types';
import { canonicalJson } from '../../core/bundle/canonical';
import { changeEvents } from '../../core/responses/paradata';
import type { CodingEntry, CodingRecord } from '../../core/coding/types';
import type { TranscriptEntry, TranscriptRecord } from '../../core/transcripts/types';

/**
 * What the `coding` store holds: the researcher's versioned records, each id with its maximal
 * revisions: codes and coded passages (src/core/coding/), and transcripts (src/core/transcripts/),
 * told apart by their revisions' `type`.
 */
export type ResearchEntry = CodingEntry | TranscriptEntry;
const isTranscriptEntry = (e: ResearchEntry): e is TranscriptEntry => e.revisions[0]?.type === 'transcript';
import type { ConflictRecord, ExportRecord, ImportRecord, ReceiptRecord, SessionRecord, SetAsideRecord, StoredAnswer, StudyRecord } from './records';
import { fingerprint, isSealed, LockError, SEALED_META, type SealedStore, type Stored, type StoredChunk } from './sealed';
import type { RecordCipher } from './record-cipher';
import { parseLockRecord, withTransition, type LockOff, type LockOn, type LockRecord } from './lock-record';

/** Every session with its answers, and the open conflicts. */
export interface DeviceData {
  sessions: { session: SessionRecord; answers: StoredAnswer[] }[];
  conflicts: ConflictRecord[];
  /** Codes, coded passages and transcripts (filled in by the import's read; others may leave it out). */
  coding?: ResearchEntry[];
}

/** The writes of one import (or of a resolved conflict). */
export interface ImportChange {
  sessions: { session: SessionRecord; answers: StoredAnswer[] }[];
  conflicts: ConflictRecord[];
  /** Conflict ids that are resolved now. */
  resolved: string[];
  studies: StudyRecord[];
  setAside?: SetAsideRecord[];
  record: ImportRecord | null;
  /** Paradata events the files brought: those not held yet are added (the same event twice is one). */
  paradata?: ParadataEvent[];
  /** Coding and transcript entries to put, each with its maximal revisions. */
  coding?: ResearchEntry[];
  /**
   * Media files the import's files brought, staged and checked (./blobs.ts, state 'importing'): they
   * become the answers' files in the import's own transaction; one that is gone aborts the import.
   */
  media?: string[];
}

function withAnswers(sessions: readonly SessionRecord[], answers: readonly StoredAnswer[]): DeviceData['sessions'] {
  const bySession = new Map<string, StoredAnswer[]>();
  for (const a of answers) {
    const list = bySession.get(a.sessionId);
    if (list) list.push(a);
    else bySession.set(a.sessionId, [a]);
  }
  return sessions.map((session) => ({ session, answers: bySession.get(session.id) ?? [] }));
}

/** Leaves `vv` out of a record when it is undefined (IndexedDB stores undefined keys otherwise). */
function dropUndefinedVv<T extends { vv?: unknown }>(r: T): T {
  if (r.vv === undefined) {
    const { vv: _vv, ...rest } = r;
    return rest as T;
  }
  return r;
}
import { DB_NAME, DB_VERSION, migrations, type DalaDB } from './schema';

/** The stores whose records are sealed while the lock is on, and the key of a record of each. */
export const SEALABLE: Exclude<SealedStore, 'meta' | 'blobChunks'>[] = ['sessions', 'answers', 'conflicts', 'setAside', 'imports', 'paradata', 'coding', 'blobs'];
/**
 * The key a record is sealed under (the associated data of ./record-cipher.ts), from its clear fields:
 * its primary key, except for paradata, whose keys IndexedDB numbers when the event is added (after it
 * is sealed): an event is sealed under its response and time, so it cannot be moved to another
 * response or time unnoticed.
 */
const keyOf: Record<Exclude<SealedStore, 'meta' | 'blobChunks'>, (r: Record<string, unknown>) => IDBValidKey> = {
  sessions: (r) => r.id as string,
  answers: (r) => [r.sessionId as string, r.item as string],
  conflicts: (r) => r.id as string,
  setAside: (r) => r.key as string,
  imports: (r) => r.id as string,
  paradata: (r) => [r.responseId as string, r.at as string],
  coding: (r) => r.id as string,
  blobs: (r) => r.id as string,
};


/** @internal The key `record` of `store` is sealed under (./lock-transitions.ts). */
export const sealKey = (store: Exclude<SealedStore, 'meta' | 'blobChunks'>, record: object): IDBValidKey => keyOf[store](record as Record<string, unknown>);

/** Stores whose records are put with their key beside them (no key path). */
export const OUT_OF_LINE: readonly SealedStore[] = ['meta', 'paradata'];

/** The events of `incoming` not in `held` (the same event twice is one), in order. */
export function freshParadata(held: readonly ParadataEvent[], incoming: readonly ParadataEvent[]): ParadataEvent[] {
  const seen = new Set(held.map((e) => canonicalJson(e)));
  const out: ParadataEvent[] = [];
  for (const e of incoming) {
    const key = canonicalJson(e);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** What a write checks the lock against, from the stored lock record (without checking its digest). */
function lockToken(raw: unknown): string {
  if (raw === undefined) return 'none';
  const r = raw as { state?: unknown; id?: unknown; transition?: unknown };
  return r.state === 'on' ? `on:${String(r.id)}:${String(r.transition ?? '')}` : r.state === 'off' ? 'off' : 'damaged';
}

type AnyTx = IDBPTransaction<DalaDB, StoreNames<DalaDB>[], 'readwrite'>;

/** A session deleted, with what was deleted with it (for an undo). */
export type TakenSession = DeviceData['sessions'][number] & { paradata: ParadataEvent[] };

/** A session, its study and its answers as IndexedDB holds them (./sealed.ts: sealed while the lock is on). */
export interface StoredSession {
  session: Stored;
  study: StudyRecord;
  answers: Stored[];
}

export interface OpenOptions {
  name?: string;
  /** Called when a newer version of the app wants to upgrade the database. The store closes after it. */
  onVersionChange?: () => Promise<void> | void;
  /** Called when our upgrade waits on an old tab that has not closed yet. */
  onBlocked?: () => void;
  /** Called when the browser closed the connection abnormally (storage cleared, disk error). */
  onTerminated?: () => void;
}

/**
 * The revision bookkeeping of one write on this device: `seq` always counts up; once a session has a
 * version vector (it was written on another device too), this device's entry counts up with it, and
 * `deviceId` becomes the device of the last write.
 */
export function bumpRevision(session: SessionRecord, thisDevice: string | undefined): Pick<SessionRecord, 'seq' | 'vv' | 'deviceId'> {
  const seq = session.seq + 1;
  if (!session.vv || !thisDevice) return { seq, vv: session.vv, deviceId: session.deviceId };
  return { seq, vv: { ...session.vv, [thisDevice]: (session.vv[thisDevice] ?? 0) + 1 }, deviceId: thisDevice };
}

/**
 * The write's dot (StoredAnswer.dot) once the session has a version vector: this device and its
 * count after the write. Without one the dot is [deviceId, seq], known without storing it.
 */
export function writeDot(revision: Pick<SessionRecord, 'vv' | 'deviceId'>, thisDevice: string | undefined): { dot?: [string, number] } {
  if (!revision.vv || thisDevice === undefined || revision.deviceId !== thisDevice || !Object.hasOwn(revision.vv, thisDevice)) return {};
  return { dot: [revision.deviceId, revision.vv[revision.deviceId]!] };
}

/**
 * Runs the writes of one transaction all or nothing. A request whose call throws (a DataError from a
 * bad key, a DataCloneError) does not abort the transaction by itself: without the abort here, the
 * writes made before it would commit.
 */
export async function atomically<T>(tx: { abort(): void; done: Promise<void> }, body: () => Promise<T>): Promise<T> {
  let out: T;
  try {
    out = await body();
  } catch (e) {
    tx.done.catch(() => {});
    try {
      tx.abort();
    } catch {
      /* already finished or aborted */
    }
    throw e;
  }
  await tx.done;
  return out;
}

export class Store {
  /** This device's id, set once it is known (Dala.start); used for version vectors. */
  thisDevice: string | undefined;
  /** The lock as this store last read it (meta "lock"); undefined: the device has not chosen. */
  private lock: LockRecord | undefined;
  /** Set when the stored lock record is damaged: nothing sealed can be read or written. */
  private lockProblem: LockError | null = null;
  /** The lock's token every write checks inside its transaction. */
  private token = 'none';
  /** Seals and opens records while this tab is unlocked; the id of the lock it belongs to. */
  private cipher: RecordCipher | null = null;
  private keyId: string | null = null;

  private constructor(readonly db: IDBPDatabase<DalaDB>) {}

  static async open(options: OpenOptions = {}): Promise<Store> {
    let store: Store | undefined;
    const db = await openDB<DalaDB>(options.name ?? DB_NAME, DB_VERSION, {
      upgrade(database, oldVersion, newVersion, tx) {
        for (let v = oldVersion; v < (newVersion ?? DB_VERSION); v++) {
          const migrate = migrations[v];
          if (!migrate) throw new Error(`no migration from database version ${v}`);
          migrate(database, tx);
        }
      },
      blocked() {
        options.onBlocked?.();
      },
      blocking() {
        void (async () => {
          try {
            await options.onVersionChange?.();
          } finally {
            store?.close();
          }
        })();
      },
      terminated() {
        options.onTerminated?.();
      },
    });
    store = new Store(db);
    store.takeLock(await db.get('meta', 'lock'));
    return store;
  }

  close(): void {
    this.db.close();
  }

  // The data lock ------------------------------------------------------------------------------------

  /** Reads a stored lock record into this store's state. */
  private takeLock(raw: unknown): void {
    this.token = lockToken(raw);
    try {
      this.lock = parseLockRecord(raw);
      this.lockProblem = null;
    } catch (e) {
      this.lock = undefined;
      this.lockProblem = e instanceof LockError ? e : new LockError('lock-damaged', String(e));
    }
    if (this.lock?.state !== 'on' || this.lock.id !== this.keyId) this.dropKey();
  }

  /** The lock as last read: undefined when the device has not chosen; throws LockError when the record is damaged. */
  lockRecord(): LockRecord | undefined {
    if (this.lockProblem) throw this.lockProblem;
    return this.lock;
  }

  /** Reads the lock record again (another tab may have changed it); drops the key when it no longer fits. */
  async refreshLock(): Promise<LockRecord | undefined> {
    this.takeLock(await this.db.get('meta', 'lock'));
    return this.lockRecord();
  }

  /** Whether the lock is on (or damaged) and this tab has no key: sealed records cannot be read. */
  get locked(): boolean {
    return (this.lockProblem !== null || this.lock?.state === 'on') && this.cipher === null;
  }

  /** Gives this tab the data key of the lock `lockId` (after the passphrase opened it). */
  async setKey(key: CryptoKey, lockId: string): Promise<void> {
    const { RecordCipher } = await import('./record-cipher');
    if (this.lock?.state !== 'on' || this.lock.id !== lockId) throw new LockError('lock-changed', 'the data lock changed while it was being opened');
    this.cipher = new RecordCipher(key);
    this.keyId = lockId;
  }

  /** Forgets the data key: sealed records can no longer be read or written by this tab. */
  dropKey(): void {
    this.cipher = null;
    this.keyId = null;
    for (const forget of this.onDrop) forget();
  }

  /** What else this tab forgets with the key (what it read from sealed entries: the device's signing key). */
  private readonly onDrop = new Set<() => void>();
  forgetWithKey(forget: () => void): void {
    this.onDrop.add(forget);
  }

  /** Whether new records are written sealed. */
  private get sealing(): boolean {
    return this.lockProblem !== null || (this.lock?.state === 'on' && this.lock.transition !== 'unseal');
  }

  /** @internal The key, or LockError 'locked'. */
  need(): RecordCipher {
    if (this.lockProblem) throw this.lockProblem;
    if (!this.cipher) throw new LockError('locked', 'Dala is locked: unlock it to read or write answers');
    return this.cipher;
  }

  /** Inside a write transaction: the lock is still as this store read it, else nothing is written. */
  /** @internal */
  async guard(tx: { objectStore(name: 'meta'): { get(key: string): Promise<unknown> } }): Promise<void> {
    if (lockToken(await tx.objectStore('meta').get('lock')) !== this.token)
      throw new LockError('lock-changed', 'the data lock was changed in another tab: nothing was written');
  }

  /** A record as it is written: sealed while the lock is on, else as it is. */
  /** @internal */
  async toStored(store: Exclude<SealedStore, 'meta' | 'blobChunks'>, record: object): Promise<Stored> {
    return this.sealing ? this.need().sealRecord(store, keyOf[store](record as Record<string, unknown>), record) : (record as Stored);
  }

  /** A stored record as the app reads it: opened when sealed. */
  /** @internal */
  async fromStored<T>(store: Exclude<SealedStore, 'meta' | 'blobChunks'>, raw: Stored): Promise<T> {
    return isSealed(raw) ? this.need().openRecord<T>(store, keyOf[store](raw), raw) : (raw as unknown as T);
  }

  /** @internal A media chunk as written (./blobs.ts): its bytes sealed while the lock is on, each chunk alone. */
  async toStoredChunk(id: string, index: number, bytes: Uint8Array): Promise<StoredChunk> {
    if (this.sealing) return { id, index, enc: await this.need().sealBytes('blobChunks', [id, index], bytes) };
    const data = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : (bytes.slice().buffer as ArrayBuffer);
    return { id, index, data };
  }

  /** @internal A stored media chunk's bytes: opened when sealed. */
  async fromStoredChunk(raw: StoredChunk): Promise<Uint8Array> {
    return 'enc' in raw && raw.enc instanceof Uint8Array ? this.need().openBytes('blobChunks', [raw.id, raw.index], raw.enc) : new Uint8Array((raw as { data: ArrayBuffer }).data);
  }

  private fromAll<T>(store: Exclude<SealedStore, 'meta' | 'blobChunks'>, raws: readonly Stored[]): Promise<T[]> {
    return Promise.all(raws.map((r) => this.fromStored<T>(store, r)));
  }

  /** @internal Writes a lock record, from the lock this store knows (else LockError 'lock-changed'), and takes it (./lock-transitions.ts). */
  async putLock(record: LockRecord): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      await this.guard(tx);
      await tx.store.put(record, 'lock');
    });
    this.takeLock(record);
  }

  /** A meta entry that is sealed while the lock is on (SEALED_META: the kiosk state, the last interviewer). */
  async getSealedMeta<T>(key: (typeof SEALED_META)[number]): Promise<T | undefined> {
    const raw = await this.db.get('meta', key);
    if (raw === undefined) return undefined;
    return (isSealed(raw) ? await this.need().open('meta', key, raw.enc) : raw) as T;
  }

  async setSealedMeta(key: (typeof SEALED_META)[number], value: unknown): Promise<void> {
    const stored = this.sealing ? { enc: await this.need().seal('meta', key, value) } : value;
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      await this.guard(tx);
      await tx.store.put(stored, key);
    });
  }

  // Studies ------------------------------------------------------------------------------------------

  async listStudies(): Promise<StudyRecord[]> {
    return this.db.getAll('studies');
  }

  async getStudy(id: string, studyVersion: string): Promise<StudyRecord | undefined> {
    return this.db.get('studies', [id, studyVersion]);
  }

  /** Whether a study version is here, without reading (and deserialising) it. */
  async hasStudy(id: string, studyVersion: string): Promise<boolean> {
    return (await this.db.count('studies', [id, studyVersion])) > 0;
  }

  async putStudy(record: StudyRecord): Promise<void> {
    const tx = this.db.transaction('studies', 'readwrite', { durability: 'strict' });
    await tx.store.put(record);
    await tx.done;
  }

  // Sessions -----------------------------------------------------------------------------------------

  async listSessions(): Promise<SessionRecord[]> {
    const all = await this.fromAll<SessionRecord>('sessions', await this.db.getAll('sessions'));
    return all.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const raw = await this.db.get('sessions', id);
    return raw && this.fromStored<SessionRecord>('sessions', raw);
  }

  /** Writes a new session and, optionally, its first answers, in one transaction. */
  async createSession(session: SessionRecord, answers: Answer[] = []): Promise<void> {
    // Sealed before the transaction opens; `seq` is a clear field, set inside it.
    const stored = await Promise.all(answers.map((a) => this.toStored('answers', { ...a, sessionId: session.id, seq: 0 })));
    const storedSession = await this.toStored('sessions', session);
    const tx = this.db.transaction(['sessions', 'answers', 'meta'], 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      await this.guard(tx);
      let seq = session.seq;
      for (const a of stored) await tx.objectStore('answers').put({ ...a, seq: ++seq });
      await tx.objectStore('sessions').add({ ...storedSession, seq });
    });
  }

  /**
   * Changes fields of a session (status, lastSection, ...) and bumps its revision. The record is read,
   * changed and sealed outside the write, which then checks that it is still the one read (else, when
   * an answer was saved meanwhile, it starts again).
   */
  async updateSession(id: string, patch: Partial<Omit<SessionRecord, 'id' | 'seq'>>, now: string): Promise<SessionRecord> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const raw = await this.db.get('sessions', id);
      if (!raw) throw new Error(`session ${id} does not exist`);
      const current = await this.fromStored<SessionRecord>('sessions', raw);
      const next: SessionRecord = { ...current, ...patch, ...dropUndefinedVv(bumpRevision(current, this.thisDevice)), updatedAt: now };
      const stored = await this.toStored('sessions', next);
      const tx = this.db.transaction(['sessions', 'meta'], 'readwrite', { durability: 'strict' });
      const written = await atomically(tx, async () => {
        await this.guard(tx);
        if (fingerprint(await tx.objectStore('sessions').get(id)) !== fingerprint(raw)) return false;
        await tx.objectStore('sessions').put(stored);
        return true;
      });
      if (written) return next;
    }
    throw new Error(`session ${id} kept changing while it was updated: the update was not written`);
  }

  /** A session with its study and answers, read in one transaction. */
  async readSession(id: string): Promise<{ session: SessionRecord; study: StudyRecord; answers: StoredAnswer[] } | null> {
    const stored = await this.readStoredSession(id);
    return stored && this.openStoredSession(stored);
  }

  /**
   * A session with its study and answers as they are stored (sealed while the lock is on), read in one
   * transaction: nothing is opened, so it needs no key (an unlock reads them while the key is derived).
   */
  async readStoredSession(id: string): Promise<StoredSession | null> {
    const tx = this.db.transaction(['sessions', 'studies', 'answers'], 'readonly');
    const [session, answers] = await Promise.all([
      tx.objectStore('sessions').get(id),
      tx.objectStore('answers').index('bySession').getAll(id),
    ]);
    const study = session ? await tx.objectStore('studies').get([session.studyId as string, session.studyVersion as string]) : undefined;
    await tx.done;
    return session && study ? { session, study, answers } : null;
  }

  /** Opens what `readStoredSession` read (sealed records need this tab's key: LockError 'locked' without it). */
  async openStoredSession(stored: StoredSession): Promise<{ session: SessionRecord; study: StudyRecord; answers: StoredAnswer[] }> {
    const [session, answers] = await Promise.all([this.fromStored<SessionRecord>('sessions', stored.session), this.fromAll<StoredAnswer>('answers', stored.answers)]);
    return { session, study: stored.study, answers };
  }

  async getAnswers(sessionId: string): Promise<StoredAnswer[]> {
    return this.fromAll<StoredAnswer>('answers', await this.db.getAllFromIndex('answers', 'bySession', sessionId));
  }

  /**
   * Writes one answer in its own transaction (with the session's revision bump) and resolves once
   * the transaction is durable. Rejects when the write failed: the caller keeps the answer and retries.
   * The answer is sealed before the transaction opens; the session's revision is in its clear fields.
   */
  async saveAnswer(sessionId: string, answer: Answer, options: { audit?: boolean } = {}): Promise<StoredAnswer> {
    // With records that may be sealed, the answer it replaces is read and opened first (the audit log
    // holds old and new values): see saveAudited.
    if (options.audit && (this.sealing || this.cipher)) return this.saveAudited(sessionId, answer);
    const base = await this.toStored('answers', { ...answer, sessionId, seq: 0 });
    const tx = this.db.transaction(['sessions', 'answers', 'paradata', 'meta'], 'readwrite', { durability: 'strict' });
    return atomically(tx, async () => {
      const sessions = tx.objectStore('sessions');
      const [session] = await Promise.all([sessions.get(sessionId), this.guard(tx)]);
      if (!session) throw new Error(`session ${sessionId} does not exist`);
      const revision = dropUndefinedVv(bumpRevision(session as unknown as SessionRecord, this.thisDevice));
      if (options.audit) {
        // The audit log is written in the answer's own transaction: a change is logged exactly when it is durable.
        const before = await tx.objectStore('answers').get([sessionId, answer.item]);
        if (isSealed(before)) throw new LockError('locked', 'Dala is locked: unlock it to read or write answers');
        for (const e of changeEvents(sessionId, answer.at, answer.item, before as StoredAnswer | undefined, answer)) await tx.objectStore('paradata').add(e as unknown as Stored);
      }
      const dot = writeDot(revision, this.thisDevice);
      await tx.objectStore('answers').put({ ...base, seq: revision.seq, ...dot });
      await sessions.put({ ...session, ...revision, updatedAt: answer.at });
      return { ...answer, sessionId, seq: revision.seq, ...dot };
    });
  }

  /**
   * saveAnswer with the audit log while records may be sealed: the answer it replaces is read and
   * opened, the audit events and the answer are sealed, then ONE write transaction checks that the
   * answer held is still the one read (else it starts again) and writes the events, the answer and the
   * session's revision together: a change is logged exactly when it is durable.
   */
  private async saveAudited(sessionId: string, answer: Answer): Promise<StoredAnswer> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const raw = await this.db.get('answers', [sessionId, answer.item]);
      const before = raw && (await this.fromStored<StoredAnswer>('answers', raw));
      const events = await Promise.all(changeEvents(sessionId, answer.at, answer.item, before, answer).map((e) => this.toStored('paradata', e)));
      const base = await this.toStored('answers', { ...answer, sessionId, seq: 0 });
      const tx = this.db.transaction(['sessions', 'answers', 'paradata', 'meta'], 'readwrite', { durability: 'strict' });
      const written = await atomically(tx, async () => {
        const sessions = tx.objectStore('sessions');
        const [session, now] = await Promise.all([sessions.get(sessionId), tx.objectStore('answers').get([sessionId, answer.item]), this.guard(tx)]);
        if (!session) throw new Error(`session ${sessionId} does not exist`);
        if (fingerprint(now) !== fingerprint(raw)) return null;
        const revision = dropUndefinedVv(bumpRevision(session as unknown as SessionRecord, this.thisDevice));
        for (const e of events) await tx.objectStore('paradata').add(e);
        const dot = writeDot(revision, this.thisDevice);
        await tx.objectStore('answers').put({ ...base, seq: revision.seq, ...dot });
        await sessions.put({ ...session, ...revision, updatedAt: answer.at });
        return { ...answer, sessionId, seq: revision.seq, ...dot };
      });
      if (written) return written;
    }
    throw new Error(`the answer ${answer.item} kept changing while it was saved: it was not written`);
  }

  // Coding (docs/coding.md) --------------------------------------------------------------------------
  // Coding records quote answers: sealable, like sessions (clear: id and studyId). Transcripts are kept
  // in the same store (docs/transcripts.md): versioned by id like codes, sealed the same way.

  /** Every code and coded passage of a study, each id with its maximal revisions. */
  async readCoding(studyId: string): Promise<CodingEntry[]> {
    return (await this.fromAll<ResearchEntry>('coding', await this.db.getAllFromIndex('coding', 'byStudy', studyId))).filter((e): e is CodingEntry => !isTranscriptEntry(e));
  }

  /** Every transcript of a study, each id with its maximal revisions (more than one: a conflict). */
  async readTranscripts(studyId: string): Promise<TranscriptEntry[]> {
    return (await this.fromAll<ResearchEntry>('coding', await this.db.getAllFromIndex('coding', 'byStudy', studyId))).filter(isTranscriptEntry);
  }

  /** Every code, coded passage and transcript of every study (what an import merges with). */
  async readAllResearch(): Promise<ResearchEntry[]> {
    return this.fromAll<ResearchEntry>('coding', await this.db.getAll('coding'));
  }

  /** One transcript with its revisions, or undefined. */
  async readTranscript(id: string): Promise<TranscriptEntry | undefined> {
    const raw = await this.db.get('coding', id);
    if (!raw) return undefined;
    const e = await this.fromStored<ResearchEntry>('coding', raw);
    return isTranscriptEntry(e) ? e : undefined;
  }

  async hasCoding(id: string): Promise<boolean> {
    return (await this.db.count('coding', id)) > 0;
  }

  /**
   * Writes a new revision of a code or passage, computed from what is held (`make` gets the revisions
   * held, [] for a new record): it follows all of them, so it also resolves a conflict. The record is
   * read and opened, `make` runs, the result is sealed, and the write checks that the record is still
   * the one read (else it starts again: `make` may run more than once). Durable before it resolves.
   */
  async writeCoding<R extends CodingRecord | TranscriptRecord = CodingRecord>(id: string, make: (held: readonly R[]) => R): Promise<R> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const raw = await this.db.get('coding', id);
      const held = raw ? ((await this.fromStored<ResearchEntry>('coding', raw)).revisions as R[]) : [];
      const next = make(held);
      const stored = await this.toStored('coding', { id, studyId: next.studyId, revisions: [next] } as ResearchEntry);
      const tx = this.db.transaction(['coding', 'meta'], 'readwrite', { durability: 'strict' });
      const written = await atomically(tx, async () => {
        await this.guard(tx);
        if (fingerprint(await tx.objectStore('coding').get(id)) !== fingerprint(raw)) return false;
        await tx.objectStore('coding').put(stored);
        return true;
      });
      if (written) return next;
    }
    throw new Error(`the coding record ${id} kept changing while it was written: it was not written`);
  }

  /** Puts records as they are (the demo study's codebook), unless their id is held. */
  async seedCoding(records: readonly CodingRecord[]): Promise<void> {
    const stored = await Promise.all(records.map((r) => this.toStored('coding', { id: r.id, studyId: r.studyId, revisions: [r] } satisfies CodingEntry)));
    const tx = this.db.transaction(['coding', 'meta'], 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      await this.guard(tx);
      for (const [i, r] of records.entries()) if ((await tx.objectStore('coding').count(r.id)) === 0) await tx.objectStore('coding').put(stored[i]!);
    });
  }

  // Paradata (docs/paradata.md) --------------------------------------------------------------------
  // Paradata holds answer values (the audit log): sealable (clear: responseId and at).

  /** Adds paradata events (question visits, form start/finalize) durably, in one transaction. */
  async addParadata(events: readonly ParadataEvent[]): Promise<void> {
    if (events.length === 0) return;
    const stored = await Promise.all(events.map((e) => this.toStored('paradata', e)));
    const tx = this.db.transaction(['paradata', 'meta'], 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      await this.guard(tx);
      for (const e of stored) await tx.objectStore('paradata').add(e);
    });
  }

  /** The paradata of these sessions, in the order recorded. */
  async readParadata(sessionIds: readonly string[]): Promise<ParadataEvent[]> {
    const tx = this.db.transaction('paradata', 'readonly');
    const raw: Stored[] = [];
    for (const id of sessionIds) raw.push(...(await tx.store.index('bySession').getAll(id)));
    await tx.done;
    return this.fromAll<ParadataEvent>('paradata', raw);
  }

  // Transfers (bundles) ------------------------------------------------------------------------------

  /** Every session of a study version with its answers, and its open conflicts. */
  async readStudyData(studyId: string, studyVersion: string): Promise<{ sessions: { session: SessionRecord; answers: StoredAnswer[] }[]; conflicts: ConflictRecord[] }> {
    const tx = this.db.transaction(['sessions', 'answers', 'conflicts'], 'readonly');
    const sessions = (await tx.objectStore('sessions').index('byStudy').getAll(studyId)).filter((s) => s.studyVersion === studyVersion);
    const raw = await Promise.all(sessions.map(async (session) => ({ session, answers: await tx.objectStore('answers').index('bySession').getAll(session.id as string) })));
    const conflicts = (await tx.objectStore('conflicts').index('byStudy').getAll(studyId)).filter((c) => c.studyVersion === studyVersion);
    await tx.done;
    const out = await Promise.all(raw.map(async (r) => ({ session: await this.fromStored<SessionRecord>('sessions', r.session), answers: await this.fromAll<StoredAnswer>('answers', r.answers) })));
    return { sessions: out, conflicts: await this.fromAll<ConflictRecord>('conflicts', conflicts) };
  }

  /** Everything collected on this device, in one read. */
  async readAllData(): Promise<DeviceData> {
    const tx = this.db.transaction(['sessions', 'answers', 'conflicts'], 'readonly');
    const [sessions, answers, conflicts] = await Promise.all([
      tx.objectStore('sessions').getAll(),
      tx.objectStore('answers').getAll(),
      tx.objectStore('conflicts').getAll(),
    ]);
    await tx.done;
    return this.openDeviceData(sessions, answers, conflicts);
  }

  /** @internal */
  async openDeviceData(sessions: Stored[], answers: Stored[], conflicts: Stored[], coding?: Stored[]): Promise<DeviceData> {
    const [s, a, c, k] = await Promise.all([
      this.fromAll<SessionRecord>('sessions', sessions),
      this.fromAll<StoredAnswer>('answers', answers),
      this.fromAll<ConflictRecord>('conflicts', conflicts),
      coding && this.fromAll<ResearchEntry>('coding', coding),
    ]);
    return { sessions: withAnswers(s, a), conflicts: c, ...(k ? { coding: k } : {}) };
  }

  async listConflicts(): Promise<ConflictRecord[]> {
    return this.fromAll<ConflictRecord>('conflicts', await this.db.getAll('conflicts'));
  }

  /** What an import writes: sessions replaced with their answers, conflicts kept or cleared, studies added, records set aside, its record. */
  async commitImport(change: ImportChange): Promise<void> {
    await this.mergeImport(() => change);
  }

  /**
   * Commits an import in ONE transaction, computed from what the database holds at that moment:
   * `compute` gets every session, answer and conflict and returns the writes. An answer saved after
   * the import's report was shown is therefore merged, never overwritten. All or nothing.
   *
   * In clear, `compute` runs inside the write transaction, on what it read (it must be synchronous:
   * an await on anything but this transaction would let it commit early). While the lock is on, the
   * records are read and opened first, `compute` runs, its writes are sealed, and the write
   * transaction then checks that no session or conflict changed since they were read (every write of
   * an answer bumps its session's revision); if one did, it all starts again. So `compute` may run
   * more than once, and must depend only on what it is given.
   */
  async mergeImport<T extends ImportChange>(compute: (current: DeviceData) => T): Promise<T> {
    const stores = ['sessions', 'answers', 'conflicts', 'studies', 'imports', 'setAside', 'paradata', 'coding', 'blobs', 'meta'] as const;
    if (!this.sealing && !this.cipher) {
      const tx = this.db.transaction([...stores], 'readwrite', { durability: 'strict' });
      return atomically(tx, async () => {
        const [sessions, allAnswers, conflicts, coding] = await Promise.all([
          tx.objectStore('sessions').getAll(),
          tx.objectStore('answers').getAll(),
          tx.objectStore('conflicts').getAll(),
          tx.objectStore('coding').getAll(),
          this.guard(tx),
        ]);
        if ([...sessions, ...allAnswers, ...conflicts, ...coding].some(isSealed)) throw new LockError('locked', 'Dala is locked: unlock it to import');
        const change = compute({
          sessions: withAnswers(sessions as unknown as SessionRecord[], allAnswers as unknown as StoredAnswer[]),
          conflicts: conflicts as unknown as ConflictRecord[],
          coding: coding as unknown as ResearchEntry[],
        });
        let paradata: ParadataEvent[] = [];
        if (change.paradata && change.paradata.length > 0) {
          const held: Stored[] = [];
          for (const id of new Set(change.paradata.map((e) => e.responseId))) held.push(...(await tx.objectStore('paradata').index('bySession').getAll(id)));
          if (held.some(isSealed)) throw new LockError('locked', 'Dala is locked: unlock it to import');
          paradata = freshParadata(held as unknown as ParadataEvent[], change.paradata);
        }
        await this.writeChange(tx, { ...change, paradata }, change);
        return change;
      });
    }
    return (await import('./sealed-import')).mergeImportSealed(this, compute);
  }

  /**
   * The writes of an import inside its transaction (`stored`: the records as written; `change`: what
   * they are). `stored.paradata` are the events to add, already without those held.
   */
  /** @internal */
  async writeChange(tx: AnyTx, stored: ImportChange, change: ImportChange): Promise<void> {
    const answers = tx.objectStore('answers');
    for (const study of stored.studies) {
      if ((await tx.objectStore('studies').count([study.id, study.studyVersion])) === 0) await tx.objectStore('studies').put(study);
    }
    for (const [i, { session, answers: list }] of stored.sessions.entries()) {
      const id = change.sessions[i]!.session.id;
      for (const key of await answers.index('bySession').getAllKeys(id)) await answers.delete(key);
      for (const a of list) await answers.put(a as unknown as Stored);
      await tx.objectStore('sessions').put(session as unknown as Stored);
    }
    for (const c of stored.conflicts) await tx.objectStore('conflicts').put(c as unknown as Stored);
    for (const id of stored.resolved) await tx.objectStore('conflicts').delete(id);
    for (const r of stored.setAside ?? []) await tx.objectStore('setAside').put(r as unknown as Stored);
    if (stored.record) await tx.objectStore('imports').put(stored.record as unknown as Stored);
    for (const e of stored.paradata ?? []) await tx.objectStore('paradata').add(e as unknown as Stored);
    for (const entry of stored.coding ?? []) await tx.objectStore('coding').put(entry as unknown as Stored);
    // Staged media: only clear fields change (a sealed record's sealed part stays as it is).
    for (const id of stored.media ?? []) {
      const raw = await tx.objectStore('blobs').get(id);
      if (!raw || raw.state !== 'importing' || (raw.staged !== 'complete' && raw.staged !== 'partial')) {
        throw new Error('a media file of this import is no longer on the device (another tab of Dala started meanwhile): nothing was imported; import the file again');
      }
      const { staged, ...rest } = raw;
      await tx.objectStore('blobs').put({ ...rest, state: staged });
    }
  }

  // Records set aside, receipts ---------------------------------------------------------------------

  async listSetAside(): Promise<SetAsideRecord[]> {
    return (await this.fromAll<SetAsideRecord>('setAside', await this.db.getAll('setAside'))).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1));
  }

  /** Removes records set aside (callers confirm with the user first). */
  async deleteSetAside(keys: readonly string[]): Promise<void> {
    const tx = this.db.transaction('setAside', 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      for (const key of keys) await tx.store.delete(key);
    });
  }

  async putReceipt(record: ReceiptRecord): Promise<void> {
    const tx = this.db.transaction('receipts', 'readwrite', { durability: 'strict' });
    await tx.store.put(record);
    await tx.done;
  }

  async listReceipts(): Promise<ReceiptRecord[]> {
    return this.db.getAll('receipts');
  }

  async listImports(): Promise<ImportRecord[]> {
    return (await this.fromAll<ImportRecord>('imports', await this.db.getAll('imports'))).sort((a, b) => (a.at < b.at ? -1 : 1));
  }

  async recordExport(record: ExportRecord): Promise<void> {
    const tx = this.db.transaction('exports', 'readwrite', { durability: 'strict' });
    await tx.store.put(record);
    await tx.done;
  }

  async listExports(studyId: string): Promise<ExportRecord[]> {
    return (await this.db.getAllFromIndex('exports', 'byStudy', studyId)).sort((a, b) => (a.at < b.at ? -1 : 1));
  }

  /** Deletes sessions (with their answers and paradata) in one transaction. Callers confirm with the user first. */
  async deleteSessions(ids: readonly string[]): Promise<void> {
    await this.takeSessions(ids);
  }

  /**
   * Deletes sessions with their answers and their paradata (question visits, the audit log: sealed
   * like the answers) in one transaction and returns what was deleted, so the screen can undo it
   * (`restoreSessions`). Callers confirm with the user first.
   */
  async takeSessions(ids: readonly string[]): Promise<TakenSession[]> {
    if (this.lock?.state === 'on') this.need(); // what is taken is opened afterwards, for the undo
    const tx = this.db.transaction(['sessions', 'answers', 'paradata'], 'readwrite', { durability: 'strict' });
    const taken = await atomically(tx, async () => {
      const taken: { session: Stored; answers: Stored[]; paradata: Stored[] }[] = [];
      for (const id of ids) {
        const session = await tx.objectStore('sessions').get(id);
        if (!session) continue;
        const answers = await tx.objectStore('answers').index('bySession').getAll(id);
        for (const a of answers) await tx.objectStore('answers').delete([a.sessionId as string, a.item as string]);
        // In the order recorded (the index lists a session's events by their keys).
        const paradata: Stored[] = [];
        for (let c = await tx.objectStore('paradata').index('bySession').openCursor(id); c; c = await c.continue()) {
          paradata.push(c.value);
          await c.delete();
        }
        await tx.objectStore('sessions').delete(id);
        taken.push({ session, answers, paradata });
      }
      return taken;
    });
    return Promise.all(
      taken.map(async (t) => ({
        session: await this.fromStored<SessionRecord>('sessions', t.session),
        answers: await this.fromAll<StoredAnswer>('answers', t.answers),
        paradata: await this.fromAll<ParadataEvent>('paradata', t.paradata),
      })),
    );
  }

  /** Puts deleted sessions back as they were (an undo), in one transaction; a session that exists again is left alone. */
  async restoreSessions(data: readonly (DeviceData['sessions'][number] & { paradata?: readonly ParadataEvent[] })[]): Promise<void> {
    const stored = await Promise.all(
      data.map(async ({ session, answers, paradata = [] }) => ({
        id: session.id,
        session: await this.toStored('sessions', session),
        answers: await Promise.all(answers.map((a) => this.toStored('answers', a))),
        paradata: await Promise.all(paradata.map((e) => this.toStored('paradata', e))),
      })),
    );
    const tx = this.db.transaction(['sessions', 'answers', 'paradata', 'meta'], 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      await this.guard(tx);
      for (const { id, session, answers, paradata } of stored) {
        if ((await tx.objectStore('sessions').count(id)) > 0) continue;
        for (const a of answers) await tx.objectStore('answers').put(a);
        for (const e of paradata) await tx.objectStore('paradata').add(e);
        await tx.objectStore('sessions').put(session);
      }
    });
  }

  // Meta ---------------------------------------------------------------------------------------------

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('meta', key)) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
    await tx.store.put(value, key);
    await tx.done;
  }

  /** `durability`: 'relaxed' when losing the delete to a power cut is harmless. */
  async deleteMeta(key: string, durability: IDBTransactionDurability = 'strict'): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite', { durability });
    await tx.store.delete(key);
    await tx.done;
  }

  /** Adds one to a counter in one transaction and returns the new count. */
  async increment(key: string): Promise<number> {
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
    const n = ((await tx.store.get(key)) as number | undefined) ?? 0;
    await tx.store.put(n + 1, key);
    await tx.done;
    return n + 1;
  }

  /**
   * Changes a meta entry in one transaction: `change` gets its value and returns the next one
   * (undefined deletes it) and what to return. Synchronous, as inside any transaction.
   */
  async updateMeta<T, R>(key: string, change: (current: T | undefined) => { next: T | undefined; result: R }): Promise<R> {
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
    return atomically(tx, async () => {
      const { next, result } = change((await tx.store.get(key)) as T | undefined);
      if (next === undefined) await tx.store.delete(key);
      else await tx.store.put(next, key);
      return result;
    });
  }

  /** The device's id, made once and kept. */
  async deviceId(newId: () => string): Promise<string> {
    const known = (await this.db.get('meta', 'deviceId')) as string | undefined;
    if (known) return known;
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
    let id = (await tx.store.get('deviceId')) as string | undefined;
    if (!id) {
      id = newId();
      await tx.store.put(id, 'deviceId');
    }
    await tx.done;
    return id;
  }
}
