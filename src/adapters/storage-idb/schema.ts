/**
 * The IndexedDB schema of Dala, typed for idb. Bump DB_VERSION and add a migration to `migrations`
 * (keyed by the version it upgrades *from*) for every change; never edit a released migration.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Instrument } from '../../core/instrument/types';
import type { ExportRecord, ReceiptRecord, StudyRecord } from './records';
import type { Stored } from './sealed';

export const DB_NAME = 'dala';
export const DB_VERSION = 4;

export interface DalaDB extends DBSchema {
  studies: { key: [string, string]; value: StudyRecord; indexes: { byId: string } };
  // Stores marked "sealable" hold records in clear, or sealed (./sealed.ts) while the data lock is on:
  // the Store reads both and hands out records of ./records.ts.
  /** Sealable: SessionRecord. */
  sessions: { key: string; value: Stored; indexes: { byStudy: string; byUpdated: string } };
  /** Sealable: StoredAnswer. */
  answers: { key: [string, string]; value: Stored; indexes: { bySession: string } };
  /** Small settings and counters: deviceId, refusals:<studyId>, the lock, kiosk (sealable), ... */
  meta: { key: string; value: unknown };
  /** Sealable: ConflictRecord. Responses whose revisions from several devices are in conflict (kept until resolved). */
  conflicts: { key: string; value: Stored; indexes: { byStudy: string } };
  /** What was exported and when (one record per export). */
  exports: { key: string; value: ExportRecord; indexes: { byStudy: string } };
  /** Sealable: ImportRecord. What was imported and when, with the merge report (and the receipt it made). */
  imports: { key: string; value: Stored };
  /** Sealable: SetAsideRecord. Records of imported files that could not be read, kept with their reasons. */
  setAside: { key: string; value: Stored; indexes: { byImport: string } };
  /** Receipts from the researcher: which of this device's sessions arrived, at which revision. */
  receipts: { key: string; value: ReceiptRecord };
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
  // Version 2: encrypted bundles. Sessions may now carry a version vector (`vv`); nothing to rewrite.
  1: (db) => {
    db.createObjectStore('conflicts', { keyPath: 'id' }).createIndex('byStudy', 'studyId');
    db.createObjectStore('exports', { keyPath: 'bundleId' }).createIndex('byStudy', 'studyId');
    db.createObjectStore('imports', { keyPath: 'id' });
  },
  // Version 3: records set aside by an import, and receipts. Nothing to rewrite.
  2: (db) => {
    db.createObjectStore('setAside', { keyPath: 'key' }).createIndex('byImport', 'importId');
    db.createObjectStore('receipts', { keyPath: 'receiptId' });
  },
  // Version 4: the data lock. Records may now be sealed (./sealed.ts) and meta holds "lock". Nothing
  // to rewrite: turning the lock on seals the records. The version changes so that a tab of an older
  // Dala, which would write in clear, lets go of the database (it is asked to reload).
  3: () => {},
};

export type { Instrument };
