/**
 * Locking every tab of the app at once (docs/security.md, "Data at rest and the shared tablet").
 *
 * - A lock of all tabs (the interviewer's "Lock", the idle time, kiosk mode starting in a tab) is sent
 *   to the other tabs over a BroadcastChannel, and counted in localStorage (`dala:lock-epoch`). A tab
 *   that missed the message (it was frozen, or asleep in the background) compares that count with the
 *   one it was unlocked at when it is shown or focused again, and locks itself.
 * - Idle: every touch, key or scroll in any tab counts as activity (`dala:activity` in localStorage, at
 *   most every few seconds), so a tab in the background does not lock the one in use; a timer and
 *   every focus check the time since the last one.
 * - A change of the lock itself (turned on or off, a new passphrase) is sent too: the other tabs read it
 *   again.
 *
 * Nothing here holds a secret: localStorage gets counters and times only.
 */
import type { KeyValue } from './resume-hint';

export type LockReason = 'manual' | 'idle' | 'kiosk' | 'missed';

type Message = { type: 'lock'; reason: Exclude<LockReason, 'missed'> } | { type: 'changed' };

const CHANNEL = 'dala-lock';
const EPOCH_KEY = 'dala:lock-epoch';
const ACTIVITY_KEY = 'dala:activity';
const ACTIVITY_WRITE_MS = 5_000;
const CHECK_MS = 15_000;

export interface LockWatchOptions {
  /** This tab must lock (or, with the lock off, show kiosk mode if it started). */
  onLock(reason: LockReason): void;
  /** The lock itself changed in another tab; also called on every focus (reading it is cheap). */
  onChanged(): void;
  /** The idle time in ms while this tab is unlocked; null when nothing is to lock. */
  idleMs(): number | null;
  kv: KeyValue | null;
  now?: () => number;
}

export class LockWatch {
  private epoch: number;
  private lastActive: number;
  private lastWritten = 0;
  private channel: BroadcastChannel | null = null;
  private readonly stops: (() => void)[] = [];
  private readonly now: () => number;

  constructor(private readonly opts: LockWatchOptions) {
    this.now = opts.now ?? (() => Date.now());
    this.epoch = this.readEpoch();
    this.lastActive = this.now();
  }

  private readEpoch(): number {
    try {
      const n = Number(this.opts.kv?.getItem(EPOCH_KEY) ?? 0);
      return Number.isSafeInteger(n) ? n : 0;
    } catch {
      return 0;
    }
  }

  private bumpEpoch(): number {
    const n = this.readEpoch() + 1;
    try {
      this.opts.kv?.setItem(EPOCH_KEY, String(n));
    } catch {
      // The message still goes to the tabs that are awake.
    }
    return n;
  }

  private post(m: Message): void {
    try {
      this.channel?.postMessage(m);
    } catch {
      // A closed channel: the epoch still tells the others.
    }
  }

  start(): void {
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = (e: MessageEvent<Message>) => {
        if (e.data?.type === 'lock') this.opts.onLock(e.data.reason);
        else if (e.data?.type === 'changed') this.opts.onChanged();
      };
      this.channel = channel;
      this.stops.push(() => channel.close());
    }
    const onActive = () => this.active();
    for (const type of ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const) {
      addEventListener(type, onActive, { capture: true, passive: true });
      this.stops.push(() => removeEventListener(type, onActive, { capture: true }));
    }
    const onShow = () => {
      if (document.visibilityState === 'visible') this.check();
    };
    const onFocus = () => this.check();
    document.addEventListener('visibilitychange', onShow);
    addEventListener('focus', onFocus);
    addEventListener('pageshow', onFocus);
    this.stops.push(() => {
      document.removeEventListener('visibilitychange', onShow);
      removeEventListener('focus', onFocus);
      removeEventListener('pageshow', onFocus);
    });
    const timer = setInterval(() => this.checkIdle(), CHECK_MS);
    this.stops.push(() => clearInterval(timer));
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s();
    this.channel = null;
  }

  private active(): void {
    const t = this.now();
    this.lastActive = t;
    if (t - this.lastWritten < ACTIVITY_WRITE_MS) return;
    this.lastWritten = t;
    try {
      this.opts.kv?.setItem(ACTIVITY_KEY, String(t));
    } catch {
      // This tab's own activity still counts.
    }
  }

  private lastActivity(): number {
    let stored = 0;
    try {
      stored = Number(this.opts.kv?.getItem(ACTIVITY_KEY) ?? 0) || 0;
    } catch {
      stored = 0;
    }
    return Math.max(this.lastActive, stored);
  }

  /** On focus or when shown: a lock this tab missed, the lock changed, the idle time. */
  check(): void {
    if (this.readEpoch() > this.epoch) {
      this.epoch = this.readEpoch();
      this.opts.onLock('missed');
    } else this.checkIdle();
    this.opts.onChanged();
  }

  private checkIdle(): void {
    const idle = this.opts.idleMs();
    if (idle !== null && this.now() - this.lastActivity() >= idle) this.lockAll('idle');
  }

  /** This tab was unlocked (or started): locks of all tabs before now no longer concern it. */
  markUnlocked(): void {
    this.epoch = this.readEpoch();
    this.lastActive = this.now();
    this.lastWritten = 0;
    this.active();
  }

  /** Locks every tab: this one (through onLock) and the others. */
  lockAll(reason: Exclude<LockReason, 'missed' | 'kiosk'>): void {
    this.epoch = this.bumpEpoch();
    this.post({ type: 'lock', reason });
    this.opts.onLock(reason);
  }

  /** Kiosk mode started in this tab: every other tab locks; this one does not. */
  kioskEntered(): void {
    this.epoch = this.bumpEpoch();
    this.post({ type: 'lock', reason: 'kiosk' });
  }

  /** The lock was turned on or off, or its passphrase changed, in this tab. */
  changed(): void {
    this.post({ type: 'changed' });
  }
}
