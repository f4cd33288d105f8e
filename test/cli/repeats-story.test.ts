/**
 * A household roster from two tablets to R and PSPP (issue 15, "What must show"): tablet A starts two
 * households, tablet B takes A's bundle; out of sight of each other both add members (with their
 * jobs, a nested repeat), A corrects an age, A removes a member B is editing. Each tablet answers on
 * the app's own save path (every answer durable with the write that set it) and signs its bundle.
 * The researcher merges both with `dala merge`: the household both added to is merged, both sets of
 * members kept; the member removed on A and edited on B is a conflict, with the reason. Then `dala
 * csv` writes the long layout (one table per repeat, joined by the keys), which R reads as one data
 * frame per table, and the wide layout (numbered columns), which PSPP reads.
 */
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32, deflateSync } from 'node:zlib';
import Papa from 'papaparse';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import csv from '../../src/cli/csv';
import merge from '../../src/cli/merge';
import { Store } from '../../src/adapters/storage-idb/store';
import type { SessionRecord, StudyRecord } from '../../src/adapters/storage-idb/records';
import { MediaService } from '../../src/app/media';
import { bundleWithMedia, openMediaBundle } from '../../src/app/media-bundle';
import { commitImport, prepareImport, studyBundle, type ImportTrust } from '../../src/app/transfer';
import { bundleToJson } from '../../src/core/bundle/from-session';
import { parseInstrument } from '../../src/core/instrument/parse';
import { allItems } from '../../src/core/instrument/types';
import { formatBytes } from '../../src/core/media/kinds';
import { signBundleDocument } from '../../src/core/trust/bundle';
import { fingerprint, newDeviceKey } from '../../src/core/trust/keys';
import { runPspp, toolPath } from '../support/tool';
import { ROOT, runVerb } from './run';

const FORM_FILE = join(ROOT, 'test/fixtures/instruments/household-roster.json');
const parsed = parseInstrument(JSON.parse(readFileSync(FORM_FILE, 'utf8')));
if (!parsed.ok) throw new Error('the roster fixture does not parse');
const instrument = parsed.instrument;
const study: StudyRecord = { id: instrument.id, studyVersion: instrument.studyVersion, instrument, addedAt: '2026-12-01T08:00:00.000Z', source: 'json' };

const H1 = '11111111-1111-4111-8111-111111111111';
const H2 = '22222222-2222-4222-8222-222222222222';
const keyA = newDeviceKey(new Uint8Array(32).fill(7));
const keyB = newDeviceKey(new Uint8Array(32).fill(8));
let n = 0;

async function tablet(id: string): Promise<Store> {
  const store = await Store.open({ name: `dala-repeats-story-${id}-${++n}` });
  store.thisDevice = id;
  await store.putStudy(study);
  return store;
}

function household(id: string, code: string): SessionRecord {
  const at = '2026-12-01T09:00:00.000Z';
  return {
    id,
    studyId: study.id,
    studyVersion: study.studyVersion,
    respondentCode: code,
    interviewer: 'AK',
    status: 'draft',
    lang: 'en',
    createdAt: at,
    updatedAt: at,
    consent: { agreed: true, by: 'AK', at, version: '1', lang: 'en' },
    deviceId: 'tab-a',
    seq: 0,
  };
}

/** Answers one after the other, each saved as the runner saves it. */
async function answer(store: Store, session: string, minute: number, answers: Record<string, string | number | null>): Promise<void> {
  for (const [item, value] of Object.entries(answers)) await store.saveAnswer(session, { item, value, at: `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z` });
}

async function exported(store: Store, device: string, label: string) {
  return (await studyBundle(store, study, { bundleId: `0000000${device === 'tab-a' ? 'a' : 'b'}-0000-4000-8000-00000000000${++n % 10}`, createdAt: '2026-12-01T12:00:00.000Z', device: { id: device, label }, appVersion: 'test' })).bundle;
}

