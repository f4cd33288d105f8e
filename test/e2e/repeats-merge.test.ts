/**
 * Repeats through export, import and merge in the app (issue 15): tablet A lists two households and
 * hands them to tablet B. Out of sight of each other, both add a member to the second household (the
 * import merges them: both kept, no conflict), and in the first A removes Cem while B corrects his
 * age: the researcher sees that conflict, with what keeps the two versions apart, on the Conflicts
 * screen. The long CSV's member table holds every member both tablets added.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { rosterForm } from '../fixtures/xlsform/roster-form';
import { appUnderTest, watchForeignRequests } from './support/browser';
import { acceptNewDevices } from './support/interview';
import { firstStart, gotoUnlocked } from './support/lock';

const env = appUnderTest();
const dir = mkdtempSync(join(tmpdir(), 'dala-repeats-merge-'));
writeFileSync(join(dir, 'roster.xlsx'), rosterForm());
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const foreign: string[] = [];
const PASS = 'steppe-wind-42';

const instance = (page: Page, n: number) => page.locator(`[data-testid="instance-member-${n}"]`).first();
const input = (scope: Locator, item: string) => scope.locator(`[data-testid^="input-"][data-testid$="/${item}"]`).first();

async function fill(scope: Locator, item: string, text: string): Promise<void> {
  await input(scope, item).fill(text);
  await input(scope, item).blur();
  await scope.locator(`[data-testid^="status-"][data-testid$="/${item}"][data-status="saved"]`).first().waitFor();
}

/** A device with the roster study (its data locked, as in the field). */
async function device(): Promise<Page> {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1024, height: 768 } });
  foreign.push(...watchForeignRequests(context, new URL(env.server.url).origin));
  const page = await context.newPage();
  await page.goto(env.server.url);
  await firstStart(page);
  await page.waitForSelector('[data-testid="open-form"]');
  await page.click('[data-testid="open-form"]');
  await page.setInputFiles('[data-testid="form-file"]', join(dir, 'roster.xlsx'));
  await page.waitForSelector('[data-testid="save-study"]');
  await page.click('[data-testid="save-study"]');
  await page.waitForSelector('li.card:has-text("Household roster")');
  return page;
}

/** A new household with its village and members; returns the address of its roster screen. */
async function household(page: Page, code: string, village: string, members: string[]): Promise<string> {
  await gotoUnlocked(page, env.server.url);
  await page.locator('li.card', { hasText: 'Household roster' }).locator('[data-testid="new-session"]').click();
  await page.fill('[data-testid="respondent-code"]', code);
  await page.fill('[data-testid="interviewer"]', 'AK');
  await page.click('[data-testid="to-consent"]');
  await page.click('[data-testid="consent-agree"]');
  await page.fill('[data-testid="input-village"]', village);
  await page.locator('[data-testid="input-village"]').blur();
  await page.waitForSelector('[data-testid="status-village"][data-status="saved"]');
  await page.click('[data-testid="next"]');
  await page.waitForSelector('[data-testid="repeat-member"]');
  for (const [i, name] of members.entries()) await addMember(page, i + 1, name);
  return page.url();
}

async function addMember(page: Page, n: number, name: string): Promise<void> {
  await page.click('[data-testid="add-member"]');
  await fill(instance(page, n), 'name', name);
}

async function openRoster(page: Page, url: string): Promise<void> {
  await gotoUnlocked(page, url);
  await page.waitForSelector('[data-testid="repeat-member"]');
}

async function download(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, name);
  await dl.saveAs(path);
  return path;
}

async function studyData(page: Page): Promise<void> {
  await gotoUnlocked(page, env.server.url);
  await page.locator('li.card', { hasText: 'Household roster' }).locator('[data-testid="study-data"]').click();
  await page.waitForSelector('[data-testid="export"]');
}

async function exportBundle(page: Page, name: string): Promise<string> {
  await studyData(page);
  await page.check('[data-testid="enc-passphrase"]');
  await page.fill('[data-testid="export-pass"]', PASS);
  await page.fill('[data-testid="export-pass2"]', PASS);
  const path = await download(page, () => page.click('[data-testid="export"]'), name);
  await page.waitForSelector('[data-testid="export-message"]');
  return path;
}

