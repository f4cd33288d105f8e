/**
 * The data lock's figures (issue 14), in headless Chromium against the built app, CPU throttled 4x:
 * the key work of an unlock (scrypt at the app's parameters, in its worker), the first question of a
 * draft opened on a locked device (the lock screen, the passphrase, then the question) against the
 * plain-DOM page plus that key work, and answer-to-durable latency with every answer sealed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { demoStudy } from '../../src/core/demo/demo-study';
import { launch, ROOT, serveDist } from '../e2e/support/browser';
import { DEFAULT_KDF } from '../../src/adapters/storage-idb/lock-record';
import { startSession } from '../e2e/support/interview';
import { firstStart, PASSPHRASE } from '../e2e/support/lock';
import { durableLatencies, FIRST_USABLE, median, medianInterval, quantile, sleep, timeToFirstUsable } from './browser-figures';
import { PLAIN_SW, plainPage } from './plain-page';

const RATE = 4;

/** Throttles a page's main thread (not its workers: see `throttledScrypt`). */
async function throttle(page: Page): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  return async () => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => {});
    await cdp.detach().catch(() => {});
  };
}

interface LockedOpen {
  /** Navigation to the lock screen painted (its first contentful paint). */
  lockPainted: number;
  /** The Unlock click to the first question's input in the DOM, and to the frame after it. */
  afterUnlockDom: number;
  afterUnlockPainted: number;
  /** The key work alone (scrypt in the worker), and the whole unlock (counted try, key, opened). */
  kdf: number;
  unlock: number;
}

/** A draft opened on a locked device: the lock screen, the passphrase typed, then its first question. */
async function openLocked(context: BrowserContext, url: string): Promise<LockedOpen> {
  const page = await context.newPage();
  const stop = await throttle(page);
  try {
    await page.goto(url);
    await page.waitForSelector('[data-testid="lock-passphrase"]');
    const start = Date.now();
    while (!(await page.evaluate(() => Boolean((window as unknown as { __firstPaint?: number }).__firstPaint)))) {
      if (Date.now() - start > 30_000) throw new Error('the lock screen was not painted within 30 s');
      await sleep(200);
    }
    // A person takes a while to type a passphrase; the lock screen loads what the unlock needs
    // meanwhile. This pause is that time (not counted): 1.5 s.
    await sleep(1500);
    await page.fill('[data-testid="lock-passphrase"]', PASSPHRASE);
    // From the click: the question's input in the DOM, then the next frame (the one that shows it).
    await page.evaluate(() => {
      const w = window as unknown as { __click: number; __qDom?: number; __qPainted?: number };
      const sel = '.section [data-item] input:not([disabled]), .section [data-item] textarea:not([disabled])';
      const obs = new MutationObserver(() => {
        if (w.__qDom || !document.querySelector(sel)) return;
        w.__qDom = performance.now();
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => (w.__qPainted = performance.now())));
      });
      obs.observe(document, { childList: true, subtree: true });
      w.__click = performance.now();
      document.querySelector<HTMLButtonElement>('[data-testid="lock-unlock"]')!.click();
    });
    const t0 = Date.now();
    while (!(await page.evaluate(() => Boolean((window as unknown as { __qPainted?: number }).__qPainted)))) {
      if (Date.now() - t0 > 60_000) throw new Error('no question within 60 s of unlocking');
      await sleep(200);
    }
    return await page.evaluate(() => {
      const w = window as unknown as { __firstPaint: number; __click: number; __qDom: number; __qPainted: number };
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      const at = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
      return {
        lockPainted: w.__firstPaint,
        afterUnlockDom: w.__qDom - w.__click,
        afterUnlockPainted: w.__qPainted - w.__click,
        kdf: at['dala:kdf-end']! - at['dala:kdf-start']!,
        unlock: at['dala:unlocked']! - at['dala:unlock-start']!,
      };
    });
  } finally {
    await stop();
    await page.close();
  }
}

/**
 * The key work alone with the CPU throttled 4x: CDP throttles a page's main thread but not the workers
 * it starts (the unthrottled figure shows it), so the same scrypt (@noble/hashes, bundled here with
 * esbuild, which runs this bench through tsx) runs on the main thread of a blank page, at the app's
 * parameters, `runs` times.
 */
async function throttledScrypt(context: BrowserContext, runs: number): Promise<number[]> {
  const { build } = await import('esbuild');
  const bundled = await build({
    stdin: { contents: "import { scrypt } from '@noble/hashes/scrypt.js'; globalThis.__scrypt = scrypt;", resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    logLevel: 'silent',
  });
  const page = await context.newPage();
  try {
    await page.addScriptTag({ content: bundled.outputFiles[0]!.text });
    const stop = await throttle(page);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      times.push(
        await page.evaluate(
          ({ passphrase, kdf }) => {
            const scrypt = (globalThis as unknown as { __scrypt: (p: string, s: Uint8Array, o: object) => Uint8Array }).__scrypt;
            const salt = crypto.getRandomValues(new Uint8Array(16));
            const t0 = performance.now();
            scrypt(passphrase, salt, { N: 2 ** kdf.logN, r: kdf.r, p: kdf.p, dkLen: 32, maxmem: 2 ** 31 });
            return performance.now() - t0;
          },
          { passphrase: PASSPHRASE, kdf: DEFAULT_KDF },
        ),
      );
    }
    await stop();
    return times;
  } finally {
    await page.close();
  }
}

