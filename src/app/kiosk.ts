/**
 * Kiosk mode: the interviewer hands the tablet to the respondent for the self-completed part. While it
 * is on, the app shows only that part of one session; leaving needs the interviewer's PIN. The state is
 * kept in IndexedDB, so a reload or a restart does not leave kiosk mode.
 *
 * The PIN is stored as a salted SHA-256 hash. This keeps a respondent from wandering into other
 * sessions; it is not protection against someone with developer tools and time (a 4-digit PIN can be
 * tried exhaustively offline).
 */
export interface KioskState {
  sessionId: string;
  salt: string;
  pinHash: string;
  since: string;
  /** The interviewer's app language when they handed over: given back when kiosk mode ends. */
  interviewerLang?: string;
  /** Wrong PINs in a row, and when the last one was entered (to slow down guessing). */
  failures: number;
  lastFailure?: string;
}

export const PIN_PATTERN = /^\d{4,8}$/;
/** After this many wrong PINs in a row, each further try waits LOCKOUT_MS. */
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 30_000;

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function hashPin(pin: string, salt: string): Promise<string> {
  const data = new TextEncoder().encode(`dala-kiosk:${salt}:${pin}`);
  return hex(await globalThis.crypto.subtle.digest('SHA-256', data));
}

export async function newKioskState(sessionId: string, pin: string, now: string): Promise<KioskState> {
  if (!PIN_PATTERN.test(pin)) throw new Error('the PIN must be 4 to 8 digits');
  const salt = hex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  return { sessionId, salt, pinHash: await hashPin(pin, salt), since: now, failures: 0 };
}

export type UnlockResult = { ok: true } | { ok: false; reason: 'wrong'; left: number } | { ok: false; reason: 'wait'; seconds: number };

/** Checks a PIN against the state; returns the result and the state to store. */
export async function tryUnlock(state: KioskState, pin: string, now: Date): Promise<{ result: UnlockResult; next: KioskState | null }> {
  if (state.failures >= MAX_FAILURES && state.lastFailure) {
    const wait = LOCKOUT_MS - (now.getTime() - new Date(state.lastFailure).getTime());
    if (wait > 0) return { result: { ok: false, reason: 'wait', seconds: Math.ceil(wait / 1000) }, next: state };
  }
  if ((await hashPin(pin, state.salt)) === state.pinHash) return { result: { ok: true }, next: null };
  const failures = state.failures + 1;
  return {
    result: { ok: false, reason: 'wrong', left: Math.max(0, MAX_FAILURES - failures) },
    next: { ...state, failures, lastFailure: now.toISOString() },
  };
}
