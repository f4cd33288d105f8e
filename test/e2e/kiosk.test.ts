import { describe, expect, it } from 'vitest';
import { appUnderTest, watchForeignRequests } from './support/browser';
import { answer, startSession, waitSaved } from './support/interview';
import { firstStart } from './support/lock';

const env = appUnderTest();

describe('the interviewer hands the tablet to the respondent', () => {
  it('kiosk mode shows only the self-completed part and cannot be left without the PIN', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    const page = await context.newPage();
    await page.goto(env.server.url);
    // Kiosk mode on a device that keeps its data unlocked (with the lock on: test/e2e/data-lock.test.ts).
    await firstStart(page, 'off');
    await page.waitForSelector('[data-testid="new-session"]');
    const url = await startSession(page, 'R-KIOSK');
    await answer(page, 'sector', { kind: 'click', codes: ['private'] });

    await page.click('[data-testid="hand-over"]');
    await page.fill('[data-testid="pin"]', '2468');
    await page.fill('[data-testid="pin-again"]', '2468');
    await page.click('[data-testid="start-kiosk"]');
    await page.waitForSelector('[data-testid="kiosk"] [data-testid="section-strategy"]');
    // No way to other sessions, notes or settings.
    expect(await page.locator('a[href="#/"], a[href="#/settings"]').count()).toBe(0);
    expect(await page.locator('[data-testid^="add-note-"]').count()).toBe(0);

    // The respondent answers; the answer is saved in the same session.
    await page.click('[data-testid="opt-s1-5"]');
    await waitSaved(page, 's1');

    // Typing another address, or reloading, leads back to the kiosk.
    await page.goto(env.server.url + '#/settings');
    await page.waitForSelector('[data-testid="kiosk"] [data-testid^="section-"]');
    await page.goto(url.replace(/\/\d+$/, '/0'));
    await page.waitForSelector('[data-testid="kiosk"] [data-testid^="section-"]');
    await page.reload();
    await page.waitForSelector('[data-testid="kiosk"] [data-testid^="section-"]');
    expect(page.url()).toContain('#/kiosk/');
    // A fresh page on the interviewer's address never draws the interviewer's screen, not even for the
    // instant before the kiosk state is read (no resume hint is drawn in kiosk mode).
    const fresh = await context.newPage();
    await fresh.addInitScript(() => {
      const w = window as unknown as { __interviewerDrawn: boolean };
      w.__interviewerDrawn = false;
      new MutationObserver(() => {
        if (document.querySelector('main:not([data-testid="kiosk"]) .runner')) w.__interviewerDrawn = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await fresh.goto(url.replace(/\/\d+$/, '/0'));
    await fresh.waitForSelector('[data-testid="kiosk"] [data-testid^="section-"]');
    expect(await fresh.evaluate(() => (window as unknown as { __interviewerDrawn: boolean }).__interviewerDrawn)).toBe(false);
    await fresh.close();

    // A wrong PIN does not open it.
    await page.click('[data-testid="kiosk-exit"]');
    await page.fill('[data-testid="unlock-pin"]', '0000');
    await page.click('[data-testid="unlock"]');
    await page.waitForSelector('[data-testid="unlock-message"]');
    expect(await page.textContent('[data-testid="unlock-message"]')).toContain('Wrong PIN');
    expect(await page.locator('[data-testid="kiosk"]').count()).toBe(1);

    // The right PIN returns to the interviewer, in the same session, with the respondent's answer.
    await page.fill('[data-testid="unlock-pin"]', '2468');
    await page.click('[data-testid="unlock"]');
    await page.waitForSelector('[data-testid="review"]');
    expect(await page.locator('[data-testid="kiosk"]').count()).toBe(0);
    await page.goto(url.replace(/\/\d+$/, '/2'));
    await page.waitForSelector('[data-testid="section-strategy"]');
    expect(await page.isChecked('[data-testid="opt-s1-5"]')).toBe(true);
    expect(await page.isChecked('[data-testid="opt-s1-5"]')).toBe(true);
    await page.goto(url.replace(/\/\d+$/, '/0'));
    expect(await page.isChecked('[data-testid="opt-sector-private"]')).toBe(true);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
