/**
 * The IndexedDB schema of Dala, typed for idb. Bump DB_VERSION and add a migration to `migrations`
 * (keyed by the version it upgrades *from*) for every change; never edit a released migration.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Instrument } from '../../core/instrument/types';
import type { BlobChunk, BlobRecord } from './blobs';
import type { ConflictRecord, ExportRecord, ImportRecord, ReceiptRecord, SetAsideRecord, StoredAnswer, SessionRecord, StudyRecord } from './records';

export const DB_NAME = 'dala';
/**
 * 5: media blobs (./blobs.ts). Version 4 is taken by the data lock (branch wp-lock); its migration
 * is a placeholder here until the two meet.
 */
export const DB_VERSION = 5;

export interface DalaDB extends DBSchema {
  studies: { key: [string, string]; value: StudyRecord; indexes: { byId: string } };
  sessions: { key: string; value: SessionRecord; indexes: { byStudy: string; byUpdated: string } };
  answers: { key: [string, string]; value: StoredAnswer; indexes: { bySession: string } };
  /** Small settings and counters: deviceId, refusals:<studyId>, kiosk, ... */
  meta: { key: string; value: unknown };
  /** Responses whose revisions from several devices are in conflict (kept until resolved). */
  conflicts: { key: string; value: ConflictRecord; indexes: { byStudy: string } };
  /** What was exported and when (one record per export). */
  exports: { key: string; value: ExportRecord; indexes: { byStudy: string } };
  /** What was imported and when, with the merge report (and the receipt it made). */
  imports: { key: string; value: ImportRecord };
  /** Records of imported files that could not be read, kept with their reasons. */
  setAside: { key: string; value: SetAsideRecord; indexes: { byImport: string } };
  /** Receipts from the researcher: which of this device's sessions arrived, at which revision. */
  receipts: { key: string; value: ReceiptRecord };
  // Version 5, media (./blobs.ts) ----------------------------------------------------------------
  /** What each blob is: its answer, type, size, state (recording, complete, partial), digest. */
  blobs: { key: string; value: BlobRecord; indexes: { bySession: string; byStudy: string; byState: string } };
  /** A blob's bytes, in chunks: key [blob id, chunk index]. */
  blobChunks: { key: [string, number]; value: BlobChunk; indexes: { byBlob: string } };
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
  // Version 4 is the data lock's (branch wp-lock): nothing here until the branches meet.
  3: () => {},
  // Version 5: media blobs and their chunks. Nothing to rewrite.
  4: (db) => {
    const blobs = db.createObjectStore('blobs', { keyPath: 'id' });
    blobs.createIndex('bySession', 'sessionId');
    blobs.createIndex('byStudy', 'studyId');
    blobs.createIndex('byState', 'state');
    db.createObjectStore('blobChunks', { keyPath: ['id', 'index'] }).createIndex('byBlob', 'id');
  },
};

export type { Instrument };
