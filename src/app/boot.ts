/**
 * Opens Dala's database as soon as the entry script runs, before the first render, so the first
 * question appears sooner. The UI sets the handlers for upgrades and errors when it mounts.
 */
import { Dala } from './dala';
import { newId } from './ids';
import type { OpenOptions } from '../adapters/storage-idb/store';
import { tryLockSession, type HeldLock } from './session-lock';

export type BootHandlers = Pick<OpenOptions, 'onVersionChange' | 'onBlocked' | 'onTerminated'>;

/** A session read (and locked) while the app starts, when the page opens on it. */
export interface Prefetched {
  id: string;
  opened: Awaited<ReturnType<Dala['openSession']>>;
  lock: HeldLock | null;
}

export interface Boot {
  started: Promise<Dala>;
  /** Set when the page was opened on a session: its data, ready for the first render. */
  prefetch: Promise<Prefetched | null>;
  /** Filled in by the UI; called by the store when its events happen. */
  handlers: BootHandlers;
}

/** `sessionId`: the session the page opens on (from the URL), read in parallel with the start. */
export function bootDala(sessionId?: string): Boot {
  // Marks for the start-up figures (npm run bench): script running, database ready, session read.
  performance.mark('dala:script');
  const handlers: BootHandlers = {};
  const started = Dala.start(
    { newId, clock: { now: () => new Date().toISOString() } },
    {
      onVersionChange: () => handlers.onVersionChange?.(),
      onBlocked: () => handlers.onBlocked?.(),
      onTerminated: () => handlers.onTerminated?.(),
    },
  );
  void started.then(() => performance.mark('dala:ready'), () => {});
  const prefetch = sessionId
    ? Promise.all([started.then((app) => app.openSession(sessionId)), tryLockSession(sessionId)]).then(
        ([opened, lock]) => (performance.mark('dala:session-read'), { id: sessionId, opened, lock }),
        () => null,
      )
    : Promise.resolve(null);
  return { started, prefetch, handlers };
}
