import { describe, expect, it } from 'vitest';
import { loadRunnerSession, type OpenedSession, type RunnerLoadDeps, type RunnerStart } from '../../src/app/runner-load';
import type { HeldLock } from '../../src/app/session-lock';

/** A lock whose release is recorded in `log`. */
const lockOf = (log: string[], name = 'lock'): HeldLock => ({ release: () => void log.push(`release ${name}`) });
const opened = (tag: string): OpenedSession => ({ session: { id: 's1', status: 'draft' } as OpenedSession['session'], study: {} as OpenedSession['study'], answers: new Map([['q', { item: 'q', value: tag, at: 'x' }]]) });

/** A promise settled from outside. */
function later<T>(): { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function harness(start: RunnerStart, over: Partial<RunnerLoadDeps> = {}) {
  const log: string[] = [];
  const deps: RunnerLoadDeps = {
    sessionId: 's1',
    start,
    openSession: async () => opened('db'),
    tryLock: async () => lockOf(log),
    waitForLock: () => new Promise(() => {}),
    ...over,
  };
  const load = loadRunnerSession(deps, {
    heldElsewhere: () => void log.push('held elsewhere'),
    failed: (m) => void log.push(`failed: ${m}`),
    missing: (fromHint) => void log.push(`missing${fromHint ? ' (hint)' : ''}`),
    loaded: (o, locked) => void log.push(`loaded ${o.answers.get('q')?.value} ${locked ? 'locked' : 'held'}`),
    acquired: (o) => void log.push(`acquired ${o.answers.get('q')?.value}`),
  });
  return { log, load };
}

describe('the runner comes to a session: load, lock, resume (issue 13)', () => {
  it('a plain start: the lock and the session together; the lock is let go only after the last writes', async () => {
    const { log, load } = harness({ kind: 'plain' });
    await load.done;
    expect(log).toEqual(['loaded db held']);
    expect(await load.holds()).toBe(true);
    const flushed = later<void>();
    load.close(flushed.promise);
    await Promise.resolve();
    expect(log).toEqual(['loaded db held']); // still writing: the lock stays
    flushed.resolve();
    await flushed.promise;
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['loaded db held', 'release lock']);
  });

  it('another tab holds the session: read-only until it lets go, then this tab holds it with the answers read afresh', async () => {
    const freed = later<HeldLock | null>();
    let reads = 0;
    const { log, load } = harness({ kind: 'plain' }, { tryLock: async () => null, waitForLock: () => freed.promise, openSession: async () => opened(++reads === 1 ? 'old' : 'fresh') });
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['loaded old locked']);
    freed.resolve(lockOf(log, 'later'));
    await load.done;
    expect(log).toEqual(['loaded old locked', 'acquired fresh']);
    expect(await load.holds()).toBe(true);
  });

  it('a database error is said, and the lock taken meanwhile is let go', async () => {
    const { log, load } = harness({ kind: 'plain' }, { openSession: async () => Promise.reject(new Error('QuotaExceededError')) });
    await load.done;
    expect(log).toEqual(['release lock', 'failed: QuotaExceededError']);
  });

  it('a session that is gone: missing, and the lock let go', async () => {
    const { log, load } = harness({ kind: 'plain' }, { openSession: async () => null });
    await load.done;
    expect(log).toEqual(['release lock', 'missing']);
  });

  it('closed before the session arrives: nothing is shown, and the lock is let go after the writes', async () => {
    const read = later<OpenedSession | null>();
    const { log, load } = harness({ kind: 'plain' }, { openSession: () => read.promise });
    load.close(Promise.resolve());
    read.resolve(opened('db'));
    await load.done;
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['release lock']);
  });

  it('drawn early from the resume hint, held here: the database copy follows; a stale hint for a session gone says so', async () => {
    const { log, load } = harness({ kind: 'early', lock: Promise.resolve(lockOf([], 'early')), prefetch: Promise.resolve({ opened: opened('db') }) });
    expect(await load.holds()).toBe(true);
    await load.done;
    expect(log).toEqual(['loaded db held']);
    const gone = harness({ kind: 'early', lock: Promise.resolve(lockOf([], 'early')), prefetch: Promise.resolve({ opened: null }) });
    await gone.load.done;
    expect(gone.log).toEqual(['missing (hint)']);
  });

  it('drawn early, but another tab holds the session: the hint\u2019s answers are not written, the screen turns read-only', async () => {
    const { log, load } = harness({ kind: 'early', lock: Promise.resolve(null), prefetch: Promise.resolve({ opened: opened('db') }) });
    expect(await load.holds()).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['held elsewhere', 'loaded db locked']);
  });

  it('prefetched during start-up: shown at once, with the lock read then', async () => {
    const { log, load } = harness({ kind: 'prefetched', opened: opened('pre'), lock: null });
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['loaded pre locked']);
    load.close(Promise.resolve());
  });
});
