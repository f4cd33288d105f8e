import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { appUnderTest, watchForeignRequests } from './support/browser';
import { acceptNewDevices } from './support/interview';
import { firstStart, gotoUnlocked } from './support/lock';
import { wav } from '../support/wav';
import { DEMO_STUDY_VERSION } from '../../src/core/demo/meta';

const dir = mkdtempSync(join(tmpdir(), 'dala-coding-'));
const foreign: string[] = [];
const env = appUnderTest();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CODING = `#/coding/innovative-civil-service/${DEMO_STUDY_VERSION}`;

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

/** Exports the demo study's data with the examples, to a passphrase, as `name`. */
async function exportFrom(page: Page, name: string): Promise<string> {
  await gotoUnlocked(page, env.server.url);
  await page.click('[data-testid="study-data"]');
  await page.waitForSelector('[data-testid="export"]');
  await page.check('[data-testid="export-examples"]');
  await page.check('[data-testid="enc-passphrase"]');
  await page.fill('[data-testid="export-pass"]', 'steppe coding 2026');
  await page.fill('[data-testid="export-pass2"]', 'steppe coding 2026');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export"]')]);
  const file = join(dir, name);
  await dl.saveAs(file);
  return file;
}

async function importInto(page: Page, file: string): Promise<void> {
  await gotoUnlocked(page, env.server.url + '#/import');
  await page.setInputFiles('[data-testid="import-files"]', [file]);
  await page.fill('[data-testid="import-pass"]', 'steppe coding 2026');
  await page.click('[data-testid="import-read"]');
  await page.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
  await acceptNewDevices(page);
  await page.click('[data-testid="import-commit"]');
  await page.waitForSelector('[data-testid="import-done"]');
}

const passagesOf = (page: Page) => page.$$eval('[data-testid="passage"]', (li) => li.map((x) => x.textContent ?? ''));

/** The id of the transcript source shown for the chosen respondent ("transcript:<uuid>"). */
const transcriptSource = (page: Page) => page.$eval('[data-testid^="source-transcript:"]', (el) => el.getAttribute('data-source')!);

