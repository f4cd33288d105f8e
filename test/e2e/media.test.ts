import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { killHard, launchOwned, ROOT, serveDist, tempProfile, watchForeignRequests, type OwnedChromium } from './support/browser';
import { waitSaved } from './support/interview';
import { gradientPng } from './support/png';
import { openHome } from './support/lock';

/** Chromium's fake microphone and camera, granted without a prompt. */
const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const STUDY = join(ROOT, 'test/fixtures/instruments/media-study.json');

let server: Awaited<ReturnType<typeof serveDist>>;
const profile = tempProfile();
const photo = join(profile.dir, '..', `house-${process.pid}.png`);

beforeAll(async () => {
  server = await serveDist();
  // A generated 1600x1200 photo: the item's max-pixels (640) must scale it down on the device.
  writeFileSync(photo, gradientPng(1600, 1200));
});
afterAll(async () => {
  await server?.close();
  profile.remove();
});

interface BlobRow {
  id: string;
  item: string;
  state: string;
  size: number;
  chunks: number;
  sha256: string;
  type: string;
}

/** What IndexedDB holds: the session's answers, the blobs, and each blob's bytes' size and SHA-256. */
async function readDb(page: Page): Promise<{ answers: { item: string; value: unknown; media?: { id: string; size: number; sha256: string; partial?: true } }[]; blobs: BlobRow[]; bytes: Record<string, { size: number; sha256: string }> }> {
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
    const answers = await all<{ item: string; value: unknown; media?: { id: string; size: number; sha256: string } }>('answers');
    const blobs = await all<BlobRow>('blobs');
    const chunks = await all<{ id: string; index: number; data: ArrayBuffer }>('blobChunks');
    const bytes: Record<string, { size: number; sha256: string }> = {};
    for (const b of blobs) {
      const mine = chunks.filter((c) => c.id === b.id).sort((x, y) => x.index - y.index);
      const whole = new Uint8Array(mine.reduce((n, c) => n + c.data.byteLength, 0));
      let o = 0;
      for (const c of mine) {
        whole.set(new Uint8Array(c.data), o);
        o += c.data.byteLength;
      }
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', whole));
      bytes[b.id] = { size: whole.length, sha256: [...digest].map((x) => x.toString(16).padStart(2, '0')).join('') };
    }
    db.close();
    return { answers: answers.filter((a) => a.media !== undefined || ['house_photo', 'story', 'signature'].includes(a.item)), blobs, bytes };
  });
}

/** No blob is left half-written: every blob is complete or partial, and its bytes are what its record says. */
function expectNoHalfWrittenBlob(db: Awaited<ReturnType<typeof readDb>>) {
  for (const b of db.blobs) {
    expect(['complete', 'partial']).toContain(b.state);
    expect(db.bytes[b.id]).toEqual({ size: b.size, sha256: b.sha256 });
  }
  // Every answer that refers to a blob finds it, whole.
  for (const a of db.answers) if (a.media) expect(db.bytes[a.media.id]).toEqual({ size: a.media.size, sha256: a.media.sha256 });
}

async function openStudySession(page: Page): Promise<string> {
  // The data lock kept off: this test reads IndexedDB itself (test/e2e/data-lock.test.ts seals media).
  await openHome(page, server.url, 'off');
  await page.click('[data-testid="open-form"]');
  await page.setInputFiles('[data-testid="form-file"]', STUDY);
  await page.waitForSelector('[data-testid="preview"] [data-item="house_photo"]');
  await page.click('[data-testid="save-study"]');
  const card = page.locator('li.card', { hasText: 'Household visit with photos' });
  await card.locator('[data-testid="new-session"]').click();
  await page.fill('[data-testid="interviewer"]', 'AK');
  await page.click('[data-testid="to-consent"]');
  await page.click('[data-testid="consent-agree"]');
  await page.waitForSelector('[data-item="house_photo"]');
  return page.url();
}

async function chunksOf(page: Page, item: string): Promise<number> {
  return page.evaluate(async (it) => {
    const db = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open('dala');
      r.onsuccess = () => res(r.result);
    });
    const blobs = await new Promise<{ item: string; state: string; chunks: number }[]>((res) => {
      const q = db.transaction('blobs').objectStore('blobs').getAll();
      q.onsuccess = () => res(q.result);
    });
    db.close();
    return blobs.filter((b) => b.item === it && b.state === 'recording').reduce((n, b) => n + b.chunks, 0);
  }, item);
}

