/**
 * `${name}` in labels, in real Chromium with a real field form (FormShare's consumer survey, read
 * from ../shared/xlsforms/field): the note "The Survey ID is ${ID}" shows the ID the form computes,
 * and in the repeat counted by the vegetables chosen, each instance's question names its own
 * vegetable ("Form of consumption of ${seca_cal}", a jr:choice-name() of the instance's choice).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { XLSFORMS_DIR } from '../support/shared';
import { appUnderTest } from './support/browser';
import { openHome } from './support/lock';

const env = appUnderTest();

/** Opens a field form, saves it, starts a session and goes to section `section`. */
async function openField(page: Page, file: string, title: string, section: number): Promise<void> {
  await openHome(page, env.server.url);
  await page.click('[data-testid="open-form"]');
  await page.setInputFiles('[data-testid="form-file"]', join(XLSFORMS_DIR, 'field', file));
  await page.waitForSelector('[data-testid="preview"]');
  await page.click('[data-testid="save-study"]');
  await page.locator('li.card', { hasText: title }).locator('[data-testid="new-session"]').click();
  await page.fill('[data-testid="interviewer"]', 'AK');
  await page.click('[data-testid="to-consent"]');
  await page.click('[data-testid="consent-agree"]');
  await page.waitForSelector('.section [data-item]');
  await page.goto(page.url().replace(/\/\d+$/, `/${section}`));
}

describe('labels that name answers', () => {
  it('a note shows the computed survey ID, and each vegetable\'s questions name that vegetable', async () => {
    const context = await env.browser.newContext({ viewport: { width: 393, height: 852 } });
    const page = await context.newPage();
    await openField(page, 'qlands__FormShare__consumers.xlsx', 'Consumer survey in Uganda', 2);
    const note = page.locator('[data-item="generated_note_name_18"]');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^The Survey ID is \d{9}$/);

    // Section B: two vegetables chosen, Nakati (2) and Doodo (7).
    await page.goto(page.url().replace(/\/\d+$/, '/4'));
    await page.check('[data-testid="opt-B1-2"]');
    await page.locator('[data-testid^="status-B1"][data-status="saved"]').first().waitFor();
    await page.check('[data-testid="opt-B1-7"]');

    await page.goto(page.url().replace(/\/\d+$/, '/5'));
    await page.waitForSelector('[data-testid="repeat-veg1_repeat"]');
    await expect.poll(() => page.locator('[data-testid^="instance-veg1_repeat-"]').count()).toBe(2);
    const first = page.locator('[data-testid="instance-veg1_repeat-1"] [data-item$="/B4"] legend .label');
    await expect.poll(() => first.textContent()).toMatch(/^B4\. Form of consumption of 2\. Nakati/);
    await page.click('[data-testid="open-veg1_repeat-2"]');
    const second = page.locator('[data-testid="instance-veg1_repeat-2"] [data-item$="/B5"] legend .label');
    await expect.poll(() => second.textContent()).toMatch(/^B5\. Purpose in the meal 9\. Doodo \/ Green amaranthus/);
    // Nothing is left as written.
    expect(await page.locator('[data-testid="repeat-veg1_repeat"]').textContent()).not.toContain('${');
    await context.close();
  });
});
