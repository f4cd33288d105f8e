/**
 * The data lock of a shared tablet (docs/security.md, "Data at rest and the shared tablet"): on by
 * default, the interviewer chooses a passphrase (or a PIN of at least 6 digits) at first start, and
 * unlocks the app with it; the answers, notes, consent and codes in IndexedDB are sealed with a data
 * key that only the passphrase opens (src/adapters/storage-idb/sealed.ts, key-wrap.ts). A device can
 * choose to keep its data unlocked (Settings, with a warning of what that exposes).
 *
 * This tab's unlock lasts until it is locked (by the interviewer, when idle, when kiosk mode starts in
 * another tab: ./lock-watch.ts) or closed: the key lives only in this tab's memory.
 *
 * Tries of the passphrase are counted for the whole device (./attempts.ts). The key work (scrypt, about a
 * second) runs in a worker; `kdf` is loaded on first use.
 */
import type { Store } from '../adapters/storage-idb/store';

/** What changes the lock: loaded when first asked for. */
type Ops = typeof import('./data-lock-ops');
const ops = (): Promise<Ops> => import('./data-lock-ops');
import type { LockRecord } from '../adapters/storage-idb/lock-record';
import type { AttemptResult } from './attempts';
import type { LockKdf } from './lock-client';
import { setLockFlag, type KeyValue } from './resume-hint';
import { readPref, writePref } from './prefs';

export type LockStatus =
  /** The device has not chosen yet: ask for a passphrase (or to keep the data unlocked). */
  | { state: 'undecided' }
  | { state: 'off' }
  | { state: 'locked' }
  | { state: 'unlocked' }
  /** The lock record is damaged: the data cannot be opened. */
  | { state: 'damaged'; message: string };

/** A passphrase (or PIN) has at least this many characters. */
export const PASSPHRASE_MIN = 6;
/** The idle times Settings offers (minutes); the default. */
export const IDLE_CHOICES = [2, 5, 10, 15, 30, 60] as const;
export const DEFAULT_IDLE_MINUTES = 10;
const IDLE_KEY = 'lockIdleMinutes';
/** The last interviewer code typed, pre-filled in a new session: in localStorage only while the lock is off. */
export const INTERVIEWER_PREF = 'dala.interviewer';

export type UnlockResult = AttemptResult | { ok: false; reason: 'damaged'; message: string };

export interface DataLockDeps {
  store: Store;
  kdf: () => Promise<LockKdf>;
  now: () => Date;
  /** Where the lock's flag lives (localStorage); none in Node. */
  kv: KeyValue | null;
  /** Work that waits for the records to open (media recordings a killed browser left open), after each unlock. */
  onUnlocked?: () => Promise<void>;
}

export class DataLock {
  /** The code that changes the lock, once `prepare` has loaded it: an unlock then starts at once. */
  private loaded: Ops | null = null;

  constructor(readonly deps: DataLockDeps) {
    this.syncFlag();
  }

  private get store(): Store {
    return this.deps.store;
  }

  /** The key work (scrypt in a worker), loaded on first use. */
  get kdfLoader(): () => Promise<LockKdf> {
    return this.deps.kdf;
  }

  /** The lock's state in this tab. */
  status(): LockStatus {
    let record: LockRecord | undefined;
    try {
      record = this.store.lockRecord();
    } catch (e) {
      return { state: 'damaged', message: e instanceof Error ? e.message : String(e) };
    }
    if (!record) return { state: 'undecided' };
    if (record.state === 'off') return { state: 'off' };
    return this.store.locked ? { state: 'locked' } : { state: 'unlocked' };
  }

  /** Whether the lock is on (locked or not) on this device. */
  get on(): boolean {
    const s = this.status().state;
    return s === 'locked' || s === 'unlocked' || s === 'damaged';
  }

  /** The flag in localStorage that keeps resume hints (clear copies of a draft) off while the lock is on. */
  syncFlag(): void {
    const s = this.status().state;
    setLockFlag(this.deps.kv, s === 'off' ? 'off' : s === 'undecided' ? null : 'on');
  }

  /**
   * Turns the lock on with a new passphrase: a new data key, then every record already on the device
   * sealed in place (resumed at the next unlock if the tab closes meanwhile). This tab stays unlocked.
   */
  async setUp(passphrase: string, onProgress?: (done: number) => void): Promise<void> {
    return (await ops()).setUp(this, passphrase, onProgress);
  }

  /** The device keeps its data unlocked (the choice at first start). */
  async keepOff(): Promise<void> {
    return (await ops()).keepOff(this);
  }

  /** Opens the lock with the passphrase (a counted try), and finishes a sealing or opening that was interrupted. */
  async unlock(passphrase: string, onProgress?: (done: number) => void): Promise<UnlockResult> {
    const result = await (this.loaded ?? (await ops())).unlock(this, passphrase, onProgress);
    // Recordings a killed browser left open are sealed before anything reads answers (two counts when
    // there are none). A failure here is tried again at the next start or unlock; the unlock stands.
    if (result.ok) await this.deps.onUnlocked?.().catch(() => {});
    return result;
  }

  /**
   * Loads what an unlock needs while the passphrase is being typed (the lock screen calls it): the
   * code that opens the lock, the key work's worker, the code that opens records.
   */
  prepare(): void {
    void ops().then((m) => (this.loaded = m), () => {});
    void this.deps.kdf().then((k) => k.warm?.(), () => {});
    void import('../adapters/storage-idb/record-cipher').catch(() => {});
  }

  /** Forgets the key in this tab (the caller saved what was pending first). */
  lock(): void {
    this.store.dropKey();
  }

  /** Turns the lock off (this tab is unlocked, and the passphrase is asked again): every record opened in place. */
  async turnOff(passphrase: string, onProgress?: (done: number) => void): Promise<UnlockResult> {
    return (await ops()).turnOff(this, passphrase, onProgress);
  }

  /** The same data key under a new passphrase. */
  async changePassphrase(current: string, next: string): Promise<UnlockResult> {
    return (await ops()).changePassphrase(this, current, next);
  }

  /** Reads the lock again (another tab changed it): the status this tab is in now. */
  async refresh(): Promise<LockStatus> {
    try {
      await this.store.refreshLock();
    } catch {
      // status() says it is damaged
    }
    this.syncFlag();
    return this.status();
  }

  /** Minutes without a touch or a key after which every tab locks. */
  async idleMinutes(): Promise<number> {
    const v = await this.store.getMeta<number>(IDLE_KEY);
    return typeof v === 'number' && (IDLE_CHOICES as readonly number[]).includes(v) ? v : DEFAULT_IDLE_MINUTES;
  }

  async setIdleMinutes(minutes: number): Promise<void> {
    if (!(IDLE_CHOICES as readonly number[]).includes(minutes)) throw new Error(`the idle time is one of ${IDLE_CHOICES.join(', ')} minutes`);
    await this.store.setMeta(IDLE_KEY, minutes);
  }

  /** The interviewer code last typed (sealed while the lock is on). */
  async lastInterviewer(): Promise<string> {
    if (!this.on) return readPref(INTERVIEWER_PREF) ?? (await this.store.getSealedMeta<string>('lastInterviewer').catch(() => undefined)) ?? '';
    return (await this.store.getSealedMeta<string>('lastInterviewer')) ?? '';
  }

  async rememberInterviewer(code: string): Promise<void> {
    if (!this.on) writePref(INTERVIEWER_PREF, code);
    else await this.store.setSealedMeta('lastInterviewer', code);
  }
}
