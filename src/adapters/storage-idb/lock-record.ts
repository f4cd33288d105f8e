/**
 * The lock record (meta "lock"): whether the device's data is locked, and the data key wrapped by the
 * passphrase's key (./key-wrap.ts makes and opens it, in a worker). Read here without scrypt, so the
 * store and the first page know the lock's state without loading the key work.
 */
import { LockError } from './sealed';

export const LOCK_RECORD_TYPE = 'dala-lock';
export const LOCK_RECORD_VERSION = 1;

/** scrypt's work factor: N = 2^logN, block size r, parallelism p. */
export interface KdfParams {
  name: 'scrypt';
  logN: number;
  r: number;
  p: number;
}

/**
 * The default work factor: 32 MiB of memory, about 0.5-1 s on a mid-range phone (measured with the
 * CPU throttled 4x in Chromium: `npm run bench`).
 */
export const DEFAULT_KDF: KdfParams = { name: 'scrypt', logN: 15, r: 8, p: 1 };
/** What a stored record may ask for: below, too weak to be ours; above, a device would stall. */
const LOG_N_RANGE = [10, 20] as const;

/** The lock as stored (meta "lock"): the data key, wrapped. */
export interface LockOn {
  type: typeof LOCK_RECORD_TYPE;
  version: typeof LOCK_RECORD_VERSION;
  state: 'on';
  /** Names the data key: it changes only when a new data key is made. */
  id: string;
  kdf: KdfParams;
  salt: Uint8Array;
  /** The data key, wrapped by the passphrase's key (AES-KW: 40 bytes). */
  wrapped: Uint8Array;
  /** SHA-256 of the fields above: tells a damaged record from a wrong passphrase. */
  digest: Uint8Array;
  since: string;
  /** Set while records are being sealed (turned on) or opened (turning off): resumed at the next unlock. */
  transition?: 'seal' | 'unseal';
}

/** The device chose to keep its data unlocked. */
export interface LockOff {
  type: typeof LOCK_RECORD_TYPE;
  version: typeof LOCK_RECORD_VERSION;
  state: 'off';
  since: string;
}

export type LockRecord = LockOn | LockOff;

export const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, lo: number, hi: number): v is number => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;

/** Parameters a stored record may carry (damaged ones are refused before scrypt runs). */
export function validKdf(kdf: unknown): kdf is KdfParams {
  return isObject(kdf) && kdf.name === 'scrypt' && isInt(kdf.logN, LOG_N_RANGE[0], LOG_N_RANGE[1]) && isInt(kdf.r, 1, 32) && isInt(kdf.p, 1, 16);
}

/** The lock record with a transition set or ended (the digest does not cover it). */
export function withTransition(record: LockOn, transition: LockOn['transition']): LockOn {
  const { transition: _t, ...rest } = record;
  return transition ? { ...rest, transition } : rest;
}

/**
 * The lock record read from storage, its shape checked (its digest is checked by `checkedLockRecord`): undefined when there is none (the device has not
 * chosen), else the record; throws LockError('lock-damaged') when it is there but not a lock record
 * this version can use.
 */
export function parseLockRecord(raw: unknown): LockRecord | undefined {
  if (raw === undefined) return undefined;
  const damaged = (what: string) => new LockError('lock-damaged', `the data lock of this device is damaged (${what}): its data cannot be opened`);
  if (!isObject(raw) || raw.type !== LOCK_RECORD_TYPE) throw damaged('not a lock record');
  if (raw.version !== LOCK_RECORD_VERSION) throw damaged(`version ${String(raw.version)} is not one this version of Dala reads`);
  if (raw.state === 'off') return { type: LOCK_RECORD_TYPE, version: LOCK_RECORD_VERSION, state: 'off', since: String(raw.since ?? '') };
  if (raw.state !== 'on') throw damaged('unknown state');
  const { id, kdf, salt, wrapped, digest, since, transition } = raw;
  if (typeof id !== 'string' || !/^[0-9a-f]{32}$/.test(id)) throw damaged('key id');
  if (!validKdf(kdf)) throw damaged('work factor');
  if (!(salt instanceof Uint8Array) || salt.length !== 16 || !(wrapped instanceof Uint8Array) || wrapped.length !== 40 || !(digest instanceof Uint8Array)) throw damaged('key bytes');
  if (transition !== undefined && transition !== 'seal' && transition !== 'unseal') throw damaged('transition');
  const record: LockOn = {
    type: LOCK_RECORD_TYPE,
    version: LOCK_RECORD_VERSION,
    state: 'on',
    id,
    kdf: { name: 'scrypt', logN: kdf.logN, r: kdf.r, p: kdf.p },
    salt,
    wrapped,
    digest,
    since: String(since ?? ''),
    ...(transition ? { transition } : {}),
  };
  return record;
}

