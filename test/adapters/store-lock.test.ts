/**
 * The data lock at the storage boundary: what a locked device keeps in IndexedDB, how it is sealed and
 * opened in place, and what a tab without the key (or one that missed a change) can do.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { createLock, openLock, rewrapLock, type KdfParams } from '../../src/adapters/storage-idb/key-wrap';
import { parseLockRecord } from '../../src/adapters/storage-idb/lock-record';
import { LockError } from '../../src/adapters/storage-idb/sealed';
import { finishTransition, replaceLock, turnLockOff, turnLockOn } from '../../src/adapters/storage-idb/lock-transitions';
import type { SessionRecord } from '../../src/app/model';
import type { CodingRecord, PassageRecord } from '../../src/core/coding/types';
import type { ParadataEvent } from '../../src/core/bundle/types';

/** A work factor small enough for tests (the app's is 2^15). */
const FAST: KdfParams = { name: 'scrypt', logN: 10, r: 8, p: 1 };
const at = '2026-01-01T10:00:00.000Z';
let n = 0;
const dbName = () => `dala-lock-test-${++n}`;

/** Strings that must never be found in a sealed store. */
const SECRETS = ['R-SECRET-CODE', 'interviewer-XK9', 'my hidden answer', 'a private note', 'other text 77', 'kiosk-pin-salt', 'AUD-OLD', 'AUD-NEW', 'AUD-NOTE', 'PD-VISIT', 'PD-IMPORTED', 'QUOTE-QP', 'CODER-CDR'];

function passage(id: string, quote: string, rev = { device: 'dev', at, vv: { dev: 1 } }): PassageRecord {
  return { type: 'passage', id, studyId: 'study', responseId: 's4', source: { kind: 'answer', item: 'q0' }, start: 0, end: quote.length, quote, before: '', after: ' AUD-NEW', codes: ['c1'], by: 'CODER-CDR', rev };
}
const importedEvent: ParadataEvent = { responseId: 's4', at, event: 'change', item: 'q1', data: { field: 'value', old: '', new: 'PD-IMPORTED' } };

function session(id: string): SessionRecord {
  return {
    id,
    studyId: 'study',
    studyVersion: '1',
    respondentCode: 'R-SECRET-CODE',
    interviewer: 'interviewer-XK9',
    status: 'draft',
    lang: 'ru',
    createdAt: at,
    updatedAt: at,
    consent: { agreed: true, by: 'interviewer-XK9', at, version: '1', lang: 'ru' },
    deviceId: 'dev',
    seq: 0,
    referral: { code: 'REF-CODE-1', wave: 1 },
  };
}

/** Every record of every store, as stored, as one string (with bytes shown as text too). */
async function everythingStored(store: Store): Promise<string> {
  const parts: string[] = [];
  for (const name of store.db.objectStoreNames) {
    for (const v of await store.db.getAll(name)) {
      parts.push(JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? new TextDecoder().decode(x) : x)));
    }
  }
  return parts.join('\n');
}

async function deviceWithData(store: Store): Promise<void> {
  await store.createSession(session('s1'), [{ item: 'q0', value: 'my hidden answer', at }]);
  await store.saveAnswer('s1', { item: 'q1', value: ['a', 'other'], other: 'other text 77', note: 'a private note', at });
  await store.commitImport({
    sessions: [],
    conflicts: [{ id: 's2', studyId: 'study', studyVersion: '1', revisions: [{ respondentCode: 'R-SECRET-CODE' } as never] }],
    resolved: [],
    studies: [],
    setAside: [{ key: 'imp:f:responses:0', importId: 'imp', at, aside: { file: 'f', list: 'responses', index: 0, id: 's3', reason: 'bad', record: { answers: 'my hidden answer' } } as never }],
    record: { id: 'imp', at, files: [{ warnings: ['R-SECRET-CODE'] } as never] },
  });
  await store.setSealedMeta('kiosk', { sessionId: 's1', pin: 'kiosk-pin-salt' });
  await store.setSealedMeta('lastInterviewer', 'interviewer-XK9');
  // The interview's paradata (the audit log holds old and new values) and coding (passages quote answers).
  await store.createSession(session('s4'), [{ item: 'q0', value: 'first said AUD-OLD', at }]);
  await store.saveAnswer('s4', { item: 'q0', value: 'then said AUD-NEW', note: 'AUD-NOTE', at }, { audit: true });
  await store.addParadata([{ responseId: 's4', at, event: 'question', item: 'q0', data: { start: at, end: at, seen: 'PD-VISIT' } }]);
  await store.writeCoding('p1', () => passage('p1', 'QUOTE-QP one'));
  await store.seedCoding([{ type: 'code', id: 'c1', studyId: 'study', name: 'a code', color: '#112233', rev: { device: 'dev', at, vv: { dev: 1 } } }]);
  await store.mergeImport(() => ({ sessions: [], conflicts: [], resolved: [], studies: [], record: null, paradata: [importedEvent], coding: [{ id: 'p2', studyId: 'study', revisions: [passage('p2', 'QUOTE-QP two')] }] }));
}

