/**
 * Issue 14, "trust", as people meet it in Chromium: a study link changed on the way is refused, on a
 * fresh phone and on one that holds the genuine study, in the respondent's words; a bundle forged with
 * the researcher's public key is refused by the researcher's import, and a counter of 2^53-1 is set
 * aside alone without poisoning the device's next files.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { demoStudy } from '../../src/core/demo/demo-study';
import type { Instrument } from '../../src/core/instrument/types';
import { encodeStudyLink } from '../../src/core/link/index';
import { fingerprint, newDeviceKey, type SigningKey } from '../../src/core/trust/keys';
import { signStudy } from '../../src/core/trust/study';
import { signBundleDocument } from '../../src/core/trust/bundle';
import { bundleToJson } from '../../src/core/bundle/from-session';
import type { Bundle } from '../../src/core/bundle/types';
import { encryptBundle } from '../../src/adapters/crypto-age/index';
import { deviceABundle, DEVICE_A } from '../fixtures/bundles/make-fixtures';
import { appUnderTest, watchForeignRequests } from './support/browser';
import { acceptNewDevices, answer, startSession } from './support/interview';
import { RESEARCHER_KEY_FILE, RESEARCHER_SIGNING_KEY, signedByResearcher } from './support/share';
import { gotoPastLock, gotoUnlocked } from './support/lock';

const RECIPIENT = 'age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj'; // researcher.key's
const ATTACKER_RECIPIENT = 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj';
const attacker = newDeviceKey(new Uint8Array(32).fill(66));
const tabletA = newDeviceKey(new Uint8Array(32).fill(1));
const dir = mkdtempSync(join(tmpdir(), 'dala-trust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = appUnderTest();
const foreign: string[] = [];

async function context(viewport = { width: 393, height: 851 }): Promise<BrowserContext> {
  const c = await env.browser.newContext({ viewport, acceptDownloads: true });
  foreign.push(...watchForeignRequests(c, new URL(env.server.url).origin));
  return c;
}
const linkOf = (ins: Instrument) => encodeStudyLink(ins, { base: env.server.url });

/** The genuine study, and one statement reworded on the way. */
const genuine = signedByResearcher({ ...demoStudy, id: 'trust-e2e', studyVersion: '1', recipients: [RECIPIENT] });
function edited(ins: Instrument): Instrument {
  const sections = structuredClone(ins.sections);
  sections.flatMap((s) => s.items).find((i) => i.type === 'likert')!.label = { en: 'Initiative should be punished.', ru: 'Инициатива наказуема.', kk: 'Бастама жазалануы керек.' };
  return { ...ins, sections };
}
const swapped = (ins: Instrument): Instrument => ({ ...ins, recipients: [ATTACKER_RECIPIENT] });

async function opens(page: Page, link: string): Promise<{ reason: string | null; text: string }> {
  await page.goto('about:blank');
  await page.goto(link);
  await page.waitForSelector('[data-testid="link-error"], [data-testid="self-welcome"]');
  return { reason: await page.getAttribute('[data-testid="link-error"]', 'data-reason').catch(() => null), text: (await page.textContent('main')) ?? '' };
}

describe('a study link changed on the way', () => {
  it('is refused on a fresh phone, with what to do, and adds nothing', async () => {
    const phone = await context();
    const page = await phone.newPage();
    for (const [what, ins, reason] of [
      ['edited questions', edited(genuine), 'forged'],
      ['a swapped key', swapped(genuine), 'forged'],
      ['no signature', (({ signature: _s, ...rest }) => rest)(genuine) as Instrument, 'unsigned'],
    ] as const) {
      const seen = await opens(page, linkOf(ins));
      expect(seen.reason, what).toBe(reason);
      expect(seen.text, what).toContain(reason === 'forged' ? 'This study was changed after the researcher signed it' : 'This study is not signed by its researcher');
      expect(seen.text, what).not.toContain('Initiative should be punished');
    }
    // The genuine link opens after them: nothing was pinned or added by the refused ones.
    const ok = await opens(page, linkOf(genuine));
    expect(ok.reason).toBeNull();
    expect(await page.textContent('[data-testid="link-signer"]')).toContain(fingerprint(RESEARCHER_SIGNING_KEY.publicKey));
    await phone.close();
  });

  it('is refused on a phone that holds the genuine study, re-signed or not, in Russian for a Russian phone', async () => {
    const phone = await context();
    const page = await phone.newPage();
    expect((await opens(page, linkOf(genuine))).reason).toBeNull();
    for (const [what, ins, reason] of [
      ['edited questions, the signature kept', edited(genuine), 'forged'],
      ['a swapped key, the signature kept', swapped(genuine), 'forged'],
      ['edited questions, re-signed by another key', signStudy(edited(genuine), attacker), 'other-signer'],
      ['a swapped key, re-signed by another key', signStudy(swapped(genuine), attacker), 'other-signer'],
    ] as const) {
      expect((await opens(page, linkOf(ins))).reason, what).toBe(reason);
    }
    await page.evaluate(() => localStorage.setItem('dala.appLang', 'ru'));
    const ru = await opens(page, linkOf(signStudy(swapped(genuine), attacker)));
    expect(ru.reason).toBe('other-signer');
    expect(ru.text).toContain('На этом устройстве уже есть это исследование от другого исследователя');
    // The study it holds keeps its questions and its researcher's key.
    const back = await opens(page, linkOf(genuine));
    expect(back.reason).toBeNull();
    expect(foreign).toEqual([]);
    await phone.close();
  });
});

