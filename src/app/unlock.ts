/**
 * A locked tab opened with the passphrase (./data-lock.ts), with the draft it is on. While the key is
 * derived (scrypt in its worker: the longest part of an unlock), the draft's records are read as they
 * are stored, sealed (nothing is opened before the key exists), and its session lock is asked for;
 * once the key is there they are opened, with the kiosk state, so the screen after the unlock is drawn
 * in one render with its first question, as when the page opens on a draft (./boot.ts, `prefetch`).
 */
import type { Prefetched } from './boot';
import type { Dala } from './dala';
import type { UnlockResult } from './data-lock';
import type { KioskState } from './kiosk';
import { tryLockSession, type HeldLock } from './session-lock';
import { compileInstrument, type CompiledInstrument } from '../core/responses/form-state';

export interface Unlocked {
  result: UnlockResult;
  /** Once unlocked: the kiosk state (the screens then show only the respondent's part). */
  kiosk: KioskState | null;
  /**
   * Once unlocked, not in kiosk mode: the draft opened, with its session lock (null when another tab
   * holds it). Null when there is no draft, or its read failed (the runner reads it again and says why).
   */
  draft: Prefetched | null;
}

export async function unlockWithDraft(app: Dala, passphrase: string, draftId: string | null, tryLock: (id: string) => Promise<HeldLock | null> = tryLockSession): Promise<Unlocked> {
  const held = draftId ? tryLock(draftId) : Promise.resolve(null);
  const stored = draftId ? app.readStoredSession(draftId).catch(() => null) : Promise.resolve(null);
  // The study is not sealed: its instrument is compiled meanwhile too (the main thread is idle).
  const compiled = stored.then((raw): CompiledInstrument | undefined => {
    try {
      return raw ? compileInstrument(raw.study.instrument) : undefined;
    } catch {
      return undefined; // the runner compiles it again and says what is wrong
    }
  });
  const letGo = () => void held.then((l) => l?.release());
  let result: UnlockResult;
  try {
    result = await app.lock.unlock(passphrase);
  } catch (e) {
    letGo();
    throw e;
  }
  const state = app.lock.status().state;
  if (!result.ok || state === 'locked' || state === 'damaged') {
    letGo();
    return { result, kiosk: null, draft: null };
  }
  performance.mark('dala:unlocked'); // the lock is open: read by `npm run bench lock`
  const openDraft = async () => {
    const raw = await stored;
    return raw && app.openStoredSession(raw).catch(() => null);
  };
  let kiosk: KioskState | null;
  let opened: Prefetched['opened'];
  try {
    [kiosk, opened] = await Promise.all([app.kioskState().then((k) => k ?? null), openDraft()]);
  } catch (e) {
    letGo();
    throw e;
  }
  if (kiosk || !opened || !draftId) {
    letGo();
    return { result, kiosk, draft: null };
  }
  const pre = await compiled;
  return { result, kiosk, draft: { id: draftId, opened, lock: await held, ...(pre && pre.instrument === opened.study.instrument ? { compiled: pre } : {}) } };
}
