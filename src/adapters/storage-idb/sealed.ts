/**
 * Records sealed at rest (docs/storage.md, "Data at rest"). With the data lock on, every record of a
 * store that holds what respondents said keeps in clear only the fields its key and indexes need (ids,
 * study id and version, revision counters, times) and carries everything else in `enc`: AES-GCM 256
 * under the device's data key (./key-wrap.ts), with the store's name and the record's key as
 * associated data, so a sealed value cannot be moved to another record unnoticed.
 *
 * `enc` is one byte string: format (1 byte, 1), IV (12 random bytes), then ciphertext with its 16-byte
 * tag. The plaintext is the JSON of the sealed fields (so they must be plain JSON). The clear fields
 * are listed per store in ./record-cipher.ts (loaded once a key is given); a field added to a record
 * later is sealed unless it is added to its list.
 */

export type SealedStore = 'sessions' | 'answers' | 'conflicts' | 'setAside' | 'imports' | 'paradata' | 'coding' | 'meta' | 'blobs' | 'blobChunks';

/**
 * Meta entries sealed while the lock is on: what holds something of a respondent or an interviewer
 * (the kiosk state, the last interviewer) and the device's own signing key (whoever holds it can sign
 * bundles as this device).
 */
export const SEALED_META = ['kiosk', 'lastInterviewer', 'deviceKey'] as const;

export const SEAL_FORMAT = 1;
export const IV_BYTES = 12;

export type LockErrorCode =
  /** The data lock is on and this tab has no key: unlock first. */
  | 'locked'
  /** The passphrase does not open the lock. */
  | 'lock-passphrase'
  /** The lock record itself is damaged (not what a wrong passphrase gives). */
  | 'lock-damaged'
  /** A sealed record does not open with the right key: it was changed or damaged. */
  | 'record-damaged'
  /** Another tab turned the lock on or off, or changed the key, since this tab read it: read it again. */
  | 'lock-changed';

export class LockError extends Error {
  constructor(
    readonly code: LockErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LockError';
  }
}

/** A stored record: clear, or its clear fields with `enc`. */
export type Stored = Record<string, unknown> & { enc?: Uint8Array };
/** A media chunk as stored (./blobs.ts): its bytes in clear, or sealed as bytes while the lock is on. */
export type StoredChunk = { id: string; index: number; data: ArrayBuffer } | { id: string; index: number; enc: Uint8Array };


export const isSealed = (raw: unknown): raw is Stored & { enc: Uint8Array } =>
  typeof raw === 'object' && raw !== null && (raw as { enc?: unknown }).enc instanceof Uint8Array;

/**
 * What identifies a stored record's content for "has it changed since I read it": the IV of its sealed
 * part (new at every seal) with its clear fields, or the whole of a clear record.
 */
export function fingerprint(raw: unknown): string {
  if (raw === undefined) return '-';
  if (isSealed(raw)) {
    const { enc, ...clear } = raw;
    return JSON.stringify(clear) + '|' + Array.from(enc.subarray(0, 1 + IV_BYTES)).join(',');
  }
  return JSON.stringify(raw);
}
