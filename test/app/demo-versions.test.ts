/**
 * The demo study's questions changed in '2020-3' (the recording consent and the recording, the credit in
 * its description), so it is a new version: what '2020-2' sessions and bundles hold stays '2020-2'.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { commitImport, prepareImport, type ImportTrust, type OpenedFile } from '../../src/app/transfer';
import type { StudyRecord } from '../../src/app/model';
import { restoreBundleText } from '../../src/core/bundle/index';
import { demoStudy } from '../../src/core/demo/demo-study';

const OLD = readFileSync(join(__dirname, '../fixtures/bundles/demo-2020-2.dala.json'), 'utf8');
const AT = '2026-12-03T00:00:00.000Z';
const current: StudyRecord = { id: demoStudy.id, studyVersion: demoStudy.studyVersion, instrument: demoStudy, addedAt: AT, source: 'demo' } as StudyRecord;

describe("a bundle of the demo study's version 2020-2 (written by the Dala of 2026-12-03 morning)", () => {
  it('imports on a laptop whose built-in demo is 2020-3: its responses keep 2020-2 and its instrument comes with them', async () => {
    expect(demoStudy.studyVersion).toBe('2020-3');
    const store = await Store.open({ name: 'dala-demo-versions-1' });
    store.thisDevice = 'laptop';
    await store.putStudy(current);
    const { bundle, setAside, signature } = restoreBundleText(OLD, { file: 'demo-2020-2.dala.json' });
    expect(setAside).toEqual([]);
    const f: OpenedFile = { file: 'demo-2020-2.dala.json', bundle, setAside, signature };
    const trust: ImportTrust = { studies: [current], pinned: {}, researcherKeys: new Set(), devices: new Map(), allowUnsigned: true };
    const prepared = await prepareImport(store, [f], { id: 'i1', at: AT }, trust);
    expect(prepared.reports[0]!.counts).toMatchObject({ new: 4, conflict: 0, rejected: 0 });
    await commitImport(store, prepared, { id: 'laptop' });
    const studies = await store.listStudies();
    expect(studies.map((s) => s.studyVersion).sort()).toEqual(['2020-2', '2020-3']);
    const old = studies.find((s) => s.studyVersion === '2020-2')!;
    expect(old.instrument.sections.flatMap((s) => s.items).some((i) => i.name === 'rec_consent')).toBe(false);
    store.close();
  });
});
