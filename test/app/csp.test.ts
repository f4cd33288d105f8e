import { describe, expect, it } from 'vitest';
import { CSP, isAppPage, withPolicy } from '../../src/app/csp';

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
    const served = withPolicy(page);
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
});
