import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { BrowserContext, Page } from 'playwright-core';
import { appUnderTest, smallTargets, watchForeignRequests } from './support/browser';
import { acceptNewDevices, answer, startSession } from './support/interview';
import { runPspp } from '../support/tool';
import { firstStart, gotoUnlocked } from './support/lock';

const dir = mkdtempSync(join(tmpdir(), 'dala-transfer-'));
const foreign: string[] = [];

const env = appUnderTest();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function device(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1024, height: 768 } });
  foreign.push(...watchForeignRequests(context, new URL(env.server.url).origin));
  const page = await context.newPage();
  await page.goto(env.server.url);
  await firstStart(page); // every device here keeps its data locked: exports and imports read and write sealed records
  await page.waitForSelector('[data-testid="new-session"]');
  return { context, page };
}

async function saveDownload(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, name);
  await dl.saveAs(path);
  return path;
}

/** Answers the three Strategy statements of a session (section 2 of the demo study). */
async function rateStrategy(page: Page, sessionUrl: string, values: [string, string, string]): Promise<void> {
  await gotoUnlocked(page, sessionUrl.replace(/\/\d+$/, '/2'));
  await page.waitForSelector('[data-testid="section-strategy"]');
  for (const [i, v] of values.entries()) {
    if (await page.isChecked(`[data-testid="opt-s${i + 1}-${v}"]`)) continue; // already so: no new write
    await answer(page, `s${i + 1}`, { kind: 'click', codes: [v] });
  }
}

async function openStudyData(page: Page): Promise<void> {
  await gotoUnlocked(page, env.server.url);
  await page.click('[data-testid="study-data"]');
  await page.waitForSelector('[data-testid="export"]');
}

async function exportWith(page: Page, how: { passphrase: string } | 'recipients', name: string): Promise<string> {
  await openStudyData(page);
  if (how === 'recipients') await page.check('[data-testid="enc-recipients"]');
  else {
    await page.check('[data-testid="enc-passphrase"]');
    await page.fill('[data-testid="export-pass"]', how.passphrase);
    await page.fill('[data-testid="export-pass2"]', how.passphrase);
  }
  const path = await saveDownload(page, () => page.click('[data-testid="export"]'), name);
  await page.waitForSelector('[data-testid="export-message"]');
  return path;
}

async function importFiles(page: Page, files: string[], keys: { identity?: string; passphrase?: string }): Promise<Record<string, Record<string, number>>> {
  await gotoUnlocked(page, env.server.url + '#/import');
  await page.setInputFiles('[data-testid="import-files"]', files);
  if (keys.identity) await page.setInputFiles('[data-testid="identity-file"]', keys.identity);
  if (keys.passphrase) await page.fill('[data-testid="import-pass"]', keys.passphrase);
  expect(await smallTargets(page), 'import').toEqual([]);
  await page.click('[data-testid="import-read"]');
  await page.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
  // The tablets are seen for the first time: the researcher accepts them by their fingerprints.
  await acceptNewDevices(page);
  const report = await page.$$eval('[data-testid="merge-report"] tbody tr', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.getAttribute('data-file')!,
        Object.fromEntries([...r.querySelectorAll('td[data-k]')].map((td) => [td.getAttribute('data-k')!, Number.parseInt(td.textContent ?? '0', 10)])),
      ]),
    ),
  );
  if (await page.isEnabled('[data-testid="import-commit"]')) {
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-done"]');
  }
  return report;
}

