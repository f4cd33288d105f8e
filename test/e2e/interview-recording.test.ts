/**
 * Issue 17, "What must show": an interviewer records 10 s of an interview across three questions
 * with Chromium's fake microphone, the browser is SIGKILLed, and after relaunch at least 8 s of
 * audio are there, and playback from the second question's marker starts where that question was
 * asked. The data lock is on: every chunk is sealed, the recording recovered after unlocking.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { killHard, launchOwned, serveDist, tempProfile, watchForeignRequests, type OwnedChromium } from './support/browser';
import { acceptNewDevices, answer, startSession, waitSaved } from './support/interview';
import { firstStart, gotoUnlocked, unlock } from './support/lock';

/** Chromium's fake microphone, granted without a prompt. */
const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

let server: Awaited<ReturnType<typeof serveDist>>;
const profile = tempProfile();
const tablet = tempProfile();
const laptops = [tempProfile(), tempProfile()];
const dir = mkdtempSync(join(tmpdir(), 'dala-interview-export-'));

beforeAll(async () => {
  server = await serveDist();
});
afterAll(async () => {
  await server?.close();
  profile.remove();
  tablet.remove();
  for (const l of laptops) l.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** Chunks of the recording being made, durable in IndexedDB (clear counters: the item and the bytes are sealed). */
async function durableChunks(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('dala');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const blobs = await new Promise<{ state: string; chunks: number }[]>((res) => {
      const q = db.transaction('blobs').objectStore('blobs').getAll();
      q.onsuccess = () => res(q.result);
    });
    db.close();
    return blobs.filter((b) => b.state === 'recording').reduce((n, b) => n + b.chunks, 0);
  });
}