describe('a household roster from two tablets through bundles, merge, CSV, R and PSPP', () => {
  it('both tablets\u2019 members are kept, the removed-and-edited member is a conflict that says why, and R and PSPP read the tables', async () => {
    // Tablet A starts two households.
    const a = await tablet('tab-a');
    await a.createSession(household(H1, 'HH-1'));
    await a.createSession(household(H2, 'HH-2'));
    await answer(a, H1, 0, { village: 'Akkol', 'member[aida]': 1, 'member[aida]/name': 'Aida', 'member[aida]/age': 34, 'member[aida]/sex': 'f', 'member[aida]/job[t1]': 1, 'member[aida]/job[t1]/job_title': 'Teacher' });
    await answer(a, H2, 1, { village: 'Zhanatas', 'member[timur]': 1, 'member[timur]/name': 'Timur', 'member[timur]/age': 41 });

    // Tablet B takes A's bundle (the supervisor hands the households over).
    const b = await tablet('tab-b');
    const handOver: ImportTrust = { studies: [study], pinned: {}, researcherKeys: new Set(), devices: new Map(), allowUnsigned: true };
    const first = await prepareImport(b, [{ file: 'a-first.json', bundle: await exported(a, 'tab-a', 'Tablet A'), setAside: [] }], { id: 'imp-1', at: '2026-12-01T10:05:00.000Z' }, handOver);
    await commitImport(b, first, { id: 'tab-b' });

    // Out of sight of each other: A adds Sara (a baker) to HH-1 and corrects Aida's age; removes Timur from HH-2.
    await answer(a, H1, 10, { 'member[sara]': 2, 'member[sara]/name': 'Sara', 'member[sara]/age': 70, 'member[sara]/job[s1]': 1, 'member[sara]/job[s1]/job_title': 'Baker', 'member[aida]/age': 35 });
    await answer(a, H2, 11, { 'member[timur]': null });
    // B adds Bek to HH-1 with two jobs, and gives Aida a second job; in HH-2 it corrects Timur's age.
    await answer(b, H1, 12, { 'member[bek]': 2, 'member[bek]/name': 'Bek', 'member[bek]/age': 19, 'member[bek]/sex': 'm', 'member[bek]/job[b1]': 1, 'member[bek]/job[b1]/job_title': 'Driver', 'member[bek]/job[b2]': 2, 'member[bek]/job[b2]/job_title': 'Guard', 'member[aida]/job[t2]': 2, 'member[aida]/job[t2]/job_title': 'Tutor' });
    await answer(b, H2, 13, { 'member[timur]/age': 42 });

    // Each tablet signs its bundle with its own key.
    const dir = mkdtempSync(join(tmpdir(), 'dala-repeats-story-'));
    cpSync(FORM_FILE, join(dir, 'roster.json'));
    writeFileSync(join(dir, 'tablet-a.json'), bundleToJson(signBundleDocument(await exported(a, 'tab-a', 'Tablet A'), keyA)));
    writeFileSync(join(dir, 'tablet-b.json'), bundleToJson(signBundleDocument(await exported(b, 'tab-b', 'Tablet B'), keyB)));
    a.close();
    b.close();

    const merged = await runVerb(merge, ['--form', 'roster.json', '--plaintext', '--accept-device', fingerprint(keyA.publicKey), '--accept-device', fingerprint(keyB.publicKey), '--out', 'merged.json', 'tablet-a.json', 'tablet-b.json'], dir);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(
      [
        'tablet-a.json: 2 responses: 2 new, 0 identical, 0 updated, 0 outdated, 0 in conflict',
        'tablet-b.json: 2 responses: 0 new, 0 identical, 0 updated, 0 outdated, 1 merged, 1 in conflict',
        'merged 2 files: 2 responses, 1 in conflict -> merged.json (plain JSON, not encrypted, as asked)',
        `  conflict: ${H2} (2 revisions kept)`,
        '    member[timur]: removed on one device, changed on another (member[timur]/age)',
        '',
      ].join('\n'),
    );

    // The long layout: the answers, and one table per repeat beside them; R reads one data frame per table.
    const long = await runVerb(csv, ['--form', 'roster.json', '--layout', 'long', '--r', 'data.R', '--codebook', 'codebook.csv', '--out', 'data.csv', 'merged.json'], dir);
    expect(long.stderr).toContain('1 response in conflict');
    expect(long.code).toBe(0);
    expect(long.stdout).toContain('data-member.csv: 4 instances of member');
    expect(long.stdout).toContain('data-job.csv: 5 instances of job');
    const codebook = readFileSync(join(dir, 'codebook.csv'), 'utf8');
    expect(codebook).toContain('job,repeat,,Job,,,member');
    expect(codebook).toContain('job_title,text,,Job title,,,job');
    writeFileSync(
      join(dir, 'check.R'),
      [
        'source("data.R")',
        'village <- d[d$item == "village", c("id", "value")]',
        'm <- merge(member, village, by.x = "parentKey", by.y = "id")',
        'j <- merge(job, member[, c("key", "name")], by.x = "parentKey", by.y = "key")',
        'j <- j[order(j$name, j$position), ]',
        'cat(paste(sort(paste(m$value, m$name, m$age)), collapse = "|"), "\\n")',
        'cat(paste(j$name, j$job_title, collapse = "|"), "\\n")',
        'cat(levels(member$sex), attr(member$age, "label"), "\\n")',
      ].join('\n'),
    );
    const R = toolPath('Rscript', 'r-base-core', 'this test runs the generated R script on the long layout');
    const out = execFileSync(R, ['--vanilla', 'check.R'], { cwd: dir, encoding: 'utf8' }).split('\n').map((l) => l.trim());
    // HH-1 holds A's Sara and B's Bek beside Aida (35: A's correction); HH-2 is the conflict's latest
    // revision (B's, 13 past: Timur kept, 42) until the researcher resolves it.
    expect(out[0]).toBe('Akkol Aida 35|Akkol Bek 19|Akkol Sara 70|Zhanatas Timur 42');
    expect(out[1]).toBe('Aida Teacher|Aida Tutor|Bek Driver|Bek Guard|Sara Baker');
    expect(out[2]).toBe('Female Male Age');

    // The wide layout: numbered columns; the SPSS syntax reads it in PSPP.
    const wide = await runVerb(csv, ['--form', 'roster.json', '--spss', 'wide.sps', '--out', 'wide.csv', 'merged.json'], dir);
    expect(wide.code).toBe(0);
    const listed = runPspp(dir, 'INCLUDE FILE="wide.sps".\nLIST VARIABLES=respondentCode member_1_name member_2_name member_3_name member_3_age member_1_job_2_job_title member_2_job_2_job_title.\n');
    expect(listed).toContain('HH-1,Aida,Bek,Sara,70,Tutor,Guard');
    expect(listed).toContain('HH-2,Timur,,,.,,');
  });
});

