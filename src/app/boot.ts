/**
 * Opens Dala's database as soon as the entry script runs, before the first render, so the first
 * question appears sooner. The UI sets the handlers for upgrades and errors when it mounts.
 *
 * While the data lock is on (./data-lock.ts) there is no hint and nothing is read before the unlock.
 *
 * When the page opens on a draft whose resume hint is here (./resume-hint.ts), the first screen is
 * drawn from the hint, and the database opens right after it: `early` carries the hint, the session
 * lock (asked for at once; it needs no database) and the database's own read, which then takes over.
 */
import { afterNextFrame } from './after-frame';
import { Dala } from './dala';
import { newId } from './ids';
import type { OpenOptions } from '../adapters/storage-idb/store';
import { tryLockSession, type HeldLock } from './session-lock';
import { browserKeyValue, readResumeHint, type ResumeHint } from './resume-hint';

export type BootHandlers = Pick<OpenOptions, 'onVersionChange' | 'onBlocked' | 'onTerminated'>;

/** A session read (and locked) while the app starts, when the page opens on it. */
export interface Prefetched {
  id: string;
  opened: Awaited<ReturnType<Dala['openSession']>>;
  lock: HeldLock | null;
}

/** The first screen of a draft, drawn from its resume hint before the database is open. */
export interface EarlyStart {
  id: string;
  hint: ResumeHint;
  /**
   * The session lock, asked for at once (it needs no database, yet a fresh page can wait as long for
   * it as for IndexedDB, so the screen does not wait for it). Null when another tab edits the draft:
   * what was answered before that was known is still written, then the screen turns read-only.
   */
  lock: Promise<HeldLock | null>;
  /** What the database holds: it replaces the hint. */
  prefetch: Promise<Prefetched | null>;
}

export interface Boot {
  started: Promise<Dala>;
  /** Set when the page was opened on a session: its data, ready for the first render. */
  prefetch: Promise<Prefetched | null>;
  /** Set when the page was opened on a draft with a resume hint. */
  early: EarlyStart | null;
  /** Filled in by the UI; called by the store when its events happen. */
  handlers: BootHandlers;
}

/** `sessionId`: the session the page opens on (from the URL), read in parallel with the start. */
export function bootDala(sessionId?: string): Boot {
  // Marks for the start-up figures (npm run bench): script running, database ready, session read.
  performance.mark('dala:script');
  const handlers: BootHandlers = {};
  const hints = browserKeyValue();
  const hint = sessionId ? readResumeHint(hints, sessionId) : null;
  const start = () =>
    Dala.start(
      { newId, clock: { now: () => new Date().toISOString() }, hints },
      {
        onVersionChange: () => handlers.onVersionChange?.(),
        onBlocked: () => handlers.onBlocked?.(),
        onTerminated: () => handlers.onTerminated?.(),
      },
    );
  // With a hint the first screen needs no database: it opens once that screen is drawn (a timer
  // alone would fire before the frame, and the database's start would delay it). A hidden page draws
  // no frames, so there it opens at once.
  const started = hint
    ? new Promise<void>((r) => (document.visibilityState === 'hidden' ? setTimeout(r, 0) : afterNextFrame(r))).then(start)
    : start();
  void started.then(() => performance.mark('dala:ready'), () => {});
  if (!sessionId) return { started, prefetch: Promise.resolve(null), early: null, handlers };
  const lock = tryLockSession(sessionId);
  // A failed read rejects (the app shows the error); a session that is not there is `opened: null`.
  // While the data lock keeps this tab closed nothing is read: the runner reads once it is unlocked.
  const LOCKED = 'locked' as const;
  const read = started.then((app): Promise<Prefetched['opened'] | typeof LOCKED> => (app.store.locked ? Promise.resolve(LOCKED) : app.openSession(sessionId)));
  const prefetch = Promise.all([read, lock]).then(([opened, held]): Prefetched | null => {
    if (opened === LOCKED) {
      held?.release();
      return null;
    }
    performance.mark('dala:session-read');
    return { id: sessionId, opened, lock: held };
  });
  const early = hint && { id: sessionId, hint, lock, prefetch };
  return { started, prefetch, early, handlers };
}

/**
 * A stand-in for the Dala that `started` resolves to, for the screen drawn from a resume hint: its
 * methods wait for the database, then run on the real one. Anything else (a field, a getter) is not
 * there yet, and asking for it is an error that says so.
 */
export function deferredDala(started: Promise<Dala>): Dala {
  return new Proxy({} as Dala, {
    get(_, prop) {
      const method: unknown = Object.getOwnPropertyDescriptor(Dala.prototype, prop)?.value;
      if (typeof method !== 'function' || prop === 'constructor')
        throw new Error(`Dala.${String(prop)} is not available before the database is open`);
      return (...args: unknown[]) => started.then((app) => (method as (...a: unknown[]) => unknown).apply(app, args));
    },
  });
}
