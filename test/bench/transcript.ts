/**
 * The transcription view of a 60-minute recording (issue 17): a generated 60-minute WAV (8 kHz,
 * mono, 16-bit: 57.6 MB) opened from disk for R2's demo interview, and a transcript of 400
 * paragraphs under 12 question markers, in headless Chromium against the built app.
 *
 * - open: the view drawn with every paragraph and the audio playable (its duration known), from the
 *   moment the researcher goes to it, the audio already opened in this tab (median of the rounds);
 * - cold: the same from a fresh page load (the view's code from the service worker), the audio not
 *   yet opened (a reloaded tab forgets the file, as oTranscribe does);
 * - audio: the file chosen -> playable.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoExampleResponses } from '../../src/core/demo/example-data';
import { demoStudy } from '../../src/core/demo/demo-study';
import { launch, serveDist } from '../e2e/support/browser';
import { firstStart } from '../e2e/support/lock';
import { wav } from '../support/wav';

export interface TranscriptFigures {
  paragraphs: number;
  audioBytes: number;
  open: number;
  openRange: [number, number];
  cold: number;
  audio: number;
  rounds: number;
}

const PARAGRAPHS = 400;
const SECONDS = 3600;

function transcriptEntry(responseId: string) {
  const items = demoStudy.sections.flatMap((s) => s.items).filter((i) => i.type !== 'note' && i.type !== 'calculate').slice(0, 12);
  const markers = items.map((i, k) => ({ item: i.name, at: k * 300 }));
  const paragraphs = Array.from({ length: PARAGRAPHS }, (_, k) => ({
    at: Math.round(((k * SECONDS) / PARAGRAPHS) * 10) / 10,
    text: `${k % 2 ? 'R2' : 'Q'}: ${'Leadership matters more than structure; initiative is punishable where nobody answers for results. '.repeat(1 + (k % 4))}`.trim(),
  }));
  const id = '7a000000-0000-4000-8000-00000000be9c';
  const rev = { device: 'bench', at: '2026-12-03T10:00:00.000Z', vv: { bench: 1 } };
  return { id, studyId: demoStudy.id, revisions: [{ type: 'transcript', id, studyId: demoStudy.id, responseId, paragraphs, markers, by: 'bench', rev }] };
}

/** Every paragraph drawn and the audio playable (its duration known). Runs in the page. */
function ready([n, seconds]: readonly [number, number]): boolean {
  return document.querySelectorAll('[data-testid="transcript-paragraph"]').length === n && ((document.querySelector('[data-testid="transcript-audio"]') as HTMLAudioElement | null)?.duration ?? 0) > seconds - 1;
}

/** Milliseconds from the route's change to the view drawn and its audio playable, measured in the page. */
function openInPage(page: Page, hash: string): Promise<number> {
  // No named function inside: the bench runs through tsx, whose helpers do not exist in the page.
  return page.evaluate(
    async ([hash, n, seconds]) => {
      const t0 = performance.now();
      location.hash = hash;
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        if (document.querySelectorAll('[data-testid="transcript-paragraph"]').length === n && ((document.querySelector('[data-testid="transcript-audio"]') as HTMLAudioElement | null)?.duration ?? 0) > seconds - 1) return performance.now() - t0;
        if (performance.now() - t0 > 30_000) throw new Error('the transcription view did not open within 30 s');
      }
    },
    [hash, PARAGRAPHS, SECONDS] as const,
  );
}

export async function transcriptFigures(rounds = 7): Promise<TranscriptFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'dala-bench-transcript-'));
  const audioPath = join(dir, 'interview-60min.wav');
  const audio = wav(SECONDS, 8000);
  writeFileSync(audioPath, audio);
  const r2 = demoExampleResponses.find((r) => r.respondentCode === 'R2')!;
  const route = `#/transcribe/${demoStudy.id}/${demoStudy.studyVersion}/${r2.id}`;
  const server = await serveDist();
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await firstStart(page, 'off'); // the researcher's laptop, unlocked (the lock's figures: `npm run bench lock`)
    await page.click('[data-testid="load-examples"]');
    await page.waitForSelector('[data-testid="remove-examples"]');
    // The transcript, put in the store as the app keeps it (in clear, the lock being off).
    await page.evaluate(
      (entry) =>
        new Promise<void>((res, rej) => {
          const open = indexedDB.open('dala');
          open.onerror = () => rej(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('coding', 'readwrite');
            tx.objectStore('coding').put(entry);
            tx.oncomplete = () => (open.result.close(), res());
            tx.onerror = () => rej(tx.error);
          };
        }),
      transcriptEntry(r2.id),
    );
    // Cold: a fresh load of the view, every paragraph drawn.
    const t0 = Date.now();
    await page.goto(server.url + route);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="transcript-paragraph"]').length === n, PARAGRAPHS, { timeout: 30_000, polling: 50 });
    const cold = Date.now() - t0;
    // The audio file chosen -> playable.
    const t1 = Date.now();
    await page.setInputFiles('[data-testid="transcript-audio-file"]', audioPath);
    await page.waitForFunction(ready, [PARAGRAPHS, SECONDS] as const, { timeout: 30_000, polling: 20 });
    const audioMs = Date.now() - t1;
    // Open: away to the coding screen and back, the audio opened in this tab.
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await page.evaluate((h) => (location.hash = h), `#/coding/${demoStudy.id}/${demoStudy.studyVersion}`);
      await page.waitForSelector('[data-testid="coding-respondent"]');
      times.push(await openInPage(page, route));
    }
    await context.close();
    times.sort((a, b) => a - b);
    return { paragraphs: PARAGRAPHS, audioBytes: audio.length, open: times[times.length >> 1]!, openRange: [times[0]!, times[times.length - 1]!], cold, audio: audioMs, rounds };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
