/**
 * The data lock, driven as an interviewer does: the choice at a device's first start, and the
 * passphrase whenever a page of the app opens locked (a reload, a new tab, after kiosk mode or idle).
 */
import type { Page } from 'playwright-core';

/** The passphrase the tests lock their devices with. */
export const PASSPHRASE = 'steppe tablet 2026';

/**
 * A device's first start: locks its data with `PASSPHRASE` ('lock', the default) or keeps it unlocked
 * after the warning ('off'). Returns once the app is shown.
 */
export async function firstStart(page: Page, choice: 'lock' | 'off' = 'lock'): Promise<void> {
  await page.waitForSelector('[data-testid="lock-setup"]');
  if (choice === 'off') {
    await page.click('[data-testid="lock-keep-off"]');
    await page.click('[data-testid="lock-keep-off-confirm"]');
  } else {
    await page.fill('[data-testid="lock-new"]', PASSPHRASE);
    await page.fill('[data-testid="lock-new-again"]', PASSPHRASE);
    await page.click('[data-testid="lock-setup-start"]');
  }
  await page.waitForSelector('[data-testid="lock-screen"]', { state: 'detached', timeout: 30_000 });
}

/** A page that opened locked: the passphrase, then the app as it was. */
export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.waitForSelector('[data-testid="lock-passphrase"]');
  await page.fill('[data-testid="lock-passphrase"]', passphrase);
  await page.click('[data-testid="lock-unlock"]');
  await page.waitForSelector('[data-testid="lock-screen"]', { state: 'detached', timeout: 30_000 });
}

/** Opens `url` on a device that starts for the first time, and gets past the lock's first-start choice. */
export async function openFirstTime(page: Page, url: string, choice: 'lock' | 'off' = 'lock'): Promise<void> {
  await page.goto(url);
  await firstStart(page, choice);
}

/**
 * Goes to `url` in a page of the app and gets past the lock if it shows: a new page of the app opens
 * locked while the lock is on (a move within the page, to another `#/...`, does not).
 */
export async function gotoUnlocked(page: Page, url: string, passphrase = PASSPHRASE): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="lock-passphrase"], #main:not([data-testid="lock-screen"])');
  if ((await page.locator('[data-testid="lock-passphrase"]').count()) > 0) await unlock(page, passphrase);
}

/**
 * Opens the app's home page at `url` in a context that may or may not have started before: makes the
 * first-start choice (`choice`) if it is asked, gives the passphrase if the app opens locked.
 */
export async function openHome(page: Page, url: string, choice: 'lock' | 'off' = 'off'): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="lock-setup"], [data-testid="lock-passphrase"], [data-testid="new-session"]');
  if ((await page.locator('[data-testid="lock-setup"]').count()) > 0) await firstStart(page, choice);
  else if ((await page.locator('[data-testid="lock-passphrase"]').count()) > 0) await unlock(page);
  await page.waitForSelector('[data-testid="new-session"]');
}

/**
 * Goes to `url` (a page of the app, not a study link) in a context that may not have started yet:
 * makes the first-start choice (`choice`) if it is asked, gives the passphrase if the page opens locked.
 */
export async function gotoPastLock(page: Page, url: string, choice: 'lock' | 'off' = 'off'): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="lock-setup"], [data-testid="lock-passphrase"], #main:not([data-testid="lock-screen"])');
  if ((await page.locator('[data-testid="lock-setup"]').count()) > 0) await firstStart(page, choice);
  else if ((await page.locator('[data-testid="lock-passphrase"]').count()) > 0) await unlock(page);
}
