/**
 * Issue 14, "data locked at rest": the shared tablet's data is in none of the browser's files once
 * Dala is locked, and a tab opened before the hand-over (or one that slept through it) shows nothing
 * of the interviewer's once kiosk mode starts. The kiosk PIN's tries count for the whole device.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, launchOwned, ROOT, serveDist, tempProfile, watchForeignRequests, type OwnedChromium } from './support/browser';
import { answer, startSession, waitSaved } from './support/interview';
import { firstStart, unlock } from './support/lock';
import { gradientPng } from './support/png';

/** Chromium's fake microphone, granted without a prompt (the media part of the day). */
const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const MEDIA_STUDY = join(ROOT, 'test/fixtures/instruments/media-study.json');
/** Written in the photo's own bytes (a PNG text chunk): a photo small enough to be stored as it is. */
const PHOTO_MARK = 'PHOTO-MARK-QX81-HOUSE';

/**
 * What an interviewer types that must never be found in clear on disk. The consent record is found by
 * who gave it (`by`: the interviewer's code, which the session record holds too).
 */
const SECRETS = {
  respondent: 'RSP-QX7-ZEBRA',
  interviewer: 'INT-KX4-OTTER',
  answer: 'Answer-UMBRA-5531 Astana',
  note: 'Note-VORTEX-8812 asked twice',
  /** The answer first given, then changed: afterwards only the audit log (paradata) holds it. */
  replaced: 'Replaced-QUASAR-2291 Almaty',
};

/** Every file under `dir`. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue; // a file that went while we looked (a lock file)
    }
    if (st.isDirectory()) out.push(...filesUnder(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}

/**
 * Where each secret is found in the profile's files: as UTF-8/Latin-1 bytes (V8 one-byte strings,
 * LevelDB's keys), as UTF-16 (V8 two-byte strings, localStorage's values), and by its first 8
 * characters alone (a string cut by a block boundary or by compression is still found by its start).
 */
function findSecrets(dir: string): string[] {
  const needles: { what: string; bytes: Buffer }[] = [];
  for (const [what, s] of Object.entries(SECRETS)) {
    for (const text of [s, s.slice(0, 8)]) {
      needles.push({ what: `${what} "${text}" (utf-8)`, bytes: Buffer.from(text, 'utf8') });
      needles.push({ what: `${what} "${text}" (utf-16)`, bytes: Buffer.from(text, 'utf16le') });
    }
  }
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const data = readFileSync(file);
    for (const n of needles) if (data.includes(n.bytes)) found.push(`${n.what} in ${file.slice(dir.length + 1)}`);
  }
  return found;
}

/** Which of `samples` (pieces of a file's bytes) are found in the profile's files. */
function findBytes(dir: string, samples: Buffer[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const data = readFileSync(file);
    samples.forEach((b, i) => {
      if (data.includes(b)) found.push(`sample ${i} in ${file.slice(dir.length + 1)}`);
    });
  }
  return found;
}

/**
 * The media part of the day: a household visit with a photo (its marker in its bytes) and a
 * recording from the fake microphone, each saved. Returns pieces of the recording's bytes as the app
 * plays them back, to look for on disk.
 */
async function mediaVisit(page: Page, photoFile: string): Promise<Buffer[]> {
  await page.goto(new URL('#/', page.url()).href);
  await page.click('[data-testid="open-form"]');
  await page.setInputFiles('[data-testid="form-file"]', MEDIA_STUDY);
  await page.waitForSelector('[data-testid="preview"] [data-item="house_photo"]');
  await page.click('[data-testid="save-study"]');
  await page.locator('li.card', { hasText: 'Household visit with photos' }).locator('[data-testid="new-session"]').click();
  await page.fill('[data-testid="interviewer"]', SECRETS.interviewer);
  await page.click('[data-testid="to-consent"]');
  await page.click('[data-testid="consent-agree"]');
  await page.setInputFiles('[data-testid="input-house_photo"]', photoFile);
  await waitSaved(page, 'house_photo');
  await page.click('[data-testid="record-story"]');
  await page.waitForSelector('[data-testid="rec-indicator"][data-state="recording"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="rec-indicator"]')?.textContent?.includes('0:04'));
  await page.click('[data-testid="rec-stop"]');
  await waitSaved(page, 'story');
  await page.waitForSelector('[data-testid="media-story"] audio[data-testid="media-audio"]');
  const bytes = Buffer.from(
    await page.evaluate(async () => {
      const a = document.querySelector<HTMLAudioElement>('[data-testid="media-story"] audio')!;
      return Array.from(new Uint8Array(await (await fetch(a.src)).arrayBuffer()));
    }),
  );
  expect(bytes.length).toBeGreaterThan(1000);
  // Pieces from the middle of the recording (its header is the same in every WebM).
  return [0.3, 0.5, 0.7, 0.9].map((f) => bytes.subarray(Math.floor(bytes.length * f), Math.floor(bytes.length * f) + 24));
}

