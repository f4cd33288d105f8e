import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { BlobStore, FILE_CHUNK_BYTES, refOf } from '../../src/adapters/storage-idb/blobs';

let n = 0;
const dbName = () => `dala-blobs-${++n}`;
const T = '2026-01-01T10:00:00.000Z';
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const meta = (id: string, item = 'photo', type = 'image/jpeg') => ({ id, studyId: 'field', sessionId: 's1', item, type, name: `${item}-${id.slice(0, 8)}.jpg` });
async function collect(it: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of it) parts.push(p);
  return new Uint8Array(Buffer.concat(parts));
}

describe('the blob store: media bytes kept apart from answers', () => {
  it('a photo is written whole, durably, and read back byte for byte with its SHA-256', async () => {
    const store = await Store.open({ name: dbName() });
    const blobs = new BlobStore(store);
    const photo = new Uint8Array(FILE_CHUNK_BYTES * 2 + 123).map((_, i) => i * 7);
    const rec = await blobs.putBlob(meta('aaaaaaaa-1111'), [photo], T);
    expect(rec).toMatchObject({ state: 'complete', size: photo.length, chunks: 3, sha256: hex(photo) });
    expect(Buffer.from(await collect(blobs.chunks(rec.id))).equals(photo)).toBe(true);
    expect(refOf(rec)).toEqual({ id: rec.id, type: 'image/jpeg', size: photo.length, sha256: hex(photo), name: 'photo-aaaaaaaa.jpg' });
    expect(await blobs.usageByStudy()).toEqual(new Map([['field', photo.length]]));
    store.close();
  });

  it('a recording killed mid-way keeps its whole chunks after relaunch, marked partial, never as complete', async () => {
    const name = dbName();
    let store = await Store.open({ name });
    let blobs = new BlobStore(store);
    await blobs.startRecording(meta('bbbbbbbb-2222', 'story', 'audio/webm'), T);
    const c0 = new Uint8Array([1, 2, 3]);
    const c1 = new Uint8Array([4, 5]);
    await blobs.appendChunk('bbbbbbbb-2222', 0, c0, T);
    await blobs.appendChunk('bbbbbbbb-2222', 1, c1, T);
    await expect(blobs.appendChunk('bbbbbbbb-2222', 3, c1, T)).rejects.toThrow(/out of order/);
    store.close(); // the browser is killed: no finishRecording
    store = await Store.open({ name });
    blobs = new BlobStore(store);
    const recovered = await blobs.recover('2026-01-01T11:00:00.000Z');
    expect(recovered.map((r) => [r.id, r.state, r.size, r.chunks])).toEqual([['bbbbbbbb-2222', 'partial', 5, 2]]);
    expect(recovered[0]!.sha256).toBe(hex(new Uint8Array([1, 2, 3, 4, 5])));
    expect(refOf(recovered[0]!).partial).toBe(true);
    expect(await blobs.recover(T)).toEqual([]);
    store.close();
  });

  it('a finished recording is complete, with the digest of all its chunks', async () => {
    const store = await Store.open({ name: dbName() });
    const blobs = new BlobStore(store);
    await blobs.startRecording(meta('cccccccc-3333', 'story', 'audio/webm'), T);
    await blobs.appendChunk('cccccccc-3333', 0, new Uint8Array([9, 9]), T);
    const done = await blobs.finishRecording('cccccccc-3333', T, 2000);
    expect(done).toMatchObject({ state: 'complete', size: 2, durationMs: 2000, sha256: hex(new Uint8Array([9, 9])) });
    store.close();
  });

  it('an imported blob whose bytes do not match its digest is refused and leaves nothing behind', async () => {
    const store = await Store.open({ name: dbName() });
    const blobs = new BlobStore(store);
    const bytes = new Uint8Array(3 * FILE_CHUNK_BYTES + 5).fill(42);
    const record = { ...meta('dddddddd-4444'), size: bytes.length, chunks: 0, sha256: hex(bytes), state: 'complete' as const, createdAt: T, updatedAt: T };
    async function* pieces(b: Uint8Array) {
      for (let o = 0; o < b.length; o += 100_000) yield b.slice(o, o + 100_000);
    }
    await expect(blobs.importBlob({ ...record, sha256: hex(new Uint8Array([1])) }, pieces(bytes), T)).rejects.toThrow(/damaged/);
    expect(await blobs.get(record.id)).toBeUndefined();
    const raw = await openDB(store.db.name);
    expect(await raw.count('blobChunks')).toBe(0);
    raw.close();
    expect(await blobs.importBlob(record, pieces(bytes), T)).toBe('added');
    expect(Buffer.from(await collect(blobs.chunks(record.id))).equals(bytes)).toBe(true);
    expect(await blobs.importBlob(record, pieces(bytes), T)).toBe('same');
    store.close();
  });
});
