import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { migrations, type DalaDB } from '../../src/adapters/storage-idb/schema';

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
});
