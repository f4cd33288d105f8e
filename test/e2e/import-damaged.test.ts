/**
 * Files the researcher picks that cannot be read as they are: cut short after they were chosen (a
 * sync still writing, a USB stick pulled out), or far too large. Each is refused in the merge report
 * with a reason that names the file and says what is wrong, never "Failed to fetch", and a huge file
 * is refused from its size, before it is read.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstStart } from './support/lock';
import { appUnderTest, watchedPage } from './support/browser';
import { FIXTURES } from '../cli/run';

const dir = mkdtempSync(join(tmpdir(), 'dala-import-damaged-'));
const env = appUnderTest();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importing files that cannot be read whole', () => {
  it('a file cut short after it was chosen, and a 1 GB file, are refused by name with what is wrong', async () => {
    const context = await env.browser.newContext();
    const { page, errors } = await watchedPage(context);
    const cut = join(dir, 'tablet-b.dala.age');
    const huge = join(dir, 'huge.dala.age');
    copyFileSync(join(FIXTURES, 'device-b.dala.age'), cut);
    copyFileSync(join(FIXTURES, 'device-b.dala.age'), huge);
    truncateSync(huge, 1_000_000_000); // sparse: nothing is written to disk
    await page.goto(env.server.url + '#/import');
    await firstStart(page); // the data lock on: the import is merged into sealed data
    await page.setInputFiles('[data-testid="import-files"]', [cut, huge, join(FIXTURES, 'device-a.dala.json')]);
    truncateSync(cut, 300); // cut short after it was chosen
    await page.click('[data-testid="import-read"]');
    await page.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
    // Why, in the app's language, and the details as Dala found them, naming the file.
    const row = (file: string) => `[data-testid="merge-report"] tr[data-file="${file}"] [data-testid="rejected-reason"]`;
    const detail = (file: string) => page.textContent(`${row(file)} details span`);
    expect(await page.getAttribute(row('tablet-b.dala.age'), 'data-code')).toBe('unreadable');
    expect(await page.textContent(row('tablet-b.dala.age'))).toContain('The file is damaged or cut short');
    expect(await detail('tablet-b.dala.age')).toBe(
      'tablet-b.dala.age: the file could not be read: it is cut short or damaged, or it was changed or moved after it was chosen. Choose it again; if that fails too, copy it again from where it came from.',
    );
    expect(await page.getAttribute(row('huge.dala.age'), 'data-code')).toBe('too-large');
    expect(await detail('huge.dala.age')).toBe('huge.dala.age: 1,000,000,000 bytes; Dala reads files of up to 300,000,000');
    // The readable file is still reported: the others do not stop it. It is from a Dala before
    // signatures, so it is held until the researcher allows unsigned files; then it is read.
    expect(await page.getAttribute(row('device-a.dala.json'), 'data-code')).toBe('unsigned');
    await page.check('[data-testid="allow-unsigned"]');
    await page.click('[data-testid="trust-apply"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="merge-report"] tr[data-file="device-a.dala.json"] [data-testid="rejected-reason"]'));
    expect(await page.textContent('[data-testid="merge-report"] tr[data-file="device-a.dala.json"] td[data-k="new"]')).toBe('3');
    // The damaged files are still refused, by name.
    expect(await page.getAttribute(row('huge.dala.age'), 'data-code')).toBe('too-large');
    expect(await page.textContent('main')).not.toContain('Failed to fetch');
    expect(errors).toEqual([]);
    await context.close();
  });
});
