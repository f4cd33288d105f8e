import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoStudy } from '../../src/core/demo/demo-study';
import type { Item } from '../../src/core/instrument/types';
import { killHard, launchOwned, serveDist, tempProfile, watchForeignRequests } from './support/browser';
import { answer, planAnswers, readBack, startSession, type Planned } from './support/interview';
import { firstStart, unlock } from './support/lock';

const ROUNDS = 20;

let server: Awaited<ReturnType<typeof serveDist>>;
const profile = tempProfile();

beforeAll(async () => {
  server = await serveDist();
});
afterAll(async () => {
  await server?.close();
  profile.remove();
});

/** What IndexedDB must hold for a planned answer. */
function stored(item: Item, p: Planned): unknown {
  if (p.kind === 'fill') return item.type === 'integer' || item.type === 'decimal' ? Number(p.text) : p.text;
  if (p.kind === 'check') return 'OK';
  return item.type === 'select_multiple' ? p.codes : p.codes[0];
}

/**
 * The answers IndexedDB holds for a session, as stored: with the data lock on, each is sealed, so what
 * is read here is whether it is there and sealed (its value is read back through the screens).
 */
async function readAnswers(page: Page, sessionId: string): Promise<Record<string, unknown>> {
  return page.evaluate(
    (id) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = indexedDB.open('dala');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction('answers').objectStore('answers').index('bySession').getAll(id);
          get.onsuccess = () => {
            const out: Record<string, unknown> = {};
            for (const a of get.result as { item: string; value?: unknown; enc?: unknown }[]) out[a.item] = a.enc instanceof Uint8Array && !('value' in a) ? 'sealed' : a.value;
            db.close();
            resolve(out);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    sessionId,
  );
}

describe('the browser is killed right after "saved"', () => {
  it(`every answer reported saved survives ${ROUNDS} SIGKILLs of the whole browser`, async () => {
    // Items that take an answer, in every section, with the section they are on. Only items without
    // relevance conditions, so each is on screen whatever was answered before.
    const targets: { item: Item; section: number }[] = [];
    demoStudy.sections.forEach((s, i) => {
      if (s.relevant) return;
      for (const it of s.items) if (!it.relevant && it.type !== 'note' && it.type !== 'calculate') targets.push({ item: it, section: i });
    });
    const expected: Record<string, unknown> = {};
    /** The last plan saved of each item, read back through the screens at the end. */
    const given = new Map<string, { plan: Planned; section: number }>();
    let sessionUrl = '';
    let sessionId = '';
    const foreign: string[] = [];
    // A deterministic "random" sequence: the moments are spread, the test is repeatable.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

    for (let round = 0; round < ROUNDS; round++) {
      const owned = await launchOwned(profile.dir);
      try {
        foreign.push(...watchForeignRequests(owned.context, new URL(server.url).origin));
        const page = owned.context.pages()[0] ?? (await owned.context.newPage());
        if (round === 0) {
          await page.goto(server.url);
          await firstStart(page); // the data lock on: every answer is sealed before its transaction
          await page.waitForSelector('[data-testid="new-session"]');
          sessionUrl = await startSession(page, 'R-KILL');
          sessionId = decodeURIComponent(/#\/session\/([^/]+)\//.exec(sessionUrl)![1]!);
        } else {
          // Everything reported saved before the last kill is still there.
          await page.goto(server.url);
          await unlock(page);
          await page.waitForSelector('[data-testid="new-session"]');
          const sealed = Object.fromEntries(Object.keys(expected).map((k) => [k, 'sealed']));
          expect(await readAnswers(page, sessionId), `after kill ${round}`).toMatchObject(sealed);
        }
        // Answer one to three items (new ones, or change earlier ones), then kill at once or a moment later.
        const count = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < count; k++) {
          const t = targets[Math.floor(rand() * targets.length)]!;
          const plan = planAnswers(demoStudy, round + k).get(t.item.name)!;
          await page.goto(sessionUrl.replace(/\/\d+$/, `/${t.section}`));
          await page.waitForSelector(`[data-testid="item-${t.item.name}"]`);
          if (await readBack(page, t.item.name, plan)) {
            expected[t.item.name] = stored(t.item, plan);
            given.set(t.item.name, { plan, section: t.section });
            continue;
          }
          if (plan.kind === 'click' && t.item.type === 'select_multiple') {
            // Start from a clean list so the stored array is exactly the plan.
            for (const box of await page.$$(`[data-testid^="opt-${t.item.name}-"]:checked`)) await box.uncheck();
          }
          await answer(page, t.item.name, plan);
          expected[t.item.name] = stored(t.item, plan);
          given.set(t.item.name, { plan, section: t.section });
        }
        const delay = Math.floor(rand() * 40);
        if (delay) await new Promise((r) => setTimeout(r, delay));
      } finally {
        await killHard(owned);
      }
    }
    // One last launch reads everything back.
    const owned = await launchOwned(profile.dir);
    try {
      const page = owned.context.pages()[0] ?? (await owned.context.newPage());
      await page.goto(server.url);
      await unlock(page);
      await page.waitForSelector('[data-testid="new-session"]');
      const final = await readAnswers(page, sessionId);
      expect(final).toMatchObject(Object.fromEntries(Object.keys(expected).map((k) => [k, 'sealed'])));
      expect(Object.keys(expected).length).toBeGreaterThanOrEqual(10);
      // Each answer opens with the passphrase's key and is the last one reported saved.
      for (const [name, { plan, section }] of given) {
        await page.goto(sessionUrl.replace(/\/\d+$/, `/${section}`));
        await page.waitForSelector(`[data-testid="item-${name}"]`);
        expect(await readBack(page, name, plan), `${name} read back after the last kill`).toBe(true);
      }
    } finally {
      await killHard(owned);
    }
    expect(foreign).toEqual([]);
  });
});
