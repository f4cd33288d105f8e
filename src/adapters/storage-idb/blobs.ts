/**
 * The blob store: the bytes of media answers (photos, recordings, files), apart from the answers.
 *
 * Two object stores (./schema.ts, version 5): `blobs` says what each blob is (`BlobRecord`), and
 * `blobChunks` holds its bytes in chunks keyed [id, index]. A blob is read and exported chunk by
 * chunk, so an hour of audio is never in memory at once.
 *
 * Durability contract (the same as answers'):
 * - `putBlob` writes a whole file (a photo, a chosen file, a drawn signature) in one readwrite
 *   transaction with `durability: 'strict'`, and resolves once it completed. The app writes the
 *   answer that refers to it only after that: an answer never points at bytes that are not there.
 * - A recording is written as it is made: `startRecording` (its record, state 'recording'), then
 *   `appendChunk` for each chunk (each in its own strict transaction, the record's `chunks` and
 *   `size` updated in the same transaction), then `finishRecording` (state 'complete', digest set).
 *   A browser killed while recording loses at most the chunk being written.
 * - `recover()` (at start, before anything else reads blobs) turns every record still 'recording'
 *   into 'partial': its bytes are the whole chunks written (chunks after a gap are dropped), its size
 *   and SHA-256 are those of those bytes. No blob is ever left looking complete when it is not.
 *
 * The data lock (docs/storage.md, "Data at rest"): while it is on, a blob's record is sealed like
 * any respondent's record (its item, type, name and digest; the clear fields are the key, the
 * indexes and the counters a recording's next chunk updates), and every chunk's bytes are sealed on
 * their own (AES-GCM under the data key, the chunk's [id, index] as associated data), so a recording
 * is still written and read a chunk at a time and no media byte is on disk in clear. Chunks are
 * sealed before their transaction opens and opened after it ended; every write checks the lock
 * inside its transaction, as the Store's own writes do.
 *
 * State and stores are passed in; nothing opens on import.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { MediaRef } from '../../core/media/ref';
import { atomically, type Store } from './store';
import type { Stored, StoredChunk } from './sealed';

/** 'importing': bytes arriving from a bundle, not yet checked; removed by `recover`, never an answer's. */
export type BlobState = 'recording' | 'complete' | 'partial' | 'importing';

export interface BlobRecord {
  id: string;
  studyId: string;
  sessionId: string;
  /** The item it answers. */
  item: string;
  /** MIME type. */
  type: string;
  /** The stored file name (src/core/media/kinds.ts `storedName`). */
  name: string;
  /** Bytes written so far (all of them once complete). */
  size: number;
  /** Chunks written: indexes 0 .. chunks - 1. */
  chunks: number;
  /** SHA-256 of the bytes, hex; empty while recording. */
  sha256: string;
  state: BlobState;
  createdAt: string;
  updatedAt: string;
  /** A recording's length in ms, when known. */
  durationMs?: number;
  /**
   * An imported file checked whole but not yet part of the data (state 'importing'): the state it
   * takes when its import commits (Store.mergeImport, in the import's own transaction).
   */
  staged?: 'complete' | 'partial';
}

/** A chunk as the app reads it (stored as ./sealed.ts StoredChunk: its bytes sealed while the lock is on). */
export interface BlobChunk {
  id: string;
  index: number;
  data: ArrayBuffer;
}

/** The chunk size of a whole file written at once: 1 MiB (export reads one at a time). */
export const FILE_CHUNK_BYTES = 1024 * 1024;

export type NewBlob = Pick<BlobRecord, 'id' | 'studyId' | 'sessionId' | 'item' | 'type' | 'name'>;

/** The MediaRef an answer holds for a complete or partial blob. */
export function refOf(r: BlobRecord): MediaRef {
  const ref: MediaRef = { id: r.id, type: r.type, size: r.size, sha256: r.sha256, name: r.name };
  if (r.state === 'partial') ref.partial = true;
  if (r.durationMs !== undefined) ref.durationMs = r.durationMs;
  return ref;
}

export class BlobStore {
  private readonly db: Store['db'];

  constructor(private readonly store: Store) {
    this.db = store.db;
  }

  private open(raw: Stored): Promise<BlobRecord> {
    return this.store.fromStored<BlobRecord>('blobs', raw);
  }

