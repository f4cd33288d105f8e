/**
 * `dala merge` carries media: two tablets' bundles with photos and recordings merge into one bundle
 * with every file (checked as read, written as one container stream), which `dala csv` then opens,
 * writing each file beside the CSV byte for byte.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import csv from '../../src/cli/csv';
import merge from '../../src/cli/merge';
import { bundleFromSessions } from '../../src/core/bundle/from-session';
import { parseInstrument } from '../../src/core/instrument/parse';
import type { Instrument } from '../../src/core/instrument/types';
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

/** A tablet's bundle with one media answer, as a container encrypted to the researcher. */
async function tablet(form: Instrument, device: string, session: string, item: string, ref: MediaRef, bytes: Uint8Array, recipient: string): Promise<Uint8Array> {
  const s = {
    id: session, studyId: form.id, studyVersion: form.studyVersion, respondentCode: `R-${device}`, interviewer: 'AK',
    status: 'complete' as const, lang: 'en', createdAt: T, updatedAt: T, completedAt: T, consent: { agreed: true as const, by: 'AK', at: T, version: '1', lang: 'en' }, deviceId: device, seq: 2,
  };
  const bundle = bundleFromSessions([{ session: s, answers: [{ item: 'hh_name', value: device, at: T }, { item, value: ref.name, at: T, media: ref }] }], {
    bundleId: session.replace(/^./, 'b'), createdAt: T, device: { id: device }, appVersion: '0.1.0', instruments: [form],
  });
  return all(encryptStream(writeContainer(JSON.stringify(bundle), [{ ref, bytes: async function* () { yield bytes; } }]), { recipients: [recipient] }));
}

describe('dala merge with bundles that carry photos and recordings', () => {
  it('the merged bundle carries every file; dala csv writes them beside the CSV, byte for byte', async () => {
    const dir = scratch('researcher.key');
    copyFileSync(new URL('../fixtures/instruments/media-study.json', import.meta.url), join(dir, 'media-study.json'));
    const parsed = parseInstrument(JSON.parse(readFileSync(join(dir, 'media-study.json'), 'utf8')));
    if (!parsed.ok) throw new Error('fixture');
    const form = parsed.instrument;
    const recipient = await recipientOf((await parseIdentityFile(readFileSync(join(dir, 'researcher.key'), 'utf8')))[0]!);
    const photo = new Uint8Array(150_000).map((_, i) => i % 251);
    const story = new Uint8Array(70_000).map((_, i) => (i * 11) % 256);
    const photoRef: MediaRef = { id: 'aa11bb22-0000-4000-8000-000000000001', type: 'image/jpeg', size: photo.length, sha256: hex(photo), name: 'house_photo-aa11bb22.jpg' };
    const storyRef: MediaRef = { id: 'cc33dd44-0000-4000-8000-000000000002', type: 'audio/webm', size: story.length, sha256: hex(story), name: 'story-cc33dd44.webm', durationMs: 4000 };
    writeFileSync(join(dir, 'tablet-a.dala.age'), await tablet(form, 'tablet-a', '0f0e0d0c-1111-4222-8333-444455556661', 'house_photo', photoRef, photo, recipient));
    writeFileSync(join(dir, 'tablet-b.dala.age'), await tablet(form, 'tablet-b', '0f0e0d0c-1111-4222-8333-444455556662', 'story', storyRef, story, recipient));

    const m = await runVerb(merge, ['--allow-unsigned', '--form', 'media-study.json', '--identity', 'researcher.key', '--recipient', recipient, '--out', 'merged.dala.age', 'tablet-a.dala.age', 'tablet-b.dala.age'], dir);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/merged 2 files: 2 responses, 0 in conflict -> merged\.dala\.age \(encrypted to 1 recipient, with 2 media files\)/);
    // Nothing is left beside the output but the output.
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);

    const c = await runVerb(csv, ['--form', 'media-study.json', '--identity', 'researcher.key', '--out', 'out/data.csv', 'merged.dala.age'], dir);
    expect(c.code, c.stderr).toBe(0);
    expect(hex(readFileSync(join(dir, 'out', 'media', 'house_photo-aa11bb22.jpg')))).toBe(photoRef.sha256);
    expect(hex(readFileSync(join(dir, 'out', 'media', 'story-cc33dd44.webm')))).toBe(storyRef.sha256);

    // Armored text cannot carry media: refused, nothing written.
    const armored = await runVerb(merge, ['--allow-unsigned', '--form', 'media-study.json', '--identity', 'researcher.key', '--recipient', recipient, '--armor', '--out', 'armored.dala.age', 'tablet-a.dala.age'], dir);
    expect(armored.code).toBe(2);
    expect(armored.stderr).toMatch(/--armor cannot carry media files/);
    expect(existsSync(join(dir, 'armored.dala.age'))).toBe(false);
  });
});
