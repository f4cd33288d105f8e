/**
 * The resume hint: a copy, in synchronous storage (localStorage), of the draft the interviewer was
 * on, so that reopening Dala on it shows its questions at once instead of after IndexedDB opens
 * (a cold IndexedDB open takes 150-450 ms on a tablet; see `npm run bench`).
 *
 * IndexedDB stays the only truth. The hint holds only what IndexedDB already made durable (the
 * runner writes it after each completed transaction), the first screen drawn from it waits for
 * IndexedDB before it says "saved", and when IndexedDB's answers arrive they replace the hint's for
 * every item not touched meanwhile (docs/storage.md). A hint that is missing, unreadable, for another
 * session, or written by another version is ignored, so a stale or damaged hint can cost speed but
 * never an answer.
 *
 * - Deleting a session removes its hint; kiosk mode removes the hint and sets a flag that keeps the
 *   interviewer's screens from being drawn before the kiosk state is read.
 * - While the data lock is on there is no hint at all (`setLockFlag`): the first screen is the lock's,
 *   IndexedDB opens while the passphrase is typed, so a hint would gain nothing and would be a copy of
 *   answers in clear (docs/storage.md).
 * - Storage is passed in (a `KeyValue`), so the logic is tested in Node with a Map.
 */
import type { Answer } from '../core/responses/types';
import type { SessionRecord, StudyRecord } from '../adapters/storage-idb/records';

export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ResumeHint {
  session: SessionRecord;
  study: StudyRecord;
  answers: Map<string, Answer>;
}

const FORMAT = 1;
const SESSION_KEY = 'dala:resume';
const STUDY_KEY = 'dala:resume-study';
const KIOSK_KEY = 'dala:kiosk';
/** "on" while the data lock is on: no hint is written or used (it would be a clear copy of a draft). */
const LOCK_KEY = 'dala:lock';
/** A study larger than this (characters of JSON) is not copied: the hint is for the common case. */
export const MAX_STUDY_CHARS = 1_000_000;

interface StoredSession {
  format: number;
  session: SessionRecord;
  study: string;
  answers: Answer[];
}
interface StoredStudy {
  format: number;
  key: string;
  record: StudyRecord;
}

const studyKey = (s: { id: string; studyVersion: string }) => JSON.stringify([s.id, s.studyVersion]);

/** The browser's localStorage, or null where there is none or it is refused (private mode, policy). */
export function browserKeyValue(): KeyValue | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The hint for this session, or null (none, another session's, kiosk mode, or not readable). */
export function readResumeHint(kv: KeyValue | null, sessionId: string): ResumeHint | null {
  if (!kv) return null;
  try {
    if (kv.getItem(KIOSK_KEY) !== null || kv.getItem(LOCK_KEY) === 'on') return null;
    const s = parse(kv.getItem(SESSION_KEY));
    if (!isObject(s) || s.format !== FORMAT || !isObject(s.session) || s.session.id !== sessionId || !Array.isArray(s.answers)) return null;
    const session = s.session as unknown as SessionRecord;
    if (session.status !== 'draft' || typeof s.study !== 'string' || s.study !== studyKey({ id: session.studyId, studyVersion: session.studyVersion })) return null;
    const st = parse(kv.getItem(STUDY_KEY));
    if (!isObject(st) || st.format !== FORMAT || st.key !== s.study || !isObject(st.record)) return null;
    const study = st.record as unknown as StudyRecord;
    if (!isObject(study.instrument) || !Array.isArray(study.instrument.sections)) return null;
    const answers = new Map<string, Answer>();
    for (const a of s.answers) if (isObject(a) && typeof a.item === 'string') answers.set(a.item, a as unknown as Answer);
    return { session, study, answers };
  } catch {
    return null;
  }
}

/**
 * Keeps the hint of a draft up to date: call it with what IndexedDB holds (after a read, or after a
 * write completed). A session that is not a draft has no hint. Never throws: when storage is full or
 * refused, the hint is removed and reopening is merely slower.
 */
export function writeResumeHint(kv: KeyValue | null, hint: ResumeHint): void {
  if (!kv) return;
  try {
    if (hint.session.status !== 'draft' || kv.getItem(KIOSK_KEY) !== null || kv.getItem(LOCK_KEY) === 'on') {
      clearResumeHint(kv, hint.session.id);
      return;
    }
    const key = studyKey(hint.study);
    // Written after every saved answer: the study copy (tens of KB) is checked by its opening only.
    const opening = JSON.stringify({ format: FORMAT, key }).slice(0, -1) + ',';
    if (!kv.getItem(STUDY_KEY)?.startsWith(opening)) {
      const text = JSON.stringify({ format: FORMAT, key, record: hint.study } satisfies StoredStudy);
      if (text.length > MAX_STUDY_CHARS) {
        clearResumeHint(kv);
        return;
      }
      kv.setItem(STUDY_KEY, text);
    }
    kv.setItem(SESSION_KEY, JSON.stringify({ format: FORMAT, session: hint.session, study: key, answers: [...hint.answers.values()] } satisfies StoredSession));
  } catch {
    clearResumeHint(kv);
  }
}

/** Removes the hint: all of it, or only if it is this session's. */
export function clearResumeHint(kv: KeyValue | null, sessionId?: string): void {
  if (!kv) return;
  try {
    if (sessionId !== undefined) {
      const s = parse(kv.getItem(SESSION_KEY));
      if (isObject(s) && isObject(s.session) && s.session.id !== sessionId) return;
    }
    kv.removeItem(SESSION_KEY);
    kv.removeItem(STUDY_KEY);
  } catch {
    // Nothing to do: an unreadable hint is ignored when read.
  }
}

/** Kiosk mode on this device: no hint is written or used while it lasts. */
export function setKioskFlag(kv: KeyValue | null, on: boolean): void {
  if (!kv) return;
  try {
    if (on) {
      clearResumeHint(kv);
      kv.setItem(KIOSK_KEY, '1');
    } else kv.removeItem(KIOSK_KEY);
  } catch {
    // A flag that cannot be set: clearing the hint is what keeps kiosk mode closed, and it was tried.
  }
}

/**
 * The data lock's state on this device, as far as localStorage knows it (the lock record in IndexedDB
 * decides; this flag is set again from it at every start): "on" removes the hint and keeps any from
 * being written. Null: not known (the device has not chosen).
 */
export function setLockFlag(kv: KeyValue | null, state: 'on' | 'off' | null): void {
  if (!kv) return;
  try {
    if (state === 'on') clearResumeHint(kv);
    if (state === null) kv.removeItem(LOCK_KEY);
    else if (kv.getItem(LOCK_KEY) !== state) kv.setItem(LOCK_KEY, state);
  } catch {
    // Where localStorage refuses, no hint is written either.
  }
}

/** Whether localStorage says the data lock is on (the first screen can then be the lock's). */
export function lockFlagOn(kv: KeyValue | null): boolean {
  try {
    return kv?.getItem(LOCK_KEY) === 'on';
  } catch {
    return false;
  }
}
