/**
 * Tries of a secret (the kiosk PIN, the data lock's passphrase) counted for the whole device: one
 * counter in IndexedDB, shared by every tab and kept across reloads, and one try at a time (a Web
 * Lock), so ten tabs get no more tries than one. After FREE_TRIES wrong ones in a row, each further
 * try waits, twice as long each time (30 s, 1 min, 2 min, ... up to 30 min).
 *
 * A try is counted before it is checked, so closing the tab while the check runs does not undo it;
 * a right one clears the counter. The wait is measured on the device's clock: a clock set back does
 * not shorten it (a wait is then counted from now).
 */
import type { Store } from '../adapters/storage-idb/store';

export const FREE_TRIES = 5;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 30 * 60_000;

export type AttemptName = 'kiosk' | 'unlock';

export type AttemptResult = { ok: true } | { ok: false; reason: 'wrong'; left: number } | { ok: false; reason: 'wait'; seconds: number };

interface Counter {
  failures: number;
  /** Epoch milliseconds of the last counted try. */
  last: number;
}

/** How long after `failures` wrong tries in a row the next one waits. */
export function waitAfter(failures: number): number {
  return failures < FREE_TRIES ? 0 : Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_TRIES), MAX_WAIT_MS);
}

const counterKey = (name: AttemptName) => `attempts:${name}`;

function readCounter(v: unknown): Counter {
  const c = v as Partial<Counter> | undefined;
  return { failures: Number.isInteger(c?.failures) && c!.failures! >= 0 ? c!.failures! : 0, last: typeof c?.last === 'number' ? c.last : 0 };
}

/** Runs `fn` holding the device-wide lock of these tries (where Web Locks exist). */
function serialised<T>(name: AttemptName, fn: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return fn();
  return locks.request(`dala-attempt:${name}`, { mode: 'exclusive' }, fn) as Promise<T>;
}

/**
 * One try: waits its turn among the tabs, refuses while the device must wait, counts it, then runs
 * `check` (true: right). A `check` that throws (a damaged record, not a wrong secret) is not counted.
 */
export function guardedAttempt(store: Store, name: AttemptName, now: () => number, check: () => Promise<boolean>): Promise<AttemptResult> {
  return serialised(name, async () => {
    const key = counterKey(name);
    const before = readCounter(await store.getMeta(key));
    const t = now();
    const wait = before.failures >= FREE_TRIES ? (t < before.last ? waitAfter(before.failures) : before.last + waitAfter(before.failures) - t) : 0;
    if (wait > 0) return { ok: false, reason: 'wait', seconds: Math.ceil(wait / 1000) };
    await store.setMeta(key, { failures: before.failures + 1, last: t } satisfies Counter);
    let right: boolean;
    try {
      right = await check();
    } catch (e) {
      await store.setMeta(key, before);
      throw e;
    }
    if (right) {
      await store.deleteMeta(key);
      return { ok: true };
    }
    return { ok: false, reason: 'wrong', left: Math.max(0, FREE_TRIES - before.failures - 1) };
  });
}

/** Clears the counter (a new PIN was set). */
export function resetAttempts(store: Store, name: AttemptName): Promise<void> {
  return store.deleteMeta(counterKey(name));
}
