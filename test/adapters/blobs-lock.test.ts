/**
 * Media under the data lock, and the device that upgrades to the blob store: a photo's and a
 * recording's bytes are sealed chunk by chunk (no media byte in clear while the lock is on), read
 * back whole, sealed and opened in place when the lock is turned on and off; a tablet left at
 * schema version 3 or 4 upgrades to 5 with everything it held.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { BlobStore, FILE_CHUNK_BYTES } from '../../src/adapters/storage-idb/blobs';
import { createLock, openLock, type KdfParams } from '../../src/adapters/storage-idb/key-wrap';
import { turnLockOff, turnLockOn } from '../../src/adapters/storage-idb/lock-transitions';
import { DB_VERSION, migrations, type DalaDB } from '../../src/adapters/storage-idb/schema';

const FAST: KdfParams = { name: 'scrypt', logN: 10, r: 8, p: 1 };
const T = '2026-01-01T10:00:00.000Z';
let n = 0;
const dbName = () => `dala-blobs-lock-${++n}`;

/** Bytes that must never be found in a sealed store: a photo's, a recording's. */
const PHOTO_MARK = new TextEncoder().encode('PHOTO-MARK-QX81');
const AUDIO_MARK = new TextEncoder().encode('AUDIO-MARK-ZK42');

/** A photo of two chunks and a bit, with the marker in each chunk. */
function photo(): Uint8Array {
  const b = new Uint8Array(FILE_CHUNK_BYTES * 2 + 99).map((_, i) => (i * 13) & 0xff);
  for (const at of [10, FILE_CHUNK_BYTES + 10, FILE_CHUNK_BYTES * 2 + 10]) b.set(PHOTO_MARK, at);
  return b;
}
const piece = (i: number) => new Uint8Array([...AUDIO_MARK, i, i, i]);

/** Every byte and text of every stored record, as one buffer per record. */
async function storedBytes(store: Store): Promise<Buffer[]> {
  const out: Buffer[] = [];
  const walk = (v: unknown): void => {
    if (v instanceof Uint8Array) out.push(Buffer.from(v));
    else if (v instanceof ArrayBuffer) out.push(Buffer.from(new Uint8Array(v)));
    else if (typeof v === 'string') out.push(Buffer.from(v));
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  for (const name of store.db.objectStoreNames) for (const v of await store.db.getAll(name)) walk(v);
  return out;
}
const holds = (parts: Buffer[], mark: Uint8Array) => parts.some((p) => p.includes(Buffer.from(mark)));

async function all(it: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of it) parts.push(p);
  return Buffer.concat(parts);
}

/** A photo and a recording of two chunks, as the runner stores them. */
async function mediaOf(blobs: BlobStore): Promise<void> {
  await blobs.putBlob({ id: 'aaaaaaaa-photo', studyId: 'field', sessionId: 's1', item: 'house', type: 'image/png', name: 'house-aaaaaaaa.png' }, [photo()], T);
  await blobs.startRecording({ id: 'bbbbbbbb-story', studyId: 'field', sessionId: 's1', item: 'story', type: 'audio/webm', name: 'story-bbbbbbbb.webm' }, T);
  await blobs.appendChunk('bbbbbbbb-story', 0, piece(0), T);
  await blobs.appendChunk('bbbbbbbb-story', 1, piece(1), T);
}

