import { describe, expect, it } from 'vitest';
import { CSP, withPolicy } from '../../src/app/csp';

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
});
