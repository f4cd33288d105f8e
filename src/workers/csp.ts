/**
 * The Content-Security-Policy the built app runs under. No inline script, nothing from another origin:
 * the app asks no one.
 *
 * It travels as an HTTP header, never as a `<meta>` tag: a meta policy holds back the browser's
 * preload scanner, so the first page's scripts would be requested later (issue 2's start-up figure).
 * `vite preview` (`npm start`) sends the header, and the service worker adds it to every page it
 * serves (`src/workers/sw.ts`), so an installed Dala runs under it even where the host sends none.
 */
import type { WorkboxPlugin } from 'workbox-core/types.js';

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

/** Whether a response already carries this policy. */
export function hasPolicy(response: Response): boolean {
  return response.headers.get('Content-Security-Policy') === CSP;
}

/**
 * The same response with the policy in its headers (the service worker's pages). The body is read
 * whole (the page is about 1 KB), so what is stored is a plain response, not one wrapped around a
 * stream of the original.
 */
export async function withPolicy(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CSP);
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

/**
 * The service worker's precache plugin (`src/workers/sw.ts`). At install, the app's page is stored
 * with the policy in its headers, so a visit is answered straight from the cache, with no response
 * built on the way to the first question (issue 2's figure).
 */
export const policyPlugin: WorkboxPlugin = {
  // With a cacheWillUpdate of its own, Workbox's precache no longer refuses error responses itself.
  cacheWillUpdate: async ({ request, response }) =>
    response.status >= 400 ? null : isAppPage(request.url, response.headers.get('content-type')) ? withPolicy(response) : response,
  // `request` is the precache's key (index.html for every navigation). A page stored without the
  // policy (by an older version of the worker) gets it on the way out.
  cachedResponseWillBeUsed: async ({ request, cachedResponse }) =>
    cachedResponse && !hasPolicy(cachedResponse) && isAppPage(request.url, cachedResponse.headers.get('content-type')) ? withPolicy(cachedResponse) : cachedResponse,
};