describe('media under the data lock', () => {
  it('with the lock on, neither a photo\'s nor a recording\'s bytes nor its file name are stored in clear; the app reads them back whole', async () => {
    const store = await Store.open({ name: dbName() });
    const { record, key } = await createLock('correct horse', T, FAST);
    await turnLockOn(store, record, key);
    const blobs = new BlobStore(store);
    await mediaOf(blobs);
    let stored = await storedBytes(store);
    expect(holds(stored, PHOTO_MARK)).toBe(false);
    expect(holds(stored, AUDIO_MARK)).toBe(false);
    expect(holds(stored, new TextEncoder().encode('house-aaaaaaaa.png'))).toBe(false);
    // What indexes and a recording's next chunk need stays in clear; the rest is sealed.
    const raw = await store.db.get('blobs', 'bbbbbbbb-story');
    expect(Object.keys(raw!).sort()).toEqual(['chunks', 'createdAt', 'enc', 'id', 'sessionId', 'size', 'state', 'studyId', 'updatedAt']);
    expect(Object.keys((await store.db.get('blobChunks', ['aaaaaaaa-photo', 0]))!).sort()).toEqual(['enc', 'id', 'index']);

    expect((await all(blobs.chunks('aaaaaaaa-photo'))).equals(Buffer.from(photo()))).toBe(true);
    const done = await blobs.finishRecording('bbbbbbbb-story', T, 6000);
    expect(done).toMatchObject({ state: 'complete', size: 2 * piece(0).length, chunks: 2, item: 'story', durationMs: 6000 });
    expect((await all(blobs.chunks('bbbbbbbb-story'))).equals(Buffer.concat([piece(0), piece(1)]))).toBe(true);
    expect(await blobs.usageByStudy()).toEqual(new Map([['field', photo().length + 2 * piece(0).length]]));
    stored = await storedBytes(store);
    expect(holds(stored, AUDIO_MARK)).toBe(false);
    store.close();
  });

  it('a tab without the key reads no media and writes none; a recording killed under the lock is recovered once unlocked', async () => {
    const name = dbName();
    const first = await Store.open({ name });
    const { record, key } = await createLock('correct horse', T, FAST);
    await turnLockOn(first, record, key);
    await mediaOf(new BlobStore(first));
    first.close(); // killed mid-recording

    const other = await Store.open({ name });
    expect(other.locked).toBe(true);
    const locked = new BlobStore(other);
    await expect(all(locked.chunks('aaaaaaaa-photo'))).rejects.toMatchObject({ code: 'locked' });
    await expect(locked.appendChunk('bbbbbbbb-story', 2, piece(2), T)).rejects.toMatchObject({ code: 'locked' });
    await expect(locked.recover(T)).rejects.toMatchObject({ code: 'locked' });
    await other.setKey(await openLock('correct horse', other.lockRecord()), record.id);
    const recovered = await locked.recover(T);
    expect(recovered.map((r) => [r.id, r.item, r.state, r.chunks])).toEqual([['bbbbbbbb-story', 'story', 'partial', 2]]);
    expect((await all(locked.chunks('bbbbbbbb-story'))).equals(Buffer.concat([piece(0), piece(1)]))).toBe(true);
    other.close();
  });

  it('turning the lock on seals the media already on the device, chunk by chunk, and turning it off opens them, unchanged', async () => {
    const store = await Store.open({ name: dbName() });
    const blobs = new BlobStore(store);
    await mediaOf(blobs);
    await blobs.finishRecording('bbbbbbbb-story', T);
    expect(holds(await storedBytes(store), PHOTO_MARK)).toBe(true);
    const before = [await blobs.get('aaaaaaaa-photo'), await blobs.get('bbbbbbbb-story')];

    const { record, key } = await createLock('correct horse', T, FAST);
    await turnLockOn(store, record, key);
    const stored = await storedBytes(store);
    expect(holds(stored, PHOTO_MARK)).toBe(false);
    expect(holds(stored, AUDIO_MARK)).toBe(false);
    expect([await blobs.get('aaaaaaaa-photo'), await blobs.get('bbbbbbbb-story')]).toEqual(before);
    expect((await all(blobs.chunks('aaaaaaaa-photo'))).equals(Buffer.from(photo()))).toBe(true);

    await turnLockOff(store, T);
    expect(holds(await storedBytes(store), PHOTO_MARK)).toBe(true);
    expect((await store.db.get('blobChunks', ['aaaaaaaa-photo', 2]))).toHaveProperty('data');
    expect((await all(blobs.chunks('bbbbbbbb-story'))).equals(Buffer.concat([piece(0), piece(1)]))).toBe(true);
    store.close();
  });
});

describe('a tablet on an older schema gets the app with media', () => {
  it.each([3, 4])('from version %i: it upgrades to the blob store, keeps what it held, and stores media', async (from) => {
    const name = dbName();
    const old = await openDB<DalaDB>(name, from, {
      upgrade(db, oldVersion, _newVersion, tx) {
        for (let v = oldVersion; v < from; v++) migrations[v]!(db, tx);
      },
    });
    await old.put('sessions', { id: 's1', studyId: 'field', studyVersion: '1', createdAt: T, updatedAt: T, deviceId: 'd', seq: 1 } as never);
    await old.put('answers', { sessionId: 's1', item: 'q', value: 'kept', at: T, seq: 1 } as never);
    old.close();

    const store = await Store.open({ name });
    expect(store.db.version).toBe(DB_VERSION);
    expect([...store.db.objectStoreNames].sort()).toEqual(['answers', 'blobChunks', 'blobs', 'coding', 'conflicts', 'exports', 'imports', 'meta', 'paradata', 'receipts', 'sessions', 'setAside', 'studies']);
    expect((await store.getAnswers('s1')).map((a) => a.value)).toEqual(['kept']);
    const blobs = new BlobStore(store);
    await blobs.putBlob({ id: 'cccccccc-sign', studyId: 'field', sessionId: 's1', item: 'sign', type: 'image/png', name: 'sign-cccccccc.png' }, [new Uint8Array([1, 2, 3])], T);
    expect((await all(blobs.chunks('cccccccc-sign'))).equals(Buffer.from([1, 2, 3]))).toBe(true);
    store.close();
  });
});