/**
 * The same roster with photos (issue 15, "What must show": repeats and media from two devices): each
 * member has a photo (an image item inside the repeat), the household a signature outside it. Each
 * tablet stores real PNG bytes through the app's media path (MediaService, the blob store) and saves
 * the answer that refers to them; A's bundle with media is handed to B through the app's import (its
 * photos staged, then committed); both add members with photos out of sight of each other and export
 * signed bundles with media. `dala merge` keeps every member's photo and writes them into its
 * container; `dala csv` names each photo in the member table (long) or in its numbered column (wide),
 * writes the files beside the CSV byte for byte, R reads the long tables, PSPP the wide one.
 */
const MEDIA_FORM_FILE = join(ROOT, 'test/fixtures/instruments/household-roster-media.json');
const mediaParsed = parseInstrument(JSON.parse(readFileSync(MEDIA_FORM_FILE, 'utf8')));
if (!mediaParsed.ok) throw new Error('the roster-with-photos fixture does not parse');
const mediaForm = mediaParsed.instrument;
const mediaStudy: StudyRecord = { id: mediaForm.id, studyVersion: mediaForm.studyVersion, instrument: mediaForm, addedAt: '2026-12-01T08:00:00.000Z', source: 'json' };
const itemOf = (name: string) => allItems(mediaForm).find((x) => x.item.name === name)!.item;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
async function bytesOf(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  for await (const p of pieces) parts.push(p);
  return new Uint8Array(Buffer.concat(parts));
}

/** A real PNG (8-bit RGB, one colour per pixel from `seed`), as a camera's file would be. */
function png(width: number, height: number, seed: number): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width * 3; x++) raw[y * (width * 3 + 1) + 1 + x] = (x * seed + y * 7 + seed * 13) % 256;
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

async function mediaTablet(id: string) {
  const store = await Store.open({ name: `dala-repeats-media-story-${id}-${++n}` });
  store.thisDevice = id;
  await store.putStudy(mediaStudy);
  let ids = 0;
  const media = new MediaService({ store, newId: () => `${id === 'tab-a' ? 'aaaa' : 'bbbb'}${String(++ids).padStart(4, '0')}-0000-4000-8000-000000000000`, now: () => '2026-12-01T10:00:00.000Z' });
  return { store, media };
}

