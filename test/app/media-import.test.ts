/**
 * The researcher imports a tablet's bundle with media, as the Import screen does (Dala.prepareImport
 * and commitImport over these functions): the bundle is read as a stream, signed as any bundle, its
 * photos and recordings written and checked as they arrive and staged, and they become the answers'
 * files only in the import's own transaction. All or nothing: a damaged file, or a media file over its
 * question's limit, is refused with a message naming it and leaves nothing behind.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { BlobStore } from '../../src/adapters/storage-idb/blobs';
import { generateIdentity } from '../../src/adapters/crypto-age/keys';
import { blobOf, openMediaBundle, sealedBundleWithMedia } from '../../src/app/media-bundle';
import { commitImport, prepareImport, studyBundle, type ImportTrust, type OpenedFile } from '../../src/app/transfer';
import type { StudyRecord } from '../../src/app/model';
import { bundleToJson } from '../../src/core/bundle/index';
import { parseInstrument } from '../../src/core/instrument/parse';
import type { Instrument } from '../../src/core/instrument/types';
import { newDeviceKey } from '../../src/core/trust/keys';
import { signBundleDocument } from '../../src/core/trust/bundle';

const parsed = parseInstrument(JSON.parse(readFileSync(join(__dirname, '../fixtures/instruments/media-study.json'), 'utf8')));
if (!parsed.ok) throw new Error('media-study.json does not parse');
const form: Instrument = parsed.instrument;
const study = (instrument: Instrument = form): StudyRecord => ({ id: instrument.id, studyVersion: instrument.studyVersion, instrument, addedAt: '2026-01-01T00:00:00Z', source: 'xlsform' });
const T = '2026-01-02T10:00:00.000Z';
const TABLET = 'b0000000-0000-4000-8000-00000000000b';
const SESSION = 'c0000000-0000-4000-8000-00000000000c';
const tabletKey = newDeviceKey(new Uint8Array(32).fill(7));
const researcherKey = await generateIdentity();
const photoBytes = new Uint8Array(200_000).map((_, i) => (i * 31) & 0xff);
const storyBytes = new Uint8Array([5, 6, 7, 8, 9]);

let n = 0;
async function device(name: string, instrument: Instrument = form) {
  const store = await Store.open({ name: `dala-media-import-${name}-${++n}` });
  store.thisDevice = name;
  await store.putStudy(study(instrument));
  return { store, blobs: new BlobStore(store) };
}

/** A tablet's day: a session with a photo and a recording; its bundle with media, signed and encrypted to the researcher. */
async function tabletFile(): Promise<Blob> {
  const tablet = await device('tablet');
  const photo = await tablet.blobs.putBlob({ id: 'a1b2c3d4-0000-4000-8000-000000000001', studyId: form.id, sessionId: SESSION, item: 'house_photo', type: 'image/png', name: 'house_photo-a1b2c3d4.png' }, [photoBytes], T);
  await tablet.blobs.startRecording({ id: 'e5f6a7b8-0000-4000-8000-000000000002', studyId: form.id, sessionId: SESSION, item: 'story', type: 'audio/webm', name: 'story-e5f6a7b8.webm' }, T);
  await tablet.blobs.appendChunk('e5f6a7b8-0000-4000-8000-000000000002', 0, storyBytes, T);
  const story = await tablet.blobs.finishRecording('e5f6a7b8-0000-4000-8000-000000000002', T, 3000);
  const { refOf } = await import('../../src/adapters/storage-idb/blobs');
  await tablet.store.createSession(
    { id: SESSION, studyId: form.id, studyVersion: form.studyVersion, respondentCode: 'HH-001', interviewer: 'AK', status: 'complete', lang: 'en', createdAt: T, updatedAt: T, completedAt: T, consent: { agreed: true, by: 'AK', at: T, version: '1', lang: 'en' }, deviceId: TABLET, seq: 0 },
    [
      { item: 'hh_name', value: 'Nurlan', at: T },
      { item: 'house_photo', value: photo.name, media: refOf(photo), at: T },
      { item: 'story', value: story.name, media: refOf(story), at: T },
    ],
  );
  const { bundle } = await studyBundle(tablet.store, study(), { bundleId: 'd0000000-0000-4000-8000-00000000000d', createdAt: T, device: { id: TABLET, label: 'Tablet B' }, appVersion: 'test' });
  const json = bundleToJson(signBundleDocument(bundle, tabletKey));
  const file = await blobOf(sealedBundleWithMedia(json, bundle.responses, tablet.blobs, { recipients: [researcherKey.recipient] }));
  tablet.store.close();
  return file;
}

const trust = (instrument: Instrument = form): ImportTrust => ({ studies: [study(instrument)], pinned: {}, researcherKeys: new Set(), devices: new Map(), accept: new Map([[TABLET, tabletKey.publicKey]]) });