/** A bundle file as a device writes it: signed with the device's key, encrypted to the researcher. */
async function bundleFile(name: string, bundle: Bundle, key: SigningKey): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await encryptBundle(bundleToJson(signBundleDocument(bundle, key)), { recipients: [RECIPIENT] }, false));
  return path;
}

async function readImport(page: Page, files: string[]): Promise<void> {
  await gotoPastLock(page, env.server.url + '#/import'); // the researcher's computer keeps its data unlocked
  await page.setInputFiles('[data-testid="import-files"]', files);
  await page.setInputFiles('[data-testid="identity-file"]', RESEARCHER_KEY_FILE);
  await page.click('[data-testid="import-read"]');
  await page.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
}
const cell = (page: Page, file: string, k: string) => page.locator(`[data-testid="merge-report"] tr[data-file="${file}"] td[data-k="${k}"]`).textContent();

describe('bundles forged with the researcher\u2019s public key', () => {
  it('the researcher accepts a tablet once; a file that claims it with another key is refused whole, and a counter of 2^53-1 is set aside alone', async () => {
    const desk = await context({ width: 1024, height: 768 });
    const page = await desk.newPage();
    // The tablet's first file: a new device, read once accepted by its fingerprint.
    await readImport(page, [await bundleFile('tablet-a.dala.age', deviceABundle(), tabletA)]);
    expect(Object.values(await acceptNewDevices(page))).toEqual([fingerprint(tabletA.publicKey)]);
    expect(await cell(page, 'tablet-a.dala.age', 'new')).toBe('3');
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-done"]');

    // The attacker: device A's id, a counter far ahead and another answer, signed with their own key.
    const forged = deviceABundle();
    forged.responses[0]!.answers.age = { value: 99, at: '2024-06-01T00:00:00Z' };
    forged.responses[0]!.revision.vv[DEVICE_A] = 10;
    // Device A's own next file, with one record whose counter was pushed to 2^53-1, and one real edit.
    const next = deviceABundle();
    next.responses[1]!.revision.vv[DEVICE_A] = 2 ** 53 - 1;
    next.responses[0]!.answers.age = { value: 36, at: '2024-05-03T00:00:00Z' };
    next.responses[0]!.revision = { ...next.responses[0]!.revision, at: '2024-05-03T00:00:00Z', vv: { [DEVICE_A]: 10 } };
    await readImport(page, [await bundleFile('forged.dala.age', forged, attacker), await bundleFile('tablet-a-2.dala.age', next, tabletA)]);
    const forgedRow = page.locator('[data-testid="merge-report"] tr[data-file="forged.dala.age"]');
    expect(await forgedRow.locator('[data-testid="rejected-reason"]').getAttribute('data-code')).toBe('impostor');
    expect(await forgedRow.textContent()).toContain('refused as forged');
    expect(await cell(page, 'tablet-a-2.dala.age', 'updated')).toBe('1');
    expect(await cell(page, 'tablet-a-2.dala.age', 'rejected')).toMatch(/^1/);
    expect(await page.locator('[data-testid="merge-report"] tr[data-file="tablet-a-2.dala.age"]').textContent()).toContain('more than any device makes');
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-done"]');

    // The tablet's next write (counter 11) is still read: nothing was poisoned.
    const later = deviceABundle();
    later.responses[0]!.answers.age = { value: 37, at: '2024-05-04T00:00:00Z' };
    later.responses[0]!.revision = { ...later.responses[0]!.revision, at: '2024-05-04T00:00:00Z', vv: { [DEVICE_A]: 11 } };
    await readImport(page, [await bundleFile('tablet-a-3.dala.age', later, tabletA)]);
    expect(await cell(page, 'tablet-a-3.dala.age', 'updated')).toBe('1');
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-done"]');
    expect(foreign).toEqual([]);
    await desk.close();
  });
});

