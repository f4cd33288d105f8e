/**
 * Issue "field-proof", part 1, as the people live it: one invalid draft value never blocks a device's
 * data, a record that cannot be read is set aside alone, and a tablet removes only what the
 * researcher's receipt says arrived.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter } from 'age-encryption';
import type { BrowserContext, Page } from 'playwright-core';
import { demoStudy } from '../../src/core/demo/demo-study';
import { appUnderTest, watchForeignRequests } from './support/browser';
import { acceptNewDevices, answer, completeInterview, startSession } from './support/interview';
import { firstStart } from './support/lock';

const dir = mkdtempSync(join(tmpdir(), 'dala-field-proof-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = appUnderTest();
const foreign: string[] = [];

async function device(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1024, height: 768 } });
  foreign.push(...watchForeignRequests(context, new URL(env.server.url).origin));
  const page = await context.newPage();
  await page.goto(env.server.url);
  await firstStart(page, 'off');
  await page.waitForSelector('[data-testid="new-session"]');
  return { context, page };
}

async function saveDownload(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, name);
  await dl.saveAs(path);
  return path;
}

async function readImport(page: Page, files: string[], identity?: string): Promise<void> {
  await page.goto(env.server.url + '#/import');
  await page.setInputFiles('[data-testid="import-files"]', files);
  if (identity) await page.setInputFiles('[data-testid="identity-file"]', identity);
  await page.click('[data-testid="import-read"]');
}

const transferOf = (page: Page, code: string) => page.locator('tr', { hasText: code }).getAttribute('data-transfer');

describe('one bad draft never blocks a device\'s data', () => {
  it('a tablet\'s file with an invalid draft value imports whole on a fresh profile; a broken record is set aside alone; the receipt frees exactly what arrived', async () => {
    // The researcher's key; the tablet gets its recipient and a name.
    const researcher = await device();
    await researcher.page.goto(env.server.url + '#/settings');
    const keyFile = await saveDownload(researcher.page, () => researcher.page.click('[data-testid="make-key"]'), 'researcher.key.txt');
    const recipient = (await researcher.page.textContent('[data-testid="recipient"]'))!.trim();
    const identity = readFileSync(keyFile, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;

    const tablet = await device();
    await tablet.page.goto(env.server.url + '#/settings');
    await tablet.page.fill('[data-testid="device-label"]', 'Tablet 3, Astana');
    await tablet.page.click('[data-testid="device-label-save"]');
    await tablet.page.goto(env.server.url);
    await tablet.page.click('[data-testid="study-data"]');
    await tablet.page.click('summary:has-text("Researcher")');
    await tablet.page.fill('[data-testid="recipients"]', recipient);
    await tablet.page.click('[data-testid="save-recipients"]');

    // The paper's example answers on the tablet too: marked in the list, kept out of real exports.
    await tablet.page.goto(env.server.url);
    await tablet.page.click('[data-testid="load-examples"]');
    await tablet.page.waitForSelector('[data-testid="example-badge"]');
    expect(await tablet.page.locator('[data-testid="example-badge"]').count()).toBe(4);

    // Two complete interviews, and a draft whose age is typed "abc": the runner says "saved" and shows the problem.
    for (const [code, variant] of [['R-C1', 0], ['R-C2', 1]] as const) {
      await tablet.page.goto(env.server.url);
      await startSession(tablet.page, code);
      await completeInterview(tablet.page, demoStudy, variant);
    }
    await tablet.page.goto(env.server.url);
    await startSession(tablet.page, 'R-D1');
    await answer(tablet.page, 'sector', { kind: 'click', codes: ['private'] });
    await answer(tablet.page, 'age', { kind: 'fill', text: 'abc' });
    expect(await tablet.page.textContent('[data-testid="item-age"] .issue')).toBeTruthy();
    // The review shows the answers themselves and counts the invalid optional age as invalid, not missing.
    await tablet.page.goto(tablet.page.url().replace(/\/\d+$/, '/review'));
    await tablet.page.waitForSelector('[data-testid="review"]');
    expect(await tablet.page.textContent('[data-testid="review-item-sector"] .answer')).toBe('Private sector');
    expect(await tablet.page.getAttribute('[data-testid="review-item-age"]', 'data-issue')).toBe('type');
    expect(await tablet.page.getAttribute('[data-testid="review-item-role"]', 'data-issue')).toBe('required');
    expect(await tablet.page.textContent('[data-testid="review-summary"]')).toMatch(/Not valid: 1 answers/);
    // "Change" goes to the question itself.
    await tablet.page.click('[data-testid="change-age"]');
    await tablet.page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'input-age');

    // Export everything to the researcher's key.
    await tablet.page.goto(env.server.url);
    await tablet.page.click('[data-testid="study-data"]');
    await tablet.page.check('[data-testid="enc-recipients"]');
    const exported = await saveDownload(tablet.page, () => tablet.page.click('[data-testid="export"]'), 'tablet.dala.age');
    // Three responses: the four examples stay out of a real export unless asked for.
    expect(await tablet.page.textContent('[data-testid="export-message"]')).toMatch(/Exported 3 responses/);
    await tablet.page.click('[data-testid="csv-make"]');
    const csvPlain = await saveDownload(tablet.page, () => tablet.page.click('[data-testid="csv-download"]'), 'plain.csv');
    expect(readFileSync(csvPlain, 'utf8').trim().split('\n')).toHaveLength(1 + 3);
    await tablet.page.check('[data-testid="csv-examples"]');
    await tablet.page.click('[data-testid="csv-make"]');
    const csvAll = await saveDownload(tablet.page, () => tablet.page.click('[data-testid="csv-download"]'), 'all.csv');
    const allRows = readFileSync(csvAll, 'utf8').trim().split('\n');
    expect(allRows).toHaveLength(1 + 7);
    const exampleCol = allRows[0]!.replace(/^\uFEFF/, '').split(',').indexOf('example');
    expect(allRows.slice(1).map((r) => r.split(',')[exampleCol]).sort()).toEqual(['0', '0', '0', '1', '1', '1', '1']);
    // Nothing may be removed yet: no receipt has come back.
    expect(await tablet.page.isDisabled('[data-testid="delete-exported"]')).toBe(true);
    await tablet.page.goto(env.server.url);
    expect(await transferOf(tablet.page, 'R-C1')).toBe('exported');

    // After the export, R-C2 is reopened and changed: its new revision has not been exported.
    const c2 = tablet.page.locator('tr', { hasText: 'R-C2' });
    await c2.locator('a').click();
    await tablet.page.click('[data-testid="reopen"]');
    await answer(tablet.page, 'education', { kind: 'click', codes: ['doctorate'] });

    // A copy of the file in which one record was edited by hand into another form's answer: a bad record.
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    const bundle = JSON.parse(await decrypter.decrypt(new Uint8Array(readFileSync(exported)), 'text'));
    // As an older Dala wrote it: no signature (an edited signed file would be refused whole as forged).
    delete bundle.signature;
    delete bundle.device.key;
    const broken = structuredClone(bundle.responses[0]);
    broken.id = 'bbbbbbbb-0000-4000-8000-000000000001';
    broken.answers.hologram = { value: 'x', at: broken.revision.at };
    bundle.responses.push(broken);
    const edited = join(dir, 'edited.dala.json');
    writeFileSync(edited, JSON.stringify(bundle));

    // A fresh researcher profile imports both: every good record arrives, the broken one is set aside with its reason.
    await readImport(researcher.page, [exported, edited], keyFile);
    await researcher.page.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
    // Tablet 3 is seen for the first time: the researcher compares its fingerprint with the one in its Settings.
    await tablet.page.goto(env.server.url + '#/settings');
    // The fingerprint shows once the device's key is read (opened with the data key: the lock is on).
    await tablet.page.waitForFunction(() => !['', '…'].includes(document.querySelector('[data-testid="device-fingerprint"]')?.textContent?.trim() ?? ''));
    const tabletPrint = (await tablet.page.textContent('[data-testid="device-fingerprint"]'))!.trim();
    expect(await researcher.page.getAttribute('[data-testid="merge-report"] tr[data-file="edited.dala.json"] [data-testid="rejected-reason"]', 'data-code')).toBe('unsigned');
    await researcher.page.check('[data-testid="allow-unsigned"]');
    expect(Object.values(await acceptNewDevices(researcher.page))).toEqual([tabletPrint]);
    const row = (file: string) => researcher.page.locator(`[data-testid="merge-report"] tr[data-file="${file}"]`);
    expect(await row('tablet.dala.age').locator('td[data-k="new"]').textContent()).toBe('3');
    expect(await row('edited.dala.json').locator('td[data-k="rejected"]').textContent()).toMatch(/^1/);
    expect(await row('edited.dala.json').textContent()).toContain("has no item 'hologram'");
    expect(await researcher.page.isVisible('[data-testid="set-aside-note"]')).toBe(true);
    await researcher.page.click('[data-testid="import-commit"]');
    await researcher.page.waitForSelector('[data-testid="import-done"]');
    expect(await researcher.page.locator('[data-testid="set-aside-record"]').count()).toBe(1);
    const asideFile = await saveDownload(researcher.page, () => researcher.page.click('[data-testid="set-aside-download"]'), 'aside.json');
    expect(JSON.parse(readFileSync(asideFile, 'utf8'))).toMatchObject({ type: 'dala-set-aside', records: [{ file: 'edited.dala.json', list: 'responses', reason: expect.stringContaining('hologram') }] });
    const receipt = await saveDownload(researcher.page, () => researcher.page.click('[data-testid="download-receipt"]'), 'receipt.json');

    // The researcher sees the draft with its invalid value as the tablet had it, with its problem.
    await researcher.page.goto(env.server.url);
    const d1 = researcher.page.locator('tr', { hasText: 'R-D1' });
    expect(await d1.getAttribute('data-status')).toBe('draft');
    expect(await d1.locator('[data-testid="session-device"]').textContent()).toBe('Tablet 3, Astana');
    await d1.locator('a').click();
    await researcher.page.waitForSelector('[data-testid="input-age"]');
    expect(await researcher.page.inputValue('[data-testid="input-age"]')).toBe('abc');
    expect(await researcher.page.textContent('[data-testid="item-age"] .issue')).toBeTruthy();

    // The tablet reads the receipt: R-C1 is received and the only one removable; R-C2 changed since, R-D1 is a draft.
    await readImport(tablet.page, [receipt]);
    await tablet.page.waitForSelector('[data-testid="receipts-read"]');
    expect(await tablet.page.textContent('[data-testid="receipts-read"]')).toMatch(/2 of the sessions|: 2 /);
    await tablet.page.goto(env.server.url);
    expect(await transferOf(tablet.page, 'R-C1')).toBe('received');
    expect(await transferOf(tablet.page, 'R-C2')).toBe('not-exported');
    expect(await transferOf(tablet.page, 'R-D1')).toBe('received');
    await tablet.page.click('[data-testid="study-data"]');
    await tablet.page.waitForSelector('[data-testid="delete-exported"]');
    expect(await tablet.page.textContent('[data-testid="delete-exported"]')).toContain('1');
    await tablet.page.click('[data-testid="delete-exported"]');
    await tablet.page.click('[data-testid="delete-confirm"]');
    await tablet.page.waitForSelector('[data-testid="delete-none"]');
    await tablet.page.goto(env.server.url);
    await tablet.page.waitForSelector('[data-testid="sessions-table"]');
    expect(await tablet.page.locator('tr', { hasText: 'R-C1' }).count()).toBe(0);
    expect(await tablet.page.locator('tr', { hasText: 'R-C2' }).count()).toBe(1);
    expect(await tablet.page.locator('tr', { hasText: 'R-D1' }).count()).toBe(1);

    // The examples go in one step, after a confirmation, and come back with Undo while the list is open.
    await tablet.page.click('[data-testid="remove-examples"]');
    await tablet.page.click('[data-testid="remove-examples-yes"]');
    await tablet.page.waitForSelector('[data-testid="undo"]');
    expect(await tablet.page.locator('[data-testid="example-badge"]').count()).toBe(0);
    await tablet.page.click('[data-testid="undo"]');
    await tablet.page.waitForFunction(() => document.querySelectorAll('[data-testid="example-badge"]').length === 4);

    expect(foreign).toEqual([]);
    for (const d of [researcher, tablet]) await d.context.close();
  });
});
