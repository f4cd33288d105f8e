/**
 * Issue "field-proof", the researcher's everyday work: the researcher's key travels to a tablet by
 * its QR code (the tablet's camera is Chromium's fake camera playing a video of the code the app
 * shows), and a study link too long for one QR code travels to another Dala as a sequence of codes,
 * filmed in a shuffled order with a part shown twice. Without a camera, pasting does the same; a
 * study also travels as a file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoStudy } from '../../src/core/demo/demo-study';
import { importXlsForm } from '../../src/core/xlsform/index';
import { appUnderTest, ROOT, smallTargets, watchForeignRequests } from './support/browser';
import { drawnQr, drawnQrs, launchWithCamera, qrFrame, writeY4m } from './support/fake-camera';
import { acceptNewDevices, answer, startSession } from './support/interview';
import { signShare } from './support/share';
import { prng } from '../support/prng';
import { firstStart } from './support/lock';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true, acceptDownloads: true } as const;
const dir = mkdtempSync(join(tmpdir(), 'dala-qr-'));
const foreign: string[] = [];
const env = appUnderTest();
const cameras: Browser[] = [];
afterAll(async () => {
  for (const b of cameras) await b.close();
  rmSync(dir, { recursive: true, force: true });
});

async function device(browser: Browser = env.browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(TABLET);
  foreign.push(...watchForeignRequests(context, new URL(env.server.url).origin));
  await context.addInitScript({ path: AXE });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await firstStart(page, 'off'); // reloads below open the app without a passphrase (the lock: data-lock.test.ts)
  await page.waitForSelector('[data-testid="new-session"]');
  return { context, page };
}

async function saveDownload(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, name);
  await dl.saveAs(path);
  return path;
}

/** axe-core's WCAG 2.0-2.2 A and AA rules, and the 44 px touch targets: nothing to report. */
async function usable(page: Page, screen: string): Promise<void> {
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `${screen}: axe`).toEqual([]);
  expect(await smallTargets(page), `${screen}: touch targets`).toEqual([]);
}

const studyPath = (id: string, version: string) => `${encodeURIComponent(id)}/${encodeURIComponent(version)}`;
const DEMO = studyPath(demoStudy.id, demoStudy.studyVersion);

/** The study's "Export data" screen with its researcher's keys unfolded. */
async function openKeys(page: Page, study = DEMO): Promise<void> {
  await page.goto(`${env.server.url}#/data/${study}`);
  await page.waitForSelector('[data-testid="export"]');
  await page.click('summary:has-text("Researcher")');
}

