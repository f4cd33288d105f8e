import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { prepareImport, responseToSession, sessionToResponse } from '../../src/app/transfer';
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
    const prepared = await prepareImport(store, [{ file: 'broken.dala.age', error: { code: 'decrypt-damaged', message: 'broken.dala.age: the file was changed or cut short' } }], { id: 'imp-1', at });
    expect(prepared.reports[0]).toMatchObject({ file: 'broken.dala.age', counts: { rejected: 1, new: 0 } });
    expect(prepared.change.sessions).toEqual([]);
    await store.commitImport({ ...prepared.change, record: null });
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
