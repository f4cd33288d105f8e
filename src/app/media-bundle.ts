/**
 * Bundles with media (docs/bundle-format.md, "Bundles with media"): a study's bundle and the files
 * its answers refer to, as one container stream (src/core/media/container.ts), encrypted with age
 * as a stream (src/adapters/crypto-age/stream.ts). Nothing here holds a whole file: each blob is
 * read from IndexedDB chunk by chunk on export, and written chunk by chunk (checked) on import.
 *
 * A bundle whose answers refer to no file is written as before (a plain bundle's JSON in age), so
 * every Dala reads it; a container is written only when there are files.
 */
import type { BundleResponse } from '../core/bundle/types';
import { isContainer, readContainer, writeContainer, type ContainerBlob } from '../core/media/container';
import type { MediaRef } from '../core/media/ref';
import type { BlobRecord, BlobStore } from '../adapters/storage-idb/blobs';
import { decryptStream, encryptStream } from '../adapters/crypto-age/stream';
import type { DecryptKeys, EncryptTo } from '../adapters/crypto-age/crypto';

/** Every file the responses' answers refer to, once each, in the order of the responses. */
export function mediaRefsOf(responses: readonly Pick<BundleResponse, 'answers'>[]): MediaRef[] {
  const seen = new Map<string, MediaRef>();
  for (const r of responses) for (const name in r.answers) {
    const m = r.answers[name]!.media;
    if (m && !seen.has(m.id)) seen.set(m.id, m);
  }
  return [...seen.values()];
}

/**
 * The container of a bundle and its files, as plaintext pieces. A file the device does not have
 * (the answer came from another device's bundle without its media) is left out; its answer keeps
 * its reference, and the reader reports the file as missing.
 */
export async function* bundleWithMedia(bundleJson: string, responses: readonly Pick<BundleResponse, 'answers'>[], blobs: BlobStore): AsyncGenerator<Uint8Array> {
  const refs = mediaRefsOf(responses);
  async function* present(): AsyncGenerator<ContainerBlob> {
    for (const ref of refs) {
      const rec = await blobs.get(ref.id);
      if (!rec || rec.state === 'recording' || rec.state === 'importing' || rec.sha256 !== ref.sha256) continue;
      yield { ref, bytes: () => blobs.chunks(ref.id) };
    }
  }
  yield* writeContainer(bundleJson, present());
}

/** The container, encrypted with age to `to`, as pieces of the file. */
export function sealedBundleWithMedia(bundleJson: string, responses: readonly Pick<BundleResponse, 'answers'>[], blobs: BlobStore, to: EncryptTo): AsyncGenerator<Uint8Array> {
  return encryptStream(bundleWithMedia(bundleJson, responses, blobs), to);
}

/**
 * Reads a container (decrypted already): each file is written to the blob store as it streams in
 * (checked against its SHA-256; a damaged one is removed and the import fails with the reason), and
 * the bundle's JSON is returned for the usual import (prepare, report, commit). Files are written
 * before the responses that refer to them, so a committed answer never points at a missing file.
 */
export async function importContainer(plain: AsyncIterable<Uint8Array>, blobs: BlobStore, now: string, studyOf: (ref: MediaRef) => { studyId: string; sessionId: string; item: string }): Promise<{ bundleJson: string; files: { ref: MediaRef; outcome: 'added' | 'same' }[] }> {
  let bundleJson = '';
  const files: { ref: MediaRef; outcome: 'added' | 'same' }[] = [];
  await readContainer(plain, {
    bundle: (json) => void (bundleJson = json),
    blob: async (ref, bytes) => {
      const where = studyOf(ref);
      const record: BlobRecord = { id: ref.id, type: ref.type, name: ref.name, size: ref.size, sha256: ref.sha256, chunks: 0, state: ref.partial ? 'partial' : 'complete', createdAt: now, updatedAt: now, ...where, ...(ref.durationMs !== undefined ? { durationMs: ref.durationMs } : {}) };
      files.push({ ref, outcome: await blobs.importBlob(record, bytes, now) });
    },
  });
  return { bundleJson, files };
}

/** An encrypted container opened as a stream: decrypted pieces. */
export function openSealed(file: AsyncIterable<Uint8Array>, keys: DecryptKeys, name?: string): AsyncGenerator<Uint8Array> {
  return decryptStream(file, keys, name ? { file: name } : {});
}

export { isContainer };
