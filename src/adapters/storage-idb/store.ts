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
import type { SessionRecord, StoredAnswer, StudyRecord } from '../../app/model';
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

export class Store {
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
    let seq = session.seq;
    for (const a of answers) await tx.objectStore('answers').put({ ...a, sessionId: session.id, seq: ++seq });
    await tx.objectStore('sessions').add({ ...session, seq });
    await tx.done;
  }

  /** Changes fields of a session (status, lastSection, ...) and bumps its revision. */
  async updateSession(id: string, patch: Partial<Omit<SessionRecord, 'id' | 'seq'>>, now: string): Promise<SessionRecord> {
    const tx = this.db.transaction('sessions', 'readwrite', { durability: 'strict' });
    const current = await tx.store.get(id);
    if (!current) throw new Error(`session ${id} does not exist`);
    const next: SessionRecord = { ...current, ...patch, seq: current.seq + 1, updatedAt: now };
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
  async saveAnswer(sessionId: string, answer: Answer): Promise<StoredAnswer> {
    const tx = this.db.transaction(['sessions', 'answers'], 'readwrite', { durability: 'strict' });
    const sessions = tx.objectStore('sessions');
    const session = await sessions.get(sessionId);
    if (!session) {
      tx.done.catch(() => {}); // the abort below rejects `done`; the throw is what the caller sees
      tx.abort();
      throw new Error(`session ${sessionId} does not exist`);
    }
    const seq = session.seq + 1;
    const stored: StoredAnswer = { ...answer, sessionId, seq };
    await tx.objectStore('answers').put(stored);
    await sessions.put({ ...session, seq, updatedAt: answer.at });
    await tx.done;
    return stored;
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