/** Closes Chromium as a person would (its files are written out), and waits until it has exited. */
async function closeGracefully(owned: OwnedChromium): Promise<void> {
  const exited = new Promise<void>((res) => owned.proc.once('exit', () => res()));
  const cdp = await owned.browser.newBrowserCDPSession();
  await cdp.send('Browser.close').catch(() => {});
  await exited;
}

/** A device's day: a session with a code, a consent by the interviewer, a text answer changed once (the audit log keeps the old one) and a note; then locked (or not). */
async function interviewThenLeave(url: string, profileDir: string, lock: 'lock' | 'off'): Promise<{ found: string[]; media: string[] }> {
  const owned = await launchOwned(profileDir, FAKE_MEDIA);
  let samples: Buffer[] = [];
  const photoFile = join(profileDir, '..', `house-${process.pid}-${lock}.png`);
  writeFileSync(photoFile, gradientPng(320, 240, PHOTO_MARK));
  const foreign = watchForeignRequests(owned.context, new URL(url).origin);
  try {
    const page = owned.context.pages()[0] ?? (await owned.context.newPage());
    // The test reads the recording back from its object URL (the app's CSP lets only the app fetch).
    await (await owned.context.newCDPSession(page)).send('Page.setBypassCSP', { enabled: true });
    await page.goto(url);
    await firstStart(page, lock);
    await page.click('[data-testid="new-session"]');
    await page.fill('[data-testid="respondent-code"]', SECRETS.respondent);
    await page.fill('[data-testid="interviewer"]', SECRETS.interviewer);
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');
    await page.waitForSelector('[data-testid="item-occupation"]');
    await answer(page, 'occupation', { kind: 'fill', text: SECRETS.replaced });
    await waitSaved(page, 'occupation');
    await answer(page, 'occupation', { kind: 'fill', text: SECRETS.answer });
    await page.click('[data-testid="add-note-occupation"]');
    await page.fill('[data-testid="note-occupation"]', SECRETS.note);
    await page.locator('[data-testid="note-occupation"]').blur();
    await waitSaved(page, 'occupation');
    samples = await mediaVisit(page, photoFile);
    if (lock === 'lock') {
      await page.click('[data-testid="lock-now"]');
      await page.waitForSelector('[data-testid="lock-passphrase"]');
      expect(await page.textContent('body')).not.toContain(SECRETS.respondent);
    }
    await closeGracefully(owned);
  } catch (e) {
    owned.proc.kill('SIGKILL');
    throw e;
  }
  expect(foreign).toEqual([]);
  return { found: findSecrets(profileDir), media: [...findBytes(profileDir, [Buffer.from(PHOTO_MARK, 'latin1')]).map((f) => `photo ${f}`), ...findBytes(profileDir, samples).map((f) => `recording ${f}`)] };
}

describe('a locked tablet holds its data in none of the browser\'s files', () => {
  let server: Awaited<ReturnType<typeof serveDist>>;
  const locked = tempProfile();
  const open = tempProfile();
  beforeAll(async () => {
    server = await serveDist();
  });
  afterAll(async () => {
    await server?.close();
    locked.remove();
    open.remove();
  });

  it('after locking, no code, answer (nor the old one the audit log keeps), note, consent, photo or recording is in IndexedDB, Cache Storage, localStorage or any other file of the profile', async () => {
    // The same day on a device that kept its data unlocked: the search finds every secret there,
    // so finding none below means something.
    const inClear = await interviewThenLeave(server.url, open.dir, 'off');
    for (const what of Object.keys(SECRETS)) expect(inClear.found.join('\n'), what).toContain(`${what} "`);
    expect(inClear.found.some((f) => /IndexedDB/.test(f))).toBe(true);
    // The photo's bytes and the recording's are found there too.
    expect(inClear.media.join('\n')).toMatch(/photo sample 0 in .*IndexedDB/);
    expect(inClear.media.join('\n')).toMatch(/recording sample \d in .*IndexedDB/);

    const locked_ = await interviewThenLeave(server.url, locked.dir, 'lock');
    expect(locked_.found).toEqual([]);
    expect(locked_.media).toEqual([]);
    // And the data is all there for the passphrase.
    const owned = await launchOwned(locked.dir);
    try {
      const page = owned.context.pages()[0] ?? (await owned.context.newPage());
      await page.goto(server.url);
      await unlock(page);
      await page.waitForSelector('[data-testid="sessions-table"]');
      expect(await page.textContent('[data-testid="sessions-table"]')).toContain(SECRETS.respondent);
      // The photo opens again with the passphrase (its answer sealed, its bytes sealed chunk by chunk).
      await page.locator('[data-testid="sessions-table"] tr', { hasText: 'Household visit with photos' }).locator('a.btn').click();
      await page.waitForSelector('[data-item="house_photo"] [data-testid="media-image"]');
    } finally {
      await closeGracefully(owned);
    }
  });
});

