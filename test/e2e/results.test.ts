import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoStudy } from '../../src/core/demo/demo-study';
import { demoExampleResponses } from '../../src/core/demo/example-data';
import { scoreStudy } from '../../src/core/scoring';
import { scoreForResults } from '../../src/workers/score';
import { ROOT, appUnderTest, watchForeignRequests, watchedPage } from './support/browser';
import { firstStart } from './support/lock';


const env = appUnderTest();

/** All four published respondents, as scoring reads them (the Leadership statements unanswered). */
const responses = demoExampleResponses.map((r) => ({ id: r.id, answers: r.answers }));
const two = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));
const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').trim();

describe('a researcher reads the results of the demo study', () => {
  it('sees the paper’s answers scored, side by side and charted, compares the sectors and filters them out', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
    const origin = new URL(env.server.url).origin;
    const foreign = watchForeignRequests(context, origin);
    const { page, errors, cspViolations } = await watchedPage(context);

    await page.goto(env.server.url);
    await firstStart(page, 'off'); // the researcher's own computer
    await page.click('[data-testid="load-examples"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sessions-table"] tr[data-session]').length === 4);
    await page.click('[data-testid="results"]');
    await page.waitForSelector('[data-testid="scale-table"]');
    expect(page.url()).toContain(`#/results/${encodeURIComponent(demoStudy.id)}/`);

    // The scale table holds what the core computes from the same answers.
    const expected = scoreStudy(demoStudy, responses);
    const strategy = expected.scales.find((s) => s.name === 'strategy')!;
    const row = '[data-testid="scale-table"] tr[data-scale="strategy"]';
    expect(await text(page, `${row} td[data-col="n"]`)).toBe('4');
    expect(await text(page, `${row} td[data-col="mean"]`)).toBe(two(strategy.mean));
    expect(await text(page, `${row} td[data-col="sd"]`)).toBe(two(strategy.sd));
    expect(await text(page, `${row} td[data-col="alpha"]`)).toBe(two(strategy.alpha));
    // Nobody answered Leadership: its mean is a dash that says why.
    expect(await page.getAttribute('[data-testid="scale-table"] tr[data-scale="leadership"] td[data-col="mean"] .null', 'title')).toBe('No respondent has a score');
    // Kendall's W over the four answered factors.
    expect(await text(page, '[data-testid="kendall"]')).toContain(`Kendall’s W = ${two(scoreForResults({ instrument: demoStudy, responses, groupBy: null }).report.priority.W)}`);

    // Table 3: institutional memory, R3 rates it 5, the private-sector R2 rates it 2.
    const h5 = '[data-testid="table3"] tr[data-item="h5"]';
    expect(await text(page, `${h5} th`)).toMatch(/institutional memory/);
    expect(await text(page, `${h5} td[data-respondent="R3"]`)).toBe('5');
    expect(await text(page, `${h5} td[data-respondent="R2"]`)).toBe('2');
    expect(await text(page, '[data-testid="table3"] th[data-respondent="R2"]')).toContain('Project manager, private sector');
    // Table 2: R2's "Other" text in quotes, and the interviewer's note beside the answer.
    const r2q1 = '[data-testid="table2"] tr[data-item="q1"] td[data-respondent="R2"]';
    const note = await text(page, `${r2q1} [data-testid="cell-note"]`);
    expect(note).toBe('Interviewer’s note: It is proposed to take into account leadership, namely the quality and style of management, as an additional factor.');
    expect(await text(page, r2q1)).toBe('A, B, C, other “Leadership (management styles and quality)”' + note);

    // Every answered statement has a chart with a text alternative.
    const labels = await page.$$eval('svg.lik-bar[role="img"]', (svgs) => svgs.map((s) => s.getAttribute('aria-label') ?? ''));
    expect(labels).toHaveLength(15);
    for (const l of labels) expect(l).toMatch(/Answers: 4\./);
    expect(labels.find((l) => l.includes('institutional memory'))).toContain('Disagree: 2 (50%)');

    // Compare the sectors: public (3) and private (1), a Mann-Whitney test per scale.
    await page.selectOption('[data-testid="group-by"]', 'sector');
    await page.waitForSelector('[data-testid="group-table"]');
    expect(await text(page, '[data-testid="group-table"] th[data-level="public"] [data-col="n"]')).toBe('n = 3');
    expect(await text(page, '[data-testid="group-table"] th[data-level="private"] [data-col="n"]')).toBe('n = 1');
    const bySector = scoreStudy(demoStudy, responses, { groupBy: 'sector' });
    const mw = bySector.groups!.tests.find((x) => x.scale === 'strategy')!;
    if (mw.test !== 'mann-whitney') throw new Error('two sectors: Mann-Whitney');
    const mwRow = '[data-testid="group-table"] tr[data-scale="strategy"][data-test="mann-whitney"]';
    expect(await text(page, `${mwRow} td[data-col="statistic"]`)).toBe(two(mw.statistic));
    expect(await text(page, `${mwRow} td[data-col="cliffsDelta"]`)).toBe(two(mw.cliffsDelta));
    expect(await text(page, `${mwRow} td[data-level="public"]`)).toBe(two(bySector.groups!.levels[0]!.means.strategy));
    expect(await page.$$eval('[data-testid="group-table"] tr[data-test="mann-whitney"]', (rows) => rows.length)).toBe(5);

    // Looks: a laptop and a phone; on the phone nothing scrolls the page sideways.
    await page.screenshot({ path: '/tmp/dala-results-1024.png', fullPage: true });
    await page.setViewportSize({ width: 393, height: 851 });
    await page.waitForFunction(() => innerWidth === 393);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(393);
    await page.screenshot({ path: '/tmp/dala-results-393.png', fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: '/tmp/dala-results-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1024, height: 768 });

    // A period before any interview: nothing matches, and the screen says so.
    await page.fill('[data-testid="filter-to"]', '2000-01-01');
    await page.waitForSelector('[data-testid="results-empty"]');
    expect(await page.getAttribute('[data-testid="results-count"]', 'data-n')).toBe('0');
    expect(await page.$('[data-testid="scale-table"]')).toBeNull();
    await page.fill('[data-testid="filter-to"]', '');
    await page.waitForSelector('[data-testid="scale-table"]');

    expect(errors).toEqual([]);
    expect(await cspViolations()).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('scores in the built Web Worker, under the app’s CSP, as the main thread does', async () => {
    const worker = readdirSync(join(ROOT, 'dist/assets')).find((f) => /^scoring\.worker-.*\.js$/.test(f));
    expect(worker).toBeDefined();
    const context = await env.browser.newContext();
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    const page = await context.newPage();
    await page.goto(env.server.url);
    const reply = await page.evaluate(
      ({ url, instrument, responses }) =>
        new Promise<unknown>((resolve, reject) => {
          const w = new Worker(url, { type: 'module' });
          w.onmessage = (e) => resolve(e.data);
          w.onerror = (e) => reject(new Error(e.message));
          // comlink's wire format (src/app/worker-client.ts): a call of `score` with one plain argument.
          w.postMessage({ id: '7', type: 'APPLY', path: ['score'], argumentList: [{ type: 'RAW', value: { instrument, responses, groupBy: 'sector' } }] });
        }),
      { url: `/assets/${worker}`, instrument: demoStudy, responses },
    );
    expect(reply).toEqual({ id: '7', type: 'RAW', value: JSON.parse(JSON.stringify(scoreForResults({ instrument: demoStudy, responses, groupBy: 'sector' }))) });
    expect(foreign).toEqual([]);
    await context.close();
  });
});
