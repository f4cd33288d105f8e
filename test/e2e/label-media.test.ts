/**
 * A researcher opens an XLSForm that shows pictures with its labels, given as a .zip with its
 * pictures (one the form names is missing: said, and the form still opens), and runs it: the
 * question's picture is drawn from the study's own file, a choice shown by its picture alone too,
 * and nothing is asked of another origin.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { appUnderTest, watchForeignRequests } from './support/browser';
import { openHome } from './support/lock';
import { labelMediaFiles, labelMediaForm } from '../fixtures/xlsform/label-media-form';

const env = appUnderTest();
const dir = mkdtempSync(join(tmpdir(), 'dala-label-media-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pictures with labels', () => {
  it('a .zip of the form and its pictures: the question and the choice show their pictures', async () => {
    const [market, rice] = labelMediaFiles();
    writeFileSync(join(dir, 'market.zip'), zipSync({ 'market/market.xlsx': labelMediaForm(), 'market/media/market.png': market!.bytes, 'market/media/rice.png': rice!.bytes }));
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const foreign = watchForeignRequests(context, new URL(env.server.url).origin);
    const page = await context.newPage();
    await openHome(page, env.server.url);
    await page.click('[data-testid="open-form"]');
    await page.setInputFiles('[data-testid="form-file"]', join(dir, 'market.zip'));
    await page.waitForSelector('[data-testid="preview"]');
    // The picture the form names but the .zip lacks is named with its row and column.
    expect(await page.textContent('body')).toContain("the form shows the file 'missing.png', which is not among its files");
    await page.click('[data-testid="save-study"]');
    await page.locator('li.card', { hasText: 'Market pictures' }).locator('[data-testid="new-session"]').click();
    await page.fill('[data-testid="interviewer"]', 'AK');
    await page.click('[data-testid="to-consent"]');
    await page.click('[data-testid="consent-agree"]');

    // The question's picture is drawn (decoded from the study's own bytes), fits the phone, and says the label.
    const picture = page.locator('[data-testid="media-good"]');
    await picture.waitFor();
    await page.waitForFunction(() => ((document.querySelector('[data-testid="media-good"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    const drawn = await picture.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight, src: img.src, alt: img.alt, width: img.getBoundingClientRect().width }));
    expect(drawn).toMatchObject({ w: 64, h: 48, alt: 'What did you buy at this market?' });
    expect(drawn.src.startsWith('blob:')).toBe(true);
    expect(drawn.width).toBeLessThanOrEqual(390);
    // The choice shown by its picture alone: the picture, with its name for a screen reader.
    await page.waitForFunction(() => ((document.querySelector('[data-testid="media-good-rice"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    expect(await page.getAttribute('[data-testid="media-good-rice"]', 'alt')).toBe('rice');
    // The question whose picture is missing shows its text label, and no picture.
    expect(await page.textContent('[data-item="shop"]')).toContain('Name of the shop');
    expect(await page.locator('[data-item="shop"] img').count()).toBe(0);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
