/**
 * Bundles with media (docs/bundle-format.md, "Bundles with media"): a study's bundle and the files
 * its answers refer to, as one container stream (src/core/media/container.ts), encrypted with age
 * as a stream (src/adapters/crypto-age/stream.ts). Nothing here holds a whole file: each blob is
 * read from IndexedDB chunk by chunk on export, and written chunk by chunk (checked) on import.
 *
 * A bundle whose answers refer to no file is written as before (a plain bundle's JSON in age), so
 * every Dala reads it; a container is written only when there are files.
 */
import type { Bundle, BundleResponse } from '../core/bundle/types';
import { instrumentLookup, restoreBundleText, studyKey, type RestoredBundle } from '../core/bundle/parse';
import { DalaError } from '../core/errors';
import type { Instrument } from '../core/instrument/types';
import { allItems } from '../core/instrument/types';
import { isContainer, readContainer, writeContainer, type ContainerBlob } from '../core/media/container';
import { formatBytes, maxBytesOf } from '../core/media/kinds';
import { parseAnswerKey } from '../core/responses/answer-key';
import type { MediaRef } from '../core/media/ref';
import type { BlobRecord, BlobStore } from '../adapters/storage-idb/blobs';
import { decryptStream, encryptStream, fromStream } from '../adapters/crypto-age/stream';
import { isAgeFile, type DecryptKeys, type EncryptTo } from '../adapters/crypto-age/crypto';

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
      const outcome = await blobs.importBlob(record, bytes, now);
      files.push({ ref, outcome: outcome === 'same' ? 'same' : 'added' });
    },
  });
  return { bundleJson, files };
}

/** An encrypted container opened as a stream: decrypted pieces. */
export function openSealed(file: AsyncIterable<Uint8Array>, keys: DecryptKeys, name?: string): AsyncGenerator<Uint8Array> {
  return decryptStream(file, keys, name ? { file: name } : {});
}

export { isContainer };

/** A picked file read as pieces (its own stream: never the whole file in memory at once). */
export function piecesOf(file: Blob): AsyncGenerator<Uint8Array> {
  return fromStream(file.stream() as ReadableStream<Uint8Array>);
}

/** A bundle with media as the app writes it: the file's pieces gathered into a Blob a few MB at a time (the browser keeps large blobs out of the tab's memory). */
export async function blobOf(pieces: AsyncIterable<Uint8Array>, type = 'application/octet-stream'): Promise<Blob> {
  const parts: Blob[] = [];
  let batch: Uint8Array[] = [];
  let size = 0;
  for await (const p of pieces) {
    batch.push(p);
    size += p.byteLength;
    if (size >= 4 * 1024 * 1024) {
      parts.push(new Blob(batch as Uint8Array<ArrayBuffer>[]));
      batch = [];
      size = 0;
    }
  }
  parts.push(new Blob(batch as Uint8Array<ArrayBuffer>[]));
  return new Blob(parts, { type });
}

/** A picked file opened as a bundle with media: the bundle as read, and the media files staged for its import. */
export interface OpenedMediaBundle {
  restored: RestoredBundle;
  /** Blob ids written and checked, waiting for the import's commit (BlobStore.importBlob, stage). */
  staged: string[];
}

/**
 * Opens a picked file that is a bundle with media (an age file whose plaintext is a container, or a
 * container as it is): the file is decrypted as a stream, the bundle's JSON read (with its signature,
 * as any bundle), and each media file written to the blob store as it streams in, checked against its
 * size and SHA-256 and against the size limit of the question it answers, and staged: it becomes the
 * answer's file only when the import commits. Returns null for any other file (the caller reads it as
 * before). All or nothing: a damaged, cut or over-limit file throws DalaError naming the bundle and
 * the media file, and whatever it staged is removed first.
 */
