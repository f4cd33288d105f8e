/**
 * Version 3, repeats, in real Chromium on a phone-sized screen: an interviewer lists a household's
 * members (a repeat they add to), each member's children (a repeat inside it), removes one member
 * after saying yes to the question, answers visits as many as the form counts, and finds every
 * answer after a reload; the removal is kept as a change (its marker null), not as lost answers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { rosterForm } from '../fixtures/xlsform/roster-form';
import { XLSFORMS_DIR } from '../support/shared';
import { ROOT, appUnderTest, smallTargets, watchForeignRequests } from './support/browser';
import { openHome } from './support/lock';

const env = appUnderTest();
const dir = mkdtempSync(join(tmpdir(), 'dala-roster-'));
writeFileSync(join(dir, 'roster.xlsx'), rosterForm());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Instance `n` (1-based) of `repeat`, inside `scope` (the page, or the instance around it). */
const instance = (scope: Page | Locator, repeat: string, n: number) => scope.locator(`[data-testid="instance-${repeat}-${n}"]`).first();
/** The input of question `item` in an instance (its test id ends with the item's name). */
const input = (scope: Locator, item: string) => scope.locator(`[data-testid^="input-"][data-testid$="/${item}"]`).first();
/** Waits until the answer of `item` in that instance is durable in IndexedDB. */
const saved = (scope: Locator, item: string) => scope.locator(`[data-testid^="status-"][data-testid$="/${item}"][data-status="saved"]`).first().waitFor();

async function fill(scope: Locator, item: string, text: string): Promise<void> {
  await input(scope, item).fill(text);
  await input(scope, item).blur();
  await saved(scope, item);
}