const env = appUnderTest();

/** Replaces BroadcastChannel in a page with one that never delivers: a tab that sleeps through every message. */
const DEAF = () => {
  (window as unknown as { BroadcastChannel: unknown }).BroadcastChannel = undefined;
};

async function openTab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await unlock(page);
}

describe('kiosk mode closes every other tab of the app', () => {
  it('a tab opened before the hand-over is locked at once, one that missed the message locks itself when it is next focused, and PIN tries from two tabs count together', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 } });
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    const desk = await context.newPage();
    await desk.goto(env.server.url);
    await firstStart(desk);
    const url = await startSession(desk, 'R-HANDOVER');
    await answer(desk, 'sector', { kind: 'click', codes: ['private'] });

    // Two more tabs of the interviewer's, on the sessions list: one awake, one that will miss the message.
    const stale = await context.newPage();
    await openTab(stale, env.server.url);
    await stale.waitForSelector('[data-testid="sessions-table"]');
    const sleeper = await context.newPage();
    await sleeper.addInitScript(DEAF);
    await openTab(sleeper, env.server.url);
    await sleeper.waitForSelector('[data-testid="sessions-table"]');
    expect(await sleeper.textContent('[data-testid="sessions-table"]')).toContain('R-HANDOVER');

    // The hand-over.
    await desk.bringToFront();
    await desk.click('[data-testid="hand-over"]');
    await desk.fill('[data-testid="pin"]', '2468');
    await desk.fill('[data-testid="pin-again"]', '2468');
    await desk.click('[data-testid="start-kiosk"]');
    await desk.waitForSelector('[data-testid="kiosk"] [data-testid^="section-"]');

    // The awake tab is locked at once: nothing of the interviewer's is left on it.
    await stale.waitForSelector('[data-testid="lock-passphrase"]');
    expect(await stale.textContent('[data-testid="lock-reason"]')).toContain('kiosk mode');
    expect(await stale.textContent('body')).not.toContain('R-HANDOVER');
    expect(await stale.locator('[data-testid="export"], [data-testid="sessions-table"]').count()).toBe(0);

    // The tab that heard nothing still shows the list, until it is focused again.
    expect(await sleeper.locator('[data-testid="sessions-table"]').count()).toBe(1);
    await sleeper.bringToFront();
    await sleeper.evaluate(() => dispatchEvent(new Event('focus')));
    await sleeper.waitForSelector('[data-testid="lock-passphrase"]');
    expect(await sleeper.textContent('body')).not.toContain('R-HANDOVER');

    // With the passphrase, a tab shows kiosk mode too, never the interviewer's screens.
    await unlock(stale);
    await stale.waitForSelector('[data-testid="kiosk"] [data-testid^="section-"]');

    // Wrong PINs in two tabs count together: after five, either tab must wait.
    /** Types `pin` at a tab's kiosk PIN prompt and returns what the tab then says (its words change on every try). */
    const tryPin = async (page: Page, pin: string) => {
      if ((await page.locator('[data-testid="unlock-pin"]').count()) === 0) await page.click('[data-testid="kiosk-exit"]');
      const message = '[data-testid="unlock-message"]';
      const before = (await page.locator(message).count()) ? await page.textContent(message) : null;
      await page.fill('[data-testid="unlock-pin"]', pin);
      await page.click('[data-testid="unlock"]');
      await page.waitForFunction(([sel, b]) => (document.querySelector(sel!)?.textContent ?? null) !== b, [message, before] as const);
      return (await page.textContent(message))!;
    };
    const said: string[] = [];
    for (let i = 0; i < 5; i++) said.push(await tryPin(i % 2 ? stale : desk, '0000'));
    expect(said).toEqual([4, 3, 2, 1, 0].map((n) => `Wrong PIN. ${n} tries left before a pause.`));
    // Even the right PIN now waits, in either tab.
    expect(await tryPin(stale, '2468')).toMatch(/^Too many wrong PINs. Try again in \d+ seconds/);
    expect(await desk.locator('[data-testid="kiosk"]').count()).toBe(1);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
