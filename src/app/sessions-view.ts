/**
 * The sessions list as the interviewer narrows it: a search over codes, filters by status,
 * interviewer, device and example data, and an order. Pure, so the screen stays a drawing of it.
 */
import type { SessionRecord } from '../adapters/storage-idb/records';

export type SessionSort = 'newest' | 'oldest' | 'respondent';

export interface SessionQuery {
  /** Matched, case-insensitively, against the respondent code, the interviewer and the record's name. */
  text: string;
  status: 'all' | 'draft' | 'complete';
  /** An interviewer code, or null for any. */
  interviewer: string | null;
  /** A device id (of the last write), or null for any. */
  device: string | null;
  /** Show example data (the paper's published answers). */
  examples: boolean;
  sort: SessionSort;
}

export const ALL_SESSIONS: SessionQuery = { text: '', status: 'all', interviewer: null, device: null, examples: true, sort: 'newest' };

export function querySessions(sessions: readonly SessionRecord[], q: SessionQuery): SessionRecord[] {
  const text = q.text.trim().toLocaleLowerCase();
  const out = sessions.filter(
    (s) =>
      (q.status === 'all' || s.status === q.status) &&
      (q.interviewer === null || s.interviewer === q.interviewer) &&
      (q.device === null || s.deviceId === q.device) &&
      (q.examples || !s.example) &&
      (text === '' ||
        s.respondentCode.toLocaleLowerCase().includes(text) ||
        s.interviewer.toLocaleLowerCase().includes(text) ||
        (s.instanceName ?? '').toLocaleLowerCase().includes(text)),
  );
  const byDate = (a: SessionRecord, b: SessionRecord) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1);
  if (q.sort === 'oldest') out.sort(byDate);
  else if (q.sort === 'newest') out.sort((a, b) => byDate(b, a));
  else out.sort((a, b) => a.respondentCode.localeCompare(b.respondentCode) || byDate(a, b));
  return out;
}

/** The interviewers and devices that occur, sorted: what the filters offer. */
export function sessionFacets(sessions: readonly SessionRecord[]): { interviewers: string[]; devices: string[] } {
  const interviewers = new Set<string>();
  const devices = new Set<string>();
  for (const s of sessions) {
    interviewers.add(s.interviewer);
    devices.add(s.deviceId);
  }
  return { interviewers: [...interviewers].sort(), devices: [...devices].sort() };
}

/** A device as people read it: its name, else the start of its id. */
export function deviceName(names: ReadonlyMap<string, string>, id: string): string {
  return names.get(id) ?? (id.length > 8 ? `${id.slice(0, 8)}…` : id);
}
