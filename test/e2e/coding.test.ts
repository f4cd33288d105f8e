import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { appUnderTest, watchForeignRequests } from './support/browser';
import { acceptNewDevices } from './support/interview';
import { firstStart, gotoUnlocked } from './support/lock';

const dir = mkdtempSync(join(tmpdir(), 'dala-coding-'));
const foreign: string[] = [];
const env = appUnderTest();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CODING = '#/coding/innovative-civil-service/2020-2';

async function device(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1024, height: 768 } });
  foreign.push(...watchForeignRequests(context, new URL(env.server.url).origin));
  const page = await context.newPage();
  await page.goto(env.server.url);
  // Both laptops keep their data locked: the codes and passages (quotes of answers) are sealed.
  await firstStart(page, 'lock');
  await page.waitForSelector('[data-testid="new-session"]');
  return { context, page };
}

/** Selects `words` in a source's text, as the researcher does with the mouse. */
async function select(page: Page, source: string, words: string): Promise<void> {
  await page.evaluate(
    ([source, words]) => {
      const node = document.querySelector(`[data-testid="source-${source}"]`)!.firstChild!;
      const i = node.textContent!.indexOf(words!);
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + words!.length);
      const sel = document.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    },
    [source, words],
  );
  await page.waitForFunction((w) => document.querySelector('.coding-apply')?.textContent?.includes(w), words);
}

async function openCoding(page: Page, respondent: string): Promise<void> {
  await gotoUnlocked(page, env.server.url + CODING);
  await page.waitForSelector('[data-testid="coding-respondent"]');
  await page.selectOption('[data-testid="coding-respondent"]', { label: respondent });
  await page.waitForSelector('[data-testid="source-note:q5"]');
}

const passagesOf = (page: Page) => page.$$eval('[data-testid="passage"]', (li) => li.map((x) => x.textContent ?? ''));

describe('a researcher codes the demo interviews and hands them to another laptop', () => {
  it('codes two passages, exports the bundle, and a fresh profile imports the codes and passages and shows them by sector', async () => {
    const a = await device();
    await a.page.click('[data-testid="load-examples"]');
    await a.page.waitForSelector('[data-testid="remove-examples"]');

    // R4 (public sector) on initiative; R2 (private sector) on leadership.
    await openCoding(a.page, 'R4');
    await select(a.page, 'note:q5', 'transformational processes were launched');
    await a.page.click('[data-testid="apply-code-initiative"]');
    await a.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="passage"]')].some((li) => li.textContent?.includes('transformational processes were launched')));
    await a.page.selectOption('[data-testid="coding-respondent"]', { label: 'R2' });
    await a.page.waitForSelector('[data-testid="source-note:q1"]');
    await select(a.page, 'note:q1', 'as an additional factor');
    await a.page.click('[data-testid="apply-code-initiative"]');
    await a.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="passage"]')].some((li) => li.textContent?.includes('as an additional factor')));
    expect((await passagesOf(a.page)).join('\n')).toContain('«as an additional factor» — initiative');

    // Export with the examples, to a passphrase.
    await gotoUnlocked(a.page, env.server.url);
    await a.page.click('[data-testid="study-data"]');
    await a.page.waitForSelector('[data-testid="export"]');
    await a.page.check('[data-testid="export-examples"]');
    await a.page.check('[data-testid="enc-passphrase"]');
    await a.page.fill('[data-testid="export-pass"]', 'steppe coding 2026');
    await a.page.fill('[data-testid="export-pass2"]', 'steppe coding 2026');
    const [dl] = await Promise.all([a.page.waitForEvent('download'), a.page.click('[data-testid="export"]')]);
    const file = join(dir, 'coded.dala.age');
    await dl.saveAs(file);

    // A fresh profile imports it.
    const b = await device();
    await gotoUnlocked(b.page, env.server.url + '#/import');
    await b.page.setInputFiles('[data-testid="import-files"]', [file]);
    await b.page.fill('[data-testid="import-pass"]', 'steppe coding 2026');
    await b.page.click('[data-testid="import-read"]');
    await b.page.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
    await acceptNewDevices(b.page);
    await b.page.click('[data-testid="import-commit"]');
    await b.page.waitForSelector('[data-testid="import-done"]');

    await openCoding(b.page, 'R4');
    expect((await passagesOf(b.page)).join('\n')).toContain('«transformational processes were launched» — initiative');
    // The code view: initiative by sector, the private sector's passage apart from the public sector's.
    await b.page.selectOption('[data-testid="code-view-code"]', { label: 'initiative' });
    const byGroup = await b.page.$$eval('[data-testid="code-view"] [data-group]', (cols) =>
      Object.fromEntries(cols.map((c) => [c.getAttribute('data-group'), [...c.querySelectorAll('[data-testid="code-view-passage"]')].map((q) => q.textContent)])),
    );
    expect(byGroup.private).toEqual(['R2: as an additional factor']);
    expect(byGroup.public).toEqual(expect.arrayContaining(['R4: transformational processes were launched', 'R1: "initiative is punishable"']));
    const counts = await b.page.$eval('[data-testid="code-counts"] tr[data-code="initiative"]', (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(counts).toEqual(['1', '3', '4']);
    expect(foreign).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