/** The answers IndexedDB holds for the open session, by answer key (the data lock is off here). */
function storedAnswers(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(
    (id) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = indexedDB.open('dala');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction('answers').objectStore('answers').index('bySession').getAll(id);
          get.onsuccess = () => {
            const out: Record<string, unknown> = {};
            for (const a of get.result as { item: string; value: unknown }[]) out[a.item] = a.value;
            req.result.close();
            resolve(out);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    decodeURIComponent(/#\/session\/([^/]+)\//.exec(page.url())![1]!),
  );
}

describe('a household roster on a phone', () => {
  it('three members added (one by the keyboard), one removed after confirming, a child inside a member, visits as many as said: all there after a reload', async () => {
    const context = await env.browser.newContext({ viewport: { width: 393, height: 852 }, hasTouch: true });
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    await context.addInitScript({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
    const page = await context.newPage();
    await openHome(page, env.server.url); // kept unlocked: the test reads the instances' markers in IndexedDB itself

    // The form opens with no warning, and is saved as a study.
    await page.click('[data-testid="open-form"]');
    await page.setInputFiles('[data-testid="form-file"]', join(dir, 'roster.xlsx'));
    await page.waitForSelector('[data-testid="preview"]');
    expect(await page.locator('[data-testid="form-warnings"]').count()).toBe(0);
    await page.click('[data-testid="save-study"]');
    await page.locator('li.card', { hasText: 'Household roster' }).locator('[data-testid="new-session"]').click();
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');
    await page.fill('[data-testid="input-village"]', 'Zhetisu');
    await page.locator('[data-testid="input-village"]').blur();
    await page.waitForSelector('[data-testid="status-village"][data-status="saved"]');
    await page.click('[data-testid="next"]');

    // No member yet: the repeat says so; "Next" is refused until the first member's name is given.
    const roster = page.locator('[data-testid="repeat-member"]');
    await roster.waitFor();
    expect(await roster.textContent()).toContain('None yet.');
    // The section and the repeat are headed by the label without the name its entries fill in.
    expect(await page.textContent('#section-h')).toBe('Member');
    expect(await page.textContent('[data-testid="add-member"]')).toBe('+ Add: Member');

    // The first member: added with a tap, the focus goes to her name.
    await page.click('[data-testid="add-member"]');
    const aida = instance(page, 'member', 1);
    await input(aida, 'name').waitFor();
    await expect.poll(() => input(aida, 'name').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.click('[data-testid="next"]');
    expect(await page.textContent('[role="alert"]')).toBeTruthy(); // the name is required
    await fill(aida, 'name', 'Aida');
    await fill(aida, 'age', '34');
    await aida.locator('[data-testid$="/sex-f"]').click();
    await saved(aida, 'sex');
    // Her entry is called by her name (the repeat's label, its ${name} filled in).
    expect(await page.textContent('[data-testid="title-member-1"]')).toBe('Member: Aida');

    // Her child: a repeat inside her instance (asked of members of 16 or more).
    await aida.locator('[data-testid="add-child"]').click();
    const dana = instance(aida, 'child', 1);
    await fill(dana, 'child_name', 'Dana');
    await fill(dana, 'child_age', '40'); // older than her mother: the constraint, per instance
    await expect.poll(() => dana.locator('.issue').count()).toBe(1);
    await fill(dana, 'child_age', '10');
    await expect.poll(() => dana.locator('.issue').count()).toBe(0);
    expect(await aida.locator('[data-testid="title-child-1"]').textContent()).toBe('Child: Dana');

    // The second member.
    await page.click('[data-testid="add-member"]');
    const boris = instance(page, 'member', 2);
    await fill(boris, 'name', 'Boris');
    await fill(boris, 'age', '40');
    // Opening Boris closed Aida; her entry is still there to jump back to.
    await expect.poll(() => aida.locator('[data-testid^="input-"]').count()).toBe(0);

    // The third member, by the keyboard alone: Enter on "Add", type, Tab past "Add a note", type.
    await page.focus('[data-testid="add-member"]');
    await page.keyboard.press('Enter');
    const vera = instance(page, 'member', 3);
    await input(vera, 'name').waitFor();
    await expect.poll(() => input(vera, 'name').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Vera');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    await saved(vera, 'name');
    await saved(vera, 'age');
    // A child of 12 has no children asked.
    await expect.poll(() => vera.locator('[data-testid="repeat-child"]').count()).toBe(0);

    // Removing Boris asks first; "Cancel" keeps him, "Yes, remove" removes him.
    await page.click('[data-testid="remove-member-2"]');
    const question = page.locator('[role="alertdialog"]');
    expect(await question.textContent()).toContain('Remove 2. Member: Boris?');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await expect.poll(focused).toBe('remove-yes');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Cancel", by the keyboard: the focus is back on "Remove"
    await expect.poll(focused).toBe('remove-member-2');
    expect(await page.locator('[data-testid^="instance-member-"]').count()).toBe(3);
    await page.click('[data-testid="remove-member-2"]');
    await page.click('[data-testid="remove-yes"]');
    await expect.poll(() => page.locator('[data-testid^="title-member-"]').allTextContents()).toEqual(['Member: Aida', 'Member: Vera']);
    await page.waitForSelector('[data-testid="save-all"].ok');

    // On a 393 px phone: no control under 44 px, nothing wider than the screen, axe's WCAG rules pass.
    expect(await smallTargets(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(393);
    await page.click('[data-testid="open-member-1"]');
    const violations = await page.evaluate(async () => {
      const a = (window as unknown as { axe: { run(ctx: Element, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await a.run(document.querySelector('.section') ?? document.body, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);

    // The removal is a change kept in the data: Boris's marker is null, his answers are still there.
    const stored = await storedAnswers(page);
    const markers = Object.entries(stored).filter(([k]) => /^member\[[^\]]+\]$/.test(k));
    expect(markers.map(([, v]) => v)).toEqual(expect.arrayContaining([1, 2, 3].map((n) => (n === 2 ? null : n))));
    expect(markers).toHaveLength(3);
    expect(Object.entries(stored).filter(([k, v]) => k.endsWith('/name') && v === 'Boris')).toHaveLength(1);

    // Visits: as many as the interviewer says, no add or remove.
    await page.click('[data-testid="next"]');
    await page.waitForSelector('[data-testid="input-visits"]');
    await page.fill('[data-testid="input-visits"]', '2');
    await page.locator('[data-testid="input-visits"]').blur();
    await page.waitForSelector('[data-testid="status-visits"][data-status="saved"]');
    await expect.poll(() => page.locator('[data-testid^="instance-visit-"]').count()).toBe(2);
    expect(await page.locator('[data-testid="add-visit"], [data-testid^="remove-visit-"]').count()).toBe(0);
    await fill(instance(page, 'visit', 1), 'visit_date', '2026-11-04');
    await page.click('[data-testid="open-visit-2"]');
    await fill(instance(page, 'visit', 2), 'visit_date', '2026-11-18');

    // After a reload, every answer is what IndexedDB holds.
    await page.reload();
    await page.waitForSelector('[data-testid="repeat-visit"]');
    expect(await input(instance(page, 'visit', 1), 'visit_date').inputValue()).toBe('2026-11-04');
    await page.click('[data-testid="open-visit-2"]');
    expect(await input(instance(page, 'visit', 2), 'visit_date').inputValue()).toBe('2026-11-18');
    await page.click('[data-testid="prev"]');
    await roster.waitFor();
    expect(await page.locator('[data-testid^="title-member-"]').allTextContents()).toEqual(['Member: Aida', 'Member: Vera']);
    expect(await input(aida, 'name').inputValue()).toBe('Aida');
    expect(await input(aida, 'age').inputValue()).toBe('34');
    expect(await aida.locator('[data-testid$="/sex-f"]').isChecked()).toBe(true);
    expect(await input(instance(aida, 'child', 1), 'child_name').inputValue()).toBe('Dana');
    expect(await input(instance(aida, 'child', 1), 'child_age').inputValue()).toBe('10');
    await page.click('[data-testid="open-member-2"]');
    expect(await input(instance(page, 'member', 2), 'name').inputValue()).toBe('Vera');
    expect(await input(instance(page, 'member', 2), 'age').inputValue()).toBe('12');

    // The review lists the members and their answers (Boris is not among them); the interview completes.
    await page.click('[data-testid="next"]');
    await page.waitForSelector('[data-testid="repeat-visit"]');
    await page.click('[data-testid="next"]');
    const review = page.locator('[data-testid="review-repeat-member"]');
    await review.waitFor();
    expect(await review.textContent()).toMatch(/Member: Aida · Name: Aida · Age: 34 · Sex: Female.*Child: Dana.*Member: Vera/);
    expect(await review.textContent()).not.toContain('Boris');
    await page.click('[data-testid="complete"]');
    const row = page.locator('tr', { hasText: 'Household roster' });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('complete');
    expect(foreign).toEqual([]);
    await context.close();
  });
});

describe('a study written as instrument JSON (format version 3)', () => {
  it('at least one member (minInstances), each called by her instance label, a loop over crops called by its choices', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await openHome(page, env.server.url);
    await page.click('[data-testid="open-form"]');
    await page.setInputFiles('[data-testid="form-file"]', join(ROOT, 'test/fixtures/instruments/household-roster.json'));
    await page.waitForSelector('[data-testid="preview"]');
    await page.click('[data-testid="save-study"]');
    await page.locator('li.card', { hasText: 'Household roster' }).locator('[data-testid="new-session"]').click();
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');
    await page.waitForSelector('[data-testid="repeat-member"]');

    // No member: "Next" is refused, and the repeat says why.
    await page.click('[data-testid="next"]');
    expect(await page.textContent('[data-testid="min-member"]')).toBe('At least 1 needed.');
    expect(await page.getAttribute('[data-testid="min-member"]', 'role')).toBe('alert');

    // One member, called "name, age" (instanceLabel); the only one cannot be removed (minInstances 1).
    await page.click('[data-testid="add-member"]');
    const aida = instance(page, 'member', 1);
    await fill(aida, 'name', 'Aida');
    await fill(aida, 'age', '34');
    expect(await page.textContent('[data-testid="title-member-1"]')).toBe('Aida, 34');
    // The form state follows the saved answers (it is recomputed once they are durable): wait for it.
    await page.waitForSelector('[data-testid="min-member"]', { state: 'detached' });
    expect(await page.locator('[data-testid="remove-member-1"]').count()).toBe(0);
    // Her job (a repeat inside hers, asked from 16).
    await aida.locator('[data-testid="add-job"]').click();
    await fill(instance(aida, 'job', 1), 'job_title', 'Teacher');
    await page.click('[data-testid="add-member"]');
    await page.waitForSelector('[data-testid="remove-member-1"]');

    // The crops: one instance per choice of the list, called by its label; none added or removed.
    await page.click('[data-testid="next"]');
    expect(await page.textContent('[data-testid="min-member"], [role="alert"]')).toBeTruthy(); // the second member has no name yet
    await page.click('[data-testid="remove-member-2"]');
    await page.click('[data-testid="remove-yes"]');
    await page.click('[data-testid="next"]');
    await page.waitForSelector('[data-testid="repeat-crop"]');
    expect(await page.locator('[data-testid^="title-crop-"]').allTextContents()).toEqual(['Wheat', 'Barley', 'Sunflower']);
    expect(await page.locator('[data-testid="add-crop"], [data-testid^="remove-crop-"]').count()).toBe(0);
    await page.click('[data-testid="open-crop-3"]');
    await fill(instance(page, 'crop', 3), 'area', '2.5');
    await page.reload();
    await page.waitForSelector('[data-testid="repeat-crop"]');
    await page.click('[data-testid="open-crop-3"]');
    expect(await input(instance(page, 'crop', 3), 'area').inputValue()).toBe('2.5');
    await context.close();
  });
});

describe('field forms of the public corpus that use repeats', () => {
  /** Opens a form of ../shared/xlsforms/field by its path, saves it, starts a session and goes to section `section`. */
  async function openField(page: Page, file: string, title: string, section: number): Promise<void> {
    await openHome(page, env.server.url);
    await page.click('[data-testid="open-form"]');
    await page.setInputFiles('[data-testid="form-file"]', join(XLSFORMS_DIR, 'field', file));
    await page.waitForSelector('[data-testid="preview"]');
    // Whatever else it warns about, nothing about its repeats.
    const warnings = (await page.locator('[data-testid="form-warnings"]').count()) ? await page.textContent('[data-testid="form-warnings"]') : '';
    expect(warnings).not.toMatch(/repeat|loop|indexed|position/i);
    await page.click('[data-testid="save-study"]');
    await page.locator('li.card', { hasText: title }).locator('[data-testid="new-session"]').click();
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');
    await page.waitForSelector('.section [data-item]');
    await page.goto(page.url().replace(/\/\d+$/, `/${section}`));
  }

  it('KoboloadeR\'s sample: the family members are added and answered, and there after a reload', async () => {
    const context = await env.browser.newContext({ viewport: { width: 393, height: 852 } });
    const page = await context.newPage();
    await openField(page, 'Edouard-Legoupil__kobocruncher__sample_xlsform.xlsx', 'Sample Dataset KoboloadeR', 2);
    await page.click('[data-testid="add-members"]');
    await page.click('[data-testid="add-members"]');
    await fill(instance(page, 'members', 2), 'age', '7');
    await page.click('[data-testid="open-members-1"]');
    await fill(instance(page, 'members', 1), 'age', '41');
    await page.reload();
    await page.waitForSelector('[data-testid="repeat-members"]');
    expect(await page.locator('[data-testid^="instance-members-"]').count()).toBe(2);
    expect(await input(instance(page, 'members', 1), 'age').inputValue()).toBe('41');
    await page.click('[data-testid="open-members-2"]');
    expect(await input(instance(page, 'members', 2), 'age').inputValue()).toBe('7');
    await context.close();
  });

  it('FormShare\'s consumer survey: a section repeated once (repeat_count 1) asks its questions, no add or remove', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await openField(page, 'qlands__FormShare__consumers.xlsx', 'Consumer survey in Uganda', 3);
    await page.waitForSelector('[data-testid="repeat-demo"]');
    expect(await page.locator('[data-testid^="instance-demo-"]').count()).toBe(1);
    expect(await page.locator('[data-testid="add-demo"], [data-testid^="remove-demo-"]').count()).toBe(0);
    await fill(instance(page, 'demo', 1), 'A7', '5');
    await page.reload();
    await page.waitForSelector('[data-testid="repeat-demo"]');
    expect(await input(instance(page, 'demo', 1), 'A7').inputValue()).toBe('5');
    await context.close();
  });
});