describe('photos, recordings and signatures in a household visit', () => {
  it('an interviewer takes a photo, records the story, signs; the browser is killed mid-recording and mid-photo; nothing saved is lost', async () => {
    let owned: OwnedChromium = await launchOwned(profile.dir, FAKE_MEDIA);
    const foreign: string[] = [];
    try {
      foreign.push(...watchForeignRequests(owned.context, new URL(server.url).origin));
      let page = owned.context.pages()[0] ?? (await owned.context.newPage());
      const sessionUrl = await openStudySession(page);

      // A photo from a file: scaled down to 640 pixels on the device, stored, shown.
      await page.setInputFiles('[data-testid="input-house_photo"]', photo);
      await waitSaved(page, 'house_photo');
      await page.waitForSelector('[data-testid="media-house_photo"] [data-testid="media-image"]');
      const size = await page.evaluate(async () => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="media-house_photo"] img')!;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      });
      expect(size).toEqual([640, 480]);

      // An audio recording from the fake microphone: indicator, pause, resume, stop; played back.
      await page.click('[data-testid="record-story"]');
      await page.waitForSelector('[data-testid="rec-indicator"][data-state="recording"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="rec-indicator"]')?.textContent?.includes('0:01'));
      await page.click('[data-testid="rec-pause"]');
      await page.waitForSelector('[data-testid="rec-indicator"][data-state="paused"]');
      await page.click('[data-testid="rec-resume"]');
      await page.waitForSelector('[data-testid="rec-indicator"][data-state="recording"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="rec-indicator"]')?.textContent?.includes('0:02'));
      await page.click('[data-testid="rec-stop"]');
      await waitSaved(page, 'story');
      await page.waitForSelector('[data-testid="media-story"] audio[data-testid="media-audio"]');
      const duration = await page.evaluate(
        () =>
          new Promise<number>((res) => {
            const a = document.querySelector<HTMLAudioElement>('[data-testid="media-story"] audio')!;
            if (a.readyState >= 1) res(a.duration);
            else a.addEventListener('loadedmetadata', () => res(a.duration), { once: true });
          }),
      );
      expect(duration).toBeGreaterThan(0);

      // A signature drawn with pointer events.
      const pad = page.locator('[data-testid="pad-signature"][data-ready="true"]');
      await pad.scrollIntoViewIfNeeded();
      const box = (await pad.boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 30, box.y + box.height / 2 + (i % 2 ? -30 : 30));
      await page.mouse.up();
      await page.click('[data-testid="pad-save-signature"]');
      await waitSaved(page, 'signature');
      await page.waitForSelector('[data-testid="media-signature"] [data-testid="media-image"]');

      let db = await readDb(page);
      const saved = new Map(db.answers.map((a) => [a.item, a]));
      expect(db.blobs.map((b) => [b.item, b.state, b.type.split(';')[0]]).sort()).toEqual([
        ['house_photo', 'complete', 'image/png'],
        ['signature', 'complete', 'image/png'],
        ['story', 'complete', 'audio/webm'],
      ]);
      expectNoHalfWrittenBlob(db);

      // Killed while recording, once two chunks (6 s) are durable.
      await page.click('[data-testid="media-story"] [data-testid="record-story"]');
      await page.waitForSelector('[data-testid="rec-indicator"][data-state="recording"]');
      while ((await chunksOf(page, 'story')) < 2) await page.waitForTimeout(250);
      await killHard(owned);

      owned = await launchOwned(profile.dir, FAKE_MEDIA);
      page = owned.context.pages()[0] ?? (await owned.context.newPage());
      await page.goto(sessionUrl);
      await page.waitForSelector('[data-item="house_photo"] [data-testid="media-image"]');
      db = await readDb(page);
      expectNoHalfWrittenBlob(db);
      // Everything reported saved is there, as saved; the cut recording is kept as partial, not as the answer.
      for (const [item, a] of saved) expect(db.answers.find((x) => x.item === item)).toEqual(a);
      const cut = db.blobs.filter((b) => b.state === 'partial');
      expect(cut.map((b) => [b.item, b.chunks >= 2])).toEqual([['story', true]]);

      // Killed in the middle of a photo answer: after relaunch the photo is either whole or absent.
      await page.setInputFiles('[data-testid="input-house_photo"]', photo);
      await killHard(owned);
      owned = await launchOwned(profile.dir, FAKE_MEDIA);
      page = owned.context.pages()[0] ?? (await owned.context.newPage());
      await page.goto(sessionUrl);
      await page.waitForSelector('[data-item="house_photo"] [data-testid="media-image"]');
      db = await readDb(page);
      expectNoHalfWrittenBlob(db);
      for (const [item, a] of saved) {
        const now = db.answers.find((x) => x.item === item)!;
        if (item === 'house_photo' && now.media!.id !== a.media!.id) expect(now.media!.size).toBeGreaterThan(0);
        else expect(now).toEqual(a);
      }

      // A file over the question's limit is refused with a clear message; the saved photo stays.
      const big = join(profile.dir, '..', `big-${process.pid}.bin`);
      writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 1));
      await page.setInputFiles('[data-testid="input-document"]', big);
      await page.waitForSelector('[data-testid="media-error-document"]');
      expect(await page.textContent('[data-testid="media-error-document"]')).toMatch(/is 2\.0 MB; this question takes files of at most 1\.0 MB/);
      expect((await readDb(page)).answers.find((a) => a.item === 'document')).toBeUndefined();
      // A damaged picture (not a picture at all) is refused too; the saved photo stays as it was.
      const before = (await readDb(page)).answers.find((a) => a.item === 'house_photo');
      await page.setInputFiles('[data-testid="input-house_photo"]', { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(6 * 1024 * 1024, 7) });
      await page.waitForSelector('[data-testid="media-error-house_photo"]');
      expect(await page.textContent('[data-testid="media-error-house_photo"]')).toMatch(/the picture broken\.jpg could not be read/);
      expect((await readDb(page)).answers.find((a) => a.item === 'house_photo')).toEqual(before);
      // Settings show the storage the study's media take.
      await page.goto(`${server.url}#/settings`);
      await page.waitForSelector('[data-testid="storage-media"]');
      expect(await page.textContent('[data-testid="storage-media"]')).toMatch(/media-study: Media on this device: \d/);
      expect(foreign).toEqual([]);
    } finally {
      await killHard(owned).catch(() => {});
    }
  });
});