/** Seconds recorded, as the indicator says (m:ss). */
async function indicatorSeconds(page: Page): Promise<number> {
  const text = (await page.textContent('[data-testid="rec-interview-indicator"]')) ?? '';
  const m = /(\d+):(\d\d)/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

describe('recording an interview', () => {
  it('records 10 s across three questions; after a SIGKILL at least 8 s are there and playback from the second question starts where it was asked', async () => {
    let owned: OwnedChromium = await launchOwned(profile.dir, FAKE_MEDIA);
    const foreign: string[] = [];
    try {
      foreign.push(...watchForeignRequests(owned.context, new URL(server.url).origin));
      let page = owned.context.pages()[0] ?? (await owned.context.newPage());
      await page.goto(server.url);
      await firstStart(page);
      await page.waitForSelector('[data-testid="new-session"]');
      const sessionUrl = await startSession(page, 'R-REC');
      const sessionId = decodeURIComponent(/#\/session\/([^/]+)\//.exec(sessionUrl)![1]!);

      // The interview's questions (section 2 of the demo study) start with the consent to recording.
      await page.evaluate((id) => (location.hash = `#/session/${encodeURIComponent(id)}/1`), sessionId);
      await page.waitForSelector('[data-testid="item-rec_consent"]');
      // Without consent to the recording nothing records, and the control says why.
      await page.waitForSelector('[data-testid="rec-interview"]');
      expect(await page.isDisabled('[data-testid="rec-interview"]')).toBe(true);
      expect(await page.textContent('[data-testid="rec-why"]')).toMatch(/Nothing is recorded until the respondent agrees to the recording: answer “Does the respondent agree to the interview being audio-recorded\?”/);
      await answer(page, 'rec_consent', { kind: 'click', codes: ['yes'] });
      expect(await page.isDisabled('[data-testid="rec-interview"]')).toBe(false);

      // Record; the indicator shows the time; pause and resume.
      await page.click('[data-testid="rec-interview"]');
      await page.waitForSelector('[data-testid="rec-interview-indicator"][data-state="recording"]');
      const started = Date.now();
      await page.click('[data-testid="rec-interview-pause"]');
      await page.waitForSelector('[data-testid="rec-interview-indicator"][data-state="paused"]');
      await page.click('[data-testid="rec-interview-resume"]');
      await page.waitForSelector('[data-testid="rec-interview-indicator"][data-state="recording"]');

      // Three questions, about 3.5 s each; the recording goes on into the next section.
      await page.click('[data-testid="opt-q1-A"]');
      await page.waitForTimeout(3500);
      await page.click('[data-testid="opt-q2-A"]');
      const q2Asked = (Date.now() - started) / 1000;
      await page.waitForTimeout(3500);
      await page.click('[data-testid="opt-q3-B"]');
      await page.waitForTimeout(2000);
      await page.evaluate((id) => (location.hash = `#/session/${encodeURIComponent(id)}/2`), sessionId);
      await page.waitForSelector('[data-testid="section-strategy"]');
      await page.waitForSelector('[data-testid="rec-interview-indicator"][data-state="recording"]');
      for (let tries = 0; (await indicatorSeconds(page)) < 10 || (await durableChunks(page)) < 3; tries++) {
        if (tries > 150) throw new Error(`the recording did not reach 10 s and 3 durable chunks: ${await indicatorSeconds(page)} s, ${await durableChunks(page)} chunks, ${await page.textContent('[data-testid="record-bar"]')}`);
        await page.waitForTimeout(200);
      }
      await killHard(owned);

      // Relaunch: unlocked, the cut recording is recovered as the recording item's answer.
      owned = await launchOwned(profile.dir, FAKE_MEDIA);
      page = owned.context.pages()[0] ?? (await owned.context.newPage());
      foreign.push(...watchForeignRequests(owned.context, new URL(server.url).origin));
      await page.goto(server.url);
      await unlock(page);
      await page.goto(`${server.url}#/transcribe/innovative-civil-service/2020-3/${encodeURIComponent(sessionId)}`);
      await page.waitForSelector('[data-testid="transcript-audio"]');
      // The durable chunks make a file that plays: its length (a recorder's WebM says it once the
      // element has read to the end: seek far past it) is at least 8 s.
      const decoded = await page.evaluate(
        () =>
          new Promise<number>((res, rej) => {
            const a = document.querySelector<HTMLAudioElement>('[data-testid="transcript-audio"]')!;
            a.addEventListener('error', () => rej(new Error(`the audio does not play: ${a.error?.message ?? a.error?.code}`)), { once: true });
            const measure = () => {
              if (Number.isFinite(a.duration)) return res(a.duration);
              a.addEventListener('durationchange', () => Number.isFinite(a.duration) && res(a.duration));
              a.currentTime = 1e6;
            };
            if (a.readyState >= 1) measure();
            else a.addEventListener('loadedmetadata', measure, { once: true });
          }),
      );
      await page.evaluate(() => new Promise((r) => {
        const a = document.querySelector<HTMLAudioElement>('[data-testid="transcript-audio"]')!;
        if (!a.seeking) r(null);
        else a.addEventListener('seeked', () => r(null), { once: true });
      }));
      expect(decoded).toBeGreaterThanOrEqual(8);

      // The transcription view groups by the questions marked while recording, in order.
      const marked = await page.$$eval('.transcript-group[data-item]', (els) => els.map((e) => e.getAttribute('data-item')).filter(Boolean));
      expect(marked).toEqual(['rec_consent', 'q1', 'q2', 'q3', 's1']);
      // Playback from the second question's marker starts at its time.
      await page.click('.transcript-group[data-item="q2"] h2 button');
      const at = await page.evaluate(
        () =>
          new Promise<number>((res) => {
            const a = document.querySelector<HTMLAudioElement>('[data-testid="transcript-audio"]')!;
            if (!a.seeking) res(a.currentTime);
            else a.addEventListener('seeked', () => res(a.currentTime), { once: true });
          }),
      );
      expect(Math.abs(at - q2Asked)).toBeLessThan(1.5);
      const playing = await page.evaluate(async () => {
        const a = document.querySelector<HTMLAudioElement>('[data-testid="transcript-audio"]')!;
        a.playbackRate = 2;
        await a.play();
        await new Promise((r) => setTimeout(r, 300));
        a.pause();
        return { time: a.currentTime, rate: a.playbackRate };
      });
      console.info(`interview recording: ${decoded.toFixed(2)} s play after the kill; q2 asked at ${q2Asked.toFixed(2)} s, its marker at ${at.toFixed(2)} s; after 300 ms at 2x: ${playing.time.toFixed(2)} s`);
      expect(playing.rate).toBe(2);
      expect(playing.time).toBeGreaterThan(at);
      expect(playing.time).toBeLessThan(at + 2);
      expect(foreign).toEqual([]);
    } finally {
      await killHard(owned).catch(() => {});
    }
  });
});

/** The device's blobs and the answers that refer to files (its data kept unlocked, so the test can read it). */
async function heldMedia(page: Page): Promise<{ blobs: { id: string; state: string; size: number; sha256: string }[]; chunkBytes: number; answers: { item: string; media?: { id: string; name: string } }[] }> {
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
    const chunks = await all<{ data: ArrayBuffer }>('blobChunks');
    const answers = await all<{ item: string; media?: { id: string; name: string } }>('answers');
    db.close();
    return { blobs: blobs.map(({ id, state, size, sha256 }) => ({ id, state, size, sha256 })), chunkBytes: chunks.reduce((n, c) => n + c.data.byteLength, 0), answers: answers.filter((a) => a.media) };
  });
}

