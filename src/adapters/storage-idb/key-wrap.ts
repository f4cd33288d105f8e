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
import { LockError } from './sealed';
import { DEFAULT_KDF, equalBytes, LOCK_RECORD_TYPE, LOCK_RECORD_VERSION, parseLockRecord, type KdfParams, type LockOn, type LockRecord } from './lock-record';

const enc = new TextEncoder();

/** SHA-256 of the fields of a lock record that the passphrase's key depends on. */
export async function digestOf(r: Pick<LockOn, 'id' | 'kdf' | 'salt' | 'wrapped'>): Promise<Uint8Array> {
  const head = enc.encode(JSON.stringify([LOCK_RECORD_TYPE, LOCK_RECORD_VERSION, r.id, r.kdf.name, r.kdf.logN, r.kdf.r, r.kdf.p]));
  const all = new Uint8Array(head.length + r.salt.length + r.wrapped.length);
  all.set(head);
  all.set(r.salt, head.length);
  all.set(r.wrapped, head.length + r.salt.length);
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', all));
}

/**
 * The lock record checked whole, digest included: a record that is there but damaged throws
 * LockError('lock-damaged'), told apart from a wrong passphrase.
 */
export async function checkedLockRecord(raw: unknown): Promise<LockRecord | undefined> {
  const record = parseLockRecord(raw);
  if (record?.state === 'on' && !equalBytes(await digestOf(record), record.digest))
    throw new LockError('lock-damaged', 'the data lock of this device is damaged (its digest does not match): its data cannot be opened');
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
  return { record: { type: LOCK_RECORD_TYPE, version: LOCK_RECORD_VERSION, state: 'on', ...body, digest: await digestOf(body), since }, kek };
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
  const record = await checkedLockRecord(raw);
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
  const record = await checkedLockRecord(raw);
  if (!record || record.state !== 'on') throw new LockError('lock-damaged', 'the data lock of this device is off');
  const key = await openLock(oldPassphrase, record, true);
  const { record: next } = await wrapWith(newPassphrase, key, record.id, kdf ?? record.kdf, record.since, random);
  return record.transition ? { ...next, transition: record.transition } : next;
}

/** A PIN's check value (kiosk mode): scrypt with the same work factor as the lock. */
export function pinHash(pin: string, salt: Uint8Array, kdf: KdfParams): Uint8Array {
  return scrypt(`dala-kiosk:${pin.normalize('NFC')}`, salt, { N: 2 ** kdf.logN, r: kdf.r, p: kdf.p, dkLen: 32, maxmem: 2 ** 31 });
}

export type { KdfParams, LockOn } from './lock-record';
