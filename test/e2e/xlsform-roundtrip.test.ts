import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, appUnderTest, smallTargets, watchForeignRequests } from './support/browser';
import { waitSaved } from './support/interview';
import { openHome } from './support/lock';

const FIXTURES = join(ROOT, 'test/fixtures/xlsform');

const env = appUnderTest();

/** Opens a fixture in the app's "Open an XLSForm" screen. */
async function openForm(page: Page, fixture: string): Promise<void> {
  await openHome(page, env.server.url); // the researcher's computer keeps its data unlocked
  await page.click('[data-testid="open-form"]');
  await page.setInputFiles('[data-testid="form-file"]', join(FIXTURES, fixture));
}

describe('a researcher opens an XLSForm in Dala', () => {
  it('sees the refusal of a broken form with sheet, row, column and position, and nothing is saved', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await openForm(page, 'error-bad-expression.xlsx');
    const errors = await page.textContent('[data-testid="form-errors"]');
    expect(errors).toContain('sheet survey, row 3, column relevant, position 9');
    expect(errors).toContain("unknown function 'square-root'");
    expect(await page.locator('[data-testid="save-study"]').count()).toBe(0);
    await context.close();
  });

  it('previews a Likert form in each of its languages', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await openForm(page, 'likert-demo.xlsx');
    await page.waitForSelector('[data-testid="preview"]');
    expect(await page.textContent('[data-testid="preview"]')).toContain('Rate each statement about your state body.');
    await page.selectOption('[data-testid="preview-lang"]', 'ru');
    await page.waitForSelector('text=Оцените каждое утверждение о вашем госоргане.');
    // Likert items render as their scale's points.
    expect(await page.locator('[data-testid="preview"] .likert').count()).toBeGreaterThan(5);
    await context.close();
  });

  it('cascading selects, in the preview and in an interview: a choice_filter offers the districts of the region chosen, and keeps a district no longer offered in view as an issue', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await openForm(page, 'choice-filter.xlsx');
    await page.waitForSelector('[data-testid="preview"]');
    const offered = () => page.$$eval('[data-testid="preview"] [data-item="district"] input', (inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(await offered()).toEqual([]);
    await page.click('[data-testid="preview"] [data-testid="opt-region-north"]');
    await page.waitForSelector('[data-testid="opt-district-n1"]');
    expect(await offered()).toEqual(['n1']);
    await page.click('[data-testid="opt-district-n1"]');
    await page.click('[data-testid="opt-region-south"]');
    // The district given stays in view, with the reason, until another is chosen.
    await page.waitForSelector('[data-testid="opt-district-s1"]');
    expect(await offered()).toEqual(['n1', 's1']);
    expect(await page.isChecked('[data-testid="opt-district-n1"]')).toBe(true);
    expect(await page.$$eval('[data-testid="preview"] .choice.withdrawn input', (inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['n1']);
    expect(await page.textContent('[data-testid="preview"] [data-item="district"] .issue')).toBe(
      'This choice is no longer offered, after an earlier answer changed: choose again.',
    );
    await page.click('[data-testid="opt-district-s1"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="preview"] [data-item="district"] input').length === 1);
    expect(await page.locator('[data-testid="preview"] [data-item="district"] .issue').count()).toBe(0);

    // Saved and run as an interview: the same, with each answer saved.
    await page.click('[data-testid="save-study"]');
    await page.locator('li.card', { hasText: 'Choice filter' }).locator('[data-testid="new-session"]').click();
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');
    await page.click('[data-testid="opt-region-south"]');
    await waitSaved(page, 'region');
    await page.waitForSelector('[data-testid="opt-district-s1"]');
    expect(await page.locator('[data-testid="opt-district-n1"]').count()).toBe(0);
    await page.click('[data-testid="opt-district-s1"]');
    await waitSaved(page, 'district');
    await page.click('[data-testid="opt-region-north"]');
    await waitSaved(page, 'region');
    await page.waitForSelector('[data-testid="opt-district-n1"]');
    expect(await page.isChecked('[data-testid="opt-district-s1"]')).toBe(true);
    await page.click('[data-testid="next"]');
    await page.waitForSelector('text=Some answers on this screen need attention.');
    expect(await page.textContent('[data-item="district"] .issue')).toContain('no longer offered');
    await context.close();
  });

  it('previews, saves and runs it: skip logic and constraints behave as the XLSForm says', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 } });
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    const page = await context.newPage();
    await openForm(page, 'all-types.xlsx');
    await page.waitForSelector('[data-testid="preview"]');
    // The preview is live: choosing "yes" reveals the relevant question.
    expect(await page.locator('[data-testid="preview"] [data-item="colors_liked"]').count()).toBe(0);
    await page.click('[data-testid="preview"] [data-testid="opt-consent-yes"]');
    await page.waitForSelector('[data-testid="preview"] [data-item="colors_liked"]');
    await page.click('[data-testid="save-study"]');

    // The study is on the device; run a session of it.
    const card = page.locator('li.card', { hasText: 'All question types' });
    await card.locator('[data-testid="new-session"]').click();
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');
    await page.waitForSelector('[data-item="full_name"]');

    // Constraint: age must be 18..120.
    await page.fill('[data-testid="input-age"]', '12');
    await page.locator('[data-testid="input-age"]').blur();
    await waitSaved(page, 'age');
    await page.waitForSelector('[data-item="age"] .issue');
    // Required items and the broken constraint block "Next".
    await page.click('[data-testid="next"]');
    await page.waitForSelector('text=Some answers on this screen need attention.');
    expect(await page.locator('[data-item="full_name"] .issue').textContent()).toContain('Please give a name'); // the form's required_message

    await page.fill('[data-testid="input-full_name"]', 'Айгерим');
    await page.fill('[data-testid="input-age"]', '30');
    await page.locator('[data-testid="input-age"]').blur();
    await waitSaved(page, 'age');
    expect(await page.locator('[data-item="age"] .issue').count()).toBe(0);

    // Relevance: colors_liked only when consent = yes.
    await page.click('[data-testid="opt-consent-no"]');
    await waitSaved(page, 'consent');
    expect(await page.locator('[data-item="colors_liked"]').count()).toBe(0);
    await page.click('[data-testid="opt-consent-yes"]');
    await page.waitForSelector('[data-item="colors_liked"]');
    await page.click('[data-testid="opt-colors_liked-red"]');
    await page.click('[data-testid="opt-colors_liked-blue"]');
    await waitSaved(page, 'colors_liked');

    await page.click('[data-testid="next"]');
    await page.waitForSelector('[data-testid="review"]');
    await page.click('[data-testid="complete"]');
    const row = page.locator('tr', { hasText: 'All question types' });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('complete');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('opens an Excel 97-2003 (.xls) form and runs a slider, a ranking and a searched list of 5,000 unions as an interview, each answer saved', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 } });
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    const page = await context.newPage();
    await openForm(page, 'slider-rank.xls');
    await page.waitForSelector('[data-testid="preview"]');
    await page.click('[data-testid="save-study"]');
    await page.locator('li.card', { hasText: 'Clinic needs' }).locator('[data-testid="new-session"]').click();
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');

    // The slider: unanswered until moved; the keyboard moves it a step at a time.
    const slider = page.locator('[data-testid="input-satisfaction"]');
    await slider.waitFor();
    expect(await page.textContent('[data-testid="value-satisfaction"]')).toBe('Not answered yet: move the slider');
    await slider.focus();
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    await waitSaved(page, 'satisfaction');
    expect(await page.textContent('[data-testid="value-satisfaction"]')).toBe('7');

    // The ranking: the buttons move a need up or down; the order is the answer.
    await page.click('[data-testid="up-needs-clinic"]');
    await waitSaved(page, 'needs');
    await page.click('[data-testid="up-needs-clinic"]');
    await page.click('[data-testid="down-needs-water"]');
    await waitSaved(page, 'needs');
    const order = () => page.$$eval('[data-testid="rank-needs"] [data-rank]', (rows) => rows.map((r) => (r as HTMLElement).dataset.rank));
    expect(await order()).toEqual(['clinic', 'water', 'roads', 'school']);

    // 5,000 unions are searched, not drawn: a few dozen options are in the page at a time.
    expect(await page.locator('[data-item="union"] input[type="radio"]').count()).toBeLessThanOrEqual(20);
    await page.fill('[data-testid="search-union"]', 'union 4321');
    await page.click('[data-testid="opt-union-union_4321"]');
    await waitSaved(page, 'union');
    expect(await smallTargets(page)).toEqual([]);

    // The answers are what the database holds: they come back after a reload.
    await page.reload();
    await page.waitForSelector('[data-testid="value-satisfaction"]');
    expect(await page.textContent('[data-testid="value-satisfaction"]')).toBe('7');
    expect(await order()).toEqual(['clinic', 'water', 'roads', 'school']);
    expect(await page.isChecked('[data-testid="opt-union-union_4321"]')).toBe(true);

    await page.click('[data-testid="next"]');
    await page.waitForSelector('[data-testid="review"]');
    await page.click('[data-testid="complete"]');
    const row = page.locator('tr', { hasText: 'Clinic needs' });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('complete');
    expect(foreign).toEqual([]);
    await context.close();
  });
});
