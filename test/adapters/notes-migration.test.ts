import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { DB_VERSION, migrations, type DalaDB } from '../../src/adapters/storage-idb/schema';

describe('a tablet with drafts of the demo study 2020-1 gets the new app', () => {
  it('opens its drafts as 2020-2 with the notes typed in the separate note items on their questions', async () => {
    const name = 'dala-notes-migration';
    // The database as today's Dala (version 3) left it, with a draft of 2020-1.
    const old = await openDB<DalaDB>(name, 3, {
      upgrade(db, from, _to, tx) {
        for (let v = from; v < 3; v++) migrations[v]!(db, tx);
      },
    });
    const at = '2026-11-19T10:00:00.000Z';
    await old.put('sessions', {
      id: 's1', studyId: 'innovative-civil-service', studyVersion: '2020-1', respondentCode: 'P-1', interviewer: 'AK', status: 'draft', lang: 'ru',
      createdAt: at, updatedAt: at, consent: { agreed: true, by: 'AK', at, version: '1', lang: 'ru' }, deviceId: 'd', seq: 3,
    });
    await old.put('answers', { sessionId: 's1', item: 'q2', value: 'A', note: 'Paused.', at, seq: 1 });
    await old.put('answers', { sessionId: 's1', item: 'q2_details', value: 'Benefits keep people.', at, seq: 2 });
    await old.put('answers', { sessionId: 's1', item: 'q5_details', value: 'The first head decides.', at, seq: 3 });
    old.close();

    const store = await Store.open({ name });
    const read = await store.getAnswers('s1');
    expect((await store.getSession('s1'))?.studyVersion).toBe('2020-2');
    expect(read.map((a) => [a.item, a.value, a.note]).sort()).toEqual([
      ['q2', 'A', 'Paused.\n\nBenefits keep people.'],
      ['q5', null, 'The first head decides.'],
    ]);
    store.close();
  });

  it('leaves a sealed draft as it is (the upgrade has no key): it is neither half moved nor lost', async () => {
    const name = 'dala-notes-migration-sealed';
    const old = await openDB<DalaDB>(name, 3, {
      upgrade(db, from, _to, tx) {
        for (let v = from; v < 3; v++) migrations[v]!(db, tx);
      },
    });
    const at = '2026-11-19T10:00:00.000Z';
    const enc = new Uint8Array([1, ...new Array(40).fill(7)]);
    // A session in clear whose answers are sealed, and a sealed session: only a database set back by hand holds these.
    await old.put('sessions', { id: 's1', studyId: 'innovative-civil-service', studyVersion: '2020-1', createdAt: at, updatedAt: at, deviceId: 'd', seq: 2, status: 'draft' } as never);
    await old.put('answers', { sessionId: 's1', item: 'q2', at, seq: 1, enc } as never);
    await old.put('answers', { sessionId: 's1', item: 'q2_details', at, seq: 2, enc } as never);
    await old.put('sessions', { id: 's2', studyId: 'innovative-civil-service', studyVersion: '2020-1', createdAt: at, updatedAt: at, deviceId: 'd', seq: 1, enc } as never);
    await old.put('conflicts', { id: 's3', studyId: 'innovative-civil-service', studyVersion: '2020-1', enc } as never);
    old.close();

    const store = await Store.open({ name });
    expect(store.db.version).toBe(DB_VERSION);
    expect((await store.db.getAll('answers')).map((a) => a.item).sort()).toEqual(['q2', 'q2_details']);
    expect((await store.db.getAll('sessions')).map((s) => s.studyVersion)).toEqual(['2020-1', '2020-1']);
    expect((await store.db.get('conflicts', 's3'))?.enc).toBeInstanceOf(Uint8Array);
    expect(store.db.objectStoreNames.contains('paradata')).toBe(true);
    store.close();
  });
});
