/**
 * The kill test (./kill-durability.test.ts) in the middle of a repeat: an interviewer adds household
 * members one after another, with the data lock on, and the whole browser is SIGKILLed at once or a
 * moment after a name is reported saved, while the next member is being added or typed. After each
 * relaunch every member whose name was reported saved is there, with that name.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterForm } from '../fixtures/xlsform/roster-form';
import { killHard, launchOwned, serveDist, tempProfile, watchForeignRequests } from './support/browser';
import { firstStart, unlock } from './support/lock';

const ROUNDS = 8;

let server: Awaited<ReturnType<typeof serveDist>>;
const profile = tempProfile();
const dir = mkdtempSync(join(tmpdir(), 'dala-roster-kill-'));
writeFileSync(join(dir, 'roster.xlsx'), rosterForm());

beforeAll(async () => {
  server = await serveDist();
});
afterAll(async () => {
  await server?.close();
  profile.remove();
  rmSync(dir, { recursive: true, force: true });
});

const input = (scope: Locator, item: string) => scope.locator(`[data-testid^="input-"][data-testid$="/${item}"]`).first();
const savedMark = (scope: Locator, item: string) => scope.locator(`[data-testid^="status-"][data-testid$="/${item}"][data-status="saved"]`).first();
/** The names on the members' entries, in order. */
const titles = (page: Page) => page.locator('[data-testid^="title-member-"]').allTextContents();

describe('the browser is killed in the middle of a repeat', () => {
  it(`every member whose name was reported saved survives ${ROUNDS} SIGKILLs`, async () => {
    let rosterUrl = '';
    /** Names reported saved, in the order added. */
    const saved: string[] = [];
    const foreign: string[] = [];
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

    for (let round = 0; round < ROUNDS; round++) {
      const owned = await launchOwned(profile.dir);
      try {
        foreign.push(...watchForeignRequests(owned.context, new URL(server.url).origin));
        const page = owned.context.pages()[0] ?? (await owned.context.newPage());
        if (round === 0) {
          await page.goto(server.url);
          await firstStart(page); // the data lock on: every answer and every marker is sealed
          await page.click('[data-testid="open-form"]');
          await page.setInputFiles('[data-testid="form-file"]', join(dir, 'roster.xlsx'));
          await page.waitForSelector('[data-testid="preview"]');
          await page.click('[data-testid="save-study"]');
          await page.locator('li.card', { hasText: 'Household roster' }).locator('[data-testid="new-session"]').click();
          await page.fill('[data-testid="interviewer"]', 'AK');
          await page.click('[data-testid="to-consent"]');
          await page.click('[data-testid="consent-agree"]');
          await page.waitForSelector('[data-testid="input-village"]');
          rosterUrl = page.url().replace(/\/\d+$/, '/1');
          await page.goto(rosterUrl);
        } else {
          await page.goto(rosterUrl);
          await unlock(page);
          // Everything reported saved before the last kill is still there.
          await page.waitForSelector('[data-testid="repeat-member"]');
          const now = await titles(page);
          for (const name of saved) expect(now, `after kill ${round}`).toContain(`Member: ${name}`);
        }
        await page.waitForSelector('[data-testid="repeat-member"]');
        // One or two members: the first's name waited for (reported saved), the second's typed and the browser killed.
        const count = 1 + Math.floor(rand() * 2);
        for (let k = 0; k < count; k++) {
          const before = await page.locator('[data-testid^="instance-member-"]').count();
          await page.click('[data-testid="add-member"]');
          const member = page.locator(`[data-testid="instance-member-${before + 1}"]`);
          const name = `M${round}-${k}`;
          await input(member, 'name').fill(name);
          if (k === count - 1 && rand() < 0.5) break; // killed while typing: not reported saved, may be lost
          await input(member, 'name').blur();
          await savedMark(member, 'name').waitFor();
          saved.push(name);
          await input(member, 'age').fill(String(20 + round)); // typed, then killed any moment
        }
        const delay = Math.floor(rand() * 40);
        if (delay) await new Promise((r) => setTimeout(r, delay));
      } finally {
        await killHard(owned);
      }
    }
    const owned = await launchOwned(profile.dir);
    try {
      const page = owned.context.pages()[0] ?? (await owned.context.newPage());
      await page.goto(rosterUrl);
      await unlock(page);
      await page.waitForSelector('[data-testid="repeat-member"]');
      const now = await titles(page);
      for (const name of saved) expect(now).toContain(`Member: ${name}`);
      expect(saved.length).toBeGreaterThanOrEqual(ROUNDS / 2);
    } finally {
      await killHard(owned);
    }
    expect(foreign).toEqual([]);
  });
});
