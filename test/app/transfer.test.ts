import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import type { ImportTrust } from '../../src/app/transfer';

/** These tests' bundles are made in memory, unsigned, as a Dala before signatures made them: read as such. */
const TRUST_OLD_FILES: ImportTrust = { studies: [], pinned: {}, researcherKeys: new Set(), devices: new Map(), allowUnsigned: true };
import { commitImport, prepareImport, responseToSession, sessionToResponse } from '../../src/app/transfer';
import { bundleOf } from '../core/merge/helpers';
import type { SessionRecord, StoredAnswer } from '../../src/app/model';

let n = 0;
const at = '2026-01-01T10:00:00.000Z';

function session(id: string): SessionRecord {
  return {
    id,
    studyId: 'study',
    studyVersion: '1',
    respondentCode: 'R-AAAA',
    interviewer: 'AK',
    status: 'complete',
    lang: 'ru',
    createdAt: at,
    updatedAt: at,
    consent: { agreed: true, by: 'AK', at, version: '1', lang: 'ru' },
    deviceId: 'device-a',
    seq: 2,
  };
}

async function deviceWithOneSession() {
  const store = await Store.open({ name: `dala-transfer-${++n}` });
  const s = session('00000000-0000-4000-8000-000000000001');
  await store.createSession({ ...s, seq: 0 }, [{ item: 'q1', value: '4', at }]);
  return store;
}

describe('importing on a device', () => {
  it('a refused file changes nothing: the report says why and the commit writes nothing', async () => {
    const store = await deviceWithOneSession();
    const before = await store.readAllData();
    const prepared = await prepareImport(store, [{ file: 'broken.dala.age', error: { code: 'decrypt-damaged', message: 'broken.dala.age: the file was changed or cut short' } }], { id: 'imp-1', at }, TRUST_OLD_FILES);
    expect(prepared.reports[0]).toMatchObject({ file: 'broken.dala.age', counts: { rejected: 1, new: 0 } });
    const done = await commitImport(store, prepared, { id: 'researcher' });
    expect(done.receipt).toBeNull();
    expect(await store.readAllData()).toEqual(before);
    store.close();
  });

  it('a commit is all or nothing: a failing write leaves the database as it was', async () => {
    const store = await deviceWithOneSession();
    const before = await store.readAllData();
    const good = responseToSession({ ...sessionToResponse(session('00000000-0000-4000-8000-000000000002'), []), answers: { q1: { value: '5', at } } });
    const bad = { session: { ...session('x'), id: undefined as unknown as string }, answers: [] as StoredAnswer[] };
    await expect(store.commitImport({ sessions: [good, bad], conflicts: [], resolved: [], studies: [], record: null })).rejects.toThrow();
    expect(await store.readAllData()).toEqual(before);
    store.close();
  });

  it('a session and its bundle response convert both ways, with the version vector', () => {
    const s: SessionRecord = { ...session('00000000-0000-4000-8000-000000000003'), vv: { 'device-a': 2, 'device-b': 1 }, deviceId: 'device-b' };
    const answers: StoredAnswer[] = [{ item: 'q1', value: ['A', 'other'], other: 'Лидерство', note: 'asked twice', at, sessionId: s.id, seq: 3 }];
    const back = responseToSession(sessionToResponse(s, answers));
    expect(back.session).toMatchObject({ id: s.id, vv: s.vv, deviceId: 'device-b', consent: s.consent, status: 'complete' });
    expect(back.answers).toEqual([{ item: 'q1', value: ['A', 'other'], other: 'Лидерство', note: 'asked twice', at, sessionId: s.id, seq: 3 }]);
  });
});