async function wideCsv(page: Page, name: string): Promise<Record<string, string>[]> {
  await openStudyData(page);
  await page.click('[data-testid="csv-make"]');
  const path = await saveDownload(page, () => page.click('[data-testid="csv-download"]'), name);
  const text = readFileSync(path, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
}

describe('two tablets and a researcher, no server', () => {
  it('exports, imports in either order and twice, resolves a conflict, exports CSV with the figures of all answers at once, and SPSS syntax that PSPP reads it with', async () => {
    // The researcher makes a key; the tablets get its recipient.
    const researcher = await device();
    await gotoUnlocked(researcher.page, env.server.url + '#/settings');
    const keyFile = await saveDownload(researcher.page, () => researcher.page.click('[data-testid="make-key"]'), 'researcher.key.txt');
    const recipient = (await researcher.page.textContent('[data-testid="recipient"]'))!.trim();
    expect(recipient).toMatch(/^age1/);
    expect(readFileSync(keyFile, 'utf8')).toContain('AGE-SECRET-KEY-1');

    const a = await device();
    const b = await device();
    await gotoUnlocked(b.page, env.server.url + '#/settings');
    await b.page.fill('[data-testid="device-label"]', 'Tablet B');
    await b.page.click('[data-testid="device-label-save"]');
    await b.page.waitForSelector('text=Saved');
    for (const t of [a, b]) {
      await openStudyData(t.page);
      await t.page.click('summary:has-text("Researcher")');
      await t.page.fill('[data-testid="recipients"]', recipient);
      await t.page.click('[data-testid="save-recipients"]');
    }

    // Tablet A: two interviews; one (X) is handed to tablet B to be continued there.
    await gotoUnlocked(a.page, env.server.url);
    const x = await startSession(a.page, 'R-X');
    await answer(a.page, 'sector', { kind: 'click', codes: ['public'] });
    await rateStrategy(a.page, x, ['4', '4', '4']);
    await gotoUnlocked(a.page, env.server.url);
    const a1 = await startSession(a.page, 'R-A1');
    await answer(a.page, 'sector', { kind: 'click', codes: ['private'] });
    await rateStrategy(a.page, a1, ['2', '3', '1']);
    const handover = await exportWith(a.page, { passphrase: 'steppe-wind-42' }, 'handover.dala.age');
    const report = await importFiles(b.page, [handover], { passphrase: 'steppe-wind-42' });
    expect(report['handover.dala.age']).toMatchObject({ new: 2, rejected: 0 });

    // Both tablets change X, concurrently; B adds its own interview.
    await rateStrategy(a.page, x, ['5', '4', '4']);
    await rateStrategy(b.page, x.replace(new URL(x).origin, new URL(b.page.url()).origin), ['1', '4', '4']);
    await gotoUnlocked(b.page, env.server.url);
    const b1 = await startSession(b.page, 'R-B1');
    await answer(b.page, 'sector', { kind: 'click', codes: ['public'] });
    await rateStrategy(b.page, b1, ['3', '3', '3']);

    const fileA = await exportWith(a.page, 'recipients', 'tablet-a.dala.age');
    const fileB = await exportWith(b.page, 'recipients', 'tablet-b.dala.age');
    // The tablets cannot read their own exports back.
    const selfRead = await importFiles(a.page, [fileA], { passphrase: 'steppe-wind-42' });
    expect(selfRead['tablet-a.dala.age']).toMatchObject({ rejected: 1 });
    expect(await a.page.textContent('[data-testid="rejected-reason"]')).toMatch(/key|identity/i);

    // The researcher imports A then B, then both again: the second time changes nothing.
    const first = await importFiles(researcher.page, [fileA, fileB], { identity: keyFile });
    expect(first['tablet-a.dala.age']).toMatchObject({ new: 2, rejected: 0 });
    expect(first['tablet-b.dala.age']).toMatchObject({ new: 1, identical: 1, conflict: 1, rejected: 0 });
    const again = await importFiles(researcher.page, [fileB, fileA], { identity: keyFile });
    expect(again['tablet-a.dala.age']).toMatchObject({ new: 0, updated: 0, conflict: 0 });
    expect(again['tablet-b.dala.age']).toMatchObject({ new: 0, updated: 0, conflict: 0 });
    const beforeResolve = await wideCsv(researcher.page, 'before.csv');

    // A second researcher profile imports in the other order: the same data.
    const other = await device();
    await importFiles(other.page, [fileB], { identity: keyFile });
    // B's copy of X carries A's writes, which this profile has not had from A yet: set aside until A's own file is in.
    const aThenB = await importFiles(other.page, [fileA, fileA, fileB], { identity: keyFile });
    expect(aThenB['tablet-b.dala.age']).toMatchObject({ conflict: 1 });
    const otherCsv = await wideCsv(other.page, 'other.csv');
    const strip = (rows: Record<string, string>[]) => rows.map((r) => ({ ...r })).sort((p, q) => (p.id! < q.id! ? -1 : 1));
    expect(strip(otherCsv)).toEqual(strip(beforeResolve));

    // The conflict on X: the researcher keeps tablet B's version.
    await gotoUnlocked(researcher.page, env.server.url + '#/conflicts');
    await researcher.page.waitForSelector('[data-testid="conflict"]');
    expect(await researcher.page.locator('[data-testid="conflict"]').count()).toBe(1);
    // The versions are named by the devices' names and the rows by the questions' labels.
    expect(await researcher.page.textContent('[data-testid="conflict"] thead')).toContain('Tablet B');
    expect(await researcher.page.textContent('[data-testid="conflict"] tr[data-item="s1"] th')).toContain('clearly define the strategy');
    const s1Values = await researcher.page.$$eval('[data-testid="conflict"] tr[data-item="s1"] td', (cells) => cells.map((c) => c.getAttribute('data-value')));
    const pickB = s1Values.indexOf('"1"');
    await researcher.page.check(`[data-testid="pick-${pickB}"]`);
    await researcher.page.click('[data-testid="resolve"]');
    await researcher.page.waitForSelector('[data-testid="no-conflicts"]');

    // CSV: three responses, X with tablet B's rating; the means are those of all answers at once.
    const rows = await wideCsv(researcher.page, 'after.csv');
    const byCode = Object.fromEntries(rows.map((r) => [r.respondentCode, r]));
    expect(Object.keys(byCode).sort()).toEqual(['R-A1', 'R-B1', 'R-X']);
    expect(byCode['R-X']).toMatchObject({ sector: 'public', s1: '1', s2: '4', s3: '4' });
    expect(byCode['R-A1']).toMatchObject({ sector: 'private', s1: '2', s2: '3', s3: '1' });
    expect(byCode['R-B1']).toMatchObject({ sector: 'public', s1: '3', s2: '3', s3: '3' });

    // The SPSS syntax offered beside that CSV, its labels in Kazakh (the app is in English), reads its
    // copy of the CSV (one line per response) in GNU PSPP: the same values, with labels.
    const spssDir = mkdtempSync(join(dir, 'spss-'));
    expect(await researcher.page.inputValue('[data-testid="csv-script-lang"]')).toBe('en');
    await researcher.page.selectOption('[data-testid="csv-script-lang"]', 'kk');
    await researcher.page.click('[data-testid="csv-make"]');
    // Every control of the screen, the folded ones (the researcher's keys) too, is made for a finger.
    await researcher.page.waitForSelector('[data-testid="csv-files"]');
    await researcher.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await smallTargets(researcher.page), 'study data').toEqual([]);
    for (const button of ['csv-spss-data', 'csv-spss']) {
      const [dl] = await Promise.all([researcher.page.waitForEvent('download'), researcher.page.click(`[data-testid="${button}"]`)]);
      await dl.saveAs(join(spssDir, dl.suggestedFilename()));
    }
    const syntax = readdirSync(spssDir).find((f) => f.endsWith('.sps'))!;
    const out = runPspp(spssDir, `INCLUDE FILE='${syntax}'.\nSAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /FIELDNAMES /CELLS=LABELS /REPLACE.\n`);
    expect(out).not.toMatch(/error|warning/i);
    const spssRows = Papa.parse<Record<string, string>>(readFileSync(join(spssDir, 'labels.csv'), 'utf8').trim(), { header: true }).data;
    expect(Object.keys(spssRows[0]!)).toEqual(Object.keys(rows[0]!));
    const spssByCode = Object.fromEntries(spssRows.map((r) => [r.respondentCode, r]));
    expect(spssByCode['R-X']).toMatchObject({ sector: 'Мемлекеттік сектор', s1: 'Мүлдем келіспеймін', s2: 'Келісемін' });
    const strategyMean = (['R-X', 'R-A1', 'R-B1'] as const)
      .map((c) => (Number(byCode[c]!.s1) + Number(byCode[c]!.s2) + Number(byCode[c]!.s3)) / 3)
      .reduce((s, v) => s + v, 0) / 3;
    // The researcher's results view shows the same Strategy mean.
    await gotoUnlocked(researcher.page, env.server.url);
    await researcher.page.click('[data-testid="results"]');
    await researcher.page.waitForSelector('[data-testid="filter-complete"]', { timeout: 30_000 });
    await researcher.page.uncheck('[data-testid="filter-complete"]'); // the interviews are drafts
    const row = '[data-testid="scale-table"] tr[data-scale="strategy"]';
    await researcher.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.trim() === '3', `${row} td[data-col="n"]`);
    expect((await researcher.page.textContent(`${row} td[data-col="mean"]`))?.trim()).toBe(strategyMean.toFixed(2));

    expect(foreign).toEqual([]);
    for (const d of [researcher, a, b, other]) await d.context.close();
  });
});
