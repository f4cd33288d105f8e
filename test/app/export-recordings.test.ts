import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { BlobStore, refOf } from '../../src/adapters/storage-idb/blobs';
import { generateIdentity } from '../../src/adapters/crypto-age/keys';
import { importContainer, mediaRefsOf, openSealed, sealedBundleWithMedia } from '../../src/app/media-bundle';
import { mediaToSend, recordingsOf } from '../../src/app/recording-export';
import type { Instrument } from '../../src/core/instrument/types';

const T = '2026-01-01T10:00:00.000Z';
let n = 0;
async function device() {
  const store = await Store.open({ name: `dala-export-recordings-${++n}` });
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

// A study with a photo question and the interview's recording (a `background-audio` item).
const study = {
  id: 'field',
  studyVersion: '1',
  sections: [{ id: 's', items: [{ name: 'house_photo', type: 'image' }, { name: 'interview_audio', type: 'background-audio' }] }],
} as unknown as Instrument;

/** What the Export screen does (Dala.exportStudy): the container's files through `mediaToSend`. */
async function exportWith(recordings: boolean) {
  const tablet = await device();
  const photo = await tablet.blobs.putBlob({ id: 'p1-photo', studyId: 'field', sessionId: 's1', item: 'house_photo', type: 'image/jpeg', name: 'house_photo-p1.jpg' }, [new Uint8Array([9, 9, 9])], T);
  await tablet.blobs.startRecording({ id: 'r1-interview', studyId: 'field', sessionId: 's1', item: 'interview_audio', type: 'audio/webm', name: 'interview_audio-r1.webm' }, T);
  const audio = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
  await tablet.blobs.appendChunk('r1-interview', 0, audio.subarray(0, 100_000), T);
  await tablet.blobs.appendChunk('r1-interview', 1, audio.subarray(100_000), T);
  const rec = await tablet.blobs.finishRecording('r1-interview', T, 60_000);
  const responses = [{ id: 's1', studyId: 'field', studyVersion: '1', answers: { house_photo: { value: photo.name, at: T, media: refOf(photo) }, interview_audio: { value: rec.name, at: T, media: refOf(rec) } } }];
  const bundleJson = JSON.stringify({ type: 'dala-bundle', version: 2, responses });
  const researcher = await generateIdentity();
  const sent = mediaToSend([study], responses, { recordings });
  const file = await all(sealedBundleWithMedia(bundleJson, sent, tablet.blobs, { recipients: [researcher.recipient] }));
  const laptop = await device();
  const got = await importContainer(openSealed(pieces(file), { identities: [researcher.identity] }), laptop.blobs, T, () => ({ studyId: 'field', sessionId: 's1', item: 'x' }));
  return { responses, audio, file, got, laptop };
}

describe('the interviewer chooses whether the interview recordings travel in the exported bundle', () => {
  it('the Export screen shows how many recordings there are and their size', async () => {
    const { responses } = await exportWith(false);
    const { refs, bytes } = recordingsOf([study], responses);
    expect(refs.map((r) => r.name)).toEqual(['interview_audio-r1.webm']);
    expect(bytes).toBe(200_000);
  });

  it('off (the default): the bundle carries the photo but no recording bytes, and the answer still names the recording', async () => {
    const { got, laptop, file } = await exportWith(false);
    expect(got.files.map((f) => f.ref.name)).toEqual(['house_photo-p1.jpg']);
    expect(await laptop.blobs.get('r1-interview')).toBeUndefined();
    expect(file.length).toBeLessThan(100_000);
    const bundle = JSON.parse(got.bundleJson) as { responses: { answers: Record<string, { media?: { name: string } }> }[] };
    expect(bundle.responses[0]!.answers.interview_audio!.media!.name).toBe('interview_audio-r1.webm');
    expect(mediaRefsOf(bundle.responses as never).map((r) => r.name)).toContain('interview_audio-r1.webm');
  });

  it('on: the recording goes in the container, streamed, and arrives byte for byte', async () => {
    const { got, laptop, audio } = await exportWith(true);
    expect(got.files.map((f) => f.ref.name)).toEqual(['house_photo-p1.jpg', 'interview_audio-r1.webm']);
    expect(await laptop.blobs.get('r1-interview')).toMatchObject({ state: 'complete', size: 200_000, durationMs: 60_000 });
    expect(Buffer.from(await all(laptop.blobs.chunks('r1-interview'))).equals(audio)).toBe(true);
  });
});
