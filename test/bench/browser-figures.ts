/**
 * Figures measured in headless Chromium against the built app: time to the first usable question
 * (CPU throttled 4x, offline) against a plain-DOM page opened offline from its own service worker
 * (and, for comparison, online without one), and answer-to-durable latency.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { demoStudy } from '../../src/core/demo/demo-study';
import type { Instrument } from '../../src/core/instrument/types';
import { launch, serveDist } from '../e2e/support/browser';
import { startSession } from '../e2e/support/interview';
import { firstStart } from '../e2e/support/lock';
import { prng } from '../support/prng';
import { PLAIN_SW, plainPage } from './plain-page';

/**
 * Two moments: the first enabled input of the section is in the DOM, and the first frame with it is
 * on screen (the page's first contentful paint: neither page paints anything before its first
 * question, which is checked). Only the second is a question a person can see and use.
 */
export const FIRST_USABLE = `(() => {
  const sel = '.section [data-item] input:not([disabled]), .section [data-item] textarea:not([disabled])';
  const mark = () => {
    if (window.__firstUsable || !document.querySelector(sel)) return;
    window.__firstUsable = performance.now();
    // The frame that shows it: its animation frame, then the task after that frame's paint.
    requestAnimationFrame(() => setTimeout(() => { window.__usableFrame = performance.now(); }));
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', mark);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__firstPaint = e.startTime;
  }).observe({ type: 'paint', buffered: true });
})();`;

interface Timing {
  /** The first question's input is in the DOM. */
  dom: number;
  /** The first frame showing it has been painted. */
  painted: number;
  marks: Record<string, number>;
}

/**
 * Milliseconds from navigation to the first usable input, and the app's start-up marks on the way.
 * `earlyPaint`: the page may paint before its first question (the runner draws a repeat's section
 * heading while the repeat's screen loads); the question's frame is then the task after the first
 * frame that follows it (`__usableFrame`), not the first contentful paint.
 */
