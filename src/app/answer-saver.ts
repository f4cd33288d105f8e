/**
 * Writes answers as they are given, and says when each is durable.
 *
 * - `set(answer, {debounce})`: typing is debounced (at most `delay` ms, 300 by default) and a choice is
 *   written at once. Only the newest value of an item is written; one write per item is in flight.
 * - `flush()`: writes everything pending now (on blur, `visibilitychange`, `pagehide`, before leaving).
 * - Status per item: 'pending' (typed, not yet written), 'saving', 'saved' (the transaction completed),
 *   'error' (the write failed: the answer stays on screen and the write is retried with backoff,
 *   unless `isFinal` says no retry can succeed; then the error stays on screen).
 *
 * The clock and timers are passed in, so the same logic is tested in Node.
 */
import type { Answer } from '../core/responses/types';

export type SaveStatus = 'pending' | 'saving' | 'saved' | 'error';

export interface SaverOptions {
  write: (answer: Answer) => Promise<unknown>;
  onStatus: (item: string, status: SaveStatus, error?: string) => void;
  delay?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Backoff after a failed write, by attempt (ms). */
  retryDelays?: number[];
  /** A failure that no retry can mend (the write is refused for good): reported, not retried. */
  isFinal?: (error: unknown) => boolean;
}

interface Slot {
  pending?: Answer;
  timer?: unknown;
  inFlight?: Promise<void>;
  attempts: number;
}

export class AnswerSaver {
  private readonly slots = new Map<string, Slot>();
  private readonly delay: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly retryDelays: number[];

  constructor(private readonly options: SaverOptions) {
    this.delay = options.delay ?? 300;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.retryDelays = options.retryDelays ?? [500, 1000, 2000, 4000, 8000];
  }

  private slot(item: string): Slot {
    let s = this.slots.get(item);
    if (!s) {
      s = { attempts: 0 };
      this.slots.set(item, s);
    }
    return s;
  }

  set(answer: Answer, opts: { debounce: boolean }): void {
    const s = this.slot(answer.item);
    s.pending = answer;
    this.options.onStatus(answer.item, 'pending');
    if (s.timer !== undefined) this.clearTimer(s.timer);
    s.timer = undefined;
    if (opts.debounce) s.timer = this.setTimer(() => void this.flushItem(answer.item), this.delay);
    else void this.flushItem(answer.item);
  }

  /** True while something is typed but not yet durable. */
  get dirty(): boolean {
    for (const s of this.slots.values()) if (s.pending || s.inFlight) return true;
    return false;
  }

  /**
   * Resolves once no write is in flight (those started meanwhile included); a typed answer waiting
   * for its debounce is not waited for. The runner recomputes the form state after this, so an
   * answer's write and its "saved" go first.
   */
  async settled(): Promise<void> {
    for (;;) {
      const flying = [...this.slots.values()].flatMap((s) => (s.inFlight ? [s.inFlight] : []));
      if (!flying.length) return;
      await Promise.all(flying.map((f) => f.catch(() => undefined)));
    }
  }

  async flush(): Promise<void> {
    await Promise.all([...this.slots.keys()].map((item) => this.flushItem(item)));
  }

  private async flushItem(item: string): Promise<void> {
    const s = this.slot(item);
    if (s.timer !== undefined) {
      this.clearTimer(s.timer);
      s.timer = undefined;
    }
    // Writes of one item are serialised: wait for the one in flight, then write the newest value.
    while (s.inFlight) await s.inFlight;
    const answer = s.pending;
    if (!answer) return;
    s.pending = undefined;
    this.options.onStatus(item, 'saving');
    s.inFlight = (async () => {
      try {
        await this.options.write(answer);
        s.attempts = 0;
        if (!s.pending) this.options.onStatus(item, 'saved');
      } catch (e) {
        if (this.options.isFinal?.(e)) {
          this.options.onStatus(item, 'error', e instanceof Error ? e.message : String(e));
          return;
        }
        // Keep the answer: unless a newer one arrived meanwhile, it is written again after a pause.
        if (!s.pending) s.pending = answer;
        const wait = this.retryDelays[Math.min(s.attempts, this.retryDelays.length - 1)] ?? 1000;
        s.attempts++;
        this.options.onStatus(item, 'error', e instanceof Error ? e.message : String(e));
        if (s.timer === undefined) s.timer = this.setTimer(() => void this.flushItem(item), wait);
      }
    })();
    try {
      await s.inFlight;
    } finally {
      s.inFlight = undefined;
    }
  }
}
