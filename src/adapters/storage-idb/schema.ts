/**
 * The IndexedDB schema of Dala, typed for idb. Bump DB_VERSION and add a migration to `migrations`
 * (keyed by the version it upgrades *from*) for every change; never edit a released migration.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Instrument } from '../../core/instrument/types';
import type { StoredAnswer, SessionRecord, StudyRecord } from '../../app/model';

export const DB_NAME = 'dala';
export const DB_VERSION = 1;

export interface DalaDB extends DBSchema {
  studies: { key: [string, string]; value: StudyRecord; indexes: { byId: string } };
  sessions: { key: string; value: SessionRecord; indexes: { byStudy: string; byUpdated: string } };
  answers: { key: [string, string]; value: StoredAnswer; indexes: { bySession: string } };
  /** Small settings and counters: deviceId, refusals:<studyId>, appLang, ... */
  meta: { key: string; value: unknown };
}

type UpgradeTx = IDBPTransaction<DalaDB, StoreNames<DalaDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<DalaDB>, tx: UpgradeTx) => void;

/** migrations[v] upgrades a database of version v to v + 1. */
export const migrations: Record<number, Migration> = {
  0: (db) => {
    const studies = db.createObjectStore('studies', { keyPath: ['id', 'studyVersion'] });
    studies.createIndex('byId', 'id');
    const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
    sessions.createIndex('byStudy', 'studyId');
    sessions.createIndex('byUpdated', 'updatedAt');
    const answers = db.createObjectStore('answers', { keyPath: ['sessionId', 'item'] });
    answers.createIndex('bySession', 'sessionId');
    db.createObjectStore('meta');
  },
};

export type { Instrument };
