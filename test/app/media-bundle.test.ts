import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { BlobStore, refOf } from '../../src/adapters/storage-idb/blobs';
import { generateIdentity } from '../../src/adapters/crypto-age/keys';
import { importContainer, isContainer, mediaRefsOf, openSealed, sealedBundleWithMedia } from '../../src/app/media-bundle';

const T = '2026-01-01T10:00:00.000Z';
let n = 0;
async function device() {
  const store = await Store.open({ name: `dala-media-bundle-${++n}` });
  return { store, blobs: new BlobStore(store) };
}
async function all(it: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of it) parts.push(p);
  return new Uint8Array(Buffer.concat(parts));
}
async function* pieces(b: Uint8Array, size = 65536) {
  for (let o = 0; o < b.length; o += size) yield b.subarray(o, o + size);
}

describe('a tablet sends its photos and recordings to the researcher, encrypted, in one bundle', () => {
  it('the researcher\'s Dala gets every file byte for byte, and the bundle as it was', async () => {
    const tablet = await device();
    const photo = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
    const rec = await tablet.blobs.putBlob({ id: 'a1b2c3d4-photo', studyId: 'field', sessionId: 's1', item: 'house_photo', type: 'image/jpeg', name: 'house_photo-a1b2c3d4.jpg' }, [photo], T);
    await tablet.blobs.startRecording({ id: 'e5f6a7b8-story', studyId: 'field', sessionId: 's1', item: 'story', type: 'audio/webm', name: 'story-e5f6a7b8.webm' }, T);
    await tablet.blobs.appendChunk('e5f6a7b8-story', 0, new Uint8Array([1, 2, 3]), T);
    const story = await tablet.blobs.finishRecording('e5f6a7b8-story', T, 3000);
    const responses = [{ answers: { house_photo: { value: rec.name, at: T, media: refOf(rec) }, story: { value: story.name, at: T, media: refOf(story) }, hh: { value: 'x', at: T } } }];
    expect(mediaRefsOf(responses).map((r) => r.name)).toEqual(['house_photo-a1b2c3d4.jpg', 'story-e5f6a7b8.webm']);
    const bundleJson = JSON.stringify({ type: 'dala-bundle', version: 2, responses });
    const researcher = await generateIdentity();
    const file = await all(sealedBundleWithMedia(bundleJson, responses, tablet.blobs, { recipients: [researcher.recipient] }));

    const laptop = await device();
    const plain = openSealed(pieces(file), { identities: [researcher.identity] }, 'tablet.dala.age');
    const got = await importContainer(plain, laptop.blobs, T, () => ({ studyId: 'field', sessionId: 's1', item: 'x' }));
    expect(got.bundleJson).toBe(bundleJson);
    expect(got.files.map((f) => [f.ref.name, f.outcome])).toEqual([
      ['house_photo-a1b2c3d4.jpg', 'added'],
      ['story-e5f6a7b8.webm', 'added'],
    ]);
    expect(Buffer.from(await all(laptop.blobs.chunks('a1b2c3d4-photo'))).equals(photo)).toBe(true);
    expect(await laptop.blobs.get('e5f6a7b8-story')).toMatchObject({ state: 'complete', durationMs: 3000, size: 3 });
    // Imported again: nothing changes.
    const again = await importContainer(openSealed(pieces(file), { identities: [researcher.identity] }), laptop.blobs, T, () => ({ studyId: 'field', sessionId: 's1', item: 'x' }));
    expect(again.files.map((f) => f.outcome)).toEqual(['same', 'same']);
    // A wrong key is a wrong key, not a damaged file.
    const other = await generateIdentity();
    await expect(all(openSealed(pieces(file), { identities: [other.identity] }))).rejects.toMatchObject({ code: 'decrypt-key' });
    const head = (await all(openSealed(pieces(file), { identities: [researcher.identity] }))).subarray(0, 32);
    expect(isContainer(head)).toBe(true);
    tablet.store.close();
    laptop.store.close();
  });
});
