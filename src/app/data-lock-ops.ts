/**
 * What changes the data lock (./data-lock.ts): setting it up, opening it, turning it off, a new
 * passphrase. Loaded when one of them is first asked for, not with the first page.
 */
import { LockError } from '../adapters/storage-idb/sealed';
import type { LockRecord } from '../adapters/storage-idb/lock-record';
import { finishTransition, chooseLockOff, replaceLock, turnLockOff, turnLockOn } from '../adapters/storage-idb/lock-transitions';
import { guardedAttempt } from './attempts';
import type { LockKdf } from './lock-client';
import { readPref, removePref, writePref } from './prefs';
import { setLockFlag } from './resume-hint';
import { INTERVIEWER_PREF, PASSPHRASE_MIN, type DataLock, type UnlockResult } from './data-lock';

/**
 * Turns the lock on with a new passphrase: a new data key, then every record already on the device
 * sealed in place (resumed at the next unlock if the tab closes meanwhile). This tab stays unlocked.
 */
export async function setUp(lock: DataLock, passphrase: string, onProgress?: (done: number) => void): Promise<void> {
  if (passphrase.length < PASSPHRASE_MIN) throw new Error(`a passphrase has at least ${PASSPHRASE_MIN} characters`);
  setLockFlag(lock.deps.kv, 'on');
  const { record, key } = await (await lock.deps.kdf()).create(passphrase, lock.deps.now().toISOString());
  await turnLockOn(lock.deps.store, record, key, onProgress);
  // The last interviewer's code leaves localStorage for the sealed store.
  const last = readPref(INTERVIEWER_PREF);
  if (last) {
    await lock.deps.store.setSealedMeta('lastInterviewer', last);
    removePref(INTERVIEWER_PREF);
  }
  lock.syncFlag();
}

/** The device keeps its data unlocked (the choice at first start, or Settings). */
export async function keepOff(lock: DataLock): Promise<void> {
  await chooseLockOff(lock.deps.store, lock.deps.now().toISOString());
  lock.syncFlag();
}

/** Opens the lock with the passphrase (a counted try), and finishes a sealing or opening that was interrupted. */
export async function unlock(lock: DataLock, passphrase: string, onProgress?: (done: number) => void): Promise<UnlockResult> {
  let record: LockRecord | undefined;
  try {
    record = await lock.deps.store.refreshLock();
  } catch (e) {
    return { ok: false, reason: 'damaged', message: e instanceof Error ? e.message : String(e) };
  }
  if (record?.state !== 'on') {
    lock.syncFlag();
    return { ok: true };
  }
  const lockId = record.id;
  let key: CryptoKey | null = null;
  const kdf = await lock.deps.kdf();
  const result = await countedTry(lock, async () => {
    performance.mark('dala:kdf-start'); // the key work alone, read by `npm run bench lock`
    key = await kdf.open(passphrase, record);
    performance.mark('dala:kdf-end');
  });
  if (!result.ok || !key) return result;
  await lock.deps.store.setKey(key, lockId);
  await finishTransition(lock.deps.store, onProgress);
  lock.syncFlag();
  return { ok: true };
}

/** Checks the passphrase (a counted try) without changing anything. */
async function check(lock: DataLock, passphrase: string): Promise<UnlockResult> {
  const record = lock.deps.store.lockRecord();
  if (record?.state !== 'on') return { ok: true };
  const kdf = await lock.deps.kdf();
  return countedTry(lock, async () => void (await kdf.open(passphrase, record)));
}

/** Turns the lock off (this tab is unlocked, and the passphrase is asked again): every record opened in place. */
export async function turnOff(lock: DataLock, passphrase: string, onProgress?: (done: number) => void): Promise<UnlockResult> {
  const checked = await check(lock, passphrase);
  if (!checked.ok) return checked;
  // The last interviewer's code is kept where the lock's off state keeps it.
  const last = await lock.deps.store.getSealedMeta<string>('lastInterviewer');
  await turnLockOff(lock.deps.store, lock.deps.now().toISOString(), onProgress);
  if (last) writePref(INTERVIEWER_PREF, last);
  lock.syncFlag();
  return { ok: true };
}

/** The same data key under a new passphrase. */
export async function changePassphrase(lock: DataLock, current: string, next: string): Promise<UnlockResult> {
  if (next.length < PASSPHRASE_MIN) throw new Error(`a passphrase has at least ${PASSPHRASE_MIN} characters`);
  const record = lock.deps.store.lockRecord();
  const kdf = await lock.deps.kdf();
  let rewrapped: Awaited<ReturnType<LockKdf['rewrap']>> | null = null;
  const result = await countedTry(lock, async () => {
    rewrapped = await kdf.rewrap(current, next, record);
  });
  if (!result.ok || !rewrapped) return result;
  await replaceLock(lock.deps.store, rewrapped);
  return { ok: true };
}

/**
 * One try of the passphrase, counted for the whole device (./attempts.ts): `work` is the key work,
 * which throws LockError 'lock-passphrase' for a wrong passphrase; any other failure is a damaged lock.
 */
async function countedTry(lock: DataLock, work: () => Promise<void>): Promise<UnlockResult> {
  try {
    return await guardedAttempt(lock.deps.store, 'unlock', () => lock.deps.now().getTime(), async () => {
      try {
        await work();
        return true;
      } catch (e) {
        if (e instanceof LockError && e.code === 'lock-passphrase') return false;
        throw e;
      }
    });
  } catch (e) {
    return { ok: false, reason: 'damaged', message: e instanceof Error ? e.message : String(e) };
  }
}
