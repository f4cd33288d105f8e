import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoStudy } from '../../src/core/demo/demo-study';
import { decodeStudyLink } from '../../src/core/link/index';
import { appUnderTest, ROOT, watchForeignRequests } from './support/browser';
import { acceptNewDevices, answer, planAnswers, readBack, visibleItems } from './support/interview';
import { firstStart } from './support/lock';
import { signShare } from './support/share';

const dir = mkdtempSync(join(tmpdir(), 'dala-respondent-'));
const foreign: string[] = [];
const errors: string[] = [];
/** Set DALA_SCREENSHOTS=/some/dir to keep a picture of each respondent screen. */
const SHOTS = process.env.DALA_SCREENSHOTS;
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
/** A phone: the width of a common Android handset, touch, mobile viewport. */
const PHONE = { viewport: { width: 393, height: 851 }, hasTouch: true, isMobile: true, acceptDownloads: true } as const;

const env = appUnderTest();
beforeAll(() => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function newContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await env.browser.newContext(options);
  foreign.push(...watchForeignRequests(context, new URL(env.server.url).origin));
  context.on('weberror', (e) => errors.push(e.error().message));
  // axe-core, injected by the test driver (the app's CSP allows no inline script).
  await context.addInitScript({ path: AXE });
  return context;
}

async function saveDownload(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, name);
  await dl.saveAs(path);
  return path;
}

/** The screen fits the phone's width, also with text at 200%: nothing scrolls sideways. */
async function fitsWidth(page: Page, screen: string): Promise<void> {
  for (const size of ['', '200%']) {
    const { scroll, inner } = await page.evaluate((fontSize) => {
      document.documentElement.style.fontSize = fontSize;
      return { scroll: document.documentElement.scrollWidth, inner: innerWidth };
    }, size);
    // A mobile browser widens its layout viewport to content that overflows: compare with the phone.
    const phone = page.viewportSize()!.width;
    expect(scroll, `${screen}: no sideways scrolling with text at ${size || '100%'}`).toBeLessThanOrEqual(phone);
    expect(inner, `${screen}: the layout is the phone's width with text at ${size || '100%'}`).toBe(phone);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `${screen}${size ? '-200' : ''}.png`), fullPage: true });
  }
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));
}

/** axe-core's WCAG 2.0-2.2 A and AA rules: no violations. */
async function accessible(page: Page, screen: string): Promise<void> {
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `${screen}: axe`).toEqual([]);
}

async function wideCsv(page: Page, name: string): Promise<Record<string, string>[]> {
  await page.goto(`${env.server.url}#/data/${demoStudy.id}/${demoStudy.studyVersion}`);
  await page.click('[data-testid="csv-make"]');
  const path = await saveDownload(page, () => page.click('[data-testid="csv-download"]'), name);
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').slice(1), { header: true, skipEmptyLines: true }).data;
}

const currentSection = (page: Page) => page.getAttribute('[data-testid="self-runner"] section.section', 'data-testid');

