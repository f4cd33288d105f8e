import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { launch, ROOT, serveDist } from './support/browser';
import { answer, startSession, waitSaved } from './support/interview';
import { switchableServer } from './support/static-server';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('a new version of Dala arrives', () => {
  it('shows a prompt, never reloads while a draft is open, and updates from the sessions list when asked', async () => {
    const next = mkdtempSync(join(tmpdir(), 'dala-next-'));
    process.env.DALA_BUILD_ID = 'next';
    try {
      await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: next, emptyOutDir: true } });
    } finally {
      delete process.env.DALA_BUILD_ID;
    }
    const server = await switchableServer(join(ROOT, 'dist'));
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(server.url);
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
      rmSync(next, { recursive: true, force: true });
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