/** A photo taken for `key` (member[x]/photo or signature): the bytes stored first, then the answer that refers to them. */
async function photo(t: { store: Store; media: MediaService }, session: string, key: string, bytes: Uint8Array<ArrayBuffer>, minute: number) {
  // The runner hands an instance's item to the media field named by its answer key (RepeatBlock).
  const item = { ...itemOf(key.split('/').at(-1)!), name: key };
  const file = Object.assign(new Blob([bytes], { type: 'image/png' }), { name: 'IMG_0001.png' });
  const ref = await t.media.saveFile({ instrument: mediaForm, item, sessionId: session }, file);
  await t.store.saveAnswer(session, { item: key, value: ref.name, media: ref, at: `2026-12-01T10:${String(minute).padStart(2, '0')}:30.000Z` });
  return ref;
}

async function mediaExport(t: { store: Store; media: MediaService }, device: string, key?: ReturnType<typeof newDeviceKey>): Promise<Uint8Array<ArrayBuffer>> {
  const { bundle } = await studyBundle(t.store, mediaStudy, { bundleId: `0000000${device === 'tab-a' ? 'a' : 'b'}-0000-4000-8000-00000000001${++n % 10}`, createdAt: '2026-12-01T12:00:00.000Z', device: { id: device }, appVersion: 'test' });
  const json = bundleToJson(key ? signBundleDocument(bundle, key) : bundle);
  return bytesOf(bundleWithMedia(json, bundle.responses, t.media.blobs));
}

