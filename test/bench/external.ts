/**
 * External data and large lists (issue 16): the largest form of the public corpus, the largest that
 * opens and the one with the most choices (every union of Bangladesh), in the browser's "Open an
 * XLSForm" screen; and the first question of a form whose first question is a list of 5,000 unions
 * from a CSV file, against the plain-DOM page of the same questions.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { importFormFiles, importXlsForm } from '../../src/core/xlsform/index';
import { launch, serveDist } from '../e2e/support/browser';
import { makeXlsx } from '../fixtures/xlsform/generate';
import { unionsCsv } from '../fixtures/xlsform/external-form';
import { XLSFORMS_DIR } from '../support/shared';
import { firstStart } from '../e2e/support/lock';
import { browserFigures, type BrowserFigures } from './browser-figures';

function corpusForms() {
  return ['pyxform', 'field']
    .flatMap((dir) =>
      readdirSync(resolve(XLSFORMS_DIR, dir))
        .filter((f) => /\.xlsx?$/.test(f))
        .map((f) => ({ name: f, path: resolve(XLSFORMS_DIR, dir, f), bytes: statSync(resolve(XLSFORMS_DIR, dir, f)).size })),
    )
    .sort((a, b) => b.bytes - a.bytes);
}

export interface OpenFigure {
  name: string;
  bytes: number;
  opens: boolean;
  /** Choices in all lists, and items, of the instrument (when it opens). */
  choices: number;
  items: number;
  /** Median of the runs: the file chosen -> the preview (or the problems) on screen. */
  ms: number;
}

/**
 * The largest form of the corpus, the largest that opens, and the one with the most choices that
 * opens, each opened in the app's "Open an XLSForm" screen (median of `runs`, after one untimed
 * opening that loads the reader's code, as for a researcher's second form).
 */
export async function browserOpenFigures(runs = 5): Promise<OpenFigure[]> {
  const forms = corpusForms().map((f) => ({ ...f, result: importXlsForm(new Uint8Array(readFileSync(f.path)), f.name) }));
  const choicesOf = (r: (typeof forms)[number]['result']) => (r.ok ? Object.values(r.instrument.choiceLists).reduce((n, l) => n + l.length, 0) : 0);
  const opening = forms.filter((f) => f.result.ok);
  const mostChoices = [...opening].sort((a, b) => choicesOf(b.result) - choicesOf(a.result))[0]!;
  const server = await serveDist();
  const browser = await launch();
  try {
    const out: OpenFigure[] = [];
    for (const form of [forms[0]!, opening[0]!, mostChoices]) {
      const r = form.result;
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      const page = await context.newPage();
      const ts: number[] = [];
      // The researcher's computer, the data lock kept off (the lock's own figures: `npm run bench lock`).
      await page.goto(server.url);
      await firstStart(page, 'off');
      for (let i = 0; i < runs + 1; i++) {
        await page.goto(server.url);
        await page.click('[data-testid="open-form"]');
        const t0 = Date.now();
        await page.setInputFiles('[data-testid="form-file"]', form.path);
        await page.waitForSelector(r.ok ? '[data-testid="preview"] [data-item]' : '[data-testid="form-errors"]', { timeout: 30_000 });
        if (i > 0) ts.push(Date.now() - t0);
      }
      await context.close();
      ts.sort((a, b) => a - b);
      out.push({
        name: form.name,
        bytes: form.bytes,
        opens: r.ok,
        choices: choicesOf(r),
        items: r.ok ? r.instrument.sections.reduce((n, s) => n + s.items.length, 0) : 0,
        ms: ts[ts.length >> 1]!,
      });
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** A form whose first question is a select_one_from_file of 5,000 unions, then three more. */
function unionsForm(): Uint8Array {
  return makeXlsx([
    {
      name: 'survey',
      rows: [
        ['type', 'name', 'label'],
        ['select_one_from_file unions.csv', 'union', 'Union'],
        ['text', 'market', 'Name of the market'],
        ['integer', 'stalls', 'Number of stalls'],
        ['date', 'visit', 'Date of the visit'],
      ],
    },
    { name: 'settings', rows: [['form_title', 'form_id', 'version'], ['Unions', 'unions', '1']] },
  ]);
}

/** The first question of the 5,000-union form, offline, CPU 4x, against the plain-DOM page. */
export async function largeListFirstQuestion(rounds = 11): Promise<BrowserFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'dala-bench-'));
  try {
    writeFileSync(join(dir, 'unions.xlsx'), unionsForm());
    writeFileSync(join(dir, 'unions.csv'), unionsCsv(5000));
    const converted = importFormFiles([
      { name: 'unions.xlsx', bytes: new Uint8Array(readFileSync(join(dir, 'unions.xlsx'))) },
      { name: 'unions.csv', bytes: new Uint8Array(readFileSync(join(dir, 'unions.csv'))) },
    ]);
    if (!converted.ok) throw new Error('the bench form did not open: ' + JSON.stringify(converted.problems.slice(0, 3)));
    const open = async (page: Page): Promise<string> => {
      await page.click('[data-testid="open-form"]');
      await page.setInputFiles('[data-testid="form-file"]', [join(dir, 'unions.xlsx'), join(dir, 'unions.csv')]);
      await page.waitForSelector('[data-testid="save-study"]');
      await page.click('[data-testid="save-study"]');
      await page.locator('li.card', { hasText: 'Unions' }).locator('[data-testid="new-session"]').click();
      await page.fill('[data-testid="respondent-code"]', 'R-BENCH');
      await page.fill('[data-testid="interviewer"]', 'AK');
      await page.click('[data-testid="to-consent"]');
      await page.click('[data-testid="consent-agree"]');
      await page.waitForSelector('.section [data-item]');
      return page.url();
    };
    return await browserFigures(rounds, { instrument: converted.instrument, open });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