export async function openMediaBundle(name: string, file: Blob, keys: DecryptKeys, instruments: readonly Instrument[], blobs: BlobStore, now: string): Promise<OpenedMediaBundle | null> {
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  } catch {
    return null; // not readable (changed or moved after it was chosen): the usual reading says so
  }
  let plain: AsyncIterable<Uint8Array>;
  if (isContainer(head)) plain = piecesOf(file);
  else if (isAgeFile(head) && head[0] === 0x61 /* binary age, not armored */) {
    const gen = decryptStream(piecesOf(file), keys, { file: name });
    const peeked: Uint8Array[] = [];
    let got = 0;
    try {
      while (got < 17) {
        const r = await gen.next();
        if (r.done) break;
        peeked.push(r.value);
        got += r.value.byteLength;
      }
    } catch {
      // Not opened (wrong key, damaged, too large to read whole): the usual reading says why.
      return null;
    }
    const first = new Uint8Array(got);
    let o = 0;
    for (const p of peeked) {
      first.set(p, o);
      o += p.byteLength;
    }
    if (!isContainer(first)) {
      await gen.return(undefined);
      return null;
    }
    plain = (async function* () {
      yield first;
      yield* gen;
    })();
  } else return null;

  const staged: string[] = [];
  let restored: RestoredBundle | null = null;
  /** The media file being read (an error then is about it). */
  let current: string | null = null;
  // Media id -> where it answers, from the bundle's responses (read before any file: the bundle comes first).
  const where = new Map<string, { response: BundleResponse; item: string; limit: number; label: string }>();
  try {
    await readContainer(plain, {
      bundle: (json) => {
        restored = restoreBundleText(json, { file: name, instruments: instrumentLookup([...instruments]) });
        const known = instrumentsOf(restored.bundle, instruments);
        for (const r of restored.bundle.responses) {
          const ins = known.get(studyKey(r.studyId, r.studyVersion));
          for (const [item, a] of Object.entries(r.answers)) {
            if (!a.media) continue;
            // An answer inside a repeat instance (member[x]/photo) answers the item its key ends with.
            const base = parseAnswerKey(item)?.item ?? item;
            const it = ins && allItems(ins).find((x) => x.item.name === base)?.item;
            where.set(a.media.id, { response: r, item, limit: ins && it ? maxBytesOf(ins, it) : Number.POSITIVE_INFINITY, label: item });
          }
        }
      },
      blob: async (ref, bytes) => {
        current = ref.name;
        const w = where.get(ref.id);
        if (!w) {
          for await (const _ of bytes); // a file no answer refers to: read (checked) and left out
          return;
        }
        if (ref.size > w.limit) throw new DalaError('media', `the media file ${ref.name} is ${formatBytes(ref.size)}; question ${w.label} takes files of at most ${formatBytes(w.limit)}`);
        const record: BlobRecord = { id: ref.id, studyId: w.response.studyId, sessionId: w.response.id, item: w.item, type: ref.type, name: ref.name, size: ref.size, sha256: ref.sha256, chunks: 0, state: ref.partial ? 'partial' : 'complete', createdAt: now, updatedAt: now, ...(ref.durationMs !== undefined ? { durationMs: ref.durationMs } : {}) };
        const outcome = await blobs.importBlob(record, bytes, now, { stage: true });
        if (outcome === 'staged') staged.push(ref.id);
        current = null;
      },
    });
  } catch (e) {
    if (staged.length > 0) await blobs.remove(staged).catch(() => {});
    let message = e instanceof Error ? e.message : String(e);
    const wrongKey = e instanceof DalaError && (e.code === 'decrypt-key' || e.code === 'decrypt-passphrase' || e.code === 'work-factor');
    if (current !== null && !message.includes(current)) message = `the media file ${current}: ${message}`;
    const code = current !== null && !wrongKey ? 'media' : e instanceof DalaError ? e.code : 'unreadable';
    throw new DalaError(code, `${message.startsWith(name) ? message : `${name}: ${message}`}: nothing of this file was imported`);
  }
  if (!restored) throw new DalaError('bundle-format', `${name}: the container holds no bundle`);
  return { restored, staged };
}

/** The instruments a bundle's responses are read against: the device's, else the copy the bundle carries. */
function instrumentsOf(bundle: Bundle, instruments: readonly Instrument[]): Map<string, Instrument> {
  const out = new Map<string, Instrument>();
  for (const s of bundle.studies) if (s.instrument) out.set(studyKey(s.id, s.studyVersion), s.instrument);
  for (const i of instruments) out.set(studyKey(i.id, i.studyVersion), i);
  return out;
}