  /**
   * Writes a whole file as one blob, durably, and returns its record (state 'complete'). `bytes` may
   * be given in pieces (a stream's chunks); each becomes one or more chunks of at most 1 MiB.
   */
  async putBlob(meta: NewBlob, parts: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, now: string): Promise<BlobRecord> {
    // Digest and split before the transaction: an IndexedDB transaction closes while it awaits other work.
    // Sealed there too (WebCrypto), while the lock is on.
    const hash = sha256.create();
    const chunks: StoredChunk[] = [];
    let size = 0;
    for await (const part of parts) {
      hash.update(part);
      size += part.byteLength;
      for (let o = 0; o < part.byteLength; o += FILE_CHUNK_BYTES) chunks.push(await this.store.toStoredChunk(meta.id, chunks.length, part.slice(o, o + FILE_CHUNK_BYTES)));
    }
    const record: BlobRecord = { ...meta, size, chunks: chunks.length, sha256: bytesToHex(hash.digest()), state: 'complete', createdAt: now, updatedAt: now };
    const stored = await this.store.toStored('blobs', record);
    const tx = this.db.transaction(['blobs', 'blobChunks', 'meta'], 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      await this.store.guard(tx);
      await Promise.all(chunks.map((c) => tx.objectStore('blobChunks').put(c)));
      await tx.objectStore('blobs').put(stored);
    });
    return record;
  }

  /** Starts a recording: its record, durable, in state 'recording' with no bytes. */
  async startRecording(meta: NewBlob, now: string): Promise<BlobRecord> {
    const record: BlobRecord = { ...meta, size: 0, chunks: 0, sha256: '', state: 'recording', createdAt: now, updatedAt: now };
    await this.putRecord(record);
    return record;
  }

  /**
   * Appends chunk `index` of a recording, durably. Chunks must come in order (0, 1, 2, ...): one
   * out of order, or for a blob that is not recording, is refused, so the bytes never have a gap.
   */
  async appendChunk(id: string, index: number, bytes: Uint8Array, now: string): Promise<Pick<BlobRecord, 'id' | 'size' | 'chunks' | 'state'>> {
    const chunk = await this.store.toStoredChunk(id, index, bytes);
    const tx = this.db.transaction(['blobs', 'blobChunks', 'meta'], 'readwrite', { durability: 'strict' });
    return atomically(tx, async () => {
      await this.store.guard(tx);
      // Only clear fields are read and changed: a sealed record's sealed part stays as it is.
      const raw = await tx.objectStore('blobs').get(id);
      if (!raw || raw.state !== 'recording' || raw.chunks !== index) {
        throw new Error(raw ? `chunk ${index} of recording ${id} is out of order (it has ${String(raw.chunks)}, ${String(raw.state)})` : `no recording ${id}`);
      }
      const next = { ...raw, size: (raw.size as number) + bytes.byteLength, chunks: index + 1, updatedAt: now };
      await tx.objectStore('blobChunks').put(chunk);
      await tx.objectStore('blobs').put(next);
      return { id, size: next.size, chunks: next.chunks, state: 'recording' as const };
    });
  }

  /** Ends a recording: its digest over every chunk, state 'complete'. */
  async finishRecording(id: string, now: string, durationMs?: number): Promise<BlobRecord> {
    return this.seal(id, 'complete', now, durationMs);
  }

  /**
   * Recordings left 'recording' by a browser that was killed or closed: each becomes 'partial', with
   * the size and digest of its whole chunks. Returns them, so the app can give each its answer.
   */
  async recover(now: string): Promise<BlobRecord[]> {
    const importing = await this.db.getAllKeysFromIndex('blobs', 'byState', 'importing');
    if (importing.length > 0) await this.remove(importing);
    const open = await this.db.getAllKeysFromIndex('blobs', 'byState', 'recording');
    const out: BlobRecord[] = [];
    for (const id of open) out.push(await this.seal(id, 'partial', now));
    return out;
  }

  private async seal(id: string, state: 'complete' | 'partial', now: string, durationMs?: number): Promise<BlobRecord> {
    // Digest chunk by chunk (read-only transactions), then write the record in its own transaction.
    const record = await this.get(id);
    if (!record) throw new Error(`no blob ${id}`);
    const hash = sha256.create();
    let size = 0;
    let chunks = 0;
    for await (const bytes of this.chunks(id)) {
      hash.update(bytes);
      size += bytes.byteLength;
      chunks++;
    }
    const next: BlobRecord = { ...record, size, chunks, sha256: bytesToHex(hash.digest()), state, updatedAt: now };
    if (durationMs !== undefined) next.durationMs = durationMs;
    const stored = await this.store.toStored('blobs', next);
    const tx = this.db.transaction(['blobs', 'blobChunks', 'meta'], 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      await this.store.guard(tx);
      // Chunks past a gap (never written in order, so never counted) are removed with the seal.
      const extra = await tx.objectStore('blobChunks').index('byBlob').getAllKeys(id);
      for (const k of extra) if (k[1] >= chunks) await tx.objectStore('blobChunks').delete(k);
      await tx.objectStore('blobs').put(stored);
    });
    return next;
  }

  async get(id: string): Promise<BlobRecord | undefined> {
    const raw = await this.db.get('blobs', id);
    return raw && this.open(raw);
  }

  /** The blob's bytes, one chunk at a time, in order, up to the first gap; each chunk read in its own short transaction. */
  async *chunks(id: string): AsyncGenerator<Uint8Array> {
    for (let index = 0; ; index++) {
      const chunk = await this.db.get('blobChunks', [id, index]);
      if (!chunk) return;
      yield await this.store.fromStoredChunk(chunk);
    }
  }

  /** The whole blob as a browser Blob (for playback and viewing), or null when there is none. */
  async blob(id: string): Promise<Blob | null> {
    const record = await this.get(id);
    if (!record) return null;
    const parts: BlobPart[] = [];
    for await (const c of this.chunks(id)) parts.push(c as Uint8Array<ArrayBuffer>);
    return new Blob(parts, { type: record.type });
  }

  async listBySession(sessionId: string): Promise<BlobRecord[]> {
    return Promise.all((await this.db.getAllFromIndex('blobs', 'bySession', sessionId)).map((r) => this.open(r)));
  }

  /** Bytes kept for each study's media. */
  async usageByStudy(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    // Clear fields only: shown while locked too.
    for (const r of await this.db.getAll('blobs')) out.set(r.studyId as string, (out.get(r.studyId as string) ?? 0) + (r.size as number));
    return out;
  }

  /**
   * Writes a blob received in a bundle, as it streams in: `record` (complete or partial, with its
   * digest) and its bytes in pieces. The bytes are written chunk by chunk under state 'importing'
   * (never read as an answer's), checked against the digest and size at the end, and only then
   * sealed with the record's state; on a mismatch or an error, what was written is removed. A blob
   * already here with the same id and digest is left as it is (its bytes are still read and checked).
   * Memory: one chunk (1 MiB) plus the piece being read.
   */
  async importBlob(record: BlobRecord, parts: AsyncIterable<Uint8Array>, now: string, opts: { stage?: boolean } = {}): Promise<'added' | 'same' | 'staged'> {
    const have = await this.get(record.id);
    const hash = sha256.create();
    let size = 0;
    let index = 0;
    const writing = !have;
    if (writing) await this.putRecord({ ...record, state: 'importing', chunks: 0, updatedAt: now });
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = new Uint8Array(pendingBytes);
      let o = 0;
      for (const p of pending) {
        data.set(p, o);
        o += p.byteLength;
      }
      pending = [];
      pendingBytes = 0;
      const chunk = await this.store.toStoredChunk(record.id, index++, data);
      const tx = this.db.transaction(['blobChunks', 'meta'], 'readwrite', { durability: 'relaxed' });
      await atomically(tx, async () => {
        await this.store.guard(tx);
        await tx.objectStore('blobChunks').put(chunk);
      });
    };
    try {
      for await (const part of parts) {
        hash.update(part);
        size += part.byteLength;
        if (!writing) continue;
        for (let o = 0; o < part.byteLength; ) {
          const take = Math.min(FILE_CHUNK_BYTES - pendingBytes, part.byteLength - o);
          pending.push(part.slice(o, o + take));
          pendingBytes += take;
          o += take;
          if (pendingBytes === FILE_CHUNK_BYTES) await flush();
        }
      }
      if (writing) await flush();
      const digest = bytesToHex(hash.digest());
      if (digest !== record.sha256 || size !== record.size) throw new Error(`the bytes of ${record.name} do not match its SHA-256 or size: the file is damaged`);
      if (have) {
        if (have.sha256 === record.sha256 && have.state !== 'recording' && have.state !== 'importing') return 'same';
        throw new Error(`a different file ${record.name} (${record.id}) is already on this device`);
      }
      if (opts.stage) {
        // Checked, kept under 'importing' until the import commits: a file of an import that never
        // commits is removed (`discard`, or `recover` at the next start), never left as an answer's.
        await this.putRecord({ ...record, state: 'importing', staged: record.state === 'partial' ? 'partial' : 'complete', chunks: index, updatedAt: now });
        return 'staged';
      }
      await this.putRecord({ ...record, chunks: index, updatedAt: now });
      return 'added';
    } catch (e) {
      if (writing) await this.remove([record.id]);
      throw e;
    }
  }

  private async putRecord(record: BlobRecord): Promise<void> {
    const stored = await this.store.toStored('blobs', record);
    const tx = this.db.transaction(['blobs', 'meta'], 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      await this.store.guard(tx);
      await tx.objectStore('blobs').put(stored);
    });
  }

  /** Removes blobs and their bytes (the app asks first: nothing is deleted without confirmation). */
  async remove(ids: readonly string[]): Promise<void> {
    const tx = this.db.transaction(['blobs', 'blobChunks', 'meta'], 'readwrite', { durability: 'strict' });
    await atomically(tx, async () => {
      await this.store.guard(tx);
      for (const id of ids) {
        await tx.objectStore('blobs').delete(id);
        await tx.objectStore('blobChunks').delete(IDBKeyRange.bound([id, 0], [id, Infinity]));
      }
    });
  }
}
