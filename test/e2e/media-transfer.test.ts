/**
 * Issue 15, media in bundles, through the Export and Import screens: a locked tablet takes a photo and
 * records a story, exports the study's data (the bundle and its files, encrypted as one stream); the
 * researcher's laptop imports it, accepts the tablet, and holds both files byte for byte. The same file
 * damaged in its media part is refused with a message naming the media file, and changes nothing;
 * the researcher sees the photo and plays the story in the session's review.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchOwned, ROOT, serveDist, tempProfile, watchForeignRequests, type OwnedChromium } from './support/browser';
import { acceptNewDevices, waitSaved } from './support/interview';
import { firstStart, gotoUnlocked } from './support/lock';
import { gradientPng } from './support/png';

const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const STUDY = join(ROOT, 'test/fixtures/instruments/media-study.json');
const PASS = 'media bundle 2026';
const dir = mkdtempSync(join(tmpdir(), 'dala-media-transfer-'));
const tablet = tempProfile();
const laptop = tempProfile();
let server: Awaited<ReturnType<typeof serveDist>>;

beforeAll(async () => {
  server = await serveDist();
  writeFileSync(join(dir, 'house.png'), gradientPng(400, 300));
});
afterAll(async () => {
  await server?.close();
  tablet.remove();
  laptop.remove();
  rmSync(dir, { recursive: true, force: true });
});

async function addStudy(page: Page): Promise<void> {
  await page.click('[data-testid="open-form"]');
  await page.setInputFiles('[data-testid="form-file"]', STUDY);
  await page.waitForSelector('[data-testid="preview"] [data-item="house_photo"]');
  await page.click('[data-testid="save-study"]');
  await page.waitForSelector('li.card:has-text("Household visit with photos")');
}

/** What the laptop's IndexedDB holds (its data kept unlocked, so the test can read it): blobs with their bytes' digests. */
async function laptopMedia(page: Page): Promise<{ blobs: { id: string; state: string; size: number; sha256: string }[]; digests: Record<string, string>; answers: { item: string; media?: { id: string; sha256: string } }[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('dala');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((res, rej) => {
        const q = db.transaction(store).objectStore(store).getAll();
        q.onsuccess = () => res(q.result as T[]);
        q.onerror = () => rej(q.error);
      });
    const blobs = await all<{ id: string; state: string; size: number; sha256: string }>('blobs');
    const chunks = await all<{ id: string; index: number; data: ArrayBuffer }>('blobChunks');
    const answers = await all<{ item: string; media?: { id: string; sha256: string } }>('answers');
    const digests: Record<string, string> = {};
    for (const b of blobs) {
      const mine = chunks.filter((c) => c.id === b.id).sort((x, y) => x.index - y.index);
      const whole = new Uint8Array(await new Blob(mine.map((c) => c.data)).arrayBuffer());
      digests[b.id] = [...new Uint8Array(await crypto.subtle.digest('SHA-256', whole))].map((x) => x.toString(16).padStart(2, '0')).join('');
    }
    db.close();
    return { blobs: blobs.map(({ id, state, size, sha256 }) => ({ id, state, size, sha256 })), digests, answers: answers.filter((a) => a.media) };
  });
}