const PASS = 'interview audio 2026';

/** Exports the study's data to the passphrase from the Export screen, the recordings included or not; returns the file. */
async function exportData(owned: OwnedChromium, page: Page, recordings: boolean): Promise<{ file: string; message: string }> {
  await page.check('[data-testid="enc-passphrase"]');
  await page.fill('[data-testid="export-pass"]', PASS);
  await page.fill('[data-testid="export-pass2"]', PASS);
  if (recordings) await page.check('[data-testid="export-recordings"]');
  else await page.uncheck('[data-testid="export-recordings"]');
  const cdp = await owned.browser.newBrowserCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
  const done = new Promise<string>((res) => cdp.on('Browser.downloadProgress', (e: { state: string; guid: string }) => e.state === 'completed' && res(e.guid)));
  const named = new Promise<string>((res) => cdp.on('Browser.downloadWillBegin', (e: { suggestedFilename: string }) => res(e.suggestedFilename)));
  await page.evaluate(() => document.querySelector('[data-testid="export-message"]')?.remove());
  await page.click('[data-testid="export"]');
  await page.waitForSelector('[data-testid="export-message"]');
  const message = (await page.textContent('[data-testid="export-message"]')) ?? '';
  const file = join(dir, await named);
  await done;
  await cdp.detach().catch(() => {});
  return { file, message };
}

/** A fresh laptop imports `file` and returns what it then holds. */
async function importOnLaptop(profileDir: string, file: string, sessionId: string, foreign: string[]): Promise<{ held: Awaited<ReturnType<typeof heldMedia>>; plays: number | null }> {
  const owned = await launchOwned(profileDir);
  try {
    foreign.push(...watchForeignRequests(owned.context, new URL(server.url).origin));
    const lp = owned.context.pages()[0] ?? (await owned.context.newPage());
    await lp.goto(server.url);
    await firstStart(lp, 'off');
    await lp.goto(server.url + '#/import');
    await lp.setInputFiles('[data-testid="import-files"]', file);
    await lp.fill('[data-testid="import-pass"]', PASS);
    await lp.click('[data-testid="import-read"]');
    await lp.waitForSelector('[data-testid="merge-report"] tr[data-file]', { timeout: 60_000 });
    await acceptNewDevices(lp);
    await lp.click('[data-testid="import-commit"]');
    await lp.waitForSelector('[data-testid="import-done"]');
    const held = await heldMedia(lp);
    if (held.blobs.length === 0) return { held, plays: null };
    // The researcher plays the interview in the transcription view.
    await lp.goto(`${server.url}#/transcribe/innovative-civil-service/2020-3/${encodeURIComponent(sessionId)}`);
    await lp.waitForSelector('[data-testid="transcript-audio"]');
    const plays = await lp.evaluate(async () => {
      const a = document.querySelector<HTMLAudioElement>('[data-testid="transcript-audio"]')!;
      await new Promise((res, rej) => {
        if (a.readyState >= 1) return res(null);
        a.addEventListener('loadedmetadata', () => res(null), { once: true });
        a.addEventListener('error', () => rej(new Error(`the audio does not play: ${a.error?.message ?? a.error?.code}`)), { once: true });
      });
      await a.play();
      await new Promise((r) => setTimeout(r, 500));
      a.pause();
      return a.currentTime;
    });
    return { held, plays };
  } finally {
    await killHard(owned).catch(() => {});
  }
}

