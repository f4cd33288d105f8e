/**
 * Fuzz: bundles from untrusted files. Real bundle fixtures with their JSON changed (wrong types,
 * huge texts and lists, deep nesting, `__proto__` keys, missing fields) or their bytes damaged
 * (cut short, bits flipped, ranges dropped or repeated), encrypted ones too. Each is a bundle or a
 * typed DalaError; a bundle that parses is then trusted: merged, reported and exported without a
 * crash. A fixed seed: the same cases on every run (./mutate.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptBundle, encryptBundle, openBundleFile, parseIdentityFile } from '../../../src/adapters/crypto-age/index';
import { bundleToJson, parseBundleText,
  restoreBundleText, type Bundle } from '../../../src/core/bundle/index';
import { wideTable } from '../../../src/core/csv/index';
import { DalaError } from '../../../src/core/errors';
import type { Instrument } from '../../../src/core/instrument/types';
import { canonicalDataset, currentResponses, datasetFromBundle, mergeAll, mergeReport } from '../../../src/core/merge/index';
import { applyByteEdits, applyJsonEdits, applyTextEdits, byteEdits, expectPrototypeClean, jsonEdits, parsesOrRefuses, parsesOrRefusesAsync, runs, textEdits } from './mutate';

const DIR = join(__dirname, '../../fixtures/bundles');
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const form = JSON.parse(text('field-form.json')) as Instrument;
const deviceA = JSON.parse(text('device-a.dala.json')) as unknown;
/** device-a with a transcript of its first response (and a passage coded in it): the transcripts list mutated too. */
const withTranscript = (() => {
  const d = JSON.parse(text('device-a.dala.json')) as { responses: { id: string; studyId: string }[] } & Record<string, unknown>;
  const r = d.responses[0]!;
  const rev = { device: 'laptop', at: '2026-12-03T10:00:00.000Z', vv: { laptop: 1 } };
  const id = '7a000000-0000-4000-8000-000000000001';
  const paragraphs = [{ at: 0, text: 'Q: what matters?' }, { at: 12.5, text: 'A: leadership, and then resources.' }];
  return {
    ...d,
    transcripts: [{ type: 'transcript', id, studyId: r.studyId, responseId: r.id, media: 'rec-1', paragraphs, markers: [{ item: 'sector', at: 0 }, { item: 'age', at: 10 }], by: 'laptop', rev }],
    coding: [{ type: 'passage', id: 'tp', studyId: r.studyId, responseId: r.id, source: { kind: 'transcript', id }, start: 21, end: 31, quote: 'leadership', before: 'Q: what matters?\n\nA: ', after: ', and then resources.', codes: ['c'], by: 'laptop', rev }],
  };
})();
const FIXTURE_JSON = [...['device-a.dala.json', 'broken-record.json', 'broken-proto.json', 'broken-version.json'].map((n) => JSON.parse(text(n)) as unknown), withTranscript];

/** A bundle that parsed is trusted: merging, the report and the export must not fail. */
function trust(b: Bundle): void {
  const merged = mergeAll([b, b]);
  expect(canonicalDataset(merged)).toBe(canonicalDataset(datasetFromBundle(b)));
  mergeReport(datasetFromBundle(b), b, 'x');
  parseBundleText(bundleToJson(b));
  for (const s of b.studies) if (s.instrument) wideTable(s.instrument, currentResponses(merged).filter((r) => r.studyId === s.id));
}

describe('fuzz: bundles', () => {
  it('JSON with values changed, huge, deep, or keyed __proto__: a bundle or a typed error', () => {
    fc.assert(
      fc.property(fc.nat({ max: FIXTURE_JSON.length - 1 }), jsonEdits, fc.boolean(), (which, edits, withForm) => {
        const mutated = applyJsonEdits(FIXTURE_JSON[which], edits);
        const options = { file: 'fuzz.json', ...(withForm ? { instruments: (id: string, v: string) => (id === form.id && v === form.studyVersion ? form : undefined) } : {}) };
        const out = parsesOrRefuses(() => parseBundleText(mutated, options));
        if (!(out instanceof DalaError)) trust(out);
        // The reader of record by record: its good records are trusted, the rest set aside, never a crash.
        const restored = parsesOrRefuses(() => restoreBundleText(mutated, options));
        if (!(restored instanceof DalaError)) trust(restored.bundle);
        expectPrototypeClean();
      }),
      runs(500),
    );
  }, 60_000);

  it('bytes cut short, flipped, dropped or repeated: a bundle or a typed error', async () => {
    const plain = bytes('device-a.dala.json');
    await fc.assert(
      fc.asyncProperty(byteEdits, async (edits) => {
        const out = await parsesOrRefusesAsync(() => openBundleFile('fuzz.dala.json', applyByteEdits(plain, edits), {}, { instruments: [form] }));
        if (!(out instanceof DalaError)) trust(out.bundle);
      }),
      runs(400),
    );
  }, 60_000);

  it('a researcher key file changed: its identities or a typed error', async () => {
    const keyFile = text('researcher.key');
    await fc.assert(
      fc.asyncProperty(textEdits, async (edits) => {
        await parsesOrRefusesAsync(() => parseIdentityFile(applyTextEdits(keyFile, edits), 'fuzz.key'));
      }),
      runs(300),
    );
  });

  it('encrypted bundles damaged, or encrypting changed JSON: a bundle or a typed error', async () => {
    const identities = await parseIdentityFile(text('researcher.key'));
    const keys = { identities, passphrases: ['correct horse battery staple'] };
    const files = ['device-b.dala.age', 'device-b-armored.dala.age', 'device-a-passphrase.dala.age'].map(bytes);
    const recipient = 'age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj';
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: files.length - 1 }), byteEdits, async (which, edits) => {
        const out = await parsesOrRefusesAsync(() => openBundleFile('fuzz.dala.age', applyByteEdits(files[which]!, edits), keys, { instruments: [form] }));
        if (!(out instanceof DalaError)) trust(out.bundle);
      }),
      runs(120),
    );
    await fc.assert(
      fc.asyncProperty(jsonEdits, async (edits) => {
        const sealed = await encryptBundle(applyJsonEdits(deviceA, edits), { recipients: [recipient] });
        await parsesOrRefusesAsync(() => decryptBundle(sealed, keys));
        const out = await parsesOrRefusesAsync(() => openBundleFile('fuzz.dala.age', sealed, keys, { instruments: [form] }));
        if (!(out instanceof DalaError)) trust(out.bundle);
      }),
      runs(40),
    );
  }, 60_000);
});
