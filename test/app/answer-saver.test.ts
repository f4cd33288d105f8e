import { describe, it, expect } from 'vitest';
import { AnswerSaver, type SaveStatus } from '../../src/app/answer-saver';
import type { Answer } from '../../src/core/responses/types';

/** Manual timers: the test decides when time passes. */
function fakeTimers() {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    setTimer: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (h: unknown) => {
      const i = timers.findIndex((t) => t.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
    async advance(ms: number) {
      now += ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers[0];
        if (!t || t.at > now) break;
        timers.shift();
        t.fn();
        await new Promise((r) => setTimeout(r, 0));
      }
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const ans = (item: string, value: Answer['value']): Answer => ({ item, value, at: '2026-01-01T00:00:00Z' });

describe('AnswerSaver', () => {
  it('an interviewer types: one write of the newest text at most 300 ms after the last key', async () => {
    const writes: Answer[] = [];
    const timers = fakeTimers();
    const statuses: SaveStatus[] = [];
    const saver = new AnswerSaver({ write: async (a) => void writes.push(a), onStatus: (_i, s) => statuses.push(s), ...timers });
    saver.set(ans('occupation', 'D'), { debounce: true });
    await timers.advance(100);
    saver.set(ans('occupation', 'De'), { debounce: true });
    await timers.advance(299);
    expect(writes).toHaveLength(0);
    await timers.advance(1);
    expect(writes.map((w) => w.value)).toEqual(['De']);
    expect(statuses.at(-1)).toBe('saved');
  });

  it('a choice is written at once, and flush() writes what is still being typed', async () => {
    const writes: Answer[] = [];
    const timers = fakeTimers();
    const saver = new AnswerSaver({ write: async (a) => void writes.push(a), onStatus: () => {}, ...timers });
    saver.set(ans('sector', 'public'), { debounce: false });
    saver.set(ans('q1_details', 'long answer'), { debounce: true });
    await saver.flush();
    expect(writes.map((w) => w.item).sort()).toEqual(['q1_details', 'sector']);
    expect(saver.dirty).toBe(false);
  });

  it('"saved" is reported only after the write resolves', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: SaveStatus[] = [];
    const saver = new AnswerSaver({ write: () => gate, onStatus: (_i, s) => seen.push(s), ...fakeTimers() });
    saver.set(ans('age', 29), { debounce: false });
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual(['pending', 'saving']);
    release();
    await saver.flush();
    expect(seen.at(-1)).toBe('saved');
  });

  it('a failed write keeps the answer, says so, and is retried until it succeeds', async () => {
    let fail = 2;
    const writes: Answer[] = [];
    const timers = fakeTimers();
    const seen: SaveStatus[] = [];
    const saver = new AnswerSaver({
      write: async (a) => {
        if (fail-- > 0) throw new Error('QuotaExceededError');
        writes.push(a);
      },
      onStatus: (_i, s) => seen.push(s),
      retryDelays: [100, 200],
      ...timers,
    });
    saver.set(ans('age', 29), { debounce: false });
    await new Promise((r) => setTimeout(r, 5));
    expect(seen.at(-1)).toBe('error');
    expect(saver.dirty).toBe(true);
    await timers.advance(100);
    expect(seen.at(-1)).toBe('error');
    await timers.advance(200);
    expect(writes.map((w) => w.value)).toEqual([29]);
    expect(seen.at(-1)).toBe('saved');
  });

  it('a write refused for good (another tab holds the draft) is reported once, never retried', async () => {
    let attempts = 0;
    const timers = fakeTimers();
    const seen: [SaveStatus, string | undefined][] = [];
    const saver = new AnswerSaver({
      write: async () => {
        attempts++;
        throw Object.assign(new Error('Another tab is editing this draft.'), { final: true });
      },
      isFinal: (e) => (e as { final?: boolean }).final === true,
      onStatus: (_i, s, e) => seen.push([s, e]),
      retryDelays: [100],
      ...timers,
    });
    saver.set(ans('age', 29), { debounce: false });
    await new Promise((r) => setTimeout(r, 5));
    await timers.advance(10_000);
    expect(attempts).toBe(1);
    expect(seen.at(-1)).toEqual(['error', 'Another tab is editing this draft.']);
    expect(seen.some(([s]) => s === 'saved')).toBe(false);
  });

  it('writes of one item never overlap and the last value wins', async () => {
    const order: unknown[] = [];
    let inFlight = 0;
    const saver = new AnswerSaver({
      write: async (a) => {
        inFlight++;
        expect(inFlight).toBe(1);
        await new Promise((r) => setTimeout(r, 3));
        order.push(a.value);
        inFlight--;
      },
      onStatus: () => {},
    });
    saver.set(ans('x', '1'), { debounce: false });
    saver.set(ans('x', '2'), { debounce: false });
    saver.set(ans('x', '3'), { debounce: false });
    await saver.flush();
    await new Promise((r) => setTimeout(r, 20));
    expect(order.at(-1)).toBe('3');
  });

  it('the form state waits for the write: settled() resolves once the answer is durable and said saved', async () => {
    const order: string[] = [];
    let finish!: () => void;
    const saver = new AnswerSaver({
      write: () => new Promise<void>((r) => (finish = r)),
      onStatus: (item, status) => order.push(`${item}:${status}`),
    });
    saver.set(ans('sex', 'f'), { debounce: false });
    const settled = saver.settled().then(() => order.push('settled'));
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['sex:pending', 'sex:saving']);
    finish();
    await settled;
    expect(order).toEqual(['sex:pending', 'sex:saving', 'sex:saved', 'settled']);
    // Nothing in flight: at once.
    await saver.settled();
  });
});
