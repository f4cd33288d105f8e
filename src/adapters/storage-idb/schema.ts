/**
 * The IndexedDB schema of Dala, typed for idb. Bump DB_VERSION and add a migration to `migrations`
 * (keyed by the version it upgrades *from*) for every change; never edit a released migration.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Instrument } from '../../core/instrument/types';
import type { BundleAnswer } from '../../core/bundle/types';
import { detailsToNotes, hasSeparateNotes, NOTES_TO_VERSION } from '../../core/demo/notes-migration';
import type { ExportRecord, ReceiptRecord, StudyRecord, StoredAnswer, SessionRecord, ConflictRecord } from './records';
import { isSealed, type Stored, type StoredChunk } from './sealed';

export const DB_NAME = 'dala';
/** 4: the data lock and the interview's stores; 5: media blobs (./blobs.ts). */
export const DB_VERSION = 5;

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
  // --- interview (issue 17): paradata and qualitative coding -------------------------------------
  /** The interview's paradata: question visits with their times, and the audit log of every change. */
  /** Sealable: ParadataEvent (out-of-line, auto-incremented keys). */
  paradata: { key: number; value: Stored; indexes: { bySession: string } };
  /** Sealable: CodingEntry. Codes and coded passages (src/core/coding/), each id with its maximal revisions. */
  coding: { key: string; value: Stored; indexes: { byStudy: string } };
  // Version 5, media (./blobs.ts) ----------------------------------------------------------------
  /** Sealable: BlobRecord. What each blob is: its answer, type, size, state (recording, complete, partial), digest. */
  blobs: { key: string; value: Stored; indexes: { bySession: string; byStudy: string; byState: string } };
  /** Sealable: BlobChunk (its bytes sealed as bytes, ./blobs.ts). A blob's bytes, in chunks: key [blob id, chunk index]. */
  blobChunks: { key: [string, number]; value: StoredChunk; indexes: { byBlob: string } };
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
  // Version 4, two changes that came together:
  // - The data lock. Records may now be sealed (./sealed.ts) and meta holds "lock". Nothing to rewrite
  //   for it: turning the lock on seals the records. The version changes so that a tab of an older
  //   Dala, which would write in clear, lets go of the database (it is asked to reload).
  // --- interview (issue 17) ---------------------------------------------------------------------
  // - Paradata (audit log, question times) and coding (both sealable). Notes, once: sessions of the
  //   demo study's version with separate note items get those notes on their questions
  //   (src/core/demo/notes-migration.ts), in the upgrade's own transaction.
  3: (db, tx) => {
    db.createObjectStore('paradata', { autoIncrement: true }).createIndex('bySession', 'responseId');
    db.createObjectStore('coding', { keyPath: 'id' }).createIndex('byStudy', 'studyId');
    moveSeparateNotes(tx).catch(() => tx.abort());
  },
  // Version 5: media blobs and their chunks (./blobs.ts; sealed like every respondent's record while
  // the data lock is on). Nothing to rewrite.
  4: (db) => {
    const blobs = db.createObjectStore('blobs', { keyPath: 'id' });
    blobs.createIndex('bySession', 'sessionId');
    blobs.createIndex('byStudy', 'studyId');
    blobs.createIndex('byState', 'state');
    db.createObjectStore('blobChunks', { keyPath: ['id', 'index'] }).createIndex('byBlob', 'id');
  },
};

/**
 * The notes move of the upgrade to version 4. It runs on databases of version 3, which no Dala with
 * the data lock ever wrote (the lock came with version 4), so every record it meets is in clear. A
 * sealed record could only be there if a database were written sealed and then set back to version
 * 3 by hand; the upgrade has no key to open it, so such a record (a session with any sealed answer,
 * or a sealed conflict) is left as it is rather than half moved: it keeps its separate note items,
 * which the demo's old version still reads.
 */
async function moveSeparateNotes(tx: UpgradeTx): Promise<void> {
  const sessions = tx.objectStore('sessions');
  const answers = tx.objectStore('answers');
  for (const raw of await sessions.getAll()) {
    if (isSealed(raw)) continue;
    const session = raw as unknown as SessionRecord;
    if (!hasSeparateNotes(session.studyId, session.studyVersion)) continue;
    const held = await answers.index('bySession').getAll(session.id);
    if (held.some(isSealed)) continue;
    const stored = held as unknown as StoredAnswer[];
    const byItem = Object.fromEntries(stored.map((a) => [a.item, a]));
    const moved = detailsToNotes(byItem, (item, at) => ({ item, value: null, at, sessionId: session.id, seq: session.seq }));
    for (const a of stored) if (!(a.item in moved)) await answers.delete([session.id, a.item]);
    for (const a of Object.values(moved)) await answers.put(a as unknown as Stored);
    await sessions.put({ ...session, studyVersion: NOTES_TO_VERSION } as unknown as Stored);
  }
  const conflicts = tx.objectStore('conflicts');
  for (const raw of await conflicts.getAll()) {
    if (isSealed(raw)) continue;
    const c = raw as unknown as ConflictRecord;
    if (!c.revisions.some((r) => hasSeparateNotes(r.studyId, r.studyVersion))) continue;
    const revisions = c.revisions.map((r) =>
      hasSeparateNotes(r.studyId, r.studyVersion) ? { ...r, studyVersion: NOTES_TO_VERSION, answers: detailsToNotes<BundleAnswer>(r.answers, (_i, at) => ({ value: null, at })) } : r,
    );
    await conflicts.put({ ...c, studyVersion: NOTES_TO_VERSION, revisions } as unknown as Stored);
  }
}

export type { Instrument };
