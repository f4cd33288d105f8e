import { afterEach, describe, expect, it } from 'vitest';
import { readPref, writePref } from '../../src/app/prefs';

const g = globalThis as { localStorage?: unknown };
afterEach(() => delete g.localStorage);

describe('preferences in localStorage', () => {
  it('a full quota or a storage that throws never stops the caller: the preference is simply not kept', () => {
    g.localStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(writePref('dala.interviewer', 'AK')).toBe(false);
    expect(readPref('dala.interviewer')).toBeNull();
  });

  it('kept and read back when storage works; nothing at all without storage (Node, a worker)', () => {
    const m = new Map<string, string>();
    g.localStorage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    expect(writePref('dala.appLang', 'kk')).toBe(true);
    expect(readPref('dala.appLang')).toBe('kk');
    delete g.localStorage;
    expect(readPref('dala.appLang')).toBeNull();
    expect(writePref('dala.appLang', 'ru')).toBe(false);
  });
});