describe('a household roster with photos from two tablets through bundles with media, merge, CSV, R and PSPP', () => {
  it('every member\u2019s photo from both tablets reaches the merged bundle and the CSV, byte for byte, and R and PSPP read the tables', async () => {
    const pics = { aida: png(24, 16, 3), sara: png(20, 20, 5), bek: png(16, 24, 9), sign: png(40, 12, 11) };
    const a = await mediaTablet('tab-a');
    await a.store.createSession({ ...household(H1, 'HH-1'), studyId: mediaStudy.id });
    await answer(a.store, H1, 0, { village: 'Akkol', 'member[aida]': 1, 'member[aida]/name': 'Aida', 'member[aida]/age': 34 });
    const aida = await photo(a, H1, 'member[aida]/photo', pics.aida, 0);
    const sign = await photo(a, H1, 'signature', pics.sign, 0);
    // Named by the item, as any media file: a file name has no brackets or slashes.
    expect([aida.name, sign.name]).toEqual(['photo-aaaa0001.png', 'signature-aaaa0002.png']);

    // A study that takes member photos of at most 64 bytes refuses A's bundle, naming the member's photo; nothing is kept.
    const strictForm = { ...mediaForm, sections: mediaForm.sections.map((s) => ({ ...s, items: s.items.map((i) => (i.name === 'photo' ? { ...i, maxBytes: 64 } : i)) })) };
    const strict = await mediaTablet('tab-c');
    const refused = await openMediaBundle('a-first.dala', new Blob([await mediaExport(a, 'tab-a')]), { identities: [], passphrases: [] }, [strictForm], strict.media.blobs, '2026-12-01T10:05:00.000Z').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'media', message: expect.stringContaining(`the media file ${aida.name} is ${formatBytes(pics.aida.length)}; question member[aida]/photo takes files of at most 64 bytes`) });
    expect(await strict.store.db.count('blobs')).toBe(0);
    strict.store.close();

    // B takes A's bundle with its photos through the app's import: staged as read, committed with the answers.
    const b = await mediaTablet('tab-b');
    const opened = await openMediaBundle('a-first.dala', new Blob([await mediaExport(a, 'tab-a')]), { identities: [], passphrases: [] }, [mediaForm], b.media.blobs, '2026-12-01T10:05:00.000Z');
    if (!opened) throw new Error('A\u2019s bundle with media was not read as one');
    expect(opened.staged).toEqual([aida.id, sign.id]);
    const handOver: ImportTrust = { studies: [mediaStudy], pinned: {}, researcherKeys: new Set(), devices: new Map(), allowUnsigned: true };
    const first = await prepareImport(b.store, [{ file: 'a-first.dala', bundle: opened.restored.bundle, setAside: opened.restored.setAside, media: opened.staged }], { id: 'imp-2', at: '2026-12-01T10:05:00.000Z' }, handOver);
    await commitImport(b.store, first, { id: 'tab-b' });
    expect(sha(await bytesOf(b.media.blobs.chunks(aida.id)))).toBe(sha(pics.aida));

    // Out of sight of each other: A adds Sara with her photo, B adds Bek with his.
    await answer(a.store, H1, 10, { 'member[sara]': 2, 'member[sara]/name': 'Sara', 'member[sara]/age': 70 });
    const sara = await photo(a, H1, 'member[sara]/photo', pics.sara, 10);
    await answer(b.store, H1, 12, { 'member[bek]': 2, 'member[bek]/name': 'Bek', 'member[bek]/age': 19 });
    const bek = await photo(b, H1, 'member[bek]/photo', pics.bek, 12);

    // Each tablet signs its bundle and writes it with its photos as one container.
    const dir = mkdtempSync(join(tmpdir(), 'dala-repeats-media-story-'));
    cpSync(MEDIA_FORM_FILE, join(dir, 'roster.json'));
    writeFileSync(join(dir, 'tablet-a.dala'), await mediaExport(a, 'tab-a', keyA));
    writeFileSync(join(dir, 'tablet-b.dala'), await mediaExport(b, 'tab-b', keyB));
    a.store.close();
    b.store.close();

    const merged = await runVerb(merge, ['--form', 'roster.json', '--plaintext', '--accept-device', fingerprint(keyA.publicKey), '--accept-device', fingerprint(keyB.publicKey), '--out', 'merged.dala', 'tablet-a.dala', 'tablet-b.dala'], dir);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('tablet-b.dala: 1 response: 0 new, 0 identical, 0 updated, 0 outdated, 1 merged, 0 in conflict');
    expect(merged.stdout).toMatch(/merged 2 files: 1 response, 0 in conflict -> merged\.dala \(.*with 4 media files\)/);

    // The long layout: each photo named in its member's row of the member table; the signature in the answers.
    const long = await runVerb(csv, ['--form', 'roster.json', '--layout', 'long', '--r', 'long/data.R', '--out', 'long/data.csv', 'merged.dala'], dir);
    expect(long.code, long.stderr).toBe(0);
    expect(long.stdout).toContain('data-member.csv: 3 instances of member');
    const members = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'long', 'data-member.csv'), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(Object.fromEntries(members.map((m) => [m.name, m.photo]))).toEqual({ Aida: aida.name, Sara: sara.name, Bek: bek.name });
    for (const [ref, bytes] of [[aida, pics.aida], [sara, pics.sara], [bek, pics.bek], [sign, pics.sign]] as const) expect(sha(readFileSync(join(dir, 'long', 'media', ref.name)))).toBe(sha(bytes));
    writeFileSync(
      join(dir, 'long', 'check.R'),
      [
        'source("data.R")',
        'm <- member[order(member$name), ]',
        'cat(class(member$photo), "\\n")',
        'cat(paste(m$name, m$photo, file.exists(file.path("media", m$photo)), collapse = "|"), "\\n")',
        'cat(d[d$item == "signature", "value"], "\\n")',
      ].join('\n'),
    );
    const R = toolPath('Rscript', 'r-base-core', 'this test runs the generated R script on the long layout');
    const out = execFileSync(R, ['--vanilla', 'check.R'], { cwd: join(dir, 'long'), encoding: 'utf8' }).split('\n').map((l) => l.trim());
    expect(out[0]).toBe('character');
    expect(out[1]).toBe(`Aida ${aida.name} TRUE|Bek ${bek.name} TRUE|Sara ${sara.name} TRUE`);
    expect(out[2]).toBe(sign.name);

    // The wide layout: numbered photo columns, the files beside the CSV; PSPP reads it.
    const wide = await runVerb(csv, ['--form', 'roster.json', '--spss', 'wide/wide.sps', '--out', 'wide/wide.csv', 'merged.dala'], dir);
    expect(wide.code, wide.stderr).toBe(0);
    for (const [ref, bytes] of [[aida, pics.aida], [sara, pics.sara], [bek, pics.bek], [sign, pics.sign]] as const) expect(sha(readFileSync(join(dir, 'wide', 'media', ref.name)))).toBe(sha(bytes));
    const listed = runPspp(join(dir, 'wide'), 'INCLUDE FILE="wide.sps".\nLIST VARIABLES=respondentCode signature member_1_name member_1_photo member_2_name member_2_photo member_3_name member_3_photo.\n');
    const names = new Map([['Aida', aida.name], ['Sara', sara.name], ['Bek', bek.name]]);
    const row = listed.split('\n').find((l) => l.startsWith('HH-1,'))!;
    const cells = row.split(',').map((c) => c.trim());
    expect(cells[1]).toBe(sign.name);
    for (const i of [2, 4, 6]) expect(cells[i + 1]).toBe(names.get(cells[i]!));
  });
});
