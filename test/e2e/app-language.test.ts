import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appUnderTest, watchedPage } from './support/browser';
import { startSession } from './support/interview';
import { firstStart } from './support/lock';

const env = appUnderTest();

const navText = (page: Page) => page.locator('.topnav a').first().textContent();

describe("the app's language, chosen in the header", () => {
  it('comes without moving the header, switches the words of the app, not those of the study, and stays after a reload', async () => {
    const context = await env.browser.newContext({ viewport: { width: 393, height: 851 }, locale: 'en-US' });
    // Where the header's parts are while the picker's place holds only the language's name (the first
    // frame of the interviewer's screens), to compare with where they are once the select has come.
    await context.addInitScript(() => {
      const w = window as unknown as { __before?: string };
      const obs = new MutationObserver(() => {
        if (w.__before || !document.querySelector('.langpick-name') || !document.querySelector('.topnav')) return;
        w.__before = JSON.stringify(['.langpick', '.topnav', '.brand'].map((s) => document.querySelector(s)!.getBoundingClientRect()));
        obs.disconnect();
      });
      obs.observe(document, { childList: true, subtree: true });
    });
    const { page, errors } = await watchedPage(context);
    await page.goto(env.server.url);
    // A draft is drawn from its copy in localStorage only with the data lock off (docs/storage.md).
    await firstStart(page, 'off');
    await page.waitForSelector('[data-testid="new-session"]');
    expect(await navText(page)).toBe('Sessions');
    const picker = page.locator('[data-testid="app-lang"]');
    expect(await picker.inputValue()).toBe('en');
    expect(await page.locator('.langpick .sr-only').textContent()).toBe('Language of the app');
    expect((await picker.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    await picker.selectOption('kk');
    await page.waitForFunction(() => document.documentElement.lang === 'kk');
    expect(await navText(page)).toBe('Сессиялар');
    expect(await page.locator('.langpick .sr-only').textContent()).toBe('Қолданба тілі');

    // After a reload the app still speaks Kazakh.
    await page.reload();
    await page.waitForSelector('[data-testid="new-session"]');
    expect(await navText(page)).toBe('Сессиялар');
    expect(await picker.inputValue()).toBe('kk');

    // A session in English: the study's words stay English, the app's are Kazakh.
    const url = await startSession(page, 'R-LANG', 'en');
    expect(await page.textContent('#section-h')).toBe('Profile of the respondent');
    expect(await page.textContent('[data-testid="next"]')).toContain('Келесі');

    // And to Russian, on the runner, which stays where it is.
    await picker.selectOption('ru');
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    expect(await page.textContent('[data-testid="next"]')).toContain('Далее');
    expect(await page.textContent('#section-h')).toBe('Profile of the respondent');
    expect(page.url()).toBe(url);

    // Reopened on the draft, the header is in the first frame, with the language's name in the
    // picker's place; the select that takes it a frame later moves nothing.
    await page.reload();
    await page.waitForSelector('[data-testid="app-lang"]');
    const after = await page.evaluate(() => JSON.stringify(['.langpick', '.topnav', '.brand'].map((s) => document.querySelector(s)!.getBoundingClientRect())));
    expect(await page.evaluate(() => (window as unknown as { __before?: string }).__before)).toBe(after);
    expect(errors).toEqual([]);
    await context.close();
  });
});