async function bytesOf(blobs: BlobStore, id: string): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of blobs.chunks(id)) parts.push(p);
  return Buffer.concat(parts);
}

describe('the researcher imports a tablet\'s bundle with photos and recordings', () => {
  it('reads it as a stream, signed; the files are staged until the import commits, then are the answers\' files byte for byte', async () => {
    const file = await tabletFile();
    const laptop = await device('laptop');
    const opened = await openMediaBundle('tablet-b.dala.age', file, { identities: [researcherKey.identity] }, [form], laptop.blobs, T);
    expect(opened).not.toBeNull();
    expect(opened!.restored.signature).toMatchObject({ status: 'signed' });
    expect(opened!.staged.sort()).toEqual(['a1b2c3d4-0000-4000-8000-000000000001', 'e5f6a7b8-0000-4000-8000-000000000002']);
    // Staged: checked and written, not yet anyone's file.
    expect((await laptop.blobs.get('a1b2c3d4-0000-4000-8000-000000000001'))!.state).toBe('importing');
    expect(await laptop.store.listSessions()).toEqual([]);

    const f: OpenedFile = { file: 'tablet-b.dala.age', bundle: opened!.restored.bundle, setAside: opened!.restored.setAside, signature: opened!.restored.signature, media: opened!.staged };
    const prepared = await prepareImport(laptop.store, [f], { id: 'i1', at: T }, trust());
    expect(prepared.reports[0]!.counts.new).toBe(1);
    await commitImport(laptop.store, prepared, { id: 'laptop' });
    expect(await laptop.blobs.get('a1b2c3d4-0000-4000-8000-000000000001')).toMatchObject({ state: 'complete', sessionId: SESSION, item: 'house_photo' });
    expect(await laptop.blobs.get('e5f6a7b8-0000-4000-8000-000000000002')).toMatchObject({ state: 'complete', durationMs: 3000 });
    expect((await bytesOf(laptop.blobs, 'a1b2c3d4-0000-4000-8000-000000000001')).equals(Buffer.from(photoBytes))).toBe(true);
    expect((await bytesOf(laptop.blobs, 'e5f6a7b8-0000-4000-8000-000000000002')).equals(Buffer.from(storyBytes))).toBe(true);
    const answers = await laptop.store.getAnswers(SESSION);
    expect(answers.find((a) => a.item === 'house_photo')!.media).toMatchObject({ id: 'a1b2c3d4-0000-4000-8000-000000000001', size: photoBytes.length });
    laptop.store.close();
  });

  it('a photo over its question\'s limit on the researcher\'s study is refused, named, and nothing of the file is kept', async () => {
    const file = await tabletFile();
    const strict: Instrument = { ...form, sections: form.sections.map((s) => ({ ...s, items: s.items.map((i) => (i.name === 'house_photo' ? { ...i, maxBytes: 100_000 } : i)) })) };
    const laptop = await device('laptop', strict);
    const err = await openMediaBundle('tablet-b.dala.age', file, { identities: [researcherKey.identity] }, [strict], laptop.blobs, T).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'media' });
    expect((err as Error).message).toBe('tablet-b.dala.age: the media file house_photo-a1b2c3d4.png is 195.3 KB; question house_photo takes files of at most 97.7 KB: nothing of this file was imported');
    expect(await laptop.store.db.count('blobs')).toBe(0);
    expect(await laptop.store.db.count('blobChunks')).toBe(0);
    laptop.store.close();
  });

  it('a file damaged in its media part is refused with the media file named; nothing is kept', async () => {
    const file = new Uint8Array(await (await tabletFile()).arrayBuffer());
    // A byte in the middle of the photo's encrypted bytes (after the header and the bundle's JSON).
    file[Math.floor(file.length * 0.6)]! ^= 0xff;
    const laptop = await device('laptop');
    const err = await openMediaBundle('tablet-b.dala.age', new Blob([file]), { identities: [researcherKey.identity] }, [form], laptop.blobs, T).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'media' });
    expect((err as Error).message).toMatch(/^tablet-b\.dala\.age: the media file house_photo-a1b2c3d4\.png: .*nothing of this file was imported$/);
    expect(await laptop.store.db.count('blobs')).toBe(0);
    expect(await laptop.store.db.count('blobChunks')).toBe(0);
    laptop.store.close();
  });

  it('an import read but not committed keeps nothing once discarded; a plain bundle is left to the usual reader', async () => {
    const file = await tabletFile();
    const laptop = await device('laptop');
    const opened = await openMediaBundle('tablet-b.dala.age', file, { identities: [researcherKey.identity] }, [form], laptop.blobs, T);
    await laptop.blobs.remove(opened!.staged);
    expect(await laptop.store.db.count('blobChunks')).toBe(0);
    expect(await openMediaBundle('plain.json', new Blob(['{"type":"dala-bundle"}']), {}, [form], laptop.blobs, T)).toBeNull();
    laptop.store.close();
  });
});