export async function timeToFirstUsable(page: Page, url: string, earlyPaint = false): Promise<Timing> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const start = Date.now();
  await page.goto(url);
  // Nothing polls inside the page while it loads (Playwright's waitForFunction would run a check on
  // every animation frame, on the very thread being measured): wait here, then read once.
  const done = () => page.evaluate(() => Boolean((window as unknown as { __usableFrame?: number; __firstPaint?: number }).__usableFrame && (window as unknown as { __firstPaint?: number }).__firstPaint));
  await sleep(Math.max(0, 2500 - (Date.now() - start)));
  while (!(await done())) {
    if (Date.now() - start > 30_000) throw new Error(`${url}: no usable question and first paint within 30 s`);
    await sleep(200);
  }
  const r = await page.evaluate(() => ({
    dom: (window as unknown as { __firstUsable: number }).__firstUsable,
    paint: (window as unknown as { __firstPaint: number }).__firstPaint,
    frame: (window as unknown as { __usableFrame: number }).__usableFrame,
    marks: Object.fromEntries([
      ['html parsed', (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive],
      ...performance.getEntriesByType('mark').filter((m) => m.name.startsWith('dala:')).map((m) => [m.name, m.startTime]),
    ]) as Record<string, number>,
  }));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  if (r.paint < r.dom && earlyPaint) return { dom: r.dom, painted: r.frame, marks: r.marks };
  if (r.paint < r.dom) throw new Error(`${url}: something was painted before the first question (${r.paint.toFixed(0)} ms < ${r.dom.toFixed(0)} ms): the first paint no longer marks it`);
  return { dom: r.dom, painted: r.paint, marks: r.marks };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
/**
 * A 95% bootstrap interval of the median (2000 resamples, fixed seed): how far the median of these
 * runs could move on a rerun, given how much they scatter.
 */
export function medianInterval(xs: number[]): [number, number] {
  const rand = prng(2);
  const meds: number[] = [];
  for (let b = 0; b < 2000; b++) meds.push(median(xs.map(() => xs[Math.floor(rand() * xs.length)]!)));
  return [quantile(meds, 0.025), quantile(meds, 0.975)];
}
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

/** Medians of one page's runs. */
export interface PageFigures {
  dom: number;
  painted: number;
}
export interface BrowserFigures {
  marks: Record<string, number>;
  dala: PageFigures;
  plain: PageFigures;
  plainOnline: PageFigures;
  /** Median over the rounds of Dala's time over the plain page's in the same round. */
  paired: PageFigures;
  /** 95% bootstrap interval of `paired`. */
  pairedInterval: { dom: [number, number]; painted: [number, number] };
  durableP50: number;
  durableP95: number;
}

/** Answer-to-durable latency (ms), `n` times: click alternate Likert points, time until the item says "saved". */
export async function durableLatencies(setup: Page, sessionUrl: string, n = 200): Promise<number[]> {
  const latencies: number[] = [];
  const likertSection = demoStudy.sections.findIndex((s) => s.items.some((i) => i.type === 'likert'));
  const likertItem = demoStudy.sections[likertSection]!.items.find((i) => i.type === 'likert')!;
  await setup.goto(sessionUrl.replace(/\/\d+$/, `/${likertSection}`));
  await setup.waitForSelector(`[data-testid="item-${likertItem.name}"]`);
  for (let i = 0; i < n; i++) {
    const code = String((i % 5) + 1);
    latencies.push(
      await setup.evaluate(
        ({ item, code }) =>
          new Promise<number>((resolve) => {
            const status = document.querySelector(`[data-testid="item-${item}"] .save`)!;
            const input = document.querySelector<HTMLInputElement>(`[data-testid="opt-${item}-${code}"]`)!;
            let seenOther = false;
            const t0 = performance.now();
            const obs = new MutationObserver(() => {
              const s = document.querySelector(`[data-testid="status-${item}"]`)?.getAttribute('data-status');
              if (s !== 'saved') seenOther = true;
              else if (seenOther) {
                obs.disconnect();
                resolve(performance.now() - t0);
              }
            });
            obs.observe(status.parentElement!, { subtree: true, attributes: true, childList: true, characterData: true });
            input.click();
          }),
        { item: likertItem.name, code },
      ),
    );
  }
  return latencies;
}

/**
 * Another study than the demo: `instrument` for the plain page, and `open`, which brings it into the
 * app (from the sessions list, online) and starts a session, returning the session's address.
 */
export interface OtherStudy {
  instrument: Instrument;
  open: (page: Page) => Promise<string>;
  /** The plain page's list of a repeat's instance titles, drawn before its questions (plainPage). */
  plainList?: readonly string[];
  /** Dala may paint before the first question (see timeToFirstUsable). */
  earlyPaint?: boolean;
}

export async function browserFigures(runs = 21, other?: OtherStudy): Promise<BrowserFigures> {
  const server = await serveDist();
  // Two baselines: the plain page offline, opened from its own service worker (like for like), and
  // the same page online from the local server with no service worker (the least any page can do).
  const plain = plainPage(other?.instrument ?? demoStudy, 'en', true, other?.plainList);
  const plainServer = createServer((req, res) => {
    if (req.url?.startsWith('/plain.js')) res.writeHead(200, { 'content-type': 'text/javascript' }).end(plain.js);
    else if (req.url?.startsWith('/sw.js')) res.writeHead(200, { 'content-type': 'text/javascript' }).end(PLAIN_SW);
    else if (req.url?.startsWith('/nosw')) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(plain.html.replace('plain.js', 'plain.js?nosw'));
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(plain.html);
  });
  await new Promise<void>((r) => plainServer.listen(0, '127.0.0.1', r));
  const plainUrl = `http://127.0.0.1:${(plainServer.address() as AddressInfo).port}/`;
  const browser = await launch();
  try {
    // Dala: first visit online, a session started, then offline.
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    await context.addInitScript(FIRST_USABLE);
    const setup = await context.newPage();
    await setup.goto(server.url);
    // The data lock kept off: the draft opens on its first question (with the lock on, the passphrase
    // comes first: `npm run bench lock`).
    await firstStart(setup, 'off');
    await setup.waitForSelector('[data-testid="new-session"]');
    await setup.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    const sessionUrl = other ? await other.open(setup) : await startSession(setup, 'R-BENCH');

    const latencies = other ? [] : await durableLatencies(setup, sessionUrl);
    await setup.close();

    await context.setOffline(true);

    const plainCtx = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    await plainCtx.addInitScript(FIRST_USABLE);
    const plainSetup = await plainCtx.newPage();
    await plainSetup.goto(plainUrl);
    await plainSetup.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await plainSetup.close();
    await plainCtx.setOffline(true);
    const onlineCtx = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
    await onlineCtx.addInitScript(FIRST_USABLE);

    // The three pages take turns, so a moment when the machine is busy weighs on all of them alike.
    const dala: Timing[] = [];
    const base: Timing[] = [];
    const online: Timing[] = [];
    const once = async (ctx: typeof context, url: string, earlyPaint = false) => {
      const page = await ctx.newPage();
      try {
        return await timeToFirstUsable(page, url, earlyPaint);
      } finally {
        await page.close();
      }
    };
    const turns = [
      async () => dala.push(await once(context, sessionUrl.replace(/\/\d+$/, '/0'), other?.earlyPaint)),
      async () => base.push(await once(plainCtx, plainUrl)),
      async () => online.push(await once(onlineCtx, plainUrl + 'nosw')),
    ];
    // The order turns round every round, so no page always comes first, or right after another.
    for (let i = 0; i < runs; i++) for (const turn of i % 2 ? [...turns].reverse() : turns) await turn();
    await Promise.all([context.close(), plainCtx.close(), onlineCtx.close()]);
    const medians = (ts: Timing[]): PageFigures => ({ dom: median(ts.map((t) => t.dom)), painted: median(ts.map((t) => t.painted)) });
    const marks: Record<string, number[]> = {};
    for (const t of dala) for (const [k, v] of Object.entries(t.marks)) (marks[k] ??= []).push(v);
    // Each round opens Dala and the plain page one after the other: the median of their ratios is
    // less swayed by a moment when the whole machine is slow than the ratio of the two medians.
    const ratios = { dom: dala.map((d, i) => d.dom / base[i]!.dom), painted: dala.map((d, i) => d.painted / base[i]!.painted) };
    return {
      marks: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, median(v)])),
      dala: medians(dala),
      plain: medians(base),
      plainOnline: medians(online),
      paired: { dom: median(ratios.dom), painted: median(ratios.painted) },
      pairedInterval: { dom: medianInterval(ratios.dom), painted: medianInterval(ratios.painted) },
      durableP50: latencies.length ? quantile(latencies, 0.5) : NaN,
      durableP95: latencies.length ? quantile(latencies, 0.95) : NaN,
    };
  } finally {
    await browser.close();
    await server.close();
    plainServer.close();
  }
}