describe('an import and the answers given meanwhile', () => {
  it('an answer saved between the import\'s report and its commit is merged, never lost, and its version vector never goes back', async () => {
    const store = await deviceWithOneSession();
    store.thisDevice = 'device-a';
    const id = '00000000-0000-4000-8000-000000000001';
    // Another device continued this session after importing this device's export: {device-a: 1, device-b: 1}.
    const mine = sessionToResponse((await store.getSession(id))!, await store.getAnswers(id));
    const theirs = { ...mine, answers: { ...mine.answers, q2: { value: '3', at } }, revision: { device: 'device-b', at, vv: { ...mine.revision.vv, 'device-b': 1 } } };
    const prepared = await prepareImport(store, [{ file: 'b.dala.age', bundle: { ...bundleOf([theirs]), device: { id: 'device-b' } }, setAside: [] }], { id: 'imp-race', at }, TRUST_OLD_FILES);
    expect(prepared.reports[0]!.counts.updated).toBe(1);
    // Meanwhile the interviewer answers on this device.
    await store.saveAnswer(id, { item: 'q3', value: '5', at: '2026-01-01T10:05:00.000Z' });
    const done = await commitImport(store, prepared, { id: 'device-a' });
    // Now both have writes the other lacks, in different answers: joined, nothing lost, no conflict.
    expect(done.conflicts).toBe(0);
    const session = (await store.getSession(id))!;
    expect(session.vv).toEqual({ 'device-a': 2, 'device-b': 1 });
    expect((await store.getAnswers(id)).map((a) => [a.item, a.value])).toEqual([
      ['q1', '4'],
      ['q2', '3'],
      ['q3', '5'],
    ]);
    store.close();
  });

  it('the same answer changed here while another device changed it too is a conflict, both kept', async () => {
    const store = await deviceWithOneSession();
    store.thisDevice = 'device-a';
    const id = '00000000-0000-4000-8000-000000000001';
    const mine = sessionToResponse((await store.getSession(id))!, await store.getAnswers(id));
    const theirs = { ...mine, answers: { ...mine.answers, q1: { value: '2', at, dot: ['device-b', 1] as [string, number] } }, revision: { device: 'device-b', at, vv: { ...mine.revision.vv, 'device-b': 1 } } };
    const prepared = await prepareImport(store, [{ file: 'b.dala.age', bundle: { ...bundleOf([theirs]), device: { id: 'device-b' } }, setAside: [] }], { id: 'imp-race', at }, TRUST_OLD_FILES);
    await store.saveAnswer(id, { item: 'q1', value: '5', at: '2026-01-01T10:05:00.000Z' });
    const done = await commitImport(store, prepared, { id: 'device-a' });
    expect(done.conflicts).toBe(1);
    const conflict = (await store.listConflicts())[0]!;
    expect(conflict.revisions.map((r) => r.answers.q1!.value).sort()).toEqual(['2', '5']);
    store.close();
  });

  it('the commit makes a receipt of every revision that arrived, and stores the records set aside', async () => {
    const store = await deviceWithOneSession();
    const r = sessionToResponse(session('00000000-0000-4000-8000-000000000009'), []);
    const aside = { file: 't.json', list: 'responses' as const, index: 1, id: '00000000-0000-4000-8000-00000000000a', reason: "answers.x: the study has no item 'x'", record: { id: 'x' } };
    const prepared = await prepareImport(store, [{ file: 't.json', bundle: { ...bundleOf([r]), device: { id: 'device-a' } }, setAside: [aside] }], { id: 'imp-2', at }, TRUST_OLD_FILES);
    expect(prepared.setAside).toBe(1);
    const done = await commitImport(store, prepared, { id: 'laptop', label: 'Researcher' });
    expect(done.receipt).toMatchObject({ type: 'dala-receipt', by: { id: 'laptop', label: 'Researcher' }, files: ['t.json'], received: [{ id: r.id, vv: r.revision.vv }] });
    expect((await store.listSetAside()).map((x) => x.aside)).toEqual([aside]);
    expect((await store.listImports())[0]!.receipt).toEqual(done.receipt);
    store.close();
  });
});
