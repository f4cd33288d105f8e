/**
 * A researcher opens an XLSForm that reads external data, with its files, and runs it as an
 * interview: a select_one_from_file over 5,000 unions (the CSV is made here), a cascading select over
 * an external_choices sheet, a price that pulldata() fills in, a slider and a ranking; the record's
 * name (instance_name) in the sessions list. And an .xls form of the public corpus, opened by path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appUnderTest, smallTargets, watchForeignRequests } from './support/browser';
import { waitSaved } from './support/interview';
import { openHome } from './support/lock';
import { marketForm, PRICES_CSV, unionsCsv } from '../fixtures/xlsform/external-form';
import { XLSFORMS_DIR } from '../support/shared';

const env = appUnderTest();
const dir = mkdtempSync(join(tmpdir(), 'dala-market-'));
writeFileSync(join(dir, 'market.xlsx'), marketForm());
writeFileSync(join(dir, 'unions.csv'), unionsCsv(5000));
writeFileSync(join(dir, 'prices.csv'), PRICES_CSV);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a form with its data files', () => {
  it('without its files, the app names each file it reads with the row and column; with them, it runs as an interview', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 } });
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    const page = await context.newPage();
    await openHome(page, env.server.url); // the researcher's computer keeps its data unlocked
    await page.click('[data-testid="open-form"]');

    // The form alone: refused, each missing file named where the form reads it.
    await page.setInputFiles('[data-testid="form-file"]', join(dir, 'market.xlsx'));
    const errors = page.locator('[data-testid="form-errors"]');
    await errors.waitFor();
    expect(await errors.textContent()).toContain("sheet survey, row 4, column type: the form reads the file 'unions.csv' (select_one_from_file)");
    expect(await errors.textContent()).toContain("sheet survey, row 5, column default: the form reads the file 'prices.csv' (pulldata())");
    expect(await page.locator('[data-testid="save-study"]').count()).toBe(0);

    // The form with its files, chosen together.
    await page.setInputFiles('[data-testid="form-file"]', [join(dir, 'market.xlsx'), join(dir, 'unions.csv'), join(dir, 'prices.csv')]);
    await page.waitForSelector('[data-testid="preview"]');
    expect(await page.textContent('[data-testid="form-attachments"]')).toMatch(/unions\.csv.*prices\.csv|prices\.csv.*unions\.csv/);
    await page.click('[data-testid="save-study"]');
    await page.locator('li.card', { hasText: 'Market survey' }).locator('[data-testid="new-session"]').click();
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');

    // pulldata() filled the price from prices.csv when the session started.
    await page.waitForSelector('[data-testid="input-rice_price"]');
    expect(await page.inputValue('[data-testid="input-rice_price"]')).toBe('450');

    // The cascade: the districts of the external_choices sheet for the region chosen, then the
    // unions of unions.csv in that district, searched (a few are drawn at a time).
    expect(await page.locator('[data-item="district"] input[type="radio"]').count()).toBe(0);
    await page.click('[data-testid="opt-region-north"]');
    await waitSaved(page, 'region');
    await page.waitForSelector('[data-testid="opt-district-d1"]');
    expect(await page.$$eval('[data-item="district"] input[type="radio"]', (inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['d1', 'd2']);
    await page.click('[data-testid="opt-district-d1"]');
    await waitSaved(page, 'district');
    await page.waitForSelector('[data-testid="search-union"]');
    expect(await page.locator('[data-item="union"] input[type="radio"]').count()).toBeLessThanOrEqual(20);
    // Typed into with the keyboard, and chosen with it.
    await page.focus('[data-testid="search-union"]');
    await page.keyboard.type('union 4321');
    await page.waitForSelector('[data-testid="opt-union-u4321"]');
    expect(await page.$$eval('[data-item="union"] input[type="radio"]', (inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['u4321']);
    // A screen reader hears how many choices are left.
    expect(await page.textContent('[data-testid="matching-union"]')).toBe('Choices that match: 1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await waitSaved(page, 'union');
    expect(await page.isChecked('[data-testid="opt-union-u4321"]')).toBe(true);
    // A union of another district is not offered.
    await page.fill('[data-testid="search-union"]', 'union 4322');
    expect(await page.locator('[data-testid="opt-union-u4322"]').count()).toBe(0);

    // The slider, moved with the keyboard; the ranking, with its buttons.
    const slider = page.locator('[data-testid="input-crowding"]');
    await slider.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await waitSaved(page, 'crowding');
    expect(await page.textContent('[data-testid="value-crowding"]')).toBe('6');
    await page.click('[data-testid="up-needs-light"]');
    await waitSaved(page, 'needs');
    const order = () => page.$$eval('[data-testid="rank-needs"] [data-rank]', (rows) => rows.map((r) => (r as HTMLElement).dataset.rank));
    expect(await order()).toEqual(['roads', 'light', 'water']);
    expect(await smallTargets(page)).toEqual([]);

    // The answers are what the database holds, the price included.
    await page.reload();
    await page.waitForSelector('[data-testid="value-crowding"]');
    expect(await page.inputValue('[data-testid="input-rice_price"]')).toBe('450');
    expect(await page.isChecked('[data-testid="opt-union-u4321"]')).toBe(true);
    expect(await order()).toEqual(['roads', 'light', 'water']);

    await page.click('[data-testid="next"]');
    await page.waitForSelector('[data-testid="review"]');
    await page.click('[data-testid="complete"]');
    const row = page.locator('tr', { hasText: 'Market survey' });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('complete');
    // The record's name, from the settings' instance_name, in the sessions list.
    expect(await row.locator('[data-testid="instance-name"]').textContent()).toBe('Market of d1');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('a .zip of the form and its files opens the same way', async () => {
    const { zipSync } = await import('fflate');
    const { readFileSync } = await import('node:fs');
    const zip = zipSync({ 'market/market.xlsx': marketForm(), 'market/unions.csv': readFileSync(join(dir, 'unions.csv')), 'market/prices.csv': readFileSync(join(dir, 'prices.csv')) });
    writeFileSync(join(dir, 'market.zip'), zip);
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await openHome(page, env.server.url); // the researcher's computer keeps its data unlocked
    await page.click('[data-testid="open-form"]');
    await page.setInputFiles('[data-testid="form-file"]', join(dir, 'market.zip'));
    await page.waitForSelector('[data-testid="preview"]');
    expect(await page.locator('[data-testid="save-study"]').count()).toBe(1);
    await context.close();
  });
});

describe('an Excel 97-2003 form of the public corpus', () => {
  it('opens by its path (SwissTPH CRF1.xls), shows its warnings, is saved and its first question asked', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await openHome(page, env.server.url); // the researcher's computer keeps its data unlocked
    await page.click('[data-testid="open-form"]');
    await page.setInputFiles('[data-testid="form-file"]', join(XLSFORMS_DIR, 'field/SwissTPH__odk_planner__CRF1.xls'));
    await page.waitForSelector('[data-testid="preview"]');
    expect(await page.textContent('[data-testid="form-warnings"]')).toContain('CRF1.xls');
    const title = await page.locator('.card b').first().textContent();
    await page.click('[data-testid="save-study"]');
    await page.locator('li.card', { hasText: title! }).locator('[data-testid="new-session"]').click();
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');
    await page.waitForSelector('[data-item]');
    expect(await page.locator('[data-item]').count()).toBeGreaterThan(0);
    await context.close();
  });
});
