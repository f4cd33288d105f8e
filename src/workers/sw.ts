/**
 * The service worker: every file of the build precached (the list is put in at build time by
 * vite-plugin-pwa), served cache-first, every navigation answered with the app's page. It waits
 * until the page asks it to take over (the update prompt: `src/app/sw-register.ts`), and it adds the
 * Content-Security-Policy header to the page it serves (`./csp.ts`).
 *
 * Tabs of the older version. When one tab takes an update, the new worker controls every open tab,
 * and Workbox drops the older version's files from the precache; a tab still running that version
 * (an interview open, a first visit) would then fail to load any screen it had not loaded yet ("Failed
 * to fetch dynamically imported module"): the kiosk hand-over, the review, the import. So on install
 * the files of the version being replaced that the new one does not have are copied into a cache of
 * their own (KEPT), and a request the precache does not answer is answered from it. KEPT is emptied
 * when a new version activates with no window open (no tab of an older version is left).
 */
import { cacheNames, clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { policyPlugin } from './csp';

/** The files of older versions, for the tabs that still run one. */
export const KEPT_CACHE = 'dala-kept-assets';

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}

declare const self: {
  __WB_MANIFEST: { url: string; revision: string | null }[];
  location: Location;
  clients: { matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly unknown[]> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
};

/** The build's file list (injectManifest replaces this, the one mention of it, with the list). */
const MANIFEST = self.__WB_MANIFEST;
const REVISION_PARAM = '__WB_REVISION__';

/** A precache key without Workbox's revision parameter: the URL a page asks for. */
function plainUrl(key: string): string {
  const url = new URL(key);
  url.searchParams.delete(REVISION_PARAM);
  return url.href;
}

/** Copies the precached files the new manifest lacks into KEPT (before activation drops them). */
async function keepOutdatedFiles(manifest: readonly { url: string }[]): Promise<void> {
  const current = new Set(manifest.map((e) => new URL(e.url, self.location.href).href));
  const precache = await caches.open(cacheNames.precache);
  const outdated = (await precache.keys()).filter((r) => !current.has(plainUrl(r.url)));
  // The first install has nothing to keep, and makes no cache for it.
  if (outdated.length === 0 && !(await caches.has(KEPT_CACHE))) return;
  const kept = await caches.open(KEPT_CACHE);
  for (const request of outdated) {
    const response = await precache.match(request);
    if (response) await kept.put(plainUrl(request.url), response);
  }
  // What the new version has again needs no copy.
  for (const request of await kept.keys()) if (current.has(request.url)) await kept.delete(request);
}

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
self.addEventListener('install', (event) => event.waitUntil(keepOutdatedFiles(MANIFEST)));
self.addEventListener('activate', (event) =>
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((open) => (open.length === 0 ? caches.delete(KEPT_CACHE) : false)),
  ),
);
// The first visit is controlled at once, so going offline right after it works.
clientsClaim();
addPlugins([policyPlugin]);
precacheAndRoute(MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// A file of an older version, for a tab that still runs it; else the network.
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && request.method === 'GET',
  async ({ request }) => (await caches.match(request, { cacheName: KEPT_CACHE })) ?? fetch(request),
);
