/**
 * Dala's IndexedDB store. One object per open connection; nothing opens on import.
 *
 * Durability contract: `saveAnswer` resolves only after its own readwrite transaction has completed
 * with `durability: 'strict'` (flushed to disk, so a killed browser or a power cut keeps it). The UI shows
 * "saved" only after that promise resolves.
 *
 * Upgrades: when another tab opens a newer schema, `onVersionChange` runs (the app flushes pending
 * answers there) and then this connection closes, so the other tab's upgrade is never stuck on blocked.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { Answer } from '../../core/responses/types';
import type { ParadataEvent } from '../../core/bundle/types';
import { canonicalJson } from '../../core/bundle/canonical';
import { changeEvents } from '../../core/responses/paradata';
import type { CodingEntry, CodingRecord } from '../../core/coding/types';
import type { ConflictRecord, ExportRecord, ImportRecord, ReceiptRecord, SessionRecord, SetAsideRecord, StoredAnswer, StudyRecord } from './records';

/** Every session with its answers, and the open conflicts. */
export interface DeviceData {
  sessions: { session: SessionRecord; answers: StoredAnswer[] }[];
  conflicts: ConflictRecord[];
  /** Codes and coded passages (filled in by the import's read; others may leave it out). */
  coding?: CodingEntry[];
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
  /** Coding entries (src/core/coding/) to put, each with its maximal revisions. */
  coding?: CodingEntry[];
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
 * Runs the writes of one transaction all or nothing. A request whose call throws (a DataError from a
 * bad key, a DataCloneError) does not abort the transaction by itself: without the abort here, the
 * writes made before it would commit.
 */
async function atomically<T>(tx: { abort(): void; done: Promise<void> }, body: () => Promise<T>): Promise<T> {
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
    return store;
  }

  close(): void {
    this.db.close();
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
    const all = await this.db.getAll('sessions');
    return all.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    return this.db.get('sessions', id);
  }

