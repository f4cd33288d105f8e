/**
 * The data lock as the app uses it: the choice at first start, the passphrase at every start, tries
 * counted for the whole device, the kiosk PIN, and turning the lock off again.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dala } from '../../src/app/dala';
import { createLock, openLock, pinHash, rewrapLock, type KdfParams } from '../../src/adapters/storage-idb/key-wrap';
import type { LockKdf } from '../../src/app/lock-client';
import { FREE_TRIES, waitAfter } from '../../src/app/attempts';
import { demoStudy } from '../../src/core/demo/demo-study';

const FAST: KdfParams = { name: 'scrypt', logN: 10, r: 8, p: 1 };
const kdf: LockKdf = {
  create: (p, since) => createLock(p, since, FAST),
  open: (p, r) => openLock(p, r),
  rewrap: (o, n, r) => rewrapLock(o, n, r),
  pin: async (pin, salt, k) => pinHash(pin, salt, k),
};

let n = 0;
let id = 0;

/** A device: one database, a clock the test moves, and localStorage as a Map; `start()` opens it as a new tab would. */
function device() {
  const name = `dala-data-lock-${++n}`;
  const clock = { t: Date.parse('2026-03-01T09:00:00.000Z') };
  const kv = new Map<string, string>();
  const hints = { getItem: (k: string) => kv.get(k) ?? null, setItem: (k: string, v: string) => void kv.set(k, v), removeItem: (k: string) => void kv.delete(k) };
  const start = () =>
    Dala.start({ newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`, clock: { now: () => new Date(clock.t).toISOString() }, hints, kdf: async () => kdf }, { name });
  return { start, clock, kv };
}

async function interview(app: Dala) {
  const session = await app.startSession({ study: demoStudy, respondentCode: 'R-LOCKED', interviewer: 'AK-77', lang: 'en' });
  await app.saveAnswer(session.id, { item: 'org', value: 'Ministry of secrets', note: 'said quietly', at: new Date().toISOString() });
  return session;
}

describe('the data lock of a shared tablet', () => {
  it('a new device is asked to choose; a passphrase seals what is there, and every later start is locked until it is given', async () => {
    const d = device();
    const first = await d.start();
    expect(first.lock.status()).toEqual({ state: 'undecided' });
    const session = await interview(first);
    await first.lock.setUp('tablet pass 1');
    expect(first.lock.status()).toEqual({ state: 'unlocked' });
    expect(d.kv.get('dala:lock')).toBe('on');
    expect((await first.listSessions())[0]?.respondentCode).toBe('R-LOCKED');

    const later = await d.start();
    expect(later.lock.status()).toEqual({ state: 'locked' });
    await expect(later.openSession(session.id)).rejects.toMatchObject({ code: 'locked' });
    expect(await later.lock.unlock('wrong pass 1')).toEqual({ ok: false, reason: 'wrong', left: FREE_TRIES - 1 });
    expect(await later.lock.unlock('tablet pass 1')).toEqual({ ok: true });
    const opened = await later.openSession(session.id);
    expect(opened?.answers.get('org')).toMatchObject({ value: 'Ministry of secrets', note: 'said quietly' });
    later.lock.lock();
    expect(later.lock.status()).toEqual({ state: 'locked' });
    await expect(later.listSessions()).rejects.toMatchObject({ code: 'locked' });
  });

  it('wrong passphrases count for the whole device: after five in a row each try waits, longer each time, even after a restart', async () => {
    const d = device();
    const setup = await d.start();
    await setup.lock.setUp('tablet pass 1');
    const a = await d.start();
    const b = await d.start(); // another tab
    for (let i = 0; i < FREE_TRIES; i++) expect(await (i % 2 ? a : b).lock.unlock(`wrong ${i}`)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await a.lock.unlock('tablet pass 1')).toEqual({ ok: false, reason: 'wait', seconds: waitAfter(FREE_TRIES) / 1000 });
    const restarted = await d.start();
    expect(await restarted.lock.unlock('tablet pass 1')).toMatchObject({ ok: false, reason: 'wait' });
    d.clock.t += waitAfter(FREE_TRIES);
    expect(await restarted.lock.unlock('wrong again')).toMatchObject({ ok: false, reason: 'wrong', left: 0 });
    d.clock.t += waitAfter(FREE_TRIES);
    expect(await b.lock.unlock('tablet pass 1')).toMatchObject({ ok: false, reason: 'wait', seconds: waitAfter(FREE_TRIES + 1) / 1000 - waitAfter(FREE_TRIES) / 1000 });
    d.clock.t += waitAfter(FREE_TRIES + 1);
    expect(await b.lock.unlock('tablet pass 1')).toEqual({ ok: true });
    // A right passphrase clears the count.
    expect(await a.lock.unlock('wrong once more')).toMatchObject({ ok: false, reason: 'wrong', left: FREE_TRIES - 1 });
  });

  it('the kiosk PIN is checked with the lock\'s work factor, its tries count across tabs, and it is sealed with the data', async () => {
    const d = device();
    const app = await d.start();
    await app.lock.setUp('tablet pass 1');
    const session = await interview(app);
    const state = await app.enterKiosk(session.id, '2468', 'ru');
    expect(state.pin.kdf).toEqual(FAST);
    expect(state.pin.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await app.store.db.get('meta', 'kiosk'))).not.toContain(session.id);

    const other = await d.start();
    expect(await other.lock.unlock('tablet pass 1')).toEqual({ ok: true });
    for (let i = 0; i < FREE_TRIES; i++) expect(await (i % 2 ? app : other).leaveKiosk('0000')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await app.leaveKiosk('2468')).toMatchObject({ ok: false, reason: 'wait' });
    expect((await other.kioskState())?.sessionId).toBe(session.id);
    d.clock.t += waitAfter(FREE_TRIES);
    expect(await app.leaveKiosk('2468')).toEqual({ ok: true });
    expect(await other.kioskState()).toBeUndefined();
  });

  it('turning the lock off needs the passphrase and opens every record again; the choice to keep data unlocked is kept', async () => {
    const d = device();
    const app = await d.start();
    await app.lock.setUp('tablet pass 1');
    await app.rememberInterviewer('AK-77');
    expect(d.kv.has('dala.interviewer')).toBe(false);
    const session = await interview(app);
    expect(await app.lock.turnOff('not it')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(app.lock.status().state).toBe('unlocked');
    expect(await app.lock.turnOff('tablet pass 1')).toEqual({ ok: true });
    expect(app.lock.status()).toEqual({ state: 'off' });
    expect(d.kv.get('dala:lock')).toBe('off');
    const raw = await app.store.db.get('sessions', session.id);
    expect(raw).toMatchObject({ respondentCode: 'R-LOCKED' });
    expect(raw).not.toHaveProperty('enc');
    const later = await d.start();
    expect(later.lock.status()).toEqual({ state: 'off' });
    expect((await later.openSession(session.id))?.answers.get('org')?.value).toBe('Ministry of secrets');
    expect(await later.lastInterviewer()).toBe('AK-77');
  });

  it('a new passphrase replaces the old one; the data stays as it was', async () => {
    const d = device();
    const app = await d.start();
    await app.lock.setUp('tablet pass 1');
    const session = await interview(app);
    expect(await app.lock.changePassphrase('tablet pass 1', 'a much longer passphrase')).toEqual({ ok: true });
    const later = await d.start();
    expect(await later.lock.unlock('tablet pass 1')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await later.lock.unlock('a much longer passphrase')).toEqual({ ok: true });
    expect((await later.store.getSession(session.id))?.respondentCode).toBe('R-LOCKED');
  });

  it("the device's signing key is sealed with the data: a locked tab cannot sign, and it is the same key once unlocked", async () => {
    const d = device();
    const first = await d.start();
    const before = await first.deviceKey(); // made before the lock was chosen: in clear
    expect(typeof (await first.store.getMeta('deviceKey'))).toBe('string');
    await first.lock.setUp('tablet pass 1');
    // Sealed in place with everything else: the stored entry no longer holds the key's bytes.
    const sealed = await first.store.getMeta<{ enc?: unknown }>('deviceKey');
    expect(sealed?.enc).toBeInstanceOf(Uint8Array);
    expect(Object.keys(sealed!)).toEqual(['enc']);
    expect((await first.deviceKey()).publicKey).toBe(before.publicKey);

    const later = await d.start();
    await expect(later.deviceKey()).rejects.toMatchObject({ code: 'locked' });
    expect(await later.lock.unlock('tablet pass 1')).toEqual({ ok: true });
    expect((await later.deviceKey()).publicKey).toBe(before.publicKey);
    // Locking forgets it again.
    later.lock.lock();
    await expect(later.deviceKey()).rejects.toMatchObject({ code: 'locked' });

    // A device that turns the lock on before it ever signed makes its key sealed from the start.
    const fresh = device();
    const app = await fresh.start();
    await app.lock.setUp('tablet pass 2');
    const made = await app.deviceKey();
    expect((await app.store.getMeta<{ enc?: unknown }>('deviceKey'))?.enc).toBeInstanceOf(Uint8Array);
    // And turning the lock off opens it again, the same key.
    expect(await app.lock.turnOff('tablet pass 2')).toEqual({ ok: true });
    expect(typeof (await app.store.getMeta('deviceKey'))).toBe('string');
    expect((await (await fresh.start()).deviceKey()).publicKey).toBe(made.publicKey);
  });
});
