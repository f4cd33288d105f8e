/**
 * A study link opened on a shared device (the interviewer's tablet, with other respondents'
 * interviews on it): the tab is in respondent mode from then on. Back, a reload or an address of the
 * app's other screens typed in that tab shows only the way back to the questionnaire, never the
 * sessions list or another respondent's interview. A new tab is the device's Dala again.
 */
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../src/core/demo/demo-study';
import { encodeStudyLink } from '../../src/core/link/index';
import { appUnderTest, watchedPage } from './support/browser';
import { startSession } from './support/interview';
import { firstStart } from './support/lock';
import { signedByResearcher } from './support/share';

const RECIPIENT = 'age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj'; // test/fixtures/bundles/researcher.key
const env = appUnderTest();

describe('respondent mode on a shared device', () => {
  it('Back from the questionnaire never shows the device\'s sessions or another respondent\'s interview', async () => {
    const context = await env.browser.newContext();
    const { page, errors } = await watchedPage(context);
    await page.goto(env.server.url);
    // A device that keeps its data unlocked (with the lock on, a reload opens locked: nothing to guard).
    await firstStart(page, 'off');
    await page.waitForSelector('[data-testid="new-session"]');
    const interview = await startSession(page, 'R-PRIVATE');

    // The same tab opens a study link for the next respondent, who starts answering.
    await page.goto(encodeStudyLink(signedByResearcher({ ...demoStudy, recipients: [RECIPIENT] }), { base: env.server.url }));
    await page.click('[data-testid="self-lang-en"]');
    await page.click('[data-testid="self-agree"]');
    await page.waitForSelector('[data-testid="self-runner"] section.section [data-item]');

    const guarded = async (how: string) => {
      await page.waitForSelector('[data-testid="respondent-tab"]');
      const text = (await page.textContent('body')) ?? '';
      expect(text, how).not.toContain('R-PRIVATE');
      expect(await page.locator('[data-testid="sessions-table"], [data-testid="new-session"], .section [data-item], a[href="#/settings"]').count(), how).toBe(0);
    };
    await page.goBack(); // to the interview of R-PRIVATE
    await guarded('Back');
    await page.goBack(); // to the sessions list
    await guarded('Back twice');
    await page.reload();
    await guarded('Back, then a reload');
    await page.goto(interview);
    await guarded('the interview\'s address typed in');

    // The way back leads to the questionnaire, where it was.
    await page.click('[data-testid="respondent-tab-return"]');
    await page.waitForSelector('[data-testid="self-runner"] section.section [data-item]');

    // A new tab is the device's Dala, with its sessions.
    const desk = await context.newPage();
    await desk.goto(env.server.url);
    await desk.waitForSelector('[data-testid="sessions-table"]');
    expect(await desk.textContent('[data-testid="sessions-table"]')).toContain('R-PRIVATE');
    expect(errors).toEqual([]);
    await context.close();
  });
});
