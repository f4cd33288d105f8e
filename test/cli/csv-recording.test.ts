import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import csv from '../../src/cli/csv';
import { bundleFromSessions } from '../../src/core/bundle/from-session';
import { demoStudy } from '../../src/core/demo/demo-study';
import { Store } from '../../src/adapters/storage-idb/store';
import { BlobStore, refOf } from '../../src/adapters/storage-idb/blobs';
import { recipientOf } from '../../src/adapters/crypto-age/keys';
import { parseIdentityFile } from '../../src/adapters/crypto-age/index';
import { sealedBundleWithMedia } from '../../src/app/media-bundle';
import { mediaToSend, recordingsOf } from '../../src/app/recording-export';
import { runVerb, scratch } from './run';

const T = '2026-12-03T10:00:00.000Z';
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
async function all(it: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of it) parts.push(p);
  return new Uint8Array(Buffer.concat(parts));
}

describe('an interview recording in a bundle and in dala csv', () => {
  it('travels only when chosen; then dala csv names it in the CSV and writes it, checked, in media/ with its type', async () => {
    const dir = scratch('researcher.key');
    writeFileSync(join(dir, 'demo-study.json'), JSON.stringify(demoStudy));
    // The recording as the recorder writes it: a chunk every 3 s, each appended durably.
    const store = await Store.open({ name: 'dala-csv-recording' });
    const blobs = new BlobStore(store);
    const id = 'ab12cd34-0000-4000-8000-000000000017';
    await blobs.startRecording({ id, studyId: demoStudy.id, sessionId: 's1', item: 'interview_audio', type: 'audio/webm;codecs=opus', name: `interview_audio-${id.slice(0, 8)}.webm` }, T);
    const chunks = [0, 1, 2, 3].map((i) => new Uint8Array(48_000).map((_, k) => (k * (i + 3)) % 251));
    for (const [i, c] of chunks.entries()) await blobs.appendChunk(id, i, c, T);
    const ref = refOf(await blobs.finishRecording(id, T, 12_000));
    const whole = new Uint8Array(Buffer.concat(chunks));

    const session = {
      id: '0f0e0d0c-1111-4222-8333-444455556617', studyId: demoStudy.id, studyVersion: demoStudy.studyVersion, respondentCode: 'R-REC', interviewer: 'AK',
      status: 'complete' as const, lang: 'en', createdAt: T, updatedAt: T, completedAt: T, consent: { agreed: true as const, by: 'AK', at: T, version: '1', lang: 'en' }, deviceId: 'tablet-a', seq: 1,
    };
    const answers = [
      { item: 'rec_consent', value: 'yes', at: T },
      { item: 'interview_audio', value: ref.name, at: T, media: ref },
    ];
    const bundle = bundleFromSessions([{ session, answers }], { bundleId: 'b0000000-0000-4000-8000-000000000017', createdAt: T, device: { id: 'tablet-a' }, appVersion: '0.1.0', instruments: [demoStudy] });
    const identity = (await parseIdentityFile(readFileSync(join(dir, 'researcher.key'), 'utf8')))[0]!;
    const to = { recipients: [await recipientOf(identity)] };

    // What the Export option shows: one recording, its size.
    expect(recordingsOf([demoStudy], bundle.responses)).toEqual({ refs: [ref], bytes: 4 * 48_000 });

    // Off (the default): the container carries no audio; the answer still names the file.
    writeFileSync(join(dir, 'no-audio.dala.age'), await all(sealedBundleWithMedia(JSON.stringify(bundle), mediaToSend([demoStudy], bundle.responses, { recordings: false }), blobs, to)));
    const off = await runVerb(csv, ['--form', 'demo-study.json', '--identity', 'researcher.key', '--out', 'off/data.csv', 'no-audio.dala.age'], dir);
    expect(off.code).toBe(0);
    expect(existsSync(join(dir, 'off', 'media', ref.name))).toBe(false);

    // Chosen: streamed from the blob store a chunk at a time, encrypted; dala csv writes it beside the data.
    writeFileSync(join(dir, 'audio.dala.age'), await all(sealedBundleWithMedia(JSON.stringify(bundle), mediaToSend([demoStudy], bundle.responses, { recordings: true }), blobs, to)));
    const on = await runVerb(csv, ['--form', 'demo-study.json', '--identity', 'researcher.key', '--out', 'on/data.csv', 'audio.dala.age'], dir);
    expect(on).toMatchObject({ code: 0, stderr: '' });
    expect(on.stdout).toContain('media: 1 media file (named in the CSV)');
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'on', 'data.csv'), 'utf8').slice(1), { header: true }).data;
    expect(rows[0]).toMatchObject({ rec_consent: 'yes', interview_audio: 'interview_audio-ab12cd34.webm' });
    const written = readFileSync(join(dir, 'on', 'media', 'interview_audio-ab12cd34.webm'));
    expect(hex(written)).toBe(hex(whole));
    expect(ref.type).toBe('audio/webm;codecs=opus');
    store.close();
  });
});