describe('self-completion over a study link, on a phone, offline', () => {
  it('a researcher shares a link; a respondent answers alone offline, resumes, sends the sealed file; it is passed on', async () => {
    // The researcher: a key, and no link until the study has it.
    const researcher = await newContext({ acceptDownloads: true, viewport: { width: 1024, height: 768 } });
    const desk = await researcher.newPage();
    await desk.goto(env.server.url + '#/settings');
    await firstStart(desk, 'off'); // the researcher's own computer
    const keyFile = await saveDownload(desk, () => desk.click('[data-testid="make-key"]'), 'researcher.key.txt');
    const recipient = (await desk.textContent('[data-testid="recipient"]'))!.trim();
    await desk.goto(env.server.url);
    await desk.click('[data-testid="share"]');
    await desk.waitForSelector('[data-testid="share-no-key"]');
    expect(await desk.locator('[data-testid="share-link"]').count()).toBe(0);
    await desk.click('[data-testid="share-no-key"] a');
    await desk.click('summary:has-text("Researcher")');
    await desk.fill('[data-testid="recipients"]', recipient);
    await desk.click('[data-testid="save-recipients"]');
    await desk.waitForSelector('text=Saved');
    await desk.goto(env.server.url);
    await desk.click('[data-testid="share"]');
    // No link before the researcher signs the study with their key file.
    expect(await desk.locator('[data-testid="share-link"]').count()).toBe(0);
    await signShare(desk, keyFile);
    const fingerprint = (await desk.textContent('[data-testid="share-fingerprint"]'))!.trim();
    const link = await desk.inputValue('[data-testid="share-link"]');
    expect(link.startsWith(`${env.server.url}#/s/1`)).toBe(true);
    const seed = decodeStudyLink(link);
    expect(seed.ok && seed.referral?.wave).toBe(0);
    expect(seed.ok && seed.instrument.recipients).toEqual([recipient]);
    // The demo study is too large for one QR code: the screen offers a sequence of codes for another
    // Dala (test/e2e/qr.test.ts films it), says a phone's camera app cannot read it, and offers the file.
    expect(await desk.textContent('[data-testid="qr-sequence"]')).toContain('send phones the link');
    expect(await desk.locator('[data-testid="qr"]').count()).toBe(0);
    expect(await desk.locator('[data-testid="download-study"]').count()).toBe(1);

    // The respondent's phone opens the link once online: the service worker installs.
    const phone = await newContext(PHONE);
    let page = await phone.newPage();
    await page.goto(link);
    await page.waitForSelector('[data-testid="self-welcome"]');
    // Whose study this is, before anyone answers: the researcher's fingerprint, as their screen showed it.
    expect(await page.textContent('[data-testid="link-signer"]')).toContain(fingerprint);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
    // No way to the sessions, the import or the settings.
    expect(await page.locator('a[href="#/"], a[href="#/settings"], a[href="#/import"]').count()).toBe(0);

    // Offline from here on: the link opens from the precache.
    await phone.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-testid="self-welcome"]');
    await fitsWidth(page, '1-welcome');
    await accessible(page, 'welcome');
    await page.click('[data-testid="self-lang-ru"]');
    await page.waitForSelector('[data-testid="self-consent"] [data-testid="consent-text"]');
    expect(await page.getAttribute('[data-testid="consent-text"]', 'lang')).toBe('ru');
    await fitsWidth(page, '2-consent');
    await accessible(page, 'consent');
    await page.click('[data-testid="self-agree"]');

    // Only the respondent's part, one statement per screen, in Russian (the study's language and the
    // app's): none of the interviewer's questions, notes or guidance. A tap on a point moves on by
    // itself once it is saved. Half-way the page is closed and the link reopened.
    const plan = planAnswers(demoStudy);
    const respondentPart = demoStudy.sections.filter((s) => s.who === 'respondent').flatMap((s) => s.items.map((i) => i.name));
    const asked: string[] = [];
    let reopened = false;
    let keyboardChecked = false;
    const screenOf = () => page.getAttribute('[data-testid="self-runner"] [data-item]', 'data-item');
    for (let screens = 0; screens < respondentPart.length + 2; screens++) {
      await page.waitForSelector('[data-testid="self-runner"] section.section [data-item], [data-testid="self-done"]');
      if (await page.locator('[data-testid="self-done"]').count()) break;
      const items = await visibleItems(page);
      expect(items, 'one statement per screen').toHaveLength(1);
      const name = items[0]!;
      asked.push(name);
      // The words of the app are the respondent's language too, and no guidance reaches them.
      expect(await page.textContent('[data-testid="position"]')).toBe(`Вопрос ${asked.length} из ${respondentPart.length}`);
      expect(await page.textContent('[data-testid="next"]')).toMatch(/Далее|Завершить/);
      expect(await page.locator('.guidance, [data-testid^="add-note-"], [data-testid^="note-"]').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollHeight), `${name}: the screen is one card, not a page of cards`).toBeLessThan(1300);
      if (asked.length === 1) {
        await fitsWidth(page, `3-${name}`);
        await accessible(page, `Likert statement ${name}`);
      }
      if (!keyboardChecked) {
        // Every answer is reachable by keyboard: arrows move along the scale and do not move on.
        keyboardChecked = true;
        await page.focus(`[data-item="${name}"] input`);
        await page.keyboard.press('ArrowDown');
        expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
        await page.waitForSelector(`[data-testid="status-${name}"][data-status="saved"]`);
        await page.waitForTimeout(600);
        expect(await screenOf()).toBe(name);
      }
      await answer(page, name, plan.get(name)!);
      if (!reopened && asked.length === 8) {
        // The respondent closes the page and opens the link again later: the draft resumes in that section.
        reopened = true;
        await page.close();
        page = await phone.newPage();
        await page.goto(link);
        await page.waitForSelector('[data-testid="self-runner"] section.section [data-item]');
        const section = demoStudy.sections.find((s) => s.items.some((i) => i.name === name))!;
        const first = (await screenOf())!;
        expect(section.items.map((i) => i.name)).toContain(first);
        // Back through the section to where we were, every answer still there.
        let at = first;
        while (at !== name) {
          expect(await readBack(page, at, plan.get(at)!), `${at} after reopening`).toBe(true);
          await page.click('[data-testid="next"]');
          await page.waitForFunction((s) => document.querySelector('[data-testid="self-runner"] [data-item]')?.getAttribute('data-item') !== s, at);
          at = (await screenOf())!;
        }
        expect(await readBack(page, name, plan.get(name)!)).toBe(true);
        await page.click('[data-testid="next"]');
      }
      await page.waitForFunction(
        (s) => document.querySelector('[data-testid="self-done"]') || document.querySelector('[data-testid="self-runner"] [data-item]')?.getAttribute('data-item') !== s,
        name,
      );
    }
    expect(reopened).toBe(true);
    expect(asked).toEqual(respondentPart);

    // The end: the answers sealed to the researcher. Headless Chromium has no share sheet for files,
    // so the download is offered.
    await page.waitForSelector('[data-testid="download-answers"]');
    const canShare = await page.evaluate(() => typeof navigator.canShare === 'function' && navigator.canShare({ files: [new File(['x'], 'x.age')] }));
    expect(await page.locator('[data-testid="send-answers"]').count()).toBe(canShare ? 1 : 0);
    await fitsWidth(page, '4-done');
    await accessible(page, 'end screen');
    const sealed = await saveDownload(page, () => page.click('[data-testid="download-answers"]'), 'answers.dala.age');
    expect(readFileSync(sealed).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    // Opened again, a finished link shows the end screen, to send the file again.
    await page.close();
    page = await phone.newPage();
    await page.goto(link);
    await page.waitForSelector('[data-testid="self-done"] [data-testid="download-answers"]');
    const passOn = await page.inputValue('[data-testid="pass-on-link"]');
    const next = decodeStudyLink(passOn);
    expect(next.ok).toBe(true);
    const firstCode = next.ok ? next.referral!.parent! : '';
    expect(next.ok && next.referral).toMatchObject({ wave: 1, parent: firstCode });
    expect(firstCode).toMatch(/^[2-9A-Z]{6}$/);

    // The researcher imports the file with the key: one new response, with its referral.
    await desk.goto(env.server.url + '#/import');
    await desk.setInputFiles('[data-testid="import-files"]', [sealed]);
    await desk.setInputFiles('[data-testid="identity-file"]', keyFile);
    await desk.click('[data-testid="import-read"]');
    await desk.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
    await acceptNewDevices(desk);
    expect(await desk.textContent('[data-testid="merge-report"] tbody tr td[data-k="new"]')).toBe('1');
    await desk.click('[data-testid="import-commit"]');
    await desk.waitForSelector('[data-testid="import-done"]');
    const rows = await wideCsv(desk, 'researcher.csv');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ respondentCode: firstCode, interviewer: 'self', status: 'complete', lang: 'ru', referralCode: firstCode, referralParent: '', referralWave: '0' });
    await desk.waitForSelector('[data-testid="referral-waves"] tr[data-wave="0"]');
    if (SHOTS) await desk.locator('[data-testid="referral-waves"]').screenshot({ path: join(SHOTS, '6-researcher-waves.png') });

    // Another phone: someone who does not agree leaves nothing but the refusal count.
    const friend = await newContext(PHONE);
    const other = await friend.newPage();
    await other.goto(link);
    await other.click('[data-testid="self-lang-en"]');
    await other.click('[data-testid="self-decline"]');
    await other.waitForSelector('[data-testid="self-declined"]');
    // The phone's owner opens Dala in a new tab: the link's tab stays in respondent mode.
    const owner = await friend.newPage();
    await owner.goto(env.server.url);
    await firstStart(owner, 'off'); // the owner's first start of Dala itself: the choice of the data lock
    await owner.waitForSelector('text=Refusals recorded: 1');
    expect(await owner.locator('[data-testid="sessions-table"]').count()).toBe(0);

    // The pass-on link, opened there: wave 1, the first respondent as parent.
    await other.goto(passOn);
    await other.click('[data-testid="self-lang-kk"]');
    await other.click('[data-testid="self-agree"]');
    await other.waitForSelector('[data-testid="self-runner"] section.section [data-item]');
    const [firstItem] = await visibleItems(other);
    await answer(other, firstItem!, plan.get(firstItem!)!);
    const friendRows = await wideCsv(owner, 'friend.csv');
    expect(friendRows).toHaveLength(1);
    expect(friendRows[0]).toMatchObject({ status: 'draft', lang: 'kk', referralParent: firstCode, referralWave: '1' });
    expect(friendRows[0]!.referralCode).toBe(friendRows[0]!.respondentCode);
    expect(friendRows[0]!.referralCode).not.toBe(firstCode);

    // A damaged link (one character of the study changed) says so, in the app's language.
    const at = link.indexOf('#/s/1') + 60;
    const damaged = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
    const broken = await friend.newPage();
    await broken.goto(damaged);
    await broken.waitForSelector('[data-testid="link-error"]');
    expect(await broken.getAttribute('[data-testid="link-error"]', 'data-reason')).toMatch(/damaged|checksum/);
    expect(await broken.textContent('[data-testid="link-error"] [role="alert"]')).toMatch(/повреждена|бүлінген|damaged/);
    await fitsWidth(broken, '5-damaged');
    await accessible(broken, 'damaged link');

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    for (const c of [researcher, phone, friend]) await c.close();
  });
});