  /** Writes a new session and, optionally, its first answers, in one transaction. */
  async createSession(session: SessionRecord, answers: Answer[] = []): Promise<void> {
    const tx = this.db.transaction(['sessions', 'answers'], 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      let seq = session.seq;
      for (const a of answers) await tx.objectStore('answers').put({ ...a, sessionId: session.id, seq: ++seq });
      await tx.objectStore('sessions').add({ ...session, seq });
    });
  }

  /** Changes fields of a session (status, lastSection, ...) and bumps its revision. */
  async updateSession(id: string, patch: Partial<Omit<SessionRecord, 'id' | 'seq'>>, now: string): Promise<SessionRecord> {
    const tx = this.db.transaction('sessions', 'readwrite', { durability: 'strict' });
    const current = await tx.store.get(id);
    if (!current) throw new Error(`session ${id} does not exist`);
    const next: SessionRecord = { ...current, ...patch, ...dropUndefinedVv(bumpRevision(current, this.thisDevice)), updatedAt: now };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  /** A session with its study and answers, read in one transaction. */
  async readSession(id: string): Promise<{ session: SessionRecord; study: StudyRecord; answers: StoredAnswer[] } | null> {
    const tx = this.db.transaction(['sessions', 'studies', 'answers'], 'readonly');
    const [session, answers] = await Promise.all([
      tx.objectStore('sessions').get(id),
      tx.objectStore('answers').index('bySession').getAll(id),
    ]);
    const study = session ? await tx.objectStore('studies').get([session.studyId, session.studyVersion]) : undefined;
    await tx.done;
    return session && study ? { session, study, answers } : null;
  }

  async getAnswers(sessionId: string): Promise<StoredAnswer[]> {
    return this.db.getAllFromIndex('answers', 'bySession', sessionId);
  }

  /**
   * Writes one answer in its own transaction (with the session's revision bump) and resolves once
   * the transaction is durable. Rejects when the write failed: the caller keeps the answer and retries.
   */
  async saveAnswer(sessionId: string, answer: Answer, options: { audit?: boolean } = {}): Promise<StoredAnswer> {
    const tx = this.db.transaction(['sessions', 'answers', 'paradata'], 'readwrite', { durability: 'strict' });
    const sessions = tx.objectStore('sessions');
    const session = await sessions.get(sessionId);
    if (!session) {
      tx.done.catch(() => {}); // the abort below rejects `done`; the throw is what the caller sees
      tx.abort();
      throw new Error(`session ${sessionId} does not exist`);
    }
    const revision = dropUndefinedVv(bumpRevision(session, this.thisDevice));
    const stored: StoredAnswer = { ...answer, sessionId, seq: revision.seq };
    if (options.audit) {
      // The audit log is written in the answer's own transaction: a change is logged exactly when it is durable.
      const before = await tx.objectStore('answers').get([sessionId, answer.item]);
      for (const e of changeEvents(sessionId, answer.at, answer.item, before, answer)) await tx.objectStore('paradata').add(e);
    }
    await tx.objectStore('answers').put(stored);
    await sessions.put({ ...session, ...revision, updatedAt: answer.at });
    await tx.done;
    return stored;
  }

  // Coding (docs/coding.md) --------------------------------------------------------------------------

  /** Every code and coded passage of a study, each id with its maximal revisions. */
  async readCoding(studyId: string): Promise<CodingEntry[]> {
    return this.db.getAllFromIndex('coding', 'byStudy', studyId);
  }

  async hasCoding(id: string): Promise<boolean> {
    return (await this.db.count('coding', id)) > 0;
  }

  /**
   * Writes a new revision of a code or passage, computed from what is held in the same transaction
   * (`make` gets the revisions held, [] for a new record): it follows all of them, so it also resolves
   * a conflict. Durable before it resolves.
   */
  async writeCoding(id: string, make: (held: readonly CodingRecord[]) => CodingRecord): Promise<CodingRecord> {
    const tx = this.db.transaction('coding', 'readwrite', { durability: 'strict' });
    return atomically(tx, async () => {
      const held = (await tx.store.get(id))?.revisions ?? [];
      const next = make(held);
      await tx.store.put({ id, studyId: next.studyId, revisions: [next] });
      return next;
    });
  }

  /** Puts records as they are (the demo study's codebook), unless their id is held. */
  async seedCoding(records: readonly CodingRecord[]): Promise<void> {
    const tx = this.db.transaction('coding', 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      for (const r of records) if ((await tx.store.count(r.id)) === 0) await tx.store.put({ id: r.id, studyId: r.studyId, revisions: [r] });
    });
  }

  // Paradata (docs/paradata.md) --------------------------------------------------------------------

  /** Adds paradata events (question visits, form start/finalize) durably, in one transaction. */
  async addParadata(events: readonly ParadataEvent[]): Promise<void> {
    if (events.length === 0) return;
    const tx = this.db.transaction('paradata', 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      for (const e of events) await tx.store.add(e);
    });
  }

  /** The paradata of these sessions, in the order recorded. */
  async readParadata(sessionIds: readonly string[]): Promise<ParadataEvent[]> {
    const tx = this.db.transaction('paradata', 'readonly');
    const out: ParadataEvent[] = [];
    for (const id of sessionIds) out.push(...(await tx.store.index('bySession').getAll(id)));
    await tx.done;
    return out;
  }

  // Transfers (bundles) ------------------------------------------------------------------------------

  /** Every session of a study version with its answers, and its open conflicts. */
  async readStudyData(studyId: string, studyVersion: string): Promise<{ sessions: { session: SessionRecord; answers: StoredAnswer[] }[]; conflicts: ConflictRecord[] }> {
    const tx = this.db.transaction(['sessions', 'answers', 'conflicts'], 'readonly');
    const sessions = (await tx.objectStore('sessions').index('byStudy').getAll(studyId)).filter((s) => s.studyVersion === studyVersion);
    const out = await Promise.all(sessions.map(async (session) => ({ session, answers: await tx.objectStore('answers').index('bySession').getAll(session.id) })));
    const conflicts = (await tx.objectStore('conflicts').index('byStudy').getAll(studyId)).filter((c) => c.studyVersion === studyVersion);
    await tx.done;
    return { sessions: out, conflicts };
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
    return { sessions: withAnswers(sessions, answers), conflicts };
  }

  async listConflicts(): Promise<ConflictRecord[]> {
    return this.db.getAll('conflicts');
  }

  /** What an import writes: sessions replaced with their answers, conflicts kept or cleared, studies added, records set aside, its record. */
  async commitImport(change: ImportChange): Promise<void> {
    await this.mergeImport(() => change);
  }

  /**
   * Commits an import in ONE transaction, computed from what the database holds at that moment:
   * `compute` gets every session, answer and conflict as read inside the transaction and returns the
   * writes. An answer saved after the import's report was shown is therefore merged, never
   * overwritten: nothing between the read and the writes can change the data. `compute` must be
   * synchronous (an await on anything but this transaction would let it commit early). All or nothing.
   */
  async mergeImport<T extends ImportChange>(compute: (current: DeviceData) => T): Promise<T> {
    const tx = this.db.transaction(['sessions', 'answers', 'conflicts', 'studies', 'imports', 'setAside', 'paradata', 'coding'], 'readwrite', { durability: 'strict' });
    return atomically(tx, async () => {
      const [sessions, allAnswers, conflicts, coding] = await Promise.all([
        tx.objectStore('sessions').getAll(),
        tx.objectStore('answers').getAll(),
        tx.objectStore('conflicts').getAll(),
        tx.objectStore('coding').getAll(),
      ]);
      const change = compute({ sessions: withAnswers(sessions, allAnswers), conflicts, coding });
      const answers = tx.objectStore('answers');
      for (const study of change.studies) {
        if ((await tx.objectStore('studies').count([study.id, study.studyVersion])) === 0) await tx.objectStore('studies').put(study);
      }
      for (const { session, answers: list } of change.sessions) {
        for (const key of await answers.index('bySession').getAllKeys(session.id)) await answers.delete(key);
        for (const a of list) await answers.put(a);
        await tx.objectStore('sessions').put(session);
      }
      for (const c of change.conflicts) await tx.objectStore('conflicts').put(c);
      for (const id of change.resolved) await tx.objectStore('conflicts').delete(id);
      for (const r of change.setAside ?? []) await tx.objectStore('setAside').put(r);
      if (change.record) await tx.objectStore('imports').put(change.record);
      if (change.paradata && change.paradata.length > 0) {
        const paradata = tx.objectStore('paradata');
        const held = new Set<string>();
        for (const id of new Set(change.paradata.map((e) => e.responseId))) for (const e of await paradata.index('bySession').getAll(id)) held.add(canonicalJson(e));
        for (const e of change.paradata) {
          const key = canonicalJson(e);
          if (held.has(key)) continue;
          held.add(key);
          await paradata.add(e);
        }
      }
      for (const entry of change.coding ?? []) await tx.objectStore('coding').put(entry);
      return change;
    });
  }

  // Records set aside, receipts ---------------------------------------------------------------------

  async listSetAside(): Promise<SetAsideRecord[]> {
    return (await this.db.getAll('setAside')).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1));
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
    return (await this.db.getAll('imports')).sort((a, b) => (a.at < b.at ? -1 : 1));
  }

  async recordExport(record: ExportRecord): Promise<void> {
    const tx = this.db.transaction('exports', 'readwrite', { durability: 'strict' });
    await tx.store.put(record);
    await tx.done;
  }

  async listExports(studyId: string): Promise<ExportRecord[]> {
    return (await this.db.getAllFromIndex('exports', 'byStudy', studyId)).sort((a, b) => (a.at < b.at ? -1 : 1));
  }

  /** Deletes sessions (and their answers) in one transaction. Callers confirm with the user first. */
  async deleteSessions(ids: readonly string[]): Promise<void> {
    await this.takeSessions(ids);
  }

  /**
   * Deletes sessions with their answers in one transaction and returns what was deleted, so the
   * screen can undo it (`restoreSessions`). Callers confirm with the user first.
   */
  async takeSessions(ids: readonly string[]): Promise<DeviceData['sessions']> {
    const tx = this.db.transaction(['sessions', 'answers'], 'readwrite', { durability: 'strict' });
    return atomically(tx, async () => {
      const taken: DeviceData['sessions'] = [];
      for (const id of ids) {
        const session = await tx.objectStore('sessions').get(id);
        if (!session) continue;
        const answers = await tx.objectStore('answers').index('bySession').getAll(id);
        for (const a of answers) await tx.objectStore('answers').delete([a.sessionId, a.item]);
        await tx.objectStore('sessions').delete(id);
        taken.push({ session, answers });
      }
      return taken;
    });
  }

  /** Puts deleted sessions back as they were (an undo), in one transaction; a session that exists again is left alone. */
  async restoreSessions(data: DeviceData['sessions']): Promise<void> {
    const tx = this.db.transaction(['sessions', 'answers'], 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      for (const { session, answers } of data) {
        if ((await tx.objectStore('sessions').count(session.id)) > 0) continue;
        for (const a of answers) await tx.objectStore('answers').put(a);
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

  async deleteMeta(key: string): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
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