async function importFiles(page: Page, files: string[]): Promise<Record<string, Record<string, number>>> {
  await gotoUnlocked(page, env.server.url + '#/import');
  await page.setInputFiles('[data-testid="import-files"]', files);
  await page.fill('[data-testid="import-pass"]', PASS);
  await page.click('[data-testid="import-read"]');
  await page.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
  await acceptNewDevices(page);
  const report = await page.$$eval('[data-testid="merge-report"] tbody tr', (rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute('data-file')!, Object.fromEntries([...r.querySelectorAll('td[data-k]')].map((td) => [td.getAttribute('data-k')!, Number.parseInt(td.textContent ?? '0', 10)]))])),
  );
  await page.click('[data-testid="import-commit"]');
  await page.waitForSelector('[data-testid="import-done"]');
  return report;
}

describe('a household roster from two tablets, merged in the app', () => {
  it('members both tablets added are all kept; a member removed on one and corrected on the other is a conflict the researcher sees, with why', async () => {
    const a = await device();
    const hh1 = await household(a, 'HH-1', 'Akkol', ['Aida', 'Cem']);
    const hh2 = await household(a, 'HH-2', 'Zhanatas', ['Timur']);
    const handover = await exportBundle(a, 'handover.dala.age');

    const b = await device();
    expect((await importFiles(b, [handover]))['handover.dala.age']).toMatchObject({ new: 2, rejected: 0 });

    // Out of sight of each other. A: Zhanna joins HH-2; Cem is removed from HH-1, after confirming.
    await openRoster(a, hh2);
    await addMember(a, 2, 'Zhanna');
    await openRoster(a, hh1);
    await a.click('[data-testid="remove-member-2"]');
    await a.click('[data-testid="remove-yes"]');
    await a.waitForFunction(() => document.querySelector('[data-testid="repeat-member"]')?.getAttribute('data-count') === '1');
    // B: Yerlan joins HH-2; Cem's age is given.
    await openRoster(b, hh2.replace(new URL(hh2).origin, new URL(b.url()).origin));
    await addMember(b, 2, 'Yerlan');
    await openRoster(b, hh1.replace(new URL(hh1).origin, new URL(b.url()).origin));
    await b.click('[data-testid="open-member-2"]');
    await fill(instance(b, 2), 'age', '61');

    const fileA = await exportBundle(a, 'tablet-a.dala.age');
    const fileB = await exportBundle(b, 'tablet-b.dala.age');
    const researcher = await device();
    const report = await importFiles(researcher, [fileA, fileB]);
    expect(report['tablet-a.dala.age']).toMatchObject({ new: 2, conflict: 0, rejected: 0 });
    expect(report['tablet-b.dala.age']).toMatchObject({ new: 0, merged: 1, conflict: 1, rejected: 0 });

    // The conflict says what keeps the two versions apart.
    await gotoUnlocked(researcher, env.server.url + '#/conflicts');
    await researcher.waitForSelector('[data-testid="conflict"]');
    expect(await researcher.locator('[data-testid="conflict"]').count()).toBe(1);
    const reasons = await researcher.locator('[data-testid="conflict-reason"]').allTextContents();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^member .+: removed on one device, changed on another \(Age \(member .+\)\)$/);

    // The long CSV: the member table beside the answers, every member of HH-2 from both tablets.
    await studyData(researcher);
    await researcher.selectOption('[data-testid="csv-layout"]', 'long');
    await researcher.click('[data-testid="csv-make"]');
    // The tables are offered once the CSV is made (off the main thread): wait for the repeat's.
    await researcher.waitForSelector('[data-testid="csv-table"]:has-text("-long-child.csv")');
    const tables = await researcher.locator('[data-testid="csv-table"]').allTextContents();
    expect(tables).toEqual(expect.arrayContaining([expect.stringMatching(/-long-member\.csv$/), expect.stringMatching(/-long-child\.csv$/)]));
    const path = await download(researcher, () => researcher.locator('[data-testid="csv-table"]', { hasText: '-long-member.csv' }).click(), 'member.csv');
    const text = readFileSync(path, 'utf8');
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
    const hh2Id = decodeURIComponent(/#\/session\/([^/]+)\//.exec(hh2)![1]!);
    expect(rows.filter((r) => r.parentKey === hh2Id).map((r) => r.name).sort()).toEqual(['Timur', 'Yerlan', 'Zhanna']);
    expect(foreign).toEqual([]);
  });
});
