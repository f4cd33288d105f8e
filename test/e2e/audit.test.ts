import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { appUnderTest, watchForeignRequests } from './support/browser';
import { startSession, waitSaved } from './support/interview';
import { firstStart, gotoUnlocked } from './support/lock';

const dir = mkdtempSync(join(tmpdir(), 'dala-audit-'));
const env = appUnderTest();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the audit log of an interview', () => {
  it('lists every change in order: an answer changed twice shows both changes', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1024, height: 768 } });
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    const page = await context.newPage();
    await page.goto(env.server.url);
    // The device keeps its data locked: the audit log (old and new values) is sealed, and read back.
    await firstStart(page, 'lock');
    await page.waitForSelector('[data-testid="new-session"]');
    const url = await startSession(page, 'AUD-1');
    await gotoUnlocked(page, url.replace(/\/\d+$/, '/1'));
    await page.waitForSelector('[data-testid="section-questions"]');
    await page.click('[data-testid="opt-q2-A"]');
    await waitSaved(page, 'q2');
    await page.click('[data-testid="opt-q2-B"]');
    await page.click('[data-testid="opt-q2-D"]');
    await waitSaved(page, 'q2');
    await gotoUnlocked(page, url.replace(/\/\d+$/, '/review'));
    await page.waitForSelector('[data-testid="audit-csv"]');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="audit-csv"]')]);
    const path = join(dir, 'audit.csv');
    await dl.saveAs(path);
    const text = readFileSync(path, 'utf8');
    const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(rows.meta.fields).toEqual(['event', 'node', 'start', 'end', 'old-value', 'new-value']);
    const changes = rows.data.filter((r) => r.node === '/data/q2' && r['new-value']);
    expect(changes.map((r) => [r['old-value'], r['new-value']])).toEqual([
      ['', 'A'],
      ['A', 'B'],
      ['B', 'D'],
    ]);
    expect(rows.data[0]!.event).toBe('form start');
    expect(foreign).toEqual([]);
    await context.close();
  });
});
