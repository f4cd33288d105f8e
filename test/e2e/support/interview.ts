/**
 * Drives the runner like an interviewer: answers every visible item of a section with a planned value
 * and waits until the item says "saved" (the IndexedDB transaction completed).
 */
import type { Page } from 'playwright-core';
import type { Instrument, Item } from '../../../src/core/instrument/types';

export type Planned = { kind: 'fill'; text: string } | { kind: 'click'; codes: string[]; other?: string } | { kind: 'check' };

/** A deterministic plan for every item of an instrument (values valid under the demo's constraints). */
export function planAnswers(ins: Instrument, variant = 0): Map<string, Planned> {
  const plan = new Map<string, Planned>();
  for (const s of ins.sections)
    for (const it of s.items) {
      const p = planFor(ins, it, variant);
      if (p) plan.set(it.name, p);
    }
  return plan;
}

function planFor(ins: Instrument, it: Item, variant: number): Planned | null {
  switch (it.type) {
    case 'note':
    case 'calculate':
    case 'hidden':
    case 'meta':
    case 'image': // media are driven by their own tests (media.test.ts)
    case 'audio':
    case 'video':
    case 'file':
    case 'background-audio':
    case 'range': // a slider and a ranking are driven by their own tests (xlsform-roundtrip)
    case 'rank':
    case 'geopoint': // location is driven by its own test (location)
    case 'geotrace':
    case 'geoshape':
      return null;
    case 'barcode':
      return { kind: 'fill', text: `CODE-${variant}` };
    case 'datetime':
      return { kind: 'fill', text: '2019-11-04T10:30' };
    case 'text':
      return { kind: 'fill', text: `Ответ ${it.name} — жауап ${variant}` };
    case 'longtext':
      return { kind: 'fill', text: `Line one of ${it.name}, «кавычки», "quotes"\nҚазақша екінші жол ${variant}` };
    case 'integer':
      return { kind: 'fill', text: String(30 + variant) };
    case 'decimal':
      return { kind: 'fill', text: String(2.5 + variant) };
    case 'date':
      return { kind: 'fill', text: '2019-11-04' };
    case 'time':
      return { kind: 'fill', text: '10:30' };
    case 'acknowledge':
      return { kind: 'check' };
    case 'likert': {
      const scale = ins.likertScales[it.likert!]!;
      const pts = scale.points.map((p) => String(p.value));
      return { kind: 'click', codes: [pts[(it.name.length + variant) % pts.length]!] };
    }
    case 'select_one': {
      const codes = ins.choiceLists[it.choices!]!.map((c) => c.name);
      if (it.name === 'sector') return { kind: 'click', codes: ['public'] };
      return { kind: 'click', codes: [codes[variant % codes.length]!] };
    }
    case 'select_multiple': {
      const codes = ins.choiceLists[it.choices!]!.map((c) => c.name);
      if (it.other) return { kind: 'click', codes: [codes[0]!, 'other'], other: `Другое: лидерство ${variant}` };
      return { kind: 'click', codes: codes.slice(0, 2) };
    }
  }
}

export async function waitSaved(page: Page, item: string, timeout = 10_000): Promise<void> {
  await page.waitForSelector(`[data-testid="status-${item}"][data-status="saved"]`, { timeout });
}

export async function answer(page: Page, item: string, p: Planned): Promise<void> {
  if (p.kind === 'fill') {
    await page.fill(`[data-testid="input-${item}"]`, p.text);
    await page.locator(`[data-testid="input-${item}"]`).blur();
  } else if (p.kind === 'check') {
    await page.check(`[data-testid="input-${item}"]`);
  } else {
    for (const code of p.codes) await page.click(`[data-testid="opt-${item}-${code}"]`);
    if (p.other !== undefined) {
      await page.fill(`[data-testid="other-${item}"]`, p.other);
      await page.locator(`[data-testid="other-${item}"]`).blur();
    }
  }
  await waitSaved(page, item);
}

/** Reads back what the screen shows for an item, in the plan's terms. */
export async function readBack(page: Page, item: string, p: Planned): Promise<boolean> {
  if (p.kind === 'fill') return (await page.inputValue(`[data-testid="input-${item}"]`)) === p.text;
  if (p.kind === 'check') return page.isChecked(`[data-testid="input-${item}"]`);
  for (const code of p.codes) if (!(await page.isChecked(`[data-testid="opt-${item}-${code}"]`))) return false;
  if (p.other !== undefined && (await page.inputValue(`[data-testid="other-${item}"]`)) !== p.other) return false;
  return true;
}

/** Item names shown on the current screen, in order. */
export async function visibleItems(page: Page): Promise<string[]> {
  // The first questions render at once, the rest a frame later (aria-busy until then).
  await page.waitForSelector('.section:not([aria-busy="true"])');
  return page.$$eval('.section [data-item]', (els) => els.map((e) => e.getAttribute('data-item')!));
}

/** Starts a session of the first study from the sessions list, through consent. Returns the session URL. */
export async function startSession(page: Page, code: string, studyLang = 'en'): Promise<string> {
  await page.click('[data-testid="new-session"]');
  await page.fill('[data-testid="respondent-code"]', code);
  await page.fill('[data-testid="interviewer"]', 'AK');
  await page.selectOption('[data-testid="study-lang"]', studyLang);
  await page.click('[data-testid="to-consent"]');
  await page.waitForSelector('[data-testid="consent-text"]');
  await page.click('[data-testid="consent-agree"]');
  await page.waitForSelector('.section [data-item]');
  return page.url();
}

/**
 * Runs a whole interview of `ins` from its first section (the page shows it) to "Complete", answering
 * every item with the plan of `variant`. Returns to the sessions list.
 */
export async function completeInterview(page: Page, ins: Instrument, variant = 0): Promise<void> {
  const plan = planAnswers(ins, variant);
  for (const section of ins.sections) {
    await page.waitForSelector(`[data-testid="section-${section.name}"]`);
    for (const name of await visibleItems(page)) {
      const p = plan.get(name);
      if (p) await answer(page, name, p);
    }
    await page.click('[data-testid="next"]');
  }
  await page.waitForSelector('[data-testid="review"]');
  await page.click('[data-testid="complete"]');
  await page.waitForSelector('[data-testid="sessions-table"]');
}

/**
 * On the import screen, after "Read the files": accepts every device seen for the first time (as a
 * researcher does after comparing fingerprints) and waits for the report worked out again. Returns
 * the fingerprints accepted, by device id.
 */
export async function acceptNewDevices(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('[data-testid="new-device"]');
  const n = await rows.count();
  if (n === 0) return {};
  const accepted: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    accepted[(await row.getAttribute('data-device'))!] = (await row.locator('[data-testid="device-fingerprint"]').textContent())!.trim();
    await row.locator('input[type="checkbox"]').check();
  }
  await page.click('[data-testid="trust-apply"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="new-device"]').length === 0 && !document.querySelector('[role="status"][aria-live="polite"]'));
  return accepted;
}
