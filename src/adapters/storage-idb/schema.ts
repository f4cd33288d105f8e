/**
 * The IndexedDB schema of Dala, typed for idb. Bump DB_VERSION and add a migration to `migrations`
 * (keyed by the version it upgrades *from*) for every change; never edit a released migration.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Instrument } from '../../core/instrument/types';
import type { BundleAnswer, ParadataEvent } from '../../core/bundle/types';
import type { CodingEntry } from '../../core/coding/types';
import { detailsToNotes, hasSeparateNotes, NOTES_TO_VERSION } from '../../core/demo/notes-migration';
import type { ConflictRecord, ExportRecord, ImportRecord, ReceiptRecord, SetAsideRecord, StoredAnswer, SessionRecord, StudyRecord } from './records';

export const DB_NAME = 'dala';
export const DB_VERSION = 4;

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
  // --- interview (issue 17): paradata and qualitative coding -------------------------------------
  /** The interview's paradata: question visits with their times, and the audit log of every change. */
  paradata: { key: number; value: ParadataEvent; indexes: { bySession: string } };
  /** Codes and coded passages (src/core/coding/), each id with its maximal revisions. */
  coding: { key: string; value: CodingEntry; indexes: { byStudy: string } };
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
  // --- interview (issue 17) ---------------------------------------------------------------------
  // Version 4: paradata (audit log, question times) and coding. Notes, once: sessions of the demo
  // study's version with separate note items get those notes on their questions
  // (src/core/demo/notes-migration.ts), in the upgrade's own transaction.
  3: (db, tx) => {
    db.createObjectStore('paradata', { autoIncrement: true }).createIndex('bySession', 'responseId');
    db.createObjectStore('coding', { keyPath: 'id' }).createIndex('byStudy', 'studyId');
    moveSeparateNotes(tx).catch(() => tx.abort());
  },
};

async function moveSeparateNotes(tx: UpgradeTx): Promise<void> {
  const sessions = tx.objectStore('sessions');
  const answers = tx.objectStore('answers');
  for (const session of await sessions.getAll()) {
    if (!hasSeparateNotes(session.studyId, session.studyVersion)) continue;
    const stored = await answers.index('bySession').getAll(session.id);
    const byItem = Object.fromEntries(stored.map((a) => [a.item, a]));
    const moved = detailsToNotes(byItem, (item, at) => ({ item, value: null, at, sessionId: session.id, seq: session.seq }));
    for (const a of stored) if (!(a.item in moved)) await answers.delete([session.id, a.item]);
    for (const a of Object.values(moved)) await answers.put(a);
    await sessions.put({ ...session, studyVersion: NOTES_TO_VERSION });
  }
  const conflicts = tx.objectStore('conflicts');
  for (const c of await conflicts.getAll()) {
    if (!c.revisions.some((r) => hasSeparateNotes(r.studyId, r.studyVersion))) continue;
    const revisions = c.revisions.map((r) =>
      hasSeparateNotes(r.studyId, r.studyVersion) ? { ...r, studyVersion: NOTES_TO_VERSION, answers: detailsToNotes<BundleAnswer>(r.answers, (_i, at) => ({ value: null, at })) } : r,
    );
    await conflicts.put({ ...c, studyVersion: NOTES_TO_VERSION, revisions });
  }
}

export type { Instrument };
