import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { launch, ROOT, serveDist } from './support/browser';
import { answer, startSession, waitSaved } from './support/interview';
import { switchableServer } from './support/static-server';
import { firstStart } from './support/lock';

let browser: Browser;
let nextDir: string | null = null;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  if (nextDir) rmSync(nextDir, { recursive: true, force: true });
});

/** The next version of Dala, built once: the same code with DALA_BUILD_ID=next (new file names). */
async function nextBuild(): Promise<string> {
  if (nextDir) return nextDir;
  const dir = mkdtempSync(join(tmpdir(), 'dala-next-'));
  process.env.DALA_BUILD_ID = 'next';
  try {
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: dir, emptyOutDir: true } });
  } finally {
    delete process.env.DALA_BUILD_ID;
  }
  return (nextDir = dir);
}

type Marked = Window & { __samePage?: boolean };

describe('a new version of Dala arrives', () => {
  it('shows a prompt, never reloads while a draft is open, and updates from the sessions list when asked', async () => {
    const next = await nextBuild();
    const server = await switchableServer(join(ROOT, 'dist'));
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await firstStart(page, 'off'); // updates and tabs, with the data unlocked (the lock across tabs: data-lock.test.ts)
      await page.waitForSelector('[data-testid="new-session"]');
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
      await startSession(page, 'R-UPD');
      await answer(page, 'sector', { kind: 'click', codes: ['private'] });
      await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

      // The new version is deployed; the app checks for it.
      server.setRoot(next);
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      await page.waitForSelector('[data-testid="update-banner"]', { timeout: 30_000 });
      // A draft is open: no button, no reload; typing goes on.
      expect(await page.locator('[data-testid="update-now"]').count()).toBe(0);
      await page.waitForTimeout(1500);
      expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
      await answer(page, 'role', { kind: 'click', codes: [await page.locator('[data-testid^="opt-role-"]').first().getAttribute('value') ?? ''] });

      // Leaving the interview offers the update; taking it reloads into the new version.
      await page.click('a[href="#/"]');
      await page.waitForSelector('[data-testid="update-now"]');
      expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
      await Promise.all([page.waitForEvent('load'), page.click('[data-testid="update-now"]')]);
      await page.goto(server.url + '#/settings');
      await page.waitForSelector('[data-testid="app-version"]');
      expect(await page.textContent('[data-testid="app-version"]')).toContain('(next)');
      // The draft and its answers are still there.
      await page.goto(server.url);
      const row = page.locator('tr', { hasText: 'R-UPD' });
      expect(await row.getAttribute('data-status')).toBe('draft');
    } finally {
      await context.close();
      await server.close();
    }
  });
});

