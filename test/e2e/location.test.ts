/**
 * Version 3, location, in real Chromium: a geopoint taken from the browser's location (Chromium's
 * geolocation override, as a phone's GPS would give it), a path of four points walked, an area
 * typed, every answer saved and still there after a reload; and an interviewer whose browser denies
 * the location, who types the coordinates instead. No request leaves for another origin (no tiles).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { distance } from '../../src/core/expr/groups/geo';
import { translate } from '../../src/app/i18n/index';
import { en } from '../../src/app/i18n/en';
import { enFirst } from '../../src/app/i18n/en-first';
import { metres } from '../../src/ui/components/GeoInput';
import { ROOT, appUnderTest, smallTargets, watchForeignRequests } from './support/browser';
import { waitSaved } from './support/interview';
import { openHome } from './support/lock';

const env = appUnderTest();

/** The path to the well, as the interviewer walks it (Almaty): four fixes. */
const WALK = [
  { latitude: 43.238949, longitude: 76.889709, accuracy: 6 },
  { latitude: 43.2391, longitude: 76.8899, accuracy: 5 },
  { latitude: 43.2393, longitude: 76.8902, accuracy: 4 },
  { latitude: 43.2396, longitude: 76.8904, accuracy: 4 },
];

/** Opens the location fixture, saves it as a study and starts a session of it. */
async function startVisit(page: Page): Promise<void> {
  await openHome(page, env.server.url); // kept unlocked: the test reads the start-geopoint answer in IndexedDB itself
  await page.click('[data-testid="open-form"]');
  await page.setInputFiles('[data-testid="form-file"]', join(ROOT, 'test/fixtures/xlsform/location.xlsx'));
  await page.waitForSelector('[data-testid="preview"]');
  await page.click('[data-testid="save-study"]');
  await page.locator('li.card', { hasText: 'Field visit' }).locator('[data-testid="new-session"]').click();
  await page.fill('[data-testid="interviewer"]', 'AK');
  await page.click('[data-testid="to-consent"]');
  await page.click('[data-testid="consent-agree"]');
  await page.waitForSelector('[data-item="well"] [data-testid="input-well"]');
}

const pointsOf = (page: Page, item: string) => page.locator(`[data-testid="geo-points-${item}"] li`);

