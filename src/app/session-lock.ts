/**
 * One editor per session: the same draft open in two tabs cannot be edited in both. Uses the Web Locks
 * API (exclusive lock named after the session, held while the runner is open). Where Web Locks are
 * missing, edits are allowed (a single-tab browser).
 */
export interface HeldLock {
  release(): void;
}

/** Resolves to a held lock, or null when another tab holds it. */
export async function tryLockSession(sessionId: string): Promise<HeldLock | null> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return { release() {} };
  return new Promise<HeldLock | null>((resolve) => {
    locks
      .request(`dala-session:${sessionId}`, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        // Hold the lock until release() settles this promise.
        return new Promise<void>((done) => resolve({ release: () => done() }));
      })
      // Web Locks refused (an opaque origin, a policy): as where they are missing, edits are allowed.
      .catch(() => resolve({ release() {} }));
  });
}

/** Waits until the session is free (the other tab closed), then holds it. */
export function waitForSessionLock(sessionId: string, signal: AbortSignal): Promise<HeldLock | null> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return Promise.resolve({ release() {} });
  return new Promise<HeldLock | null>((resolve) => {
    locks
      .request(`dala-session:${sessionId}`, { signal }, () => new Promise<void>((done) => resolve({ release: () => done() })))
      .catch(() => resolve(null));
  });
}
