/**
 * The device's data key and the passphrase that locks it (docs/security.md, "Data at rest and the
 * shared tablet").
 *
 * - The data key is a random AES-GCM 256 key made once, when the lock is turned on. It seals the
 *   records (./sealed.ts). Once unwrapped it is non-extractable: no script can read its bytes.
 * - The passphrase (or PIN) gives a key-encryption key through scrypt (memory-hard; pure JavaScript,
 *   since the app's CSP allows no WebAssembly), with a random salt and the work factor stored beside
 *   it, so both can change later. That key wraps the data key (AES-KW, RFC 3394, whose integrity
 *   check tells a wrong passphrase).
 * - The lock record carries a digest of its own fields: a record that was damaged is told apart from
 *   a wrong passphrase.
 *
 * scrypt takes about a second by design: in the browser these functions run in a Web Worker
 * (src/workers/lock.worker.ts), never on the page's thread.
 */
import { scrypt } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
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

const enc = new TextEncoder();

function digestOf(r: Pick<LockOn, 'id' | 'kdf' | 'salt' | 'wrapped'>): Uint8Array {
  const head = enc.encode(JSON.stringify([LOCK_RECORD_TYPE, LOCK_RECORD_VERSION, r.id, r.kdf.name, r.kdf.logN, r.kdf.r, r.kdf.p]));
  const all = new Uint8Array(head.length + r.salt.length + r.wrapped.length);
  all.set(head);
  all.set(r.salt, head.length);
  all.set(r.wrapped, head.length + r.salt.length);
  return sha256(all);
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, lo: number, hi: number): v is number => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;

/**
 * The lock record read from storage, checked: undefined when there is none (the device has not
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
  if (!isObject(kdf) || kdf.name !== 'scrypt' || !isInt(kdf.logN, LOG_N_RANGE[0], LOG_N_RANGE[1]) || !isInt(kdf.r, 1, 32) || !isInt(kdf.p, 1, 16)) throw damaged('work factor');
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
  if (!equalBytes(digestOf(record), digest)) throw damaged('its digest does not match');
  return record;
}

/** The key-encryption key of a passphrase (scrypt, then imported for AES-KW). */
async function kekOf(passphrase: string, salt: Uint8Array, kdf: KdfParams): Promise<CryptoKey> {
  const bytes = scrypt(passphrase.normalize('NFC'), salt, { N: 2 ** kdf.logN, r: kdf.r, p: kdf.p, dkLen: 32, maxmem: 2 ** 31 });
  try {
    return await globalThis.crypto.subtle.importKey('raw', bytes, 'AES-KW', false, ['wrapKey', 'unwrapKey']);
  } finally {
    bytes.fill(0);
  }
}

const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

async function wrapWith(passphrase: string, dataKey: CryptoKey, id: string, kdf: KdfParams, since: string, random: (n: number) => Uint8Array): Promise<{ record: LockOn; kek: CryptoKey }> {
  const salt = random(16);
  const kek = await kekOf(passphrase, salt, kdf);
  const wrapped = new Uint8Array(await globalThis.crypto.subtle.wrapKey('raw', dataKey, kek, 'AES-KW'));
  const body = { id, kdf, salt, wrapped };
  return { record: { type: LOCK_RECORD_TYPE, version: LOCK_RECORD_VERSION, state: 'on', ...body, digest: digestOf(body), since }, kek };
}

const unwrapWith = (record: LockOn, kek: CryptoKey, extractable: boolean) =>
  globalThis.crypto.subtle.unwrapKey('raw', new Uint8Array(record.wrapped), kek, 'AES-KW', { name: 'AES-GCM' }, extractable, ['encrypt', 'decrypt']);

const randomBytes = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/**
 * A new data key locked by `passphrase`: the record to store and the key (non-extractable) to use.
 * The record says `transition: 'seal'` until the device's clear records are sealed.
 */
export async function createLock(passphrase: string, since: string, kdf: KdfParams = DEFAULT_KDF, random: (n: number) => Uint8Array = randomBytes): Promise<{ record: LockOn; key: CryptoKey }> {
  const extractable = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const { record, kek } = await wrapWith(passphrase, extractable, toHex(random(16)), kdf, since, random);
  // The key in use is the unwrapped one: non-extractable. The extractable one is dropped here.
  const key = await unwrapWith(record, kek, false);
  return { record: { ...record, transition: 'seal' }, key };
}

/** The data key of a lock record; LockError 'lock-passphrase' for a wrong passphrase, 'lock-damaged' for a damaged record. */
export async function openLock(passphrase: string, raw: unknown, extractable = false): Promise<CryptoKey> {
  const record = parseLockRecord(raw);
  if (!record || record.state !== 'on') throw new LockError('lock-damaged', 'the data lock of this device is off: there is no key to open');
  const kek = await kekOf(passphrase, record.salt, record.kdf);
  try {
    return await unwrapWith(record, kek, extractable);
  } catch {
    throw new LockError('lock-passphrase', 'the passphrase does not open the data lock');
  }
}

/** The same data key locked by a new passphrase (and, optionally, a new work factor). */
export async function rewrapLock(oldPassphrase: string, newPassphrase: string, raw: unknown, kdf?: KdfParams, random: (n: number) => Uint8Array = randomBytes): Promise<LockOn> {
  const record = parseLockRecord(raw);
  if (!record || record.state !== 'on') throw new LockError('lock-damaged', 'the data lock of this device is off');
  const key = await openLock(oldPassphrase, record, true);
  const { record: next } = await wrapWith(newPassphrase, key, record.id, kdf ?? record.kdf, record.since, random);
  return record.transition ? { ...next, transition: record.transition } : next;
}

/** The lock record with a transition set or ended (the digest does not cover it). */
export function withTransition(record: LockOn, transition: LockOn['transition']): LockOn {
  const { transition: _t, ...rest } = record;
  return transition ? { ...rest, transition } : rest;
}

/** A PIN's check value (kiosk mode): scrypt with the same work factor as the lock. */
export function pinHash(pin: string, salt: Uint8Array, kdf: KdfParams): Uint8Array {
  return scrypt(`dala-kiosk:${pin.normalize('NFC')}`, salt, { N: 2 ** kdf.logN, r: kdf.r, p: kdf.p, dkLen: 32, maxmem: 2 ** 31 });
}

/** Parameters a stored PIN check may carry (damaged ones are refused before scrypt runs). */
export function validKdf(kdf: unknown): kdf is KdfParams {
  return isObject(kdf) && kdf.name === 'scrypt' && isInt(kdf.logN, LOG_N_RANGE[0], LOG_N_RANGE[1]) && isInt(kdf.r, 1, 32) && isInt(kdf.p, 1, 16);
}

export { equalBytes };