describe('an interviewer records where things are', () => {
  it('takes the well from the GPS within 10 m, walks a path of four points, types the plot; all saved, all there after a reload', async () => {
    const context = await env.browser.newContext({ geolocation: { latitude: 43.2389, longitude: 76.8897, accuracy: 30 }, permissions: ['geolocation'] });
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    await context.addInitScript({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
    const page = await context.newPage();
    await startVisit(page);

    // A fix of 30 m is not good enough for this question (capture-accuracy=10): it waits, shows it,
    // and offers to take it anyway.
    await page.click('[data-testid="geo-start-well"]');
    await page.waitForSelector('[data-testid="geo-accept-well"]');
    expect(await page.textContent('[data-testid="geo-fix-well"]')).toContain('Accuracy: 30 m');
    expect(await page.textContent('[data-testid="geo-fix-well"]')).toContain('Waiting for 10 m or better');
    // The receiver settles: a 4 m fix is taken by itself.
    await context.setGeolocation({ latitude: 43.238949, longitude: 76.889709, accuracy: 4 });
    await page.waitForSelector('[data-testid="geo-saved-well"]');
    await waitSaved(page, 'well');
    expect(await page.textContent('[data-testid="geo-saved-well"]')).toBe('Location: 43.238949, 76.889709 · ±4 m');

    // The path, point by point as the interviewer walks.
    for (const [k, fix] of WALK.entries()) {
      await context.setGeolocation(fix);
      await page.click('[data-testid="geo-add-path"]');
      await expect.poll(() => pointsOf(page, 'path').count()).toBe(k + 1);
      await waitSaved(page, 'path');
    }
    const length = metres(distance(WALK.map((f) => [f.latitude, f.longitude] as const)), (key, params) => translate({ ...enFirst, ...en }, key, params));
    expect(await page.textContent('[data-testid="geo-measure-path"]')).toBe(`4 points · Length: ${length}`);
    expect(await page.locator('[data-item="path"] [data-testid="geo-sketch"] circle').count()).toBe(4);
    // A wrong last point is removed, and taken again.
    await page.click('[data-testid="geo-remove-path"]');
    await expect.poll(() => pointsOf(page, 'path').count()).toBe(3);
    await page.click('[data-testid="geo-add-path"]');
    await expect.poll(() => pointsOf(page, 'path').count()).toBe(4);
    await waitSaved(page, 'path');
    // A calculation over the answer (distance(), as ODK computes it) shows in its question.
    await expect
      .poll(() => page.inputValue('[data-testid="input-path_m"]'))
      .toBe(String(Math.round(distance(WALK.map((f) => [f.latitude, f.longitude] as const)))));

    // The plot, typed: three corners, closed by itself; its area shown.
    await page.click('[data-testid="geo-type-plot"]');
    for (const [lat, lon] of [['43.2389', '76.8897'], ['43.2389', '76.8900'], ['43.2392', '76.8900']]) {
      await page.fill('[data-testid="geo-lat-plot"]', lat!);
      await page.fill('[data-testid="geo-lon-plot"]', lon!);
      await page.click('[data-testid="geo-save-typed-plot"]');
    }
    await expect.poll(() => pointsOf(page, 'plot').count()).toBe(3);
    await waitSaved(page, 'plot');
    expect(await page.textContent('[data-testid="geo-measure-plot"]')).toMatch(/^3 points · Perimeter: \d+ m · Area: \d+ m²$/);

    // The location questions pass axe's WCAG A and AA rules, and every control is 44 px tall.
    await page.click('[data-testid="geo-type-path"]');
    const violations = await page.evaluate(async () => {
      const a = (window as unknown as { axe: { run(ctx: Element, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await a.run(document.querySelector('[data-testid="section-site"]') ?? document.body, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);

    // Everything said saved is there after a reload.
    await page.reload();
    await page.waitForSelector('[data-testid="geo-saved-well"]');
    await expect.poll(() => pointsOf(page, 'path').count()).toBe(4);
    expect(await pointsOf(page, 'path').allTextContents()).toEqual(WALK.map((f) => `${f.latitude}, ${f.longitude} · ±${f.accuracy} m`));
    await expect.poll(() => pointsOf(page, 'plot').count()).toBe(3);

    // start-geopoint: where the visit was opened, recorded once as an answer (the first fix given).
    const started = await page.evaluate(
      () =>
        new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open('dala');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('answers').objectStore('answers').getAll();
            get.onsuccess = () => resolve((get.result as { item: string; value: unknown }[]).filter((a) => a.item === 'visit_start').map((a) => a.value));
          };
        }),
    );
    expect(started).toEqual(['43.2389 76.8897 0 30']);

    // The review shows them as read.
    await page.click('[data-testid="next"]');
    await page.waitForSelector('[data-testid="review"]');
    expect(await page.textContent('[data-testid="review-item-well"]')).toContain('43.238949, 76.889709 (±4 m)');
    expect(await page.textContent('[data-testid="review-item-path"]')).toContain('43.2396, 76.8904 (±4 m)');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('a browser that denies the location: the interviewer is told so and types the coordinates', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await denyLocation(context, page, new URL(env.server.url).origin);
    await startVisit(page);
    await page.click('[data-testid="geo-start-well"]');
    await page.waitForSelector('[data-testid="geo-failure-well"]');
    expect(await page.textContent('[data-testid="geo-failure-well"]')).toContain('Location permission is denied');
    // A typo is named, not saved.
    await page.fill('[data-testid="geo-lat-well"]', '143.2');
    await page.fill('[data-testid="geo-lon-well"]', '76.88');
    await page.click('[data-testid="geo-save-typed-well"]');
    await page.waitForSelector('[data-item="well"] .geo-typed .issue');
    expect(await page.textContent('[data-item="well"] .geo-typed .issue')).toBe('Not coordinates: latitude 143.2 is not between -90 and 90');
    await page.fill('[data-testid="geo-lat-well"]', '43,2389');
    await page.click('[data-testid="geo-save-typed-well"]');
    await page.waitForSelector('[data-testid="geo-saved-well"]');
    await waitSaved(page, 'well');
    expect(await page.textContent('[data-testid="geo-saved-well"]')).toBe('Location: 43.2389, 76.88');
    // A point of the path cannot be taken either: typed too.
    await page.click('[data-testid="geo-add-path"]');
    await page.waitForSelector('[data-testid="geo-failure-path"]');
    await page.fill('[data-testid="geo-lat-path"]', '43.2389');
    await page.fill('[data-testid="geo-lon-path"]', '76.8897');
    await page.click('[data-testid="geo-save-typed-path"]');
    await expect.poll(() => pointsOf(page, 'path').count()).toBe(1);
    await waitSaved(page, 'path');
    await context.close();
  });
});

/** The site's location permission set to denied, as a person who refused it (Chromium's own setting). */
async function denyLocation(context: BrowserContext, page: Page, origin: string): Promise<void> {
  const target = await context.newCDPSession(page);
  const { targetInfo } = (await target.send('Target.getTargetInfo')) as { targetInfo: { browserContextId?: string } };
  await target.detach();
  const browser = await env.browser.newBrowserCDPSession();
  await browser.send('Browser.setPermission', {
    permission: { name: 'geolocation' },
    setting: 'denied',
    origin,
    ...(targetInfo.browserContextId ? { browserContextId: targetInfo.browserContextId } : {}),
  });
  await browser.detach();
}
