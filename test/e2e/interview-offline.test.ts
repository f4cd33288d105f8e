import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../src/core/demo/demo-study';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CSP } from '../../src/workers/csp';
import { COMPILE_HINT } from '../../vite.config';
import { ALL_FUNCTIONS } from '../../src/core/expr/all-functions';
import { CATALOG } from '../../src/core/expr/index';
import { firstPageSize } from '../support/first-page';
import { firstStart, unlock } from './support/lock';
import { appUnderTest, ROOT, smallTargets, watchForeignRequests, watchedPage } from './support/browser';
import { switchableServer } from './support/static-server';
import { answer, planAnswers, readBack, startSession, visibleItems, waitSaved } from './support/interview';


const env = appUnderTest();

/** Whether an inline script put into the page runs (it must not: `script-src 'self'`). */
async function injectedScriptRan(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = true';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as { __pwned?: boolean }).__pwned === true;
  });
}

describe('an interviewer in an office with no network', () => {
  it('opens Dala once online, then runs the whole demo interview offline, reloading mid-way, and nothing is lost', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const origin = new URL(env.server.url).origin;
    const foreign = watchForeignRequests(context, origin);
    const { page, errors, cspViolations } = await watchedPage(context);

    // First visit with a network: the service worker installs and controls the page. The data is
    // locked with a passphrase (the default).
    await page.goto(env.server.url);
    await firstStart(page);
    await page.waitForSelector('[data-testid="new-session"]');
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });

    // The network goes away; a reload renders from the precache, and the lock opens offline.
    await context.setOffline(true);
    await page.reload();
    await unlock(page);
    await page.waitForSelector('[data-testid="new-session"]');
    expect(await page.getAttribute('[data-testid="storage-badge"]', 'data-persistent')).toMatch(/true|false/);

    await startSession(page, 'R-TEST1');
    const plan = planAnswers(demoStudy);
    const answered: string[] = [];
    const sectionsCount = demoStudy.sections.length;
    let reloaded = false;
    for (let s = 0; s < sectionsCount; s++) {
      await page.waitForSelector(`[data-testid="section-${demoStudy.sections[s]!.name}"]`);
      for (const name of await visibleItems(page)) {
        const p = plan.get(name);
        if (!p) continue;
        await answer(page, name, p);
        answered.push(name);
      }
      // Every screen of the interview is made for a finger: nothing to tap is under 44 px.
      expect(await smallTargets(page), demoStudy.sections[s]!.name).toEqual([]);
      if (!reloaded && s === Math.floor(sectionsCount / 2)) {
        // Mid-way: reload (offline) and check every answer given so far, section by section.
        reloaded = true;
        const here = page.url();
        await page.reload();
        await unlock(page);
        for (let back = 0; back <= s; back++) {
          await page.goto(here.replace(/\/\d+$/, `/${back}`));
          await page.waitForSelector(`[data-testid="section-${demoStudy.sections[back]!.name}"]`);
          for (const name of await visibleItems(page)) {
            const p = plan.get(name);
            if (p && answered.includes(name)) expect(await readBack(page, name, p), `${name} after reload`).toBe(true);
          }
        }
        // Back to where we were through the list of sections, which is drawn only once opened.
        expect(await page.locator('.section-nav li').count()).toBe(0);
        await page.click('.section-nav summary');
        await page.click(`.section-nav a[href="${new URL(here).hash}"]`);
        await page.waitForSelector(`[data-testid="section-${demoStudy.sections[s]!.name}"]`);
        expect(page.url()).toBe(here);
        expect(await page.getAttribute(`.section-nav a[href="${new URL(here).hash}"]`, 'aria-current')).toBe('step');
      }
      await page.click('[data-testid="next"]');
    }
    await page.waitForSelector('[data-testid="review"]');
    expect(await smallTargets(page), 'review').toEqual([]);
    expect(await page.textContent('[data-testid="review-summary"]')).not.toMatch(/missing|Still/i);
    await page.click('[data-testid="complete"]');
    await page.waitForSelector('[data-testid="sessions-table"]');
    const row = page.locator('tr', { hasText: 'R-TEST1' });
    expect(await row.getAttribute('data-status')).toBe('complete');
    expect(answered.length).toBeGreaterThan(30);

    expect(foreign).toEqual([]);
    expect(await cspViolations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens and runs a form that calls regex() and format-date() offline: the demo needs none of the function groups, that form loads its two from the precache', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 } });
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    const { page, errors } = await watchedPage(context);
    /** The function groups' scripts this document has loaded (chunks named fn-<group>-<hash>.js). */
    const groupScripts = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e.name.split('/').pop()!)
          .filter((n) => n.startsWith('fn-'))
          .map((n) => n.replace(/-[^-]+\.js$/, ''))
          .sort(),
      );
    await page.goto(env.server.url);
    await firstStart(page, 'off'); // reloads open the draft itself (with the lock on: the first test)
    await page.waitForSelector('[data-testid="new-session"]');
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-testid="new-session"]');

    // The demo study's draft, reopened: its first question with the basic functions only.
    await startSession(page, 'R-FN');
    await page.reload();
    await page.waitForSelector('.section [data-item]');
    expect(await groupScripts()).toEqual([]);

    await page.goto(`${env.server.url}#/`);
    await page.click('[data-testid="open-form"]');
    await page.setInputFiles('[data-testid="form-file"]', join(ROOT, 'test/fixtures/instruments/functions-on-demand.json'));
    await page.waitForSelector('[data-testid="preview"] [data-item="code"]');
    await page.click('[data-testid="save-study"]');
    const card = page.locator('li.card', { hasText: 'Functions on demand' });
    await card.locator('[data-testid="new-session"]').click();
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');
    await page.waitForSelector('[data-item="code"]');
    // regex(): a code of the wrong shape is an issue, the right one is not.
    await page.fill('[data-testid="input-code"]', 'a-12');
    await page.locator('[data-testid="input-code"]').blur();
    await waitSaved(page, 'code');
    await page.waitForSelector('[data-item="code"] .issue');
    await page.fill('[data-testid="input-code"]', 'A-123');
    await page.locator('[data-testid="input-code"]').blur();
    await waitSaved(page, 'code');
    expect(await page.locator('[data-item="code"] .issue').count()).toBe(0);
    // format-date(): the question about 2024 is asked for a visit in 2024 only.
    expect(await page.locator('[data-item="in_2024"]').count()).toBe(0);
    await page.fill('[data-testid="input-visited"]', '2024-05-01');
    await page.locator('[data-testid="input-visited"]').blur();
    await waitSaved(page, 'visited');
    await page.waitForSelector('[data-item="in_2024"]');

    // Reopened offline on this draft, it loads its two groups, and only those, before its questions.
    await page.reload();
    await page.waitForSelector('[data-item="in_2024"]');
    expect(await groupScripts()).toEqual(['fn-dates', 'fn-regex']);
    await page.fill('[data-testid="input-code"]', 'AB-1');
    await page.locator('[data-testid="input-code"]').blur();
    await page.waitForSelector('[data-item="code"] .issue');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('a refusal keeps nothing but the count', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.url);
    await firstStart(page, 'off');
    await page.click('[data-testid="new-session"]');
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-decline"]');
    await page.waitForSelector('text=Refusal recorded');
    await page.goto(env.server.url);
    await page.waitForSelector('text=Refusals recorded: 1');
    expect(await page.locator('[data-testid="sessions-table"]').count()).toBe(0);
    await context.close();
  });

  it('runs under the Content-Security-Policy, online and offline: an injected inline script does not run', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const first = await page.goto(env.server.url);
    expect(first!.headers()['content-security-policy']).toBe(CSP);
    // The lock's key work (scrypt in a worker, no WebAssembly) runs under the policy.
    await firstStart(page);
    await page.waitForSelector('[data-testid="new-session"]');
    expect(await injectedScriptRan(page)).toBe(false);
    expect(await page.evaluate(() => fetch('http://127.0.0.2:9/x').then(() => 'reached', (e: Error) => e.name))).toBe('TypeError');
    // Offline, the page comes from the service worker, with the same policy.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
    await context.setOffline(true);
    const offline = await page.reload();
    expect(offline!.fromServiceWorker()).toBe(true);
    expect(offline!.headers()['content-security-policy']).toBe(CSP);
    await unlock(page);
    await page.waitForSelector('[data-testid="new-session"]');
    expect(await injectedScriptRan(page)).toBe(false);
    await context.close();
  });

  it('the service worker puts the policy on the pages it serves even when the host sends none', async () => {
    const host = await switchableServer(join(ROOT, 'dist'), { csp: false });
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      const first = await page.goto(host.url);
      expect(first!.headers()['content-security-policy']).toBeUndefined();
      await firstStart(page, 'off');
      await page.waitForSelector('[data-testid="new-session"]');
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
      const again = await page.reload();
      expect(again!.fromServiceWorker()).toBe(true);
      expect(again!.headers()['content-security-policy']).toBe(CSP);
      await page.waitForSelector('[data-testid="new-session"]');
      expect(await injectedScriptRan(page)).toBe(false);
    } finally {
      await context.close();
      await host.close();
    }
  });

  it('the first page: its scripts open with V8\'s compile hint (screens loaded later do not), its entry blocks rendering, no CSP meta tag', () => {
    const dist = join(ROOT, 'dist');
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).toMatch(/<script type="module" blocking="render" crossorigin src="\/assets\/index-[^"]+\.js"><\/script>/);
    expect(html).not.toMatch(/http-equiv="Content-Security-Policy"/i);
    const first = firstPageSize(dist).files.map((f) => f.file).filter((f) => f.endsWith('.js'));
    expect(first.length).toBeGreaterThanOrEqual(1);
    const opensWithHint = (f: string) => readFileSync(join(dist, f), 'utf8').startsWith(COMPILE_HINT);
    for (const f of first) expect(opensWithHint(f), f).toBe(true);
    const later = readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`).filter((f) => f.endsWith('.js') && !first.includes(f));
    expect(later.length).toBeGreaterThan(5);
    for (const f of later) expect(opensWithHint(f), f).toBe(false);
  });

  it('the first page carries the basic expression functions only: every other group is a script of its own, loaded when a form calls it, and precached', () => {
    const dist = join(ROOT, 'dist');
    const first = firstPageSize(dist).files.map((f) => f.file).filter((f) => f.endsWith('.js'));
    const firstCode = first.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
    const later = readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`).filter((f) => f.endsWith('.js') && !first.includes(f));
    const precache = readFileSync(join(dist, 'sw.js'), 'utf8');
    // A function's one-line signature is a string of its group's table only, kept as is by the minifier.
    for (const [name, def] of ALL_FUNCTIONS.functions) {
      const group = CATALOG.get(name)!.group;
      const literal = new RegExp(`['"\`]${def.signature.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`);
      if (group === 'basic') {
        expect(literal.test(firstCode), `${name}() in the first page`).toBe(true);
        continue;
      }
      expect(literal.test(firstCode), `${name}() of group '${group}' in the first page`).toBe(false);
      const home = later.filter((f) => literal.test(readFileSync(join(dist, f), 'utf8')));
      // Its group's chunk (and the workers', which are built apart with what they need).
      expect(home.length, `${name}() of group '${group}' in a script of its own`).toBeGreaterThan(0);
      for (const f of home) expect(precache, `${f} precached`).toContain(f);
    }
  });
});