describe('a researcher codes the demo interviews and hands them to another laptop', () => {
  it('codes two passages in the interviews and one in a transcript, exports the bundle, and a fresh profile imports the codes, passages and transcript and shows them by sector', async () => {
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

    // R2's interview transcribed: the audio opened from disk, paragraphs typed with the keyboard only.
    await a.page.click('[data-testid="transcribe-link"]');
    await a.page.waitForSelector('[data-testid="transcribe"]');
    await a.page.setInputFiles('[data-testid="transcript-audio-file"]', { name: 'r2-interview.wav', mimeType: 'audio/wav', buffer: wav(20) });
    await a.page.waitForFunction(() => (document.querySelector('[data-testid="transcript-audio"]') as HTMLAudioElement | null)?.duration === 20);
    expect(await a.page.textContent('[data-testid="transcript-shortcuts"]')).toContain('Alt+Enter');
    // Faster twice, slower once: 1.25x (the rate is the audio element's own).
    await a.page.keyboard.press('Alt+BracketRight');
    await a.page.keyboard.press('Alt+BracketRight');
    await a.page.keyboard.press('Alt+BracketLeft');
    expect(await a.page.$eval('[data-testid="transcript-audio"]', (el) => (el as HTMLAudioElement).playbackRate)).toBe(1.25);
    expect(await a.page.textContent('[data-testid="transcript-speed"]')).toBe('1.25×');
    // A new paragraph at the current time (12 s), typed; another one started from inside the text (Alt+Enter while typing), then back 5 s.
    await a.page.$eval('[data-testid="transcript-audio"]', (el) => ((el as HTMLAudioElement).currentTime = 12));
    await a.page.keyboard.press('Alt+Enter');
    await a.page.keyboard.type('Q: What is missing from the list of factors?');
    await a.page.$eval('[data-testid="transcript-audio"]', (el) => ((el as HTMLAudioElement).currentTime = 15.5));
    await a.page.keyboard.press('Alt+Enter');
    await a.page.keyboard.type('R2: Leadership is the missing factor, the quality of management.');
    await a.page.keyboard.press('Alt+Comma');
    expect(await a.page.$eval('[data-testid="transcript-audio"]', (el) => (el as HTMLAudioElement).currentTime)).toBeCloseTo(10.5, 1);
    await a.page.waitForFunction(() => document.querySelector('[data-testid="transcript-save-state"]')?.textContent === 'Saved');
    expect(await a.page.$$eval('[data-testid="transcript-time"]', (b) => b.map((x) => x.textContent))).toEqual(['0:12.0', '0:15.5']);
    // A time stamp jumps the audio to its paragraph.
    await a.page.click('[data-testid="transcript-time"] >> nth=1');
    expect(await a.page.$eval('[data-testid="transcript-audio"]', (el) => (el as HTMLAudioElement).currentTime)).toBeCloseTo(15.5, 1);

    // Back in coding, the transcript is one of R2's texts: a passage of it coded with leadership.
    await a.page.click('[data-testid="back-to-coding"]');
    await a.page.waitForSelector('[data-testid="coding-respondent"]');
    await a.page.selectOption('[data-testid="coding-respondent"]', { label: 'R2' });
    await a.page.waitForSelector('[data-testid^="source-transcript:"]');
    await select(a.page, await transcriptSource(a.page), 'the missing factor');
    await a.page.click('[data-testid="apply-code-leadership"]');
    await a.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="passage"]')].some((li) => li.textContent?.includes('the missing factor')));
    // A memo on that passage.
    await a.page.fill('[data-testid="passage"]:has-text("the missing factor") [data-testid="passage-memo"]', 'Said twice, with emphasis');
    await a.page.click('[data-testid="passage"]:has-text("the missing factor") [data-testid="passage-memo-save"]');
    await a.page.waitForSelector('[data-testid="passage"]:has-text("the missing factor") [data-testid="passage-memo-save"]', { state: 'detached' });

    // Export with the examples, to a passphrase; a fresh profile imports it.
    const file = await exportFrom(a.page, 'coded.dala.age');
    const b = await device();
    await importInto(b.page, file);

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
    // The transcript's passage: leadership, the private sector.
    await b.page.selectOption('[data-testid="code-view-code"]', { label: 'leadership' });
    const leadership = await b.page.$$eval('[data-testid="code-view"] [data-group="private"] [data-testid="code-view-passage"]', (q) => q.map((x) => x.textContent));
    expect(leadership).toContain('R2: the missing factor');
    // The transcript itself came along, with its time stamps.
    await b.page.selectOption('[data-testid="coding-respondent"]', { label: 'R2' });
    await b.page.waitForSelector('[data-testid^="source-transcript:"]');
    expect(await b.page.inputValue('[data-testid="passage"]:has-text("the missing factor") [data-testid="passage-memo"]')).toBe('Said twice, with emphasis');
    expect(await b.page.textContent('[data-testid^="source-transcript:"]')).toBe('Q: What is missing from the list of factors?\n\nR2: Leadership is the missing factor, the quality of management.');

    // The codebook on the second laptop: a memo on a code; a code deleted only after saying what it does.
    await b.page.click('[data-testid="code-edit-initiative"]');
    await b.page.fill('[data-code="initiative"] [data-testid="code-memo-input"]', 'Fear of acting first');
    await b.page.click('[data-testid="code-save"]');
    await b.page.waitForSelector('[data-code="initiative"] [data-testid="code-memo"]');
    expect(await b.page.textContent('[data-code="initiative"] [data-testid="code-memo"]')).toContain('Fear of acting first');
    await b.page.click('[data-testid="code-delete-apathy"]');
    expect(await b.page.textContent('[data-testid="code-delete-confirm"]')).toContain('Delete the code “apathy”? Passages that use it: 1. It is taken off them; those with no other code (1) are removed too.');
    expect(await b.page.$$eval('[data-testid="codebook"] > li', (li) => li.map((x) => x.getAttribute('data-code')))).toContain('apathy');
    await b.page.click('[data-testid="code-delete-yes"]');
    await b.page.waitForFunction(() => !document.querySelector('[data-testid="codebook"] > li[data-code="apathy"]'));
    expect(await b.page.$('[data-testid="code-counts"] tr[data-code="apathy"]')).toBeNull();

    await b.page.click('[data-testid="transcribe-link"]');
    await b.page.waitForSelector('[data-testid="transcript-paragraph"]');
    expect(await b.page.$$eval('[data-testid="transcript-time"]', (x) => x.map((e) => e.textContent))).toEqual(['0:12.0', '0:15.5']);

    // Meanwhile the first laptop gave the same code another memo: the two researchers disagree. After
    // the next import both versions are there side by side, and nothing is lost until one is kept.
    await openCoding(a.page, 'R4');
    await a.page.click('[data-testid="code-edit-initiative"]');
    await a.page.fill('[data-code="initiative"] [data-testid="code-memo-input"]', 'Punished for acting first');
    await a.page.click('[data-testid="code-save"]');
    await a.page.waitForSelector('[data-code="initiative"] [data-testid="code-memo"]');
    await importInto(b.page, await exportFrom(a.page, 'coded-again.dala.age'));
    await openCoding(b.page, 'R4');
    await b.page.waitForSelector('[data-testid="coding-conflicts"]');
    const sides = await b.page.$$eval('[data-testid="coding-conflicts"] [data-testid="conflict-side"]', (x) => x.map((e) => e.textContent ?? ''));
    expect(sides).toHaveLength(2);
    expect(sides.join('\n')).toContain('Fear of acting first');
    expect(sides.join('\n')).toContain('Punished for acting first');
    await b.page.click('[data-testid="conflict-side"]:has-text("Punished for acting first") [data-testid="conflict-keep"]');
    await b.page.waitForFunction(() => !document.querySelector('[data-testid="coding-conflicts"]'));
    expect(await b.page.textContent('[data-code="initiative"] [data-testid="code-memo"]')).toContain('Punished for acting first');
    expect(foreign).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