async function readBack(store: Store) {
  return {
    sessions: await store.listSessions(),
    data: await store.readAllData(),
    setAside: await store.listSetAside(),
    imports: await store.listImports(),
    kiosk: await store.getSealedMeta('kiosk'),
    interviewer: await store.getSealedMeta('lastInterviewer'),
    paradata: await store.readParadata(['s1', 's4']),
    coding: (await store.readCoding('study')).sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

describe('the data lock in IndexedDB', () => {
  it('with the lock on, no code, answer, note, consent or referral is stored in clear, and the app reads everything back', async () => {
    const store = await Store.open({ name: dbName() });
    const { record, key } = await createLock('correct horse', at, FAST);
    await turnLockOn(store, record, key);
    await deviceWithData(store);
    const stored = await everythingStored(store);
    for (const s of [...SECRETS, 'REF-CODE-1']) expect(stored).not.toContain(s);
    // What indexes need stays in clear.
    const raw = await store.db.get('sessions', 's1');
    expect(raw).toMatchObject({ id: 's1', studyId: 'study', studyVersion: '1', seq: 2 });
    expect(raw?.enc).toBeInstanceOf(Uint8Array);
    const back = await readBack(store);
    expect(back.sessions[0]).toMatchObject({ respondentCode: 'R-SECRET-CODE', interviewer: 'interviewer-XK9', consent: { by: 'interviewer-XK9' }, referral: { code: 'REF-CODE-1' }, seq: 2 });
    expect(back.data.sessions[0]!.answers.find((a) => a.item === 'q1')).toMatchObject({ value: ['a', 'other'], other: 'other text 77', note: 'a private note', seq: 2 });
    expect(back.kiosk).toEqual({ sessionId: 's1', pin: 'kiosk-pin-salt' });
    expect(back.interviewer).toBe('interviewer-XK9');
    // The audit log keeps the old and new values, in the answer's own transaction.
    expect(back.paradata).toEqual([
      { responseId: 's4', at, event: 'change', item: 'q0', data: { field: 'value', old: 'first said AUD-OLD', new: 'then said AUD-NEW' } },
      { responseId: 's4', at, event: 'change', item: 'q0', data: { field: 'note', old: '', new: 'AUD-NOTE' } },
      { responseId: 's4', at, event: 'question', item: 'q0', data: { start: at, end: at, seen: 'PD-VISIT' } },
      importedEvent,
    ]);
    expect((await store.getAnswers('s4'))[0]).toMatchObject({ value: 'then said AUD-NEW', seq: 2 });
    expect(back.coding.map((e) => (e.revisions[0] as CodingRecord & { quote?: string }).quote ?? e.revisions[0]!.type)).toEqual(['code', 'QUOTE-QP one', 'QUOTE-QP two']);
    const rawEvent = (await store.db.getAll('paradata'))[0]!;
    expect(Object.keys(rawEvent).sort()).toEqual(['at', 'enc', 'responseId']);
    // The same events imported again are not added twice; a passage written again is one record.
    await store.mergeImport(() => ({ sessions: [], conflicts: [], resolved: [], studies: [], record: null, paradata: [importedEvent, importedEvent] }));
    await store.writeCoding('p1', (held) => ({ ...passage('p1', 'QUOTE-QP one again'), rev: { device: 'dev', at, vv: { dev: held.length + 1 } } }));
    expect(await store.readParadata(['s4'])).toHaveLength(4);
    expect((await store.readCoding('study')).find((e) => e.id === 'p1')!.revisions).toMatchObject([{ quote: 'QUOTE-QP one again', rev: { vv: { dev: 2 } } }]);
    expect(await everythingStored(store)).not.toContain('QUOTE-QP');
    store.close();
  });

  it('turning the lock on seals a device\'s clear data in place; turning it off opens it again, unchanged', async () => {
    const store = await Store.open({ name: dbName() });
    await deviceWithData(store);
    const before = await readBack(store);
    expect(await everythingStored(store)).toContain('my hidden answer');

    const { record, key } = await createLock('correct horse', at, FAST);
    await turnLockOn(store, record, key);
    expect(store.lockRecord()).toMatchObject({ state: 'on' });
    expect(store.lockRecord()).not.toHaveProperty('transition');
    const stored = await everythingStored(store);
    for (const s of SECRETS) expect(stored).not.toContain(s);
    expect(await readBack(store)).toEqual(before);

    await turnLockOff(store, at);
    expect(store.lockRecord()).toMatchObject({ state: 'off' });
    expect(store.locked).toBe(false);
    expect(await everythingStored(store)).toContain('my hidden answer');
    expect(await readBack(store)).toEqual(before);
    store.close();
  });

  it('a tab without the key reads no sealed record and writes none; with the key from the passphrase it does', async () => {
    const name = dbName();
    const first = await Store.open({ name });
    const { record, key } = await createLock('correct horse', at, FAST);
    await turnLockOn(first, record, key);
    await deviceWithData(first);

    const other = await Store.open({ name });
    expect(other.locked).toBe(true);
    await expect(other.listSessions()).rejects.toMatchObject({ code: 'locked' });
    await expect(other.saveAnswer('s1', { item: 'q2', value: 'x', at })).rejects.toMatchObject({ code: 'locked' });
    await expect(other.saveAnswer('s4', { item: 'q0', value: 'x', at }, { audit: true })).rejects.toMatchObject({ code: 'locked' });
    await expect(other.addParadata([importedEvent])).rejects.toMatchObject({ code: 'locked' });
    await expect(other.readParadata(['s4'])).rejects.toMatchObject({ code: 'locked' });
    await expect(other.readCoding('study')).rejects.toMatchObject({ code: 'locked' });
    await expect(other.writeCoding('p3', () => passage('p3', 'x'))).rejects.toMatchObject({ code: 'locked' });
    expect(await other.listStudies()).toEqual([]); // what is not sealed is there
    await other.setKey(await openLock('correct horse', other.lockRecord()), record.id);
    expect((await other.getAnswers('s1')).map((a) => a.value)).toEqual(['my hidden answer', ['a', 'other']]);
    first.close();
    other.close();
  });

  it('a write from a tab that missed the lock being turned on is refused and writes nothing in clear', async () => {
    const name = dbName();
    const stale = await Store.open({ name });
    await stale.createSession(session('s1'));
    const other = await Store.open({ name });
    const { record, key } = await createLock('correct horse', at, FAST);
    await turnLockOn(other, record, key);

    await expect(stale.saveAnswer('s1', { item: 'q1', value: 'my hidden answer', at })).rejects.toMatchObject({ code: 'lock-changed' });
    await expect(stale.createSession(session('s9'))).rejects.toMatchObject({ code: 'lock-changed' });
    expect(await everythingStored(other)).not.toContain('my hidden answer');
    // Read again, the lock says this tab has no key.
    await stale.refreshLock();
    expect(stale.locked).toBe(true);
    stale.close();
    other.close();
  });

  it('a sealing that stopped half-way is finished at the next unlock, and meanwhile both forms are read', async () => {
    const name = dbName();
    const store = await Store.open({ name });
    await store.createSession(
      session('s1'),
      Array.from({ length: 600 }, (_, i) => ({ item: `q${i}`, value: `my hidden answer ${i}`, at })),
    );
    const { record, key } = await createLock('correct horse', at, FAST);
    let chunks = 0;
    const stop = new Error('the tab was closed');
    await expect(
      turnLockOn(store, record, key, () => {
        if (++chunks === 2) throw stop; // the session, then the first chunk of answers
      }),
    ).rejects.toBe(stop);
    store.close();

    const next = await Store.open({ name });
    expect(next.lockRecord()).toMatchObject({ state: 'on', transition: 'seal' });
    await next.setKey(await openLock('correct horse', next.lockRecord()), record.id);
    const raws = await next.db.getAll('answers');
    expect(raws.filter((r) => r.enc).length).toBeGreaterThan(0);
    expect(raws.filter((r) => !r.enc).length).toBeGreaterThan(0);
    expect((await next.getAnswers('s1')).length).toBe(600);
    await finishTransition(next);
    expect(next.lockRecord()).not.toHaveProperty('transition');
    expect(await everythingStored(next)).not.toContain('my hidden answer');
    expect((await next.getAnswers('s1')).map((a) => a.value)).toContain('my hidden answer 599');
    next.close();
  });

  it('an import merges into sealed data, and an answer saved while it was being prepared is kept', async () => {
    const name = dbName();
    const store = await Store.open({ name });
    const { record, key } = await createLock('correct horse', at, FAST);
    await turnLockOn(store, record, key);
    await store.createSession(session('s1'));
    const other = await Store.open({ name });
    await other.setKey(await openLock('correct horse', other.lockRecord()), record.id);

    let runs = 0;
    let meanwhile: Promise<unknown> = Promise.resolve();
    await store.mergeImport((current) => {
      runs++;
      // The first time, another tab saves an answer while this import is being sealed and written.
      if (runs === 1) meanwhile = other.saveAnswer('s1', { item: 'q1', value: 'given meanwhile', at });
      const s = current.sessions.find((x) => x.session.id === 's1')!;
      return { sessions: [{ session: { ...s.session, seq: s.session.seq + 1, status: 'complete' as const }, answers: [...s.answers, { item: 'q2', value: 'imported', at, sessionId: 's1', seq: s.session.seq + 1 }] }], conflicts: [], resolved: [], studies: [], record: null };
    });
    await meanwhile;
    expect(runs).toBe(2);
    expect((await store.getAnswers('s1')).map((a) => a.value).sort()).toEqual(['given meanwhile', 'imported']);
    expect(await everythingStored(store)).not.toContain('given meanwhile');
    store.close();
    other.close();
  });

  it('a sealed record moved to another key does not open: it is damaged, not a wrong passphrase', async () => {
    const store = await Store.open({ name: dbName() });
    const { record, key } = await createLock('correct horse', at, FAST);
    await turnLockOn(store, record, key);
    await store.createSession(session('s1'));
    await store.createSession({ ...session('s2'), respondentCode: 'R-OTHER' });
    const raw1 = await store.db.get('sessions', 's1');
    await store.db.put('sessions', { ...raw1!, id: 's2' });
    await expect(store.getSession('s2')).rejects.toMatchObject({ code: 'record-damaged' });
    store.close();
  });
});

describe('the passphrase and the lock record', () => {
  it('a wrong passphrase is told apart from a damaged record', async () => {
    const { record } = await createLock('correct horse', at, FAST);
    await expect(openLock('wrong horse', record)).rejects.toMatchObject({ code: 'lock-passphrase' });
    const flipped = new Uint8Array(record.wrapped);
    flipped[3]! ^= 1;
    await expect(openLock('correct horse', { ...record, wrapped: flipped })).rejects.toMatchObject({ code: 'lock-damaged' });
    await expect(openLock('correct horse', { ...record, kdf: { ...record.kdf, logN: 30 } })).rejects.toMatchObject({ code: 'lock-damaged' });
    await expect(openLock('correct horse', { ...record, type: 'something' })).rejects.toBeInstanceOf(LockError);
    expect(() => parseLockRecord({ ...record, version: 9 })).toThrow(/version 9/);
  });

  it('a new passphrase wraps the same data key: what was sealed still opens', async () => {
    const store = await Store.open({ name: dbName() });
    const { record, key } = await createLock('correct horse', at, FAST);
    await turnLockOn(store, record, key);
    await store.createSession(session('s1'));
    const next = await rewrapLock('correct horse', 'battery staple', store.lockRecord(), FAST);
    await replaceLock(store, next);
    await expect(openLock('correct horse', store.lockRecord())).rejects.toMatchObject({ code: 'lock-passphrase' });
    store.dropKey();
    await store.setKey(await openLock('battery staple', store.lockRecord()), next.id);
    expect((await store.getSession('s1'))?.respondentCode).toBe('R-SECRET-CODE');
    store.close();
  });
});