export interface LockFigures {
  rounds: number;
  /** scrypt at the app's parameters, CPU 4x, median and range. */
  kdfThrottled: number;
  kdfThrottledRange: [number, number];
  kdf: number;
  kdfRange: [number, number];
  unlock: number;
  /** Unthrottled, for comparison (is the worker throttled too?). */
  kdfUnthrottled: number;
  lockPainted: number;
  afterUnlock: number;
  /** lockPainted + afterUnlock (the typing left out), median of the rounds. */
  dala: number;
  plain: number;
  /** Per round: Dala's time over (1.3 x the plain page + that round's key work). */
  ofBudget: number;
  ofBudgetInterval: [number, number];
  durableP50: number;
  durableP95: number;
}

export async function lockFigures(rounds = 9): Promise<LockFigures> {
  const server = await serveDist();
  const plain = plainPage(demoStudy, 'en', true);
  const plainServer = createServer((req, res) => {
    if (req.url?.startsWith('/plain.js')) res.writeHead(200, { 'content-type': 'text/javascript' }).end(plain.js);
    else if (req.url?.startsWith('/sw.js')) res.writeHead(200, { 'content-type': 'text/javascript' }).end(PLAIN_SW);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(plain.html);
  });
  await new Promise<void>((r) => plainServer.listen(0, '127.0.0.1', r));
  const plainUrl = `http://127.0.0.1:${(plainServer.address() as AddressInfo).port}/`;
  const browser = await launch();
  try {
    // A device with the lock on: first start, a draft, answers sealed as they are saved.
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    await context.addInitScript(FIRST_USABLE);
    const setup = await context.newPage();
    await setup.goto(server.url);
    await firstStart(setup, 'lock');
    await setup.waitForSelector('[data-testid="new-session"]');
    await setup.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    const sessionUrl = await startSession(setup, 'R-BENCH-LOCK');
    const latencies = await durableLatencies(setup, sessionUrl);
    await setup.close();
    await context.setOffline(true);

    const plainCtx = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    await plainCtx.addInitScript(FIRST_USABLE);
    const plainSetup = await plainCtx.newPage();
    await plainSetup.goto(plainUrl);
    await plainSetup.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await plainSetup.close();
    await plainCtx.setOffline(true);

    const draft = sessionUrl.replace(/\/\d+$/, '/0');
    // Unthrottled once, for comparison with the throttled key work.
    const free = await context.newPage();
    await free.goto(draft);
    await free.fill('[data-testid="lock-passphrase"]', PASSPHRASE);
    await free.click('[data-testid="lock-unlock"]');
    await free.waitForSelector('[data-testid="lock-screen"]', { state: 'detached', timeout: 30_000 });
    const kdfUnthrottled = await free.evaluate(() => performance.getEntriesByName('dala:kdf-end')[0]!.startTime - performance.getEntriesByName('dala:kdf-start')[0]!.startTime);
    await free.close();

    const dala: LockedOpen[] = [];
    const base: number[] = [];
    const plainOnce = async () => {
      const page = await plainCtx.newPage();
      try {
        return (await timeToFirstUsable(page, plainUrl)).painted;
      } finally {
        await page.close();
      }
    };
    for (let i = 0; i < rounds; i++) {
      if (i % 2) {
        base.push(await plainOnce());
        dala.push(await openLocked(context, draft));
      } else {
        dala.push(await openLocked(context, draft));
        base.push(await plainOnce());
      }
    }
    const scryptTimes = await throttledScrypt(plainCtx, rounds);
    await Promise.all([context.close(), plainCtx.close()]);
    const total = dala.map((d) => d.lockPainted + d.afterUnlockPainted);
    const ofBudget = dala.map((d, i) => total[i]! / (1.3 * base[i]! + d.kdf));
    return {
      rounds,
      kdfThrottled: median(scryptTimes),
      kdfThrottledRange: [Math.min(...scryptTimes), Math.max(...scryptTimes)],
      kdf: median(dala.map((d) => d.kdf)),
      kdfRange: [Math.min(...dala.map((d) => d.kdf)), Math.max(...dala.map((d) => d.kdf))],
      unlock: median(dala.map((d) => d.unlock)),
      kdfUnthrottled,
      lockPainted: median(dala.map((d) => d.lockPainted)),
      afterUnlock: median(dala.map((d) => d.afterUnlockPainted)),
      dala: median(total),
      plain: median(base),
      ofBudget: median(ofBudget),
      ofBudgetInterval: medianInterval(ofBudget),
      durableP50: quantile(latencies, 0.5),
      durableP95: quantile(latencies, 0.95),
    };
  } finally {
    await browser.close();
    await server.close();
    plainServer.close();
  }
}