describe('an update taken in another tab', () => {
  it('leaves the older tabs as they were: no reload, their screens still load, and a hand-over happens whole or not at all', async () => {
    const next = await nextBuild();
    const server = await switchableServer(join(ROOT, 'dist'));
    const context = await browser.newContext();
    try {
      // Tab A: the first visit, an interview open.
      const a = await context.newPage();
      await a.goto(server.url);
      await firstStart(a, 'off'); // updates and tabs, with the data unlocked (the lock across tabs: data-lock.test.ts)
      await a.waitForSelector('[data-testid="new-session"]');
      await a.waitForFunction(() => navigator.serviceWorker?.controller !== null);
      await startSession(a, 'R-TAB-A');
      await answer(a, 'sector', { kind: 'click', codes: ['private'] });
      // Tab C: opened later, so run by the service worker from the start (as an installed Dala is), another interview.
      const c = await context.newPage();
      await c.goto(server.url);
      await c.waitForSelector('[data-testid="new-session"]');
      await startSession(c, 'R-TAB-C');
      await answer(c, 'sector', { kind: 'click', codes: ['public'] });
      for (const p of [a, c]) await p.evaluate(() => ((window as Marked).__samePage = true));

      // The new version is deployed; tab B, on the sessions list, takes it.
      server.setRoot(next);
      const b = await context.newPage();
      await b.goto(server.url);
      await b.waitForSelector('[data-testid="new-session"]');
      await b.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      await b.waitForSelector('[data-testid="update-now"]', { timeout: 30_000 });
      await Promise.all([b.waitForEvent('load'), b.click('[data-testid="update-now"]')]);
      await b.goto(server.url + '#/settings');
      await b.waitForSelector('[data-testid="app-version"]');
      expect(await b.textContent('[data-testid="app-version"]')).toContain('(next)');

      // The older tabs were not reloaded under their interviews; each says a newer Dala took over.
      for (const p of [a, c]) {
        await p.waitForSelector('[data-testid="updated-elsewhere"]', { timeout: 30_000 });
        expect(await p.evaluate(() => (window as Marked).__samePage)).toBe(true);
      }

      // Tab A's version still has its screens: the hand-over to the respondent works.
      await a.click('[data-testid="hand-over"]');
      await a.fill('[data-testid="pin"]', '2468');
      await a.fill('[data-testid="pin-again"]', '2468');
      await a.click('[data-testid="start-kiosk"]');
      await a.waitForSelector('[data-testid="kiosk"] [data-testid="section-strategy"]');
      await a.click('[data-testid="opt-s1-5"]');
      await waitSaved(a, 's1');
      await a.click('[data-testid="kiosk-exit"]');
      await a.fill('[data-testid="unlock-pin"]', '2468');
      await a.click('[data-testid="unlock"]');
      await a.waitForSelector('[data-testid="review"]');
      expect(await a.textContent('body')).not.toContain('Failed to fetch');

      // When the older version's files are gone after all (the browser evicted them), tab C is told
      // to reload, and its hand-over does not start: no kiosk mode around a screen that cannot load.
      expect(await c.evaluate(() => caches.delete('dala-kept-assets'))).toBe(true);
      // Tab A's kiosk mode closed tab C's screens too (test/e2e/data-lock.test.ts); it has ended, so
      // tab C, focused again, shows its interview.
      await c.bringToFront();
      await c.evaluate(() => dispatchEvent(new Event('focus')));
      await c.click('[data-testid="hand-over"]');
      await c.fill('[data-testid="pin"]', '1357');
      await c.fill('[data-testid="pin-again"]', '1357');
      await c.click('[data-testid="start-kiosk"]');
      await c.waitForSelector('[data-testid="load-failed"]');
      expect(await c.textContent('[data-testid="load-failed"]')).toContain('your answers are saved');
      expect(await c.locator('[data-testid="kiosk"]').count()).toBe(0);
      // Reloading brings the new version, on the same interview, not in kiosk mode, its answer kept.
      await Promise.all([c.waitForEvent('load'), c.click('[data-testid="load-failed-reload"]')]);
      await c.waitForSelector('.section [data-item]');
      expect(await c.locator('[data-testid="kiosk"]').count()).toBe(0);
      expect(await c.isChecked('[data-testid="opt-sector-public"]')).toBe(true);
      await c.goto(server.url + '#/settings');
      await c.waitForSelector('[data-testid="app-version"]');
      expect(await c.textContent('[data-testid="app-version"]')).toContain('(next)');
    } finally {
      await context.close();
      await server.close();
    }
  });
});

describe('the same draft in two tabs', () => {
  it('can be edited in one tab only; the other says so and takes over when the first closes', async () => {
    const server = await serveDist();
    const context = await browser.newContext();
    try {
      const a = await context.newPage();
      await a.goto(server.url);
      await firstStart(a, 'off'); // updates and tabs, with the data unlocked (the lock across tabs: data-lock.test.ts)
      await a.waitForSelector('[data-testid="new-session"]');
      const url = await startSession(a, 'R-TABS');
      await answer(a, 'sector', { kind: 'click', codes: ['public'] });

      // The second tab is drawn at once from the resume hint; an answer given before it learns that
      // the first tab holds the draft is refused, says so, and never reaches the database.
      const b = await context.newPage();
      await b.addInitScript(() => {
        const obs = new MutationObserver(() => {
          const opt = document.querySelector<HTMLInputElement>('[data-testid="opt-role-local_gov"]');
          if (!opt) return;
          obs.disconnect();
          (window as unknown as { __early: boolean }).__early = !opt.disabled && performance.getEntriesByName('dala:ready').length === 0;
          opt.click();
        });
        obs.observe(document, { childList: true, subtree: true });
      });
      await b.goto(url);
      await b.waitForSelector('[data-testid="locked"]');
      expect(await b.evaluate(() => (window as unknown as { __early: boolean }).__early)).toBe(true);
      await b.waitForSelector('[data-testid="status-role"][data-status="error"]');
      expect(await b.isDisabled('[data-testid="opt-sector-private"]')).toBe(true);
      expect(await b.isChecked('[data-testid="opt-role-local_gov"]')).toBe(false);
      expect(await b.isChecked('[data-testid="opt-sector-public"]')).toBe(true);

      // Read while the first tab still holds the draft: once it closes, this one may take over at once.
      expect(await b.textContent('[data-testid="save-all"]')).toContain('Read-only in this tab');
      await a.close({ runBeforeUnload: true });
      await b.waitForSelector('[data-testid="locked"]', { state: 'detached', timeout: 10_000 });
      // Taking over, the refused answer is gone with its error: the database's answers are shown.
      await b.waitForSelector('[data-testid="status-role"][data-status="error"]', { state: 'detached' });
      expect(await b.getAttribute('[data-testid="save-all"]', 'class')).not.toContain('error');
      expect(await b.isChecked('[data-testid="opt-sector-public"]')).toBe(true);
      await b.click('[data-testid="opt-sector-private"]');
      await waitSaved(b, 'sector');
    } finally {
      await context.close();
      await server.close();
    }
  });
});
