import { afterEach, describe, expect, it, vi } from 'vitest';

describe("the app's words", () => {
  afterEach(() => {
    vi.doUnmock('../../src/app/i18n/ru');
    vi.doUnmock('../../src/app/i18n/en');
    vi.resetModules();
  });

  it('load in Russian and Kazakh, English otherwise: the first page\'s first, then every word', async () => {
    const { loadFirstMessages, loadMessages, enFirst } = await import('../../src/app/i18n');
    const { en } = await import('../../src/app/i18n/en');
    expect((await loadFirstMessages('ru')).messages.sessions).not.toBe(enFirst.sessions);
    expect((await loadFirstMessages('kk')).messages.sessions).not.toBe(enFirst.sessions);
    expect(await loadFirstMessages('en')).toEqual({ lang: 'en', messages: enFirst });
    const ru = await loadMessages('ru');
    expect(ru.lang).toBe('ru');
    expect(ru.messages.sessions).toBe('Сессии');
    expect(ru.messages.tagline).not.toBe(en.tagline);
    expect(await loadMessages('en')).toEqual({ lang: 'en', messages: { ...enFirst, ...en } });
  });

  it('fall back to English when a language cannot be loaded, so the app still draws', async () => {
    vi.resetModules();
    vi.doMock('../../src/app/i18n/ru', () => {
      throw new Error('chunk missing from the cache');
    });
    const { loadMessages, enFirst } = await import('../../src/app/i18n');
    const { en } = await import('../../src/app/i18n/en');
    expect(await loadMessages('ru')).toEqual({ lang: 'en', messages: { ...enFirst, ...en } });
  });

  it("fall back to the first page's English when not even English's other words load, and a missing word shows its key", async () => {
    vi.resetModules();
    vi.doMock('../../src/app/i18n/en', () => {
      throw new Error('chunk missing from the cache');
    });
    const { loadMessages, enFirst, translate } = await import('../../src/app/i18n');
    const loaded = await loadMessages('en');
    expect(loaded).toEqual({ lang: 'en', messages: enFirst });
    expect(translate(loaded.messages, 'next')).toBe('Next');
    expect(translate(loaded.messages, 'tagline')).toBe('tagline');
  });

  it('a word is filled in, in the language given, else in English', async () => {
    const { translate, enFirst } = await import('../../src/app/i18n');
    expect(translate({ ...enFirst, progress: '{answered} из {total}' }, 'progress', { answered: 2, total: 5 })).toBe('2 из 5');
    expect(translate(enFirst, 'questionOf', { n: 1, total: 3 })).toBe(enFirst.questionOf.replace('{n}', '1').replace('{total}', '3'));
  });
});