describe("the researcher's key and a study travel by QR code", () => {
  it("a researcher makes a key; a tablet scans its QR code with the camera, confirms it, and exports a file the researcher's key opens", async () => {
    const researcher = await device();
    await researcher.page.goto(env.server.url + '#/settings');
    const keyFile = await saveDownload(researcher.page, () => researcher.page.click('[data-testid="make-key"]'), 'researcher.key.txt');
    const recipient = (await researcher.page.textContent('[data-testid="recipient"]'))!.trim();
    expect(recipient).toMatch(/^age1[a-z0-9]{58}$/);
    await researcher.page.waitForSelector('[data-testid="key-qr"]');
    await usable(researcher.page, 'settings with the key made');

    // The tablet's camera films the code on the researcher's screen.
    const video = join(dir, 'key.y4m');
    writeY4m(video, [qrFrame(await drawnQr(researcher.page, '[data-testid="key-qr"]'))]);
    const camera = await launchWithCamera(video);
    cameras.push(camera);
    const tablet = await device(camera);
    await tablet.context.grantPermissions(['camera']);
    await openKeys(tablet.page);
    await tablet.page.click('[data-testid="scan-key"]');
    // What was read is shown to be confirmed: nothing is added before that.
    await tablet.page.waitForSelector('[data-testid="scan-key-found"]', { timeout: 60_000 });
    expect((await tablet.page.textContent('[data-testid="scanned-recipient"]'))!.trim()).toBe(recipient);
    expect(await tablet.page.locator('[data-testid="study-recipient"]').count()).toBe(0);
    await usable(tablet.page, 'the scanned key to confirm');
    await tablet.page.click('[data-testid="scan-key-add"]');
    await tablet.page.waitForSelector('[data-testid="recipients-status"]');
    expect((await tablet.page.textContent('[data-testid="study-recipient"]'))!.trim()).toBe(recipient);
    // The export radio now names the key; the study's key is there as its own QR code, for the next tablet.
    expect(await tablet.page.textContent('label:has([data-testid="enc-recipients"])')).toContain("To the researcher's key (1 recipient(s))");
    await tablet.page.click('[data-testid="show-key-qr"]');
    await tablet.page.waitForSelector('[data-testid="study-key-qr"]');
    await usable(tablet.page, 'study data with the key');

    // An interview, exported to the researcher's key; the researcher's key file opens it.
    await tablet.page.goto(env.server.url);
    await startSession(tablet.page, 'R-QR1');
    await answer(tablet.page, 'sector', { kind: 'click', codes: ['public'] });
    await tablet.page.goto(`${env.server.url}#/data/${DEMO}`);
    await tablet.page.check('[data-testid="enc-recipients"]');
    const bundle = await saveDownload(tablet.page, () => tablet.page.click('[data-testid="export"]'), 'tablet.dala.age');
    await researcher.page.goto(env.server.url + '#/import');
    await researcher.page.setInputFiles('[data-testid="import-files"]', [bundle]);
    await researcher.page.setInputFiles('[data-testid="identity-file"]', keyFile);
    await researcher.page.click('[data-testid="import-read"]');
    await researcher.page.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
    // A device the researcher has not seen: accepted by its fingerprint, then read.
    expect(Object.keys(await acceptNewDevices(researcher.page))).toHaveLength(1);
    expect(await researcher.page.textContent('[data-testid="merge-report"] td[data-k="new"]')).toBe('1');
    await researcher.page.click('[data-testid="import-commit"]');
    await researcher.page.waitForSelector('[data-testid="import-done"]');
    await researcher.page.goto(env.server.url);
    await researcher.page.waitForSelector('tr:has-text("R-QR1")');

    expect(foreign).toEqual([]);
    for (const d of [researcher, tablet]) await d.context.close();
  });

  it('the demo study link, too long for one QR code, is shown as a sequence; another Dala films it in a shuffled order with a part twice and opens the study', async () => {
    const researcher = await device();
    // The key pasted (the committed test key's recipient), in Dala's form.
    const key = /public key: (age1\w+)/.exec(readFileSync(join(ROOT, 'test/fixtures/bundles/researcher.key'), 'utf8'))![1]!;
    await openKeys(researcher.page);
    await researcher.page.fill('[data-testid="recipients"]', `${key.slice(0, -1)}x`);
    await researcher.page.click('[data-testid="save-recipients"]');
    expect(await researcher.page.textContent('[data-testid="recipients-error"]')).toContain('Line 1 is not a researcher');
    await researcher.page.fill('[data-testid="recipients"]', `DALA-KEY-1 ${key}`);
    await researcher.page.click('[data-testid="save-recipients"]');
    await researcher.page.waitForSelector('[data-testid="recipients-status"]');

    await researcher.page.goto(`${env.server.url}#/share/${DEMO}`);
    await signShare(researcher.page);
    const link = await researcher.page.inputValue('[data-testid="share-link"]');
    await researcher.page.waitForSelector('[data-testid="qr-sequence"]');
    const n = Number(await researcher.page.getAttribute('[data-testid="qr-sequence"]', 'data-parts'));
    expect(n).toBeGreaterThan(link.length / 1000);
    // One after another, by itself; paused, it steps by hand.
    const first = await researcher.page.textContent('[data-testid="seq-position"]');
    await researcher.page.waitForFunction((f) => document.querySelector('[data-testid="seq-position"]')?.textContent !== f, first);
    await researcher.page.click('[data-testid="seq-play"]');
    const paused = await researcher.page.textContent('[data-testid="seq-position"]');
    await researcher.page.click('[data-testid="seq-next"]');
    const i = Number(/(\d+)/.exec(paused!)![1]);
    expect(await researcher.page.textContent('[data-testid="seq-position"]')).toBe(`Part ${(i % n) + 1} of ${n}`);
    await usable(researcher.page, 'share, one code after another');
    // All on one sheet, to print: the codes the camera will film.
    await researcher.page.click('[data-testid="seq-sheet"]');
    const codes = await drawnQrs(researcher.page, '[data-testid="qr-sheet-part"]');
    expect(codes).toHaveLength(n);
    await usable(researcher.page, 'share, the sheet');
    // Printed: the codes, each with its number, and nothing of the app around them.
    await researcher.page.emulateMedia({ media: 'print' });
    expect(await researcher.page.locator('[data-testid="qr-sheet-part"]:visible').count()).toBe(n);
    for (const hidden of ['.topbar', '[data-testid="share-link"]', '[data-testid="seq-print"]', '[data-testid="download-study"]']) expect(await researcher.page.isVisible(hidden), hidden).toBe(false);
    await researcher.page.emulateMedia({ media: 'screen' });

    const random = prng(20_240_501);
    const order = [...codes.keys()].map((k) => [random(), k] as const).sort((a, b) => a[0] - b[0]).map(([, k]) => k);
    order.splice(3, 0, order[1]!);
    const video = join(dir, 'sequence.y4m');
    writeY4m(video, order.map((k) => qrFrame(codes[k]!)));
    const camera = await launchWithCamera(video);
    cameras.push(camera);
    const tablet = await device(camera);
    await tablet.context.grantPermissions(['camera']);
    await tablet.page.click('[data-testid="scan-study"]');
    // The parts arrive: which are missing is shown until none is.
    await tablet.page.waitForSelector('[data-testid="scan-progress"]', { timeout: 60_000 });
    expect(await tablet.page.textContent('[data-testid="scan-missing"]')).toMatch(/^Still missing: \d/);
    // Linux Chromium has no BarcodeDetector: jsQR reads the frames (Android's Chrome would use its own).
    expect(await tablet.page.getAttribute('[data-testid="scanner"]', 'data-decoder')).toBe(await tablet.page.evaluate(() => ('BarcodeDetector' in window ? 'native' : 'jsqr')));
    await usable(tablet.page, 'scanning a sequence');
    await tablet.page.waitForSelector('[data-testid="scan-done"]', { timeout: 120_000 });
    expect(await tablet.page.textContent('[data-testid="scanned-title"]')).toContain('2020-2');
    await usable(tablet.page, 'a sequence read');
    await tablet.page.click('[data-testid="scan-open"]');
    await tablet.page.waitForSelector('[data-testid="self-welcome"]');
    // Exactly as if the link had been typed: the same fragment, character for character.
    expect(await tablet.page.evaluate(() => location.hash)).toBe(link.slice(link.indexOf('#')));

    expect(foreign).toEqual([]);
    for (const d of [researcher, tablet]) await d.context.close();
  });

  it('without a camera, each scanner says so and pasting does the same; a small study also travels as a file', async () => {
    const tablet = await device();
    // The study by its link, pasted.
    await tablet.page.goto(env.server.url + '#/scan');
    await tablet.page.waitForSelector('[data-testid="camera-failed"]');
    expect(await tablet.page.getAttribute('[data-testid="camera-failed"]', 'data-failure')).toMatch(/^(absent|denied)$/);
    await usable(tablet.page, 'scan a study without a camera');
    const fixture = join(ROOT, 'test/fixtures/xlsform/likert-demo.xlsx');
    const small = importXlsForm(new Uint8Array(readFileSync(fixture)), 'likert-demo.xlsx');
    if (!small.ok) throw new Error('fixture');
    const researcher = await device();
    await researcher.page.click('[data-testid="open-form"]');
    await researcher.page.setInputFiles('[data-testid="form-file"]', fixture);
    await researcher.page.click('[data-testid="save-study"]');
    await researcher.page.waitForSelector('[data-testid="new-session"]');
    const study = studyPath(small.instrument.id, small.instrument.studyVersion);
    const key = /public key: (age1\w+)/.exec(readFileSync(join(ROOT, 'test/fixtures/bundles/researcher.key'), 'utf8'))![1]!;
    await openKeys(researcher.page, study);
    await researcher.page.fill('[data-testid="recipients"]', key);
    await researcher.page.click('[data-testid="save-recipients"]');
    await researcher.page.waitForSelector('[data-testid="recipients-status"]');
    await researcher.page.goto(`${env.server.url}#/share/${study}`);
    await signShare(researcher.page);
    const link = await researcher.page.inputValue('[data-testid="share-link"]');
    // It fits one QR code: no sequence.
    await researcher.page.waitForSelector('[data-testid="qr"]');
    expect(await researcher.page.locator('[data-testid="qr-sequence"]').count()).toBe(0);
    await tablet.page.click('summary:has-text("Paste")');
    await tablet.page.fill('[data-testid="scan-paste"]', `  ${link}\n`);
    await tablet.page.click('[data-testid="scan-paste-open"]');
    await tablet.page.waitForSelector('[data-testid="scan-done"]');
    // For interviews: the study joins this device's studies, with the researcher's key it carries.
    await tablet.page.click('[data-testid="scan-add"]');
    await tablet.page.waitForSelector('[data-testid="scan-added"]');
    await tablet.page.goto(`${env.server.url}#/data/${study}`);
    expect(await tablet.page.textContent('label:has([data-testid="enc-recipients"])')).toContain('1 recipient');

    // The key without a camera: the scanner says why and points to pasting.
    await openKeys(tablet.page);
    await tablet.page.click('[data-testid="scan-key"]');
    await tablet.page.waitForSelector('[data-testid="camera-failed"]');
    expect(await tablet.page.textContent('[data-testid="scan-key"]')).toContain('Paste the key');
    expect(await tablet.page.textContent('label:has([data-testid="enc-recipients"])')).toContain('none set yet: add it under');
    await usable(tablet.page, 'scan a key without a camera');

    // The study file, downloaded from "Share", opened on a third device.
    const file = await saveDownload(researcher.page, () => researcher.page.click('[data-testid="download-study"]'), 'study.json');
    const third = await device();
    await third.page.click('[data-testid="open-form"]');
    await third.page.setInputFiles('[data-testid="form-file"]', file);
    await third.page.click('[data-testid="save-study"]');
    await third.page.waitForSelector('[data-testid="new-session"]');
    await third.page.goto(`${env.server.url}#/data/${study}`);
    expect(await third.page.textContent('label:has([data-testid="enc-recipients"])')).toContain('1 recipient');

    expect(foreign).toEqual([]);
    for (const d of [tablet, researcher, third]) await d.context.close();
  });
});
