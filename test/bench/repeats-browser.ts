/**
 * Repeats in the browser (issue 15): a household roster of 200 members, entered in the built app's
 * runner as an interviewer does (add, type the name), then:
 * - an answer given in an instance -> durable in IndexedDB (its status says saved), 200 times,
 *   alternating the open member's sex, the form's state over all 200 recomputed each time;
 * - the first question of the roster reopened offline, CPU 4x (the list of 200 members drawn, the
 *   first one open), against the plain-DOM page of the same screen (the 200 titles, then the open
 *   member's questions: plainPage's `list`), paired rounds as for the foundation's figure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { importXlsForm } from '../../src/core/xlsform/index';
import { makeXlsForm } from '../fixtures/xlsform/generate';
import { browserFigures, quantile, type BrowserFigures } from './browser-figures';

/** The roster first, so the session opens on it; a village after. */
function roster200(): Uint8Array {
  return makeXlsForm({
    survey: [
      ['type', 'name', 'label', 'required'],
      ['begin repeat', 'member', 'Member: ${name}'],
      ['text', 'name', 'Name', 'yes'],
      ['integer', 'age', 'Age'],
      ['select_one sex', 'sex', 'Sex'],
      ['end repeat'],
      ['text', 'village', 'Village'],
    ],
    choices: [
      ['list_name', 'name', 'label'],
      ['sex', 'f', 'Female'],
      ['sex', 'm', 'Male'],
    ],
    settings: [
      ['form_title', 'form_id', 'version'],
      ['Roster of 200', 'roster_200', '1'],
    ],
  });
}

const inInstance = (n: number, item: string) => `[data-testid="instance-member-${n}"] [data-testid^="input-"][data-testid$="/${item}"]`;

/** Answer -> durable latencies (ms), `n` times: the open member's sex, f and m in turn. */
async function durableInRoster(page: Page, open: number, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      await page.evaluate(
        ({ scope, code }) =>
          new Promise<number>((resolve) => {
            // No named function in here: tsx would wrap it in a helper the page does not have.
            const box = document.querySelector(scope)!;
            const input = box.querySelector<HTMLInputElement>(`[data-testid$="/sex-${code}"]`)!;
            let seenOther = false;
            const t0 = performance.now();
            const obs = new MutationObserver(() => {
              if (box.querySelector('[data-testid^="status-"][data-testid$="/sex"]')?.getAttribute('data-status') !== 'saved') seenOther = true;
              else if (seenOther) {
                obs.disconnect();
                resolve(performance.now() - t0);
              }
            });
            obs.observe(box, { subtree: true, attributes: true, childList: true, characterData: true });
            input.click();
          }),
        { scope: `[data-testid="instance-member-${open}"]`, code: i % 2 ? 'f' : 'm' },
      ),
    );
  }
  return out;
}

export interface RepeatBrowserFigures {
  instances: number;
  /** Seconds the interviewer's 200 additions took in the setup (unthrottled): for orientation. */
  entrySeconds: number;
  durableP50: number;
  durableP95: number;
  first: BrowserFigures;
}

export async function repeatBrowserFigures(rounds = 11, instances = 200, answers = 200): Promise<RepeatBrowserFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'dala-bench-roster-'));
  try {
    const bytes = roster200();
    writeFileSync(join(dir, 'roster.xlsx'), bytes);
    const converted = importXlsForm(bytes, 'roster.xlsx');
    if (!converted.ok) throw new Error('the bench roster did not open: ' + JSON.stringify(converted.problems.slice(0, 3)));
    const names = Array.from({ length: instances }, (_, i) => `Person ${i + 1}`);
    let latencies: number[] = [];
    let entrySeconds = 0;
    const open = async (page: Page): Promise<string> => {
      await page.click('[data-testid="open-form"]');
      await page.setInputFiles('[data-testid="form-file"]', join(dir, 'roster.xlsx'));
      await page.waitForSelector('[data-testid="save-study"]');
      await page.click('[data-testid="save-study"]');
      await page.locator('li.card', { hasText: 'Roster of 200' }).locator('[data-testid="new-session"]').click();
      await page.fill('[data-testid="interviewer"]', 'AK');
      await page.click('[data-testid="to-consent"]');
      await page.click('[data-testid="consent-agree"]');
      await page.waitForSelector('[data-testid="add-member"]');
      const t0 = Date.now();
      for (let i = 1; i <= instances; i++) {
        await page.click('[data-testid="add-member"]');
        await page.fill(inInstance(i, 'name'), names[i - 1]!);
      }
      await page.locator(inInstance(instances, 'name')).blur();
      await page.waitForSelector(`[data-testid="instance-member-${instances}"] [data-testid^="status-"][data-testid$="/name"][data-status="saved"]`);
      entrySeconds = (Date.now() - t0) / 1000;
      latencies = await durableInRoster(page, instances, answers);
      return page.url();
    };
    const first = await browserFigures(rounds, { instrument: converted.instrument, open, plainList: names.map((n) => `Member: ${n}`), earlyPaint: true });
    return { instances, entrySeconds, durableP50: quantile(latencies, 0.5), durableP95: quantile(latencies, 0.95), first };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