describe('a device accepted ahead of its first file', () => {
  it("the researcher pastes the tablet's card, compares the fingerprint, accepts it; the tablet's file then imports without asking", async () => {
    const tablet = await context({ width: 1024, height: 768 });
    const tpage = await tablet.newPage();
    await gotoPastLock(tpage, env.server.url + '#/settings', 'lock'); // the tablet keeps its data locked: its signing key is sealed
    await tpage.fill('[data-testid="device-label"]', 'Tablet 7, Almaty');
    await tpage.click('[data-testid="device-label-save"]');
    await tpage.click('[data-testid="device-card-box"] summary');
    await tpage.waitForSelector('[data-testid="device-qr"]');
    const card = (await tpage.textContent('[data-testid="device-card"]'))!.trim();
    expect(card).toContain('Tablet%207%2C%20Almaty');
    const print = (await tpage.textContent('[data-testid="device-fingerprint"]'))!.trim();

    const desk = await context({ width: 1024, height: 768 });
    const page = await desk.newPage();
    await gotoPastLock(page, env.server.url + '#/import'); // the researcher's computer keeps its data unlocked
    await page.click('[data-testid="enroll"] summary');
    // A card damaged in copying is refused, by its checksum.
    await page.fill('[data-testid="enroll-paste"]', card.replace(/ed25519:(.)/, (_m, c: string) => `ed25519:${c === 'A' ? 'B' : 'A'}`));
    await page.click('[data-testid="enroll-read"]');
    expect(await page.textContent('[data-testid="enroll-error"]')).toContain('checksum');
    await page.fill('[data-testid="enroll-paste"]', card);
    await page.click('[data-testid="enroll-read"]');
    expect((await page.textContent('[data-testid="enroll-fingerprint"]'))!.trim()).toBe(print);
    expect(await page.textContent('[data-testid="enroll-card"]')).toContain('Tablet 7, Almaty');
    await page.click('[data-testid="enroll-accept"]');
    expect(await page.getAttribute('[data-testid="enroll-outcome"]', 'data-outcome')).toBe('accepted');
    expect(await page.textContent('[data-testid="known-devices"]')).toContain(print);

    // The tablet interviews, and exports to the researcher's key.
    await gotoUnlocked(tpage, `${env.server.url}#/data/${demoStudy.id}/${demoStudy.studyVersion}`);
    await tpage.click('summary:has-text("Researcher")');
    await tpage.fill('[data-testid="recipients"]', RECIPIENT);
    await tpage.click('[data-testid="save-recipients"]');
    await tpage.waitForSelector('[data-testid="recipients-status"]');
    await gotoUnlocked(tpage, env.server.url);
    await startSession(tpage, 'R-ENROL');
    await answer(tpage, 'sector', { kind: 'click', codes: ['private'] });
    await gotoUnlocked(tpage, `${env.server.url}#/data/${demoStudy.id}/${demoStudy.studyVersion}`);
    await tpage.check('[data-testid="enc-recipients"]');
    const [dl] = await Promise.all([tpage.waitForEvent('download'), tpage.click('[data-testid="export"]')]);
    const exported = join(dir, 'tablet-7.dala.age');
    await dl.saveAs(exported);

    await page.goto(env.server.url + '#/import');
    await page.setInputFiles('[data-testid="import-files"]', [exported]);
    await page.setInputFiles('[data-testid="identity-file"]', RESEARCHER_KEY_FILE);
    await page.click('[data-testid="import-read"]');
    await page.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="new-device"]').count()).toBe(0);
    expect(await cell(page, 'tablet-7.dala.age', 'new')).toBe('1');
    expect(foreign).toEqual([]);
    await tablet.close();
    await desk.close();
  });
});
