import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { DB_VERSION } from '../../src/adapters/storage-idb/schema';
import type { SessionRecord } from '../../src/app/model';

let n = 0;
const dbName = () => `dala-test-${++n}`;

function session(id: string): SessionRecord {
  const at = '2026-01-01T10:00:00.000Z';
  return {
    id,
    studyId: 'study',
    studyVersion: '1',
    respondentCode: 'R-AAAA',
    interviewer: 'AK',
    status: 'draft',
    lang: 'ru',
    createdAt: at,
    updatedAt: at,
    consent: { agreed: true, by: 'AK', at, version: '1', lang: 'ru' },
    deviceId: 'dev',
    seq: 0,
  };
}

describe('Store (IndexedDB)', () => {
  it('keeps each answer with the session revision it was written at', async () => {
    const store = await Store.open({ name: dbName() });
    await store.createSession(session('s1'));
    await store.saveAnswer('s1', { item: 'age', value: 29, at: '2026-01-01T10:01:00.000Z' });
    await store.saveAnswer('s1', { item: 'sector', value: 'public', at: '2026-01-01T10:02:00.000Z' });
    await store.saveAnswer('s1', { item: 'age', value: 30, at: '2026-01-01T10:03:00.000Z' });
    const answers = await store.getAnswers('s1');
    expect(answers.map((a) => [a.item, a.value, a.seq]).sort()).toEqual([
      ['age', 30, 3],
      ['sector', 'public', 2],
    ]);
    const s = await store.getSession('s1');
    expect(s?.seq).toBe(3);
    expect(s?.updatedAt).toBe('2026-01-01T10:03:00.000Z');
    store.close();
  });

  it('refuses an answer for a session that does not exist, and writes nothing', async () => {
    const store = await Store.open({ name: dbName() });
    await expect(store.saveAnswer('nope', { item: 'x', value: '1', at: 'now' })).rejects.toThrow(/does not exist/);
    expect(await store.getAnswers('nope')).toEqual([]);
    store.close();
  });

  it('counts refusals without keeping anything else', async () => {
    const store = await Store.open({ name: dbName() });
    expect(await store.increment('refusals:study')).toBe(1);
    expect(await store.increment('refusals:study')).toBe(2);
    expect(await store.listSessions()).toEqual([]);
    store.close();
  });

  it('keeps one device id', async () => {
    const name = dbName();
    const a = await Store.open({ name });
    const id = await a.deviceId(() => 'first');
    expect(await a.deviceId(() => 'second')).toBe(id);
    a.close();
  });

  it('a newer version in another tab is not blocked: this tab flushes, then closes', async () => {
    const name = dbName();
    const events: string[] = [];
    const store = await Store.open({
      name,
      onVersionChange: async () => {
        events.push('flush');
      },
    });
    await store.createSession(session('s1'));
    const upgraded = await new Promise<IDBDatabase>((res, rej) => {
      const req = indexedDB.open(name, DB_VERSION + 1);
      req.onblocked = () => events.push('blocked');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    expect(events).toContain('flush');
    expect(events).not.toContain('blocked');
    expect(upgraded.version).toBe(DB_VERSION + 1);
    upgraded.close();
  });
});
