/**
 * Kiosk mode: the interviewer hands the tablet to the respondent for the self-completed part. While it
 * is on, the app shows only that part of one session; leaving needs the interviewer's PIN. The state is
 * kept in IndexedDB (sealed while the data lock is on), so a reload or a restart does not leave kiosk
 * mode.
 *
 * The PIN is kept as a scrypt check value, with the data lock's work factor (about a second a try on
 * a mid-range phone), and its tries are counted for the whole device (./attempts.ts). A 4-digit PIN
 * still falls to an offline search by someone who can read the database and has hours: what keeps the
 * data from them is the data lock (docs/security.md).
 */
import { DEFAULT_KDF, equalBytes, validKdf, type KdfParams } from '../adapters/storage-idb/lock-record';

/** A PIN's check value (hex), with its salt (hex) and work factor: plain JSON, as sealed records are. */
export interface PinCheck {
  kdf: KdfParams;
  salt: string;
  hash: string;
}

export interface KioskState {
  sessionId: string;
  since: string;
  /** The interviewer's app language when they handed over: given back when kiosk mode ends. */
  interviewerLang?: string;
  pin: PinCheck;
}

/** The kiosk state of an older Dala (a salted SHA-256 of the PIN), still read while it lasts. */
interface LegacyKioskState {
  sessionId: string;
  since: string;
  interviewerLang?: string;
  salt: string;
  pinHash: string;
}

export const PIN_PATTERN = /^\d{4,8}$/;

export type PinHasher = (pin: string, salt: Uint8Array, kdf: KdfParams) => Promise<Uint8Array>;

export async function newKioskState(sessionId: string, pin: string, now: string, hash: PinHasher, kdf: KdfParams = DEFAULT_KDF): Promise<KioskState> {
  if (!PIN_PATTERN.test(pin)) throw new Error('the PIN must be 4 to 8 digits');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return { sessionId, since: now, pin: { kdf, salt: hex(salt), hash: hex(await hash(pin, salt, kdf)) } };
}

const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (s: string) => new Uint8Array((s.match(/../g) ?? []).map((b) => parseInt(b, 16)));
const isHex = (v: unknown, bytes: number): v is string => typeof v === 'string' && v.length === bytes * 2 && /^[0-9a-f]+$/.test(v);

/** The kiosk state as stored, read: undefined when it is none Dala knows (then kiosk mode is off). */
export function readKioskState(v: unknown): KioskState | LegacyKioskState | undefined {
  const s = v as Partial<KioskState & LegacyKioskState> | undefined;
  if (!s || typeof s.sessionId !== 'string') return undefined;
  if (s.pin && validKdf(s.pin.kdf) && isHex(s.pin.salt, 16) && isHex(s.pin.hash, 32)) return s as KioskState;
  if (typeof s.salt === 'string' && typeof s.pinHash === 'string') return s as LegacyKioskState;
  return undefined;
}

/** Whether `pin` is the kiosk's PIN. */
export async function pinMatches(state: KioskState | LegacyKioskState, pin: string, hash: PinHasher): Promise<boolean> {
  if ('pin' in state) return equalBytes(await hash(pin, fromHex(state.pin.salt), state.pin.kdf), fromHex(state.pin.hash));
  const data = new TextEncoder().encode(`dala-kiosk:${state.salt}:${pin}`);
  return hex(await globalThis.crypto.subtle.digest('SHA-256', data)) === state.pinHash;
}
