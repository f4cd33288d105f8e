/**
 * The Content-Security-Policy the built app runs under. No inline script, nothing from another origin:
 * the app asks no one.
 *
 * It travels as an HTTP header, never as a `<meta>` tag: a meta policy holds back the browser's
 * preload scanner, so the first page's scripts would be requested later (issue 2's start-up figure).
 * `vite preview` (`npm start`) sends the header, and the service worker adds it to every page it
 * serves (`src/workers/sw.ts`), so an installed Dala runs under it even where the host sends none.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // No other site may frame Dala (a header-only directive: one more reason for no meta tag).
  "frame-ancestors 'none'",
].join('; ');

/**
 * Whether a response the service worker serves is the app's page: `index.html` by its URL (the host
 * may send it with any type), or anything sent as HTML.
 */
export function isAppPage(url: string, contentType: string | null): boolean {
  return new URL(url).pathname.endsWith('/index.html') || /^\s*text\/html\b/i.test(contentType ?? '');
}

/** The same response with the policy in its headers (the service worker's pages). */
export function withPolicy(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CSP);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