describe('a tablet sends its photo and recording to the researcher through the Export and Import screens', () => {
  it('exported encrypted as one stream, imported whole on the laptop; the same file damaged is refused, naming the media file, and changes nothing', async () => {
    let owned: OwnedChromium | null = null;
    const foreign: string[] = [];
    let exported: string;
    try {
      // The tablet: data locked, a photo and a 4-second story, then the study's data exported with a passphrase.
      owned = await launchOwned(tablet.dir, FAKE_MEDIA);
      foreign.push(...watchForeignRequests(owned.context, new URL(server.url).origin));
      const page = owned.context.pages()[0] ?? (await owned.context.newPage());
      await page.goto(server.url);
      await firstStart(page, 'lock');
      await addStudy(page);
      await page.locator('li.card', { hasText: 'Household visit with photos' }).locator('[data-testid="new-session"]').click();
      await page.fill('[data-testid="interviewer"]', 'AK');
      await page.click('[data-testid="to-consent"]');
      await page.click('[data-testid="consent-agree"]');
      await page.setInputFiles('[data-testid="input-house_photo"]', join(dir, 'house.png'));
      await waitSaved(page, 'house_photo');
      await page.click('[data-testid="record-story"]');
      await page.waitForSelector('[data-testid="rec-indicator"][data-state="recording"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="rec-indicator"]')?.textContent?.includes('0:04'));
      await page.click('[data-testid="rec-stop"]');
      await waitSaved(page, 'story');

      await gotoUnlocked(page, server.url);
      await page.locator('li.card', { hasText: 'Household visit with photos' }).locator('[data-testid="study-data"]').click();
      await page.waitForSelector('[data-testid="export"]');
      await page.check('[data-testid="enc-passphrase"]');
      await page.fill('[data-testid="export-pass"]', PASS);
      await page.fill('[data-testid="export-pass2"]', PASS);
      const cdp = await owned.browser.newBrowserCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
      const done = new Promise<string>((res) => cdp.on('Browser.downloadProgress', (e: { state: string; guid: string }) => e.state === 'completed' && res(e.guid)));
      const named = new Promise<string>((res) => cdp.on('Browser.downloadWillBegin', (e: { suggestedFilename: string }) => res(e.suggestedFilename)));
      await page.click('[data-testid="export"]');
      await page.waitForSelector('[data-testid="export-message"]');
      expect(await page.textContent('[data-testid="export-message"]')).toMatch(/with 2 media files/);
      exported = join(dir, await named);
      await done;
      await owned.browser.close().catch(() => {});
      owned.proc.kill('SIGKILL');
      owned = null;
      // Binary age: the photo's PNG signature is nowhere in the file.
      const bytes = readFileSync(exported);
      expect(bytes.subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
      expect(bytes.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe(false);

      // The same file damaged in its media part (after the bundle's document).
      const damaged = join(dir, 'damaged.dala.age');
      const copy = Buffer.from(bytes);
      copy[Math.floor(copy.length * 0.5)]! ^= 0xff;
      writeFileSync(damaged, copy);

      // The researcher's laptop: the same study, its data kept unlocked (the test reads IndexedDB).
      owned = await launchOwned(laptop.dir);
      foreign.push(...watchForeignRequests(owned.context, new URL(server.url).origin));
      const lp = owned.context.pages()[0] ?? (await owned.context.newPage());
      await lp.goto(server.url);
      await firstStart(lp, 'off');
      await addStudy(lp);

      await lp.goto(server.url + '#/import');
      await lp.setInputFiles('[data-testid="import-files"]', damaged);
      await lp.fill('[data-testid="import-pass"]', PASS);
      await lp.click('[data-testid="import-read"]');
      await lp.waitForSelector('[data-testid="media-refused"]', { timeout: 60_000 });
      expect(await lp.textContent('[data-testid="media-refused"]')).toMatch(/^damaged\.dala\.age: the media file (house_photo|story)-[0-9a-f]{8}\.(png|webm): .*nothing of this file was imported$/);
      expect((await laptopMedia(lp)).blobs).toEqual([]);

      await lp.setInputFiles('[data-testid="import-files"]', exported);
      await lp.click('[data-testid="import-read"]');
      await lp.waitForSelector('[data-testid="merge-report"] tr[data-file]', { timeout: 60_000 });
      await acceptNewDevices(lp);
      await lp.click('[data-testid="import-commit"]');
      await lp.waitForSelector('[data-testid="import-done"]');
      const held = await laptopMedia(lp);
      expect(held.blobs.map((b) => b.state)).toEqual(['complete', 'complete']);
      for (const b of held.blobs) expect(held.digests[b.id]).toBe(b.sha256);
      expect(held.answers.map((a) => [a.item, held.blobs.find((b) => b.id === a.media!.id)?.sha256 === a.media!.sha256]).sort()).toEqual([
        ['house_photo', true],
        ['story', true],
      ]);
      // The researcher opens the session: the review shows the photo and plays the story.
      await lp.goto(server.url);
      await lp.locator('[data-testid="sessions-table"] tr', { hasText: 'Household visit with photos' }).locator('a.btn').click();
      await lp.waitForSelector('[data-item="house_photo"] [data-testid="media-image"]');
      await lp.goto(lp.url().replace(/\/[^/]+$/, '/review'));
      await lp.waitForSelector('[data-testid="review-item-house_photo"] [data-testid="media-image"]');
      await lp.waitForSelector('[data-testid="review-item-story"] audio[data-testid="media-audio"]');
      expect(await lp.evaluate(() => document.querySelector<HTMLImageElement>('[data-testid="review-item-house_photo"] img')!.decode().then(() => document.querySelector<HTMLImageElement>('[data-testid="review-item-house_photo"] img')!.naturalWidth))).toBe(400);
      expect(foreign).toEqual([]);
    } finally {
      if (owned) {
        await owned.browser.close().catch(() => {});
        owned.proc.kill('SIGKILL');
      }
    }
  });
});
