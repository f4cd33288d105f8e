import type { Page, BrowserContext } from 'playwright-core';
import { launch } from '../../e2e/support/browser';
import { startSession } from '../../e2e/support/interview';
import { switchableServer } from '../../e2e/support/static-server';
const FIRST_USABLE = `(() => {
  const sel = '.section [data-item] input:not([disabled]), .section [data-item] textarea:not([disabled])';
  const mark = () => { if (!window.__firstUsable && document.querySelector(sel)) window.__firstUsable = performance.now(); };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
})();`;
async function t(page: Page, url: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(url);
  await page.waitForFunction(() => (window as any).__firstUsable, undefined, { timeout: 30_000 });
  return page.evaluate(() => [(window as any).__firstUsable, performance.getEntriesByName('dala:script')[0]?.startTime ?? 0, (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive]);
}
const dirs = process.argv.slice(2);
const browser = await launch();
const setups: { ctx: BrowserContext; url: string; first: number[]; script: number[]; html: number[] }[] = [];
for (const d of dirs) {
  const server = await switchableServer(d);
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await ctx.addInitScript(FIRST_USABLE);
  const p = await ctx.newPage();
  await p.goto(server.url);
  await p.waitForSelector('[data-testid="new-session"]');
  await p.waitForFunction(() => navigator.serviceWorker?.controller !== null);
  const url = (await startSession(p, 'R-AB')).replace(/\/\d+$/, '/0');
  await p.waitForTimeout(500);
  await p.close();
  await ctx.setOffline(true);
  setups.push({ ctx, url, first: [], script: [], html: [] });
}
const N = Number(process.env.N ?? 15);
for (let i = 0; i < N; i++)
  for (const s of setups) {
    const page = await s.ctx.newPage();
    const [f, sc, h] = await t(page, s.url);
    s.first.push(f); s.script.push(sc); s.html.push(h);
    await page.close();
  }
const med = (xs: number[]) => { const a = [...xs].sort((x, y) => x - y); return a[a.length >> 1]!.toFixed(0); };
setups.forEach((s, i) => console.log(dirs[i], 'first', med(s.first), 'script', med(s.script), 'html', med(s.html), 'first-script', med(s.first.map((f, k) => f - s.script[k]!)), 'script-html', med(s.script.map((f, k) => f - s.html[k]!))));
await browser.close();
process.exit(0);
