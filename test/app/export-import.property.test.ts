/**
 * The promise behind bundle format 2: whatever a device holds (valid answers, a draft's invalid
 * ones, notes, "Other" texts, answers cleared and given again), what it exports another device
 * imports whole, record for record, with nothing set aside and nothing lost.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import type { ImportTrust } from '../../src/app/transfer';

const keyA = newDeviceKey(new Uint8Array(32).fill(0xa));
import { commitImport, prepareImport, studyBundle } from '../../src/app/transfer';
import type { StudyRecord } from '../../src/app/model';
import { bundleToJson, instrumentLookup, restoreBundleText } from '../../src/core/bundle/index';
import type { Instrument } from '../../src/core/instrument/types';
import { newDeviceKey } from '../../src/core/trust/keys';
import { signBundleDocument } from '../../src/core/trust/bundle';
import type { AnswerValue } from '../../src/core/responses/types';

const form = JSON.parse(readFileSync(join(__dirname, '../fixtures/bundles/field-form.json'), 'utf8')) as Instrument;
const study: StudyRecord = { id: form.id, studyVersion: form.studyVersion, instrument: form, addedAt: '2026-01-01T00:00:00Z', source: 'json' };
const ITEMS = ['sector', 'age', 'income', 'langs', 'name', 'comment', 's1', 's2', 's3'] as const;

/** Values as a runner may store them: right for their item or not (typed text in a number field). */
const value: fc.Arbitrary<AnswerValue> = fc.oneof(
  fc.constantFrom<AnswerValue>(null, 'public', 'private', 'ngo', '3', '9', 'dk', 'abc', '40,5', ''),
  fc.integer({ min: -5, max: 120 }),
  // JSON has no -0: a -0 typed on a device arrives as 0, which is the same number.
  fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
  fc.subarray(['kk', 'ru', 'en', 'other', 'zz']),
  fc.string({ maxLength: 20 }),
);
const edit = fc.record({
  item: fc.constantFrom(...ITEMS),
  value,
  note: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
  other: fc.option(fc.constantFrom('Лидерство', 'Басшылық'), { nil: undefined }),
});
const story = fc.record({
  edits: fc.array(edit, { minLength: 1, maxLength: 15 }),
  complete: fc.boolean(),
});

let n = 0;

describe('what one device exports, another imports whole', () => {
  it('for any sequence of answers and edits, valid or not: every session and answer arrives as it was', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(story, { minLength: 1, maxLength: 3 }), async (stories) => {
        const a = await Store.open({ name: `dala-prop-a-${++n}` });
        const b = await Store.open({ name: `dala-prop-b-${n}` });
        a.thisDevice = 'device-a';
        b.thisDevice = 'device-b';
        try {
          await a.putStudy(study);
          await b.putStudy(study);
          for (const [i, s] of stories.entries()) {
            const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
            const at = '2026-01-01T10:00:00.000Z';
            await a.createSession({ id, studyId: form.id, studyVersion: form.studyVersion, respondentCode: `R-${i}`, interviewer: 'AK', status: 'draft', lang: 'ru', createdAt: at, updatedAt: at, consent: { agreed: true, by: 'AK', at, version: 'c1', lang: 'ru' }, deviceId: 'device-a', seq: 0 });
            for (const e of s.edits) await a.saveAnswer(id, { item: e.item, value: e.value, at, ...(e.note ? { note: e.note } : {}), ...(e.other ? { other: e.other } : {}) });
            if (s.complete) await a.updateSession(id, { status: 'complete', completedAt: at }, at);
          }
          const { bundle } = await studyBundle(a, study, { bundleId: 'c0000000-0000-4000-8000-000000000001', createdAt: '2026-01-02T00:00:00Z', device: { id: 'device-a' }, appVersion: 'test' });
          // Signed by device A, whose key B accepts by its fingerprint.
          const { bundle: read, setAside, signature } = restoreBundleText(bundleToJson(signBundleDocument(bundle, keyA)), { file: 'a.dala.json', instruments: instrumentLookup([form]) });
          expect(setAside).toEqual([]);
          expect(signature).toEqual({ status: 'signed', key: keyA.publicKey });
          const trust: ImportTrust = { studies: [study], pinned: {}, researcherKeys: new Set(), devices: new Map(), accept: new Map([['device-a', keyA.publicKey]]) };
          const prepared = await prepareImport(b, [{ file: 'a.dala.json', bundle: read, setAside, signature }], { id: 'imp', at: '2026-01-02T00:00:00Z' }, trust);
          expect(prepared.newDevices).toEqual([]);
          await commitImport(b, prepared, { id: 'device-b' });
          const strip = (d: Awaited<ReturnType<Store['readAllData']>>) =>
            d.sessions
              .map(({ session, answers }) => ({
                id: session.id,
                status: session.status,
                answers: answers.map(({ item, value: v, note, other }) => ({ item, value: v, note, other })).sort((x, y) => (x.item < y.item ? -1 : 1)),
              }))
              .sort((x, y) => (x.id < y.id ? -1 : 1));
          expect(strip(await b.readAllData())).toEqual(strip(await a.readAllData()));
        } finally {
          a.close();
          b.close();
        }
      }),
      { seed: 20261203, numRuns: 60 },
    );
  }, 60_000);
});
