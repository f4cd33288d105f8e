import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dala } from '../../src/app/dala';
import { deferredDala } from '../../src/app/boot';
import { clearResumeHint, MAX_STUDY_CHARS, readResumeHint, setKioskFlag, writeResumeHint, type KeyValue } from '../../src/app/resume-hint';
import { demoStudy } from '../../src/core/demo/demo-study';
import type { Answer } from '../../src/core/responses/types';

/** localStorage as a Map, counting writes; `full` makes every write throw as a full quota does. */
class MemoryStorage implements KeyValue {
  readonly map = new Map<string, string>();
  writes: string[] = [];
  full = false;
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.writes.push(k);
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

let n = 0;
async function tablet(hints: KeyValue) {
  let id = 0;
  const app = await Dala.start(
    { newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`, clock: { now: () => new Date().toISOString() }, hints },
    { name: `dala-hint-${++n}` },
  );
  const session = await app.startSession({ study: demoStudy, respondentCode: 'R-1', interviewer: 'I-1', lang: 'en' });
  const opened = (await app.openSession(session.id))!;
  return { app, session, study: opened.study };
}

const answer = (item: string, value: Answer['value']): Answer => ({ item, value, at: '2026-11-29T10:00:00.000Z' });

describe('the resume hint of a draft', () => {
  it('gives back the session, study and durable answers it was given, for that session only', async () => {
    const kv = new MemoryStorage();
    const { session, study } = await tablet(kv);
    const answers = new Map([['sector', answer('sector', 'private')], ['age', answer('age', 44)]]);
    writeResumeHint(kv, { session, study, answers });
    const hint = readResumeHint(kv, session.id)!;
    expect(hint.session).toEqual(session);
    expect(hint.study.instrument.id).toBe(demoStudy.id);
    expect([...hint.answers.values()]).toEqual([...answers.values()]);
    expect(readResumeHint(kv, 'another-session')).toBeNull();
  });

  it('copies the study once, not with every answer', async () => {
    const kv = new MemoryStorage();
    const { session, study } = await tablet(kv);
    for (let i = 1; i <= 5; i++) writeResumeHint(kv, { session, study, answers: new Map([['age', answer('age', 40 + i)]]) });
    expect(kv.writes.filter((k) => k === 'dala:resume-study')).toHaveLength(1);
    expect(kv.writes.filter((k) => k === 'dala:resume')).toHaveLength(5);
    expect(readResumeHint(kv, session.id)!.answers.get('age')!.value).toBe(45);
  });

  it('a completed session has none', async () => {
    const kv = new MemoryStorage();
    const { session, study } = await tablet(kv);
    writeResumeHint(kv, { session, study, answers: new Map() });
    writeResumeHint(kv, { session: { ...session, status: 'complete' }, study, answers: new Map() });
    expect(readResumeHint(kv, session.id)).toBeNull();
    expect(kv.map.size).toBe(0);
  });

  it('a damaged, foreign or older-format hint is ignored, never an error', async () => {
    const kv = new MemoryStorage();
    const { session, study } = await tablet(kv);
    writeResumeHint(kv, { session, study, answers: new Map() });
    const good = new Map(kv.map);
    const cases: [string, string][] = [
      ['dala:resume', '{not json'],
      ['dala:resume', JSON.stringify({ ...JSON.parse(good.get('dala:resume')!), format: 2 })],
      ['dala:resume', JSON.stringify({ ...JSON.parse(good.get('dala:resume')!), answers: 'x' })],
      ['dala:resume', JSON.stringify({ ...JSON.parse(good.get('dala:resume')!), study: '["other","1"]' })],
      ['dala:resume-study', JSON.stringify({ format: 1, key: JSON.parse(good.get('dala:resume')!).study, record: { instrument: null } })],
      ['dala:resume-study', 'null'],
    ];
    for (const [key, text] of cases) {
      for (const [k, v] of good) kv.map.set(k, v);
      kv.map.set(key, text);
      expect(readResumeHint(kv, session.id), `${key} = ${text.slice(0, 60)}`).toBeNull();
    }
    expect(readResumeHint(null, session.id)).toBeNull();
    const throwing: KeyValue = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readResumeHint(throwing, session.id)).toBeNull();
    expect(() => writeResumeHint(throwing, { session, study, answers: new Map() })).not.toThrow();
  });

  it('when storage is full the hint is removed, so a stale one is never drawn', async () => {
    const kv = new MemoryStorage();
    const { session, study } = await tablet(kv);
    writeResumeHint(kv, { session, study, answers: new Map([['age', answer('age', 40)]]) });
    kv.full = true;
    writeResumeHint(kv, { session, study, answers: new Map([['age', answer('age', 41)]]) });
    expect(readResumeHint(kv, session.id)).toBeNull();
  });

  it('a study too large to copy gets no hint', async () => {
    const kv = new MemoryStorage();
    const { session, study } = await tablet(kv);
    const huge = { ...study, instrument: { ...study.instrument, description: { en: 'x'.repeat(MAX_STUDY_CHARS) } } };
    writeResumeHint(kv, { session, study: huge, answers: new Map() });
    expect(readResumeHint(kv, session.id)).toBeNull();
  });

  it('clearing for another session leaves this one; clearing for this one removes it', async () => {
    const kv = new MemoryStorage();
    const { session, study } = await tablet(kv);
    writeResumeHint(kv, { session, study, answers: new Map() });
    clearResumeHint(kv, 'someone-else');
    expect(readResumeHint(kv, session.id)).not.toBeNull();
    clearResumeHint(kv, session.id);
    expect(readResumeHint(kv, session.id)).toBeNull();
  });
});

describe('the app keeps hints out of the way of deletion and kiosk mode', () => {
  it('deleting the session removes its hint', async () => {
    const kv = new MemoryStorage();
    const { app, session, study } = await tablet(kv);
    writeResumeHint(kv, { session, study, answers: new Map() });
    await app.deleteSessions([session.id]);
    expect(readResumeHint(kv, session.id)).toBeNull();
  });

  it('completing the session removes its hint, even if no screen is left to do it', async () => {
    const kv = new MemoryStorage();
    const { app, session, study } = await tablet(kv);
    writeResumeHint(kv, { session, study, answers: new Map() });
    await app.completeSession(session.id);
    expect(readResumeHint(kv, session.id)).toBeNull();
  });

  it('kiosk mode: no hint is drawn or written until the PIN ends it', async () => {
    const kv = new MemoryStorage();
    const { app, session, study } = await tablet(kv);
    writeResumeHint(kv, { session, study, answers: new Map() });
    await app.enterKiosk(session.id, '2468');
    expect(readResumeHint(kv, session.id)).toBeNull();
    writeResumeHint(kv, { session, study, answers: new Map() });
    expect(readResumeHint(kv, session.id)).toBeNull();
    expect((await app.leaveKiosk('0000')).ok).toBe(false);
    writeResumeHint(kv, { session, study, answers: new Map() });
    expect(readResumeHint(kv, session.id)).toBeNull();
    expect((await app.leaveKiosk('2468')).ok).toBe(true);
    writeResumeHint(kv, { session, study, answers: new Map() });
    expect(readResumeHint(kv, session.id)).not.toBeNull();
  });

  it('a kiosk flag lost with cleared storage comes back when the app reads the kiosk state', async () => {
    const kv = new MemoryStorage();
    const { app, session, study } = await tablet(kv);
    await app.enterKiosk(session.id, '2468');
    kv.map.clear();
    writeResumeHint(kv, { session, study, answers: new Map() });
    expect(await app.kioskState()).toBeDefined();
    expect(readResumeHint(kv, session.id)).toBeNull();
    // Reading "no kiosk state" never removes the flag: another tab may be entering kiosk mode.
    await app.leaveKiosk('2468');
    setKioskFlag(kv, true);
    expect(await app.kioskState()).toBeUndefined();
    expect(kv.map.has('dala:kiosk')).toBe(true);
    setKioskFlag(kv, false);
    expect(kv.map.has('dala:kiosk')).toBe(false);
  });
});

describe('the stand-in Dala drawn early', () => {
  it('runs each method on the real one once it is there, and refuses anything else with a clear error', async () => {
    const kv = new MemoryStorage();
    let resolve!: (a: Dala) => void;
    const started = new Promise<Dala>((r) => (resolve = r));
    const early = deferredDala(started);
    const { app, session } = await tablet(kv);
    const opened = early.openSession(session.id);
    const saved = early.saveAnswer(session.id, answer('age', 50));
    resolve(app);
    expect((await opened)?.session.id).toBe(session.id);
    await saved;
    expect((await app.openSession(session.id))!.answers.get('age')!.value).toBe(50);
    expect(() => early.deviceId).toThrow(/deviceId is not available before the database is open/);
    expect(() => early.store).toThrow(/store is not available/);
  });
});