describe('the interview recording in an export, only when chosen', () => {
  it('off (the default): the laptop has the answer naming the recording but no audio bytes; on: the recording arrives and plays', async () => {
    let owned: OwnedChromium = await launchOwned(tablet.dir, FAKE_MEDIA);
    const foreign: string[] = [];
    let off: { file: string; message: string };
    let on: { file: string; message: string };
    let sessionId: string;
    try {
      foreign.push(...watchForeignRequests(owned.context, new URL(server.url).origin));
      const page = owned.context.pages()[0] ?? (await owned.context.newPage());
      await page.goto(server.url);
      await firstStart(page, 'off');
      await page.waitForSelector('[data-testid="new-session"]');
      const sessionUrl = await startSession(page, 'R-EXPORT');
      sessionId = decodeURIComponent(/#\/session\/([^/]+)\//.exec(sessionUrl)![1]!);
      await page.evaluate((id) => (location.hash = `#/session/${encodeURIComponent(id)}/1`), sessionId);
      await page.waitForSelector('[data-testid="item-rec_consent"]');
      await answer(page, 'rec_consent', { kind: 'click', codes: ['yes'] });
      await page.click('[data-testid="rec-interview"]');
      await page.waitForSelector('[data-testid="rec-interview-indicator"][data-state="recording"]');
      await page.click('[data-testid="opt-q1-A"]');
      await page.waitForFunction(() => /0:0[3-9]/.test(document.querySelector('[data-testid="rec-interview-indicator"]')?.textContent ?? ''));
      await page.click('[data-testid="rec-interview-stop"]');
      await page.waitForSelector('[data-testid="rec-interview-indicator"]', { state: 'detached' });
      for (let tries = 0; !(await heldMedia(page)).answers.some((a) => a.item === 'interview_audio'); tries++) {
        if (tries > 100) throw new Error('the recording did not become the answer');
        await page.waitForTimeout(100);
      }
      const recorded = (await heldMedia(page)).blobs.find((b) => b.state === 'complete')!;

      // The Export screen offers the recording with its size, unchecked, and says what leaving it out means.
      await gotoUnlocked(page, server.url);
      await page.click('[data-testid="study-data"]');
      await page.waitForSelector('[data-testid="export-recordings"]');
      const label = (await page.textContent('label:has([data-testid="export-recordings"])')) ?? '';
      expect(label).toMatch(/^Include interview recordings \(1, \d+\.\d MB\)$/);
      expect(await page.isChecked('[data-testid="export-recordings"]')).toBe(false);
      expect(await page.textContent('[data-testid="export-recordings-off"]')).toMatch(/each answer still names its recording/);

      off = await exportData(owned, page, false);
      expect(off.message).not.toMatch(/media files/);
      on = await exportData(owned, page, true);
      expect(on.message).toMatch(/with 1 media files/);
      expect(readFileSync(on.file).length).toBeGreaterThan(readFileSync(off.file).length + recorded.size - 1024);
    } finally {
      await killHard(owned).catch(() => {});
    }

    // Off: the answer is there, naming the recording; no audio bytes.
    const a = await importOnLaptop(laptops[0]!.dir, off.file, sessionId, foreign);
    expect(a.held.answers.map((x) => [x.item, /^interview_audio-.*\.webm$/.test(x.media!.name)])).toEqual([['interview_audio', true]]);
    expect(a.held.blobs).toEqual([]);
    expect(a.held.chunkBytes).toBe(0);

    // On: the recording is there, whole, and plays.
    const b = await importOnLaptop(laptops[1]!.dir, on.file, sessionId, foreign);
    expect(b.held.answers.map((x) => x.item)).toEqual(['interview_audio']);
    expect(b.held.blobs.map((x) => [x.id, x.state])).toEqual([[b.held.answers[0]!.media!.id, 'complete']]);
    expect(b.held.chunkBytes).toBe(b.held.blobs[0]!.size);
    expect(b.plays).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });
});
