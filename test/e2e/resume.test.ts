import { describe, expect, it } from 'vitest';
import { appUnderTest, watchedPage } from './support/browser';
import { answer, startSession, waitSaved } from './support/interview';
import { firstStart } from './support/lock';

const env = appUnderTest();

/**
 * Runs in every new page before the app: when the profile's first question (the role) appears, notes what it
 * shows and whether the database was open yet, and (when `__clickAtOnce` is set) answers at once,
 * within the same task, before the database can be.
 */
const WATCH_FIRST_DRAW = () => {
  const w = window as unknown as { __first?: Record<string, unknown>; __clickAtOnce?: string };
  const obs = new MutationObserver(() => {
    const shown = document.querySelector<HTMLInputElement>('[data-testid="opt-role-pm_private"]');
    if (!shown || w.__first) return;
    const dbOpen = performance.getEntriesByName('dala:ready').length > 0;
    w.__first = {
      dbOpen,
      pmPrivate: shown.checked,
      centralGov: document.querySelector<HTMLInputElement>('[data-testid="opt-role-central_gov"]')!.checked,
      localGov: document.querySelector<HTMLInputElement>('[data-testid="opt-role-local_gov"]')!.checked,
      disabled: shown.disabled,
    };
    const click = sessionStorage.getItem('clickAtOnce');
    if (click) {
      sessionStorage.removeItem('clickAtOnce'); // once: later reloads only watch
      document.querySelector<HTMLInputElement>(`[data-testid="${click}"]`)!.click();
    }
    w.__first.dbOpenAfterClick = performance.getEntriesByName('dala:ready').length > 0;
    obs.disconnect();
  });
  obs.observe(document, { childList: true, subtree: true });
};

describe('reopening Dala on a draft', () => {
  it('shows its answers before the database is open, keeps an answer given at once, and the database wins over a stale copy', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 } });
    await context.addInitScript(WATCH_FIRST_DRAW);
    const { page, errors } = await watchedPage(context);
    context.on('page', (p) => p.on('pageerror', (e) => errors.push(e.message)));
    await page.goto(env.server.url);
    // Resume hints (clear copies of a draft in localStorage) exist only while the data lock is off.
    await firstStart(page, 'off');
    await page.waitForSelector('[data-testid="new-session"]');
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    const url = (await startSession(page, 'R-RESUME')).replace(/\/\d+$/, '/0');
    await answer(page, 'role', { kind: 'click', codes: ['pm_private'] });
    await answer(page, 'age', { kind: 'fill', text: '44' });
    await page.close();
    await context.setOffline(true);
    const first = async (p: typeof page) => {
      await p.waitForFunction(() => (window as unknown as { __first?: unknown }).__first);
      return p.evaluate(() => (window as unknown as { __first: Record<string, boolean> }).__first);
    };

    // Offline, a new page on the draft: its questions, with the saved answer, editable, before the
    // database is open.
    const a = await context.newPage();
    await a.goto(url);
    expect(await first(a)).toMatchObject({ dbOpen: false, pmPrivate: true, localGov: false, disabled: false });
    await a.waitForFunction(() => performance.getEntriesByName('dala:session-read').length > 0);
    expect(await a.isChecked('[data-testid="opt-role-pm_private"]')).toBe(true);
    await a.close();

    // An answer given the instant the question appears (before the database is open) is written
    // and says "saved" only once it is durable: a reload shows it.
    const b = await context.newPage();
    await b.addInitScript(() => {
      if (window.name !== 'clicked') {
        window.name = 'clicked';
        sessionStorage.setItem('clickAtOnce', 'opt-role-local_gov');
      }
    });
    await b.goto(url);
    expect(await first(b)).toMatchObject({ dbOpen: false, dbOpenAfterClick: false, disabled: false });
    await waitSaved(b, 'role');
    expect(await b.isChecked('[data-testid="opt-role-local_gov"]')).toBe(true);
    expect(await b.isChecked('[data-testid="opt-role-pm_private"]')).toBe(false);
    await b.reload();
    await b.waitForFunction(() => performance.getEntriesByName('dala:session-read').length > 0);
    expect(await b.isChecked('[data-testid="opt-role-local_gov"]')).toBe(true);

    // A stale copy (here: made stale by hand) is drawn first, then the database's answer replaces it.
    await b.evaluate(() => {
      const hint = JSON.parse(localStorage.getItem('dala:resume')!);
      hint.answers = hint.answers.map((x: { item: string; value: unknown }) =>
        x.item === 'role' ? { ...x, value: 'central_gov' } : x.item === 'age' ? { ...x, value: 33 } : x,
      );
      localStorage.setItem('dala:resume', JSON.stringify(hint));
    });
    await b.reload();
    expect(await first(b)).toMatchObject({ dbOpen: false, centralGov: true, localGov: false });
    await b.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="opt-role-local_gov"]')?.checked === true);
    expect(await b.isChecked('[data-testid="opt-role-central_gov"]')).toBe(false);
    // A typed field drawn from the stale copy is drawn again with the database's value.
    await b.waitForFunction(() => performance.getEntriesByName('dala:session-read').length > 0);
    expect(await b.inputValue('[data-testid="input-age"]')).toBe('44');
    expect(await b.getAttribute('[data-testid="save-all"]', 'class')).toContain('ok');
    // ... and the copy is made right again.
    expect(await b.evaluate(() => JSON.parse(localStorage.getItem('dala:resume')!).answers.find((x: { item: string }) => x.item === 'role').value)).toBe('local_gov');

    // A damaged copy costs nothing but speed.
    await b.evaluate(() => localStorage.setItem('dala:resume-study', '{"format":1,'));
    await b.reload();
    expect(await first(b)).toMatchObject({ dbOpen: true, localGov: true });
    expect(errors).toEqual([]);
    expect(await b.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await context.close();
  });
});
