/**
 * Sealing and opening records with the device's data key (./sealed.ts says the format). Loaded once
 * this tab is given a key (after the passphrase), not with the first page.
 */
import { IV_BYTES, LockError, SEAL_FORMAT, type SealedStore, type Stored } from './sealed';

/** The fields each store keeps in clear; every other field of a record is sealed. */
export const CLEAR_FIELDS: Record<SealedStore, readonly string[]> = {
  // Keys, indexes (byStudy, byUpdated), and the revision a write bumps without reading the sealed part.
  sessions: ['id', 'studyId', 'studyVersion', 'createdAt', 'updatedAt', 'completedAt', 'deviceId', 'seq', 'vv', 'example'],
  answers: ['sessionId', 'item', 'seq', 'at', 'dot'],
  conflicts: ['id', 'studyId', 'studyVersion'],
  setAside: ['key', 'importId', 'at'],
  imports: ['id', 'at'],
  // The index bySession and the time; what happened, on which item, with which old and new values, is sealed.
  paradata: ['responseId', 'at'],
  // The key and the index byStudy; the revisions (names, passages with their quotes of answers) are sealed.
  coding: ['id', 'studyId'],
  // Meta values that are sealed are sealed whole (see SEALED_META).
  meta: [],
  // Media (./blobs.ts): the key, the indexes, and what a recording's next chunk updates without
  // opening the record; the item, type, file name, digest and length are sealed.
  blobs: ['id', 'studyId', 'sessionId', 'state', 'staged', 'size', 'chunks', 'createdAt', 'updatedAt'],
  // A chunk's bytes are sealed as bytes (sealBytes), not as JSON.
  blobChunks: ['id', 'index'],
};

/** The clear part of a record and the part to seal. */
export function splitRecord(store: SealedStore, record: object): { clear: Record<string, unknown>; secret: Record<string, unknown> } {
  const keep = CLEAR_FIELDS[store];
  const clear: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined) continue;
    if (keep.includes(k)) clear[k] = v;
    else secret[k] = v;
  }
  return { clear, secret };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function aad(store: SealedStore, key: IDBValidKey): Uint8Array<ArrayBuffer> {
  return encoder.encode(`dala-record:${SEAL_FORMAT}:${store}:${JSON.stringify(key)}`);
}

/** Seals and opens record parts with the device's data key (a non-extractable AES-GCM key). */
export class RecordCipher {
  constructor(readonly key: CryptoKey) {}

  /** The sealed bytes of `value` (any JSON value) for the record `key` of `store`. */
  async seal(store: SealedStore, key: IDBValidKey, value: unknown): Promise<Uint8Array> {
    return this.sealBytes(store, key, encoder.encode(JSON.stringify(value)));
  }

  /** The value sealed in `enc`; throws LockError('record-damaged') when it does not open. */
  async open(store: SealedStore, key: IDBValidKey, sealed: Uint8Array): Promise<unknown> {
    const enc = new Uint8Array(sealed);
    const where = `${store} ${JSON.stringify(key)}`;
    if (enc.length < 1 + IV_BYTES + 16 || enc[0] !== SEAL_FORMAT) throw new LockError('record-damaged', `the record ${where} is not sealed in a format this version of Dala reads`);
    let plain: ArrayBuffer;
    try {
      plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: enc.subarray(1, 1 + IV_BYTES), additionalData: aad(store, key) }, this.key, enc.subarray(1 + IV_BYTES));
    } catch {
      throw new LockError('record-damaged', `the record ${where} does not open with this device's key: it was changed or damaged`);
    }
    try {
      return JSON.parse(decoder.decode(plain));
    } catch {
      throw new LockError('record-damaged', `the record ${where} opened but holds no readable data`);
    }
  }

  /** The sealed bytes of `bytes` themselves (a media chunk), for the record `key` of `store`: the same layout as `seal`. */
  async sealBytes(store: SealedStore, key: IDBValidKey, bytes: Uint8Array): Promise<Uint8Array> {
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ct = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(store, key) }, this.key, bytes as Uint8Array<ArrayBuffer>));
    const out = new Uint8Array(1 + IV_BYTES + ct.length);
    out[0] = SEAL_FORMAT;
    out.set(iv, 1);
    out.set(ct, 1 + IV_BYTES);
    return out;
  }

  /** The bytes sealed by `sealBytes`; throws LockError('record-damaged') when they do not open. */
  async openBytes(store: SealedStore, key: IDBValidKey, sealed: Uint8Array): Promise<Uint8Array> {
    const enc = new Uint8Array(sealed);
    const where = `${store} ${JSON.stringify(key)}`;
    if (enc.length < 1 + IV_BYTES + 16 || enc[0] !== SEAL_FORMAT) throw new LockError('record-damaged', `the record ${where} is not sealed in a format this version of Dala reads`);
    try {
      return new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: enc.subarray(1, 1 + IV_BYTES), additionalData: aad(store, key) }, this.key, enc.subarray(1 + IV_BYTES)));
    } catch {
      throw new LockError('record-damaged', `the record ${where} does not open with this device's key: it was changed or damaged`);
    }
  }

  /** A whole record sealed: its clear fields and `enc`. */
  async sealRecord(store: SealedStore, key: IDBValidKey, record: object): Promise<Stored> {
    const { clear, secret } = splitRecord(store, record);
    return { ...clear, enc: await this.seal(store, key, secret) };
  }

  /** A sealed record opened: its clear fields with the sealed ones. */
  async openRecord<T>(store: SealedStore, key: IDBValidKey, raw: Stored & { enc: Uint8Array }): Promise<T> {
    const { enc, ...clear } = raw;
    const secret = await this.open(store, key, enc);
    if (typeof secret !== 'object' || secret === null || Array.isArray(secret)) throw new LockError('record-damaged', `the record ${store} ${JSON.stringify(key)} holds no fields`);
    return { ...clear, ...(secret as Record<string, unknown>) } as T;
  }
}

