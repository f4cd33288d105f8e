/**
 * Real headless Chromium (Debian's, driven by playwright-core) against the built app served by
 * `vite preview` on loopback. Every page is watched: a request to another origin fails the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../../..');

export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Headless Chromium still builds the address-bar popup, a page of its own (WebUI), whose scripts
  // load in another renderer while the page under test loads (in a trace of one load, that renderer
  // ran tasks for about 2 s on the 2 cores). Nobody sees that popup here.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup',
];

export function chromePath(): string {
  const p = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) {
    throw new Error(`Chromium not found at ${p}. Run \`npm test\` (it installs Debian's chromium as root) or set CHROME_PATH.`);
  }
  return p;
}

/** Serves dist/ (built by `npm test` before the tests run) on a free loopback port. */
export async function serveDist(): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(join(ROOT, 'dist/index.html'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  const server: PreviewServer = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === 'string') throw new Error('preview server has no port');
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    close: () => new Promise<void>((res) => server.httpServer.close(() => res())),
  };
}

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromePath(), headless: true, args: [...CHROME_FLAGS.slice(1), ...extraArgs] });
}

/** Records every request that leaves for another origin than `origin` (data: and blob: are local). */
export function watchForeignRequests(target: BrowserContext | Page, origin: string): string[] {
  const foreign: string[] = [];
  target.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

/** A Chromium we own as a process (so a test can SIGKILL it), with a persistent profile. */
export interface OwnedChromium {
  proc: ChildProcess;
  browser: Browser;
  context: BrowserContext;
}

export async function launchOwned(profileDir: string, extraArgs: string[] = []): Promise<OwnedChromium> {
  const proc = spawn(chromePath(), [...CHROME_FLAGS, ...extraArgs, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const ws = await new Promise<string>((res, rej) => {
    let buf = '';
    const timer = setTimeout(() => rej(new Error(`Chromium did not start: ${buf.slice(-500)}`)), 30_000);
    proc.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    });
    proc.on('exit', (code) => rej(new Error(`Chromium exited (${code}): ${buf.slice(-500)}`)));
  });
  proc.stderr!.resume();
  const browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0]!;
  return { proc, browser, context };
}

/** SIGKILL the whole browser (every process of its group): no shutdown, no flush. */
export async function killHard(owned: OwnedChromium): Promise<void> {
  const pid = owned.proc.pid!;
  const exited = new Promise<void>((res) => owned.proc.once('exit', () => res()));
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    owned.proc.kill('SIGKILL');
  }
  await exited;
}

export function tempProfile(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dala-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type Served = Awaited<ReturnType<typeof serveDist>>;

/**
 * The built app served on loopback and one Chromium, for all the tests of one file: started before
 * them, closed after them. Read `env.server` and `env.browser` inside the tests.
 */
export function appUnderTest(): { readonly server: Served; readonly browser: Browser } {
  const env = {} as { server: Served; browser: Browser };
  beforeAll(async () => {
    env.server = await serveDist();
    env.browser = await launch();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * A new page that records what must never happen in a test: page errors and Content-Security-Policy
 * violations (the listener is added before any script of the app runs).
 */
export async function watchedPage(context: BrowserContext): Promise<{ page: Page; errors: string[]; cspViolations(): Promise<string[]> }> {
  await context.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp) };
}

/**
 * What on the page can be tapped and is less than 44 px tall (the touch target the interviewer's
 * tablet needs): "tag[type] test-id-or-text height". A checkbox or radio counts by its label, which
 * is what a finger hits. Hidden elements and the skip link (on screen only when focused) are left out.
 */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, select, textarea, input, a[href], summary')) {
      const own = el.getBoundingClientRect();
      if (own.width === 0 || own.height === 0 || el.closest('.sr-only, .skip')) continue;
      const type = (el as HTMLInputElement).type;
      const box = (type === 'checkbox' || type === 'radio') && el.closest('label') ? el.closest('label')!.getBoundingClientRect() : own;
      if (box.height < 44) out.push(`${el.tagName.toLowerCase()}${type ? `[${type}]` : ''} ${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 40)} ${Math.round(box.height)}`);
    }
    return out;
  });
}
