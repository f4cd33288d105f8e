/**
 * Issue 17, "What must show": an interviewer records 10 s of an interview across three questions
 * with Chromium's fake microphone, the browser is SIGKILLed, and after relaunch at least 8 s of
 * audio are there, and playback from the second question's marker starts where that question was
 * asked. The data lock is on: every chunk is sealed, the recording recovered after unlocking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { killHard, launchOwned, serveDist, tempProfile, watchForeignRequests, type OwnedChromium } from './support/browser';
import { answer, startSession, waitSaved } from './support/interview';
import { firstStart, unlock } from './support/lock';

/** Chromium's fake microphone, granted without a prompt. */
const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

let server: Awaited<ReturnType<typeof serveDist>>;
const profile = tempProfile();

beforeAll(async () => {
  server = await serveDist();
});
afterAll(async () => {
  await server?.close();
  profile.remove();
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
      await page.goto(`${server.url}#/transcribe/innovative-civil-service/2020-2/${encodeURIComponent(sessionId)}`);
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
