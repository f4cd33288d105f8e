/**
 * A reference to a blob: what a media answer holds (`Answer.media`) instead of the bytes. The bytes
 * live in the device's blob store (src/adapters/storage-idb/blobs.ts) and travel in a bundle's
 * stream container (./container.ts) as an entry named by `id`.
 */

export interface MediaRef {
  /** The blob's id (a UUID), unique on every device. */
  id: string;
  /** MIME type as recorded ("image/jpeg", "audio/webm;codecs=opus"). */
  type: string;
  /** Bytes. */
  size: number;
  /** SHA-256 of the bytes, lower-case hex: an import checks it, so a damaged file is never taken for the answer. */
  sha256: string;
  /** The stored file name (`storedName`): what CSV shows and `dala csv` writes. */
  name: string;
  /** A recording that was cut short (the browser was killed): kept up to its last whole chunk. */
  partial?: true;
  /** A recording's length in milliseconds, when known. */
  durationMs?: number;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
export const BLOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{7,63}$/;
/** A stored name: no path, no control character, no leading dot. */
export const STORED_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$/;

/** A MediaRef read from anywhere, with only its known fields (undefined ones left out). */
export function cleanRef(r: MediaRef): MediaRef {
  const out: MediaRef = { id: r.id, type: r.type, size: r.size, sha256: r.sha256, name: r.name };
  if (r.partial) out.partial = true;
  if (r.durationMs !== undefined) out.durationMs = r.durationMs;
  return out;
}
