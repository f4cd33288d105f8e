/**
 * Every screen, at a tablet's size and a phone's, passes axe-core's WCAG 2.0-2.2 A and AA rules, and
 * nothing on it to tap is under 44 px. The screens are visited as people reach them, with data in them.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoStudy } from '../../src/core/demo/demo-study';
import { appUnderTest, ROOT, smallTargets, watchForeignRequests } from './support/browser';
import { answer, startSession } from './support/interview';
import { PASSPHRASE } from './support/lock';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const env = appUnderTest();

async function axe(page: Page, screen: string): Promise<string[]> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const violations = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await a.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations.map((v) => `${screen}: ${v}`);
}

const SIZES = [
  { name: 'tablet', viewport: { width: 1024, height: 768 }, isMobile: false },
  { name: 'phone', viewport: { width: 393, height: 851 }, isMobile: true },
] as const;

describe('every screen is accessible, on a tablet and on a phone', () => {
  for (const size of SIZES) {
    it(`at ${size.name} size`, async () => {
      const context = await env.browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: true });
      const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
      await context.addInitScript({ path: AXE });
      const page = await context.newPage();
      const found: string[] = [];
      const small: string[] = [];
      const visit = async (screen: string, hash: string | null, ready: string) => {
        if (hash !== null) await page.goto(env.server.url + hash);
        await page.waitForSelector(ready);
        found.push(...(await axe(page, screen)));
        small.push(...(await smallTargets(page)).map((s) => `${screen}: ${s}`));
      };
      await page.goto(env.server.url);
      // The data lock's first-start choice, with its warning open, then the lock screen.
      await page.waitForSelector('[data-testid="lock-setup"]');
      await page.click('[data-testid="lock-keep-off"]');
      await visit('lock: first start', null, '[data-testid="lock-keep-off-confirm"]');
      await page.fill('[data-testid="lock-new"]', PASSPHRASE);
      await page.fill('[data-testid="lock-new-again"]', PASSPHRASE);
      await page.click('[data-testid="lock-setup-start"]');
      await page.waitForSelector('[data-testid="new-session"]');
      await page.reload();
      await page.fill('[data-testid="lock-passphrase"]', 'not the passphrase');
      await page.click('[data-testid="lock-unlock"]');
      await visit('lock: unlock', null, '[data-testid="lock-message"]');
      await page.fill('[data-testid="lock-passphrase"]', PASSPHRASE);
      await page.click('[data-testid="lock-unlock"]');
      await page.waitForSelector('[data-testid="new-session"]');
      await page.click('[data-testid="load-examples"]');
      await page.waitForSelector('[data-testid="example-badge"]');
      await visit('sessions', null, '[data-testid="sessions-table"]');
      // The runner's addresses as hashes: a visit is a move within the page, not a new page (which the lock would close).
      const session = '#' + (await startSession(page, 'R-A11Y')).split('#')[1];
      await answer(page, 'sector', { kind: 'click', codes: ['public'] });
      await visit('runner', null, '[data-testid="section-profile"]');
      await visit('runner likert', session.replace(/\/\d+$/, '/2'), '[data-testid="section-strategy"]');
      await visit('review', session.replace(/\/\d+$/, '/review'), '[data-testid="review"]');
      const study = `${encodeURIComponent(demoStudy.id)}/${encodeURIComponent(demoStudy.studyVersion)}`;
      await visit('new session', `#/new/${study}`, '[data-testid="respondent-code"]');
      await visit('study data', `#/data/${study}`, '[data-testid="export"]');
      await page.goto(env.server.url + `#/results/${study}`);
      await page.check('[data-testid="filter-examples"]');
      await visit('results', null, '[data-testid="scale-table"]');
      await visit('share', `#/share/${study}`, 'h1');
      await visit('settings', '#/settings', '[data-testid="device-label"]');
      await page.click('[data-testid="data-lock-change"]');
      await visit('settings: new passphrase', null, '[data-testid="data-lock-new"]');
      await visit('import', '#/import', '[data-testid="import-files"]');
      await visit('conflicts', '#/conflicts', '[data-testid="no-conflicts"]');
      await visit('scan a study', '#/scan', '[data-testid="camera-failed"]');
      await visit('open form', '#/open-form', 'input[type="file"]');
      expect(found).toEqual([]);
      expect(small).toEqual([]);
      expect(foreign).toEqual([]);
      await context.close();
    });
  }
});
