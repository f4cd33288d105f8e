/**
 * How the runner comes to a session (issue 13, part 5: the runner's load, lock and resume, out of the
 * screen and unit-tested). Three starts:
 * - **early**: the screen was drawn from the resume hint before the database opened; the session lock
 *   was asked for at once, the database's copy follows (boot.ts);
 * - **prefetched**: the session and its lock were read during start-up;
 * - **plain**: the lock and the session are asked for now, together.
 * Then the database is the truth: `loaded` gives it, with whether this tab holds the session. When
 * another tab holds it, this waits until that tab lets go, then reads the session again (`acquired`).
 * `close` (the screen goes) lets go of the lock only after what the screen still had to write is
 * written. No React here: the screen passes callbacks in.
 */
import type { HeldLock } from './session-lock';
import type { SessionRecord, StudyRecord } from './model';
import type { Answer } from '../core/responses/types';

export interface OpenedSession {
  session: SessionRecord;
  study: StudyRecord;
  answers: Map<string, Answer>;
}

export type RunnerStart =
  | { kind: 'early'; lock: Promise<HeldLock | null>; prefetch: Promise<{ opened: OpenedSession | null } | null> }
  | { kind: 'prefetched'; opened: OpenedSession | null; lock: HeldLock | null }
  | { kind: 'plain' };

export interface RunnerLoadDeps {
  sessionId: string;
  start: RunnerStart;
  openSession(id: string): Promise<OpenedSession | null>;
  tryLock(id: string): Promise<HeldLock | null>;
  waitForLock(id: string, signal: AbortSignal): Promise<HeldLock | null>;
}

export interface RunnerLoadEvents {
  /** Early start only: another tab holds the session; what was answered from the hint is not written. */
  heldElsewhere(): void;
  /** The session could not be read (a database error). */
  failed(message: string): void;
  /** The session is not there (deleted, or never was). `fromHint`: the screen was drawn from a stale hint. */
  missing(fromHint: boolean): void;
  /** The database's copy; `locked`: another tab holds the session, so this screen is read-only for now. */
  loaded(opened: OpenedSession, locked: boolean): void;
  /** The other tab let go: this tab holds the session now, with its answers read afresh. */
  acquired(opened: OpenedSession): void;
}

export interface RunnerLoad {
  /** Resolves to whether this tab holds the session (answers are written only then). */
  holds(): Promise<boolean>;
  /** The screen goes: `flushed` is what it still writes; the lock is let go after it. */
  close(flushed: Promise<void>): void;
  /** Settles when the load has run to its end (tests). */
  done: Promise<void>;
}

export function loadRunnerSession(deps: RunnerLoadDeps, on: RunnerLoadEvents): RunnerLoad {
  const { sessionId, start } = deps;
  let lock: HeldLock | null = null;
  let closing: Promise<void> | null = null;
  let alive = true;
  const abort = new AbortController();
  let holds: Promise<boolean> = start.kind === 'early' ? start.lock.then((l) => l !== null) : Promise.resolve(true);
  const letGo = (l: HeldLock | null) => void (closing ?? Promise.resolve()).finally(() => l?.release());

  const run = async (): Promise<void> => {
    if (start.kind === 'early') {
      // Drawn from the hint and editable at once; if another tab turns out to hold the session, what
      // was answered meanwhile is not written (and says so), and the screen turns read-only.
      lock = await start.lock;
      if (!alive) return letGo(lock);
      if (!lock) on.heldElsewhere();
    }
    let opened: OpenedSession | null;
    let held: HeldLock | null;
    if (start.kind === 'early') {
      try {
        opened = (await start.prefetch)?.opened ?? null;
      } catch {
        return; // the database failed: the app shows the error (as for any start); the hint stays
      }
      held = lock;
    } else if (start.kind === 'prefetched') {
      [opened, held] = [start.opened, start.lock];
    } else {
      const locking = deps.tryLock(sessionId);
      try {
        opened = await deps.openSession(sessionId);
      } catch (e) {
        (await locking)?.release();
        if (alive) on.failed(e instanceof Error ? e.message : String(e));
        return;
      }
      held = await locking;
    }
    lock = held;
    if (!alive) {
      letGo(lock);
      lock = null;
      return;
    }
    if (!opened) {
      lock?.release();
      lock = null;
      on.missing(start.kind === 'early');
      return;
    }
    on.loaded(opened, lock === null);
    if (lock) return;
    // Another tab edits this session: wait until it lets go, then load its answers afresh.
    lock = await deps.waitForLock(sessionId, abort.signal);
    if (!alive) return letGo(lock);
    if (!lock) return;
    holds = Promise.resolve(true);
    const again = await deps.openSession(sessionId);
    if (!alive || !again) return;
    on.acquired(again);
  };
  const done = run();

  return {
    holds: () => holds,
    close(flushed) {
      alive = false;
      abort.abort();
      closing = flushed;
      letGo(lock);
    },
    done,
  };
}
