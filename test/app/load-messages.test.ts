import { afterEach, describe, expect, it, vi } from 'vitest';

describe("the app's words", () => {
  afterEach(() => {
    vi.doUnmock('../../src/app/i18n/ru');
    vi.resetModules();
  });

  it('load in Russian and Kazakh, English otherwise', async () => {
    const { loadMessages, en } = await import('../../src/app/i18n');
    expect((await loadMessages('ru')).sessions).not.toBe(en.sessions);
    expect((await loadMessages('kk')).sessions).not.toBe(en.sessions);
    expect(await loadMessages('en')).toBe(en);
  });

  it('fall back to English when a language cannot be loaded, so the app still draws', async () => {
    vi.resetModules();
    vi.doMock('../../src/app/i18n/ru', () => {
      throw new Error('chunk missing from the cache');
    });
    const { loadMessages, en } = await import('../../src/app/i18n');
    expect(await loadMessages('ru')).toBe(en);
  });
});
