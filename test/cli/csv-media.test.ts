import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import csv from '../../src/cli/csv';
import { bundleFromSessions } from '../../src/core/bundle/from-session';
import { parseInstrument } from '../../src/core/instrument/parse';
import type { MediaRef } from '../../src/core/media/ref';
import { writeContainer } from '../../src/core/media/container';
import { encryptStream } from '../../src/adapters/crypto-age/stream';
import { recipientOf } from '../../src/adapters/crypto-age/keys';
import { parseIdentityFile } from '../../src/adapters/crypto-age/index';
import { runVerb, scratch } from './run';

const T = '2026-02-01T10:00:00.000Z';
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
async function all(it: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of it) parts.push(p);
  return new Uint8Array(Buffer.concat(parts));
}

describe('dala csv with a bundle that carries photos and recordings', () => {
  it('names each file in the CSV and writes the files, checked, in media/ beside it', async () => {
    const dir = scratch('researcher.key');
    copyFileSync(new URL('../fixtures/instruments/media-study.json', import.meta.url), join(dir, 'media-study.json'));
    const parsed = parseInstrument(JSON.parse(readFileSync(join(dir, 'media-study.json'), 'utf8')));
    if (!parsed.ok) throw new Error('fixture');
    const form = parsed.instrument;
    const photo = new Uint8Array(200_000).map((_, i) => i % 253);
    const story = new Uint8Array(90_000).map((_, i) => (i * 7) % 256);
    const refs: MediaRef[] = [
      { id: 'aa11bb22-0000-4000-8000-000000000001', type: 'image/jpeg', size: photo.length, sha256: hex(photo), name: 'house_photo-aa11bb22.jpg' },
      { id: 'cc33dd44-0000-4000-8000-000000000002', type: 'audio/webm', size: story.length, sha256: hex(story), name: 'story-cc33dd44.webm', partial: true },
    ];
    const session = {
      id: '0f0e0d0c-1111-4222-8333-444455556666', studyId: form.id, studyVersion: form.studyVersion, respondentCode: 'R-0001', interviewer: 'AK',
      status: 'complete' as const, lang: 'en', createdAt: T, updatedAt: T, completedAt: T, consent: { agreed: true as const, by: 'AK', at: T, version: '1', lang: 'en' }, deviceId: 'tablet-a', seq: 3,
    };
    const bundle = bundleFromSessions(
      [{ session, answers: [
        { item: 'hh_name', value: 'Abenov', at: T },
        { item: 'house_photo', value: refs[0]!.name, at: T, media: refs[0]! },
        { item: 'story', value: refs[1]!.name, at: T, media: refs[1]! },
      ] }],
      { bundleId: 'b0000000-0000-4000-8000-000000000001', createdAt: T, device: { id: 'tablet-a' }, appVersion: '0.1.0', instruments: [form] },
    );
    const identity = (await parseIdentityFile(readFileSync(join(dir, 'researcher.key'), 'utf8')))[0]!;
    const blobs = [
      { ref: refs[0]!, bytes: async function* () { yield photo.subarray(0, 100_000); yield photo.subarray(100_000); } },
      { ref: refs[1]!, bytes: async function* () { yield story; } },
    ];
    writeFileSync(join(dir, 'tablet.dala.age'), await all(encryptStream(writeContainer(JSON.stringify(bundle), blobs), { recipients: [await recipientOf(identity)] })));

    const r = await runVerb(csv, ['--form', 'media-study.json', '--identity', 'researcher.key', '--out', 'data.csv', 'tablet.dala.age'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('media: 2 media files (named in the CSV)');
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'data.csv'), 'utf8').slice(1), { header: true }).data;
    expect(rows[0]).toMatchObject({ hh_name: 'Abenov', house_photo: 'house_photo-aa11bb22.jpg', story: 'story-cc33dd44.webm' });
    expect(hex(readFileSync(join(dir, 'media', 'house_photo-aa11bb22.jpg')))).toBe(refs[0]!.sha256);
    expect(hex(readFileSync(join(dir, 'media', 'story-cc33dd44.webm')))).toBe(refs[1]!.sha256);

    // A damaged container is refused with the reason; no damaged file is left in media/.
    const sealed = readFileSync(join(dir, 'tablet.dala.age'));
    writeFileSync(join(dir, 'cut.dala.age'), sealed.subarray(0, sealed.length - 40_000));
    const bad = await runVerb(csv, ['--form', 'media-study.json', '--identity', 'researcher.key', '--out', 'other/data.csv', 'cut.dala.age'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cut\.dala\.age: .*(damaged|cut short)/);
    expect(existsSync(join(dir, 'other', 'media', 'story-cc33dd44.webm'))).toBe(false);
  });
});
