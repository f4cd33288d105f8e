import { describe, expect, it } from 'vitest';
import { CSP, isAppPage, policyPlugin, withPolicy } from '../../src/workers/csp';

describe('the Content-Security-Policy', () => {
  it('allows nothing from another origin and no inline script', () => {
    const directives = new Map(CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CSP).not.toMatch(/unsafe|https?:|\*/);
  });

  it('is put on a response the service worker serves, which keeps its body, status and other headers', async () => {
    const page = new Response('<!doctype html><p>Dala</p>', {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src *" },
    });
    const served = await withPolicy(page);
    expect(served.headers.get('content-security-policy')).toBe(CSP);
    expect(served.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(served.status).toBe(200);
    expect(served.statusText).toBe('OK');
    expect(await served.text()).toBe('<!doctype html><p>Dala</p>');
  });

  it('is put on the app\'s page whatever type the host gave it, and on nothing else', () => {
    const key = 'http://127.0.0.1:4173/index.html?__WB_REVISION__=abc';
    expect(isAppPage(key, 'text/html; charset=utf-8')).toBe(true);
    expect(isAppPage(key, 'application/octet-stream')).toBe(true);
    expect(isAppPage(key, null)).toBe(true);
    expect(isAppPage('http://127.0.0.1:4173/other', 'TEXT/HTML')).toBe(true);
    expect(isAppPage('http://127.0.0.1:4173/assets/index-B6.js', 'text/javascript')).toBe(false);
    expect(isAppPage('http://127.0.0.1:4173/manifest.webmanifest', 'application/manifest+json')).toBe(false);
    expect(isAppPage('http://127.0.0.1:4173/icon.svg', 'image/svg+xml')).toBe(false);
    expect(isAppPage('http://127.0.0.1:4173/index.html.js', 'text/javascript')).toBe(false);
  });

  describe("the service worker's precache plugin", () => {
    const page = (headers: Record<string, string> = {}, status = 200) =>
      new Response('<!doctype html><p>Dala</p>', { status, headers: { 'content-type': 'text/html', ...headers } });
    const key = (path: string) => new Request(`http://127.0.0.1:4173/${path}?__WB_REVISION__=1`);
    // Workbox passes more (event, state); the plugin reads only these.
    type Args<K extends 'cacheWillUpdate' | 'cachedResponseWillBeUsed'> = Parameters<NonNullable<(typeof policyPlugin)[K]>>[0];
    const store = (request: Request, response: Response) => policyPlugin.cacheWillUpdate!({ request, response } as Args<'cacheWillUpdate'>);
    const serve = (request: Request, cachedResponse?: Response) =>
      policyPlugin.cachedResponseWillBeUsed!({ request, cachedResponse, cacheName: 'p' } as Args<'cachedResponseWillBeUsed'>);

    it('stores the app\'s page with the policy, and other files as they came', async () => {
      const stored = (await store(key('index.html'), page()))!;
      expect(stored.headers.get('content-security-policy')).toBe(CSP);
      expect(await stored.text()).toBe('<!doctype html><p>Dala</p>');
      const script = new Response('x', { headers: { 'content-type': 'text/javascript' } });
      expect(await store(key('assets/index-B6.js'), script)).toBe(script);
    });

    it('refuses to store an error response (Workbox no longer checks it once this plugin stores)', async () => {
      expect(await store(key('index.html'), page({}, 404))).toBeNull();
      expect(await store(key('assets/index-B6.js'), new Response('gone', { status: 500 }))).toBeNull();
    });

    it('serves a stored page that has the policy as it is, and puts it on one stored without', async () => {
      const withIt = page({ 'content-security-policy': CSP });
      expect(await serve(key('index.html'), withIt)).toBe(withIt);
      const weaker = (await serve(key('index.html'), page({ 'content-security-policy': 'default-src *' })))!;
      expect(weaker.headers.get('content-security-policy')).toBe(CSP);
      const none = (await serve(key('index.html'), page()))!;
      expect(none.headers.get('content-security-policy')).toBe(CSP);
      expect(await serve(key('index.html'))).toBeUndefined();
    });
  });
});
