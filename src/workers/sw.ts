/**
 * The service worker: every file of the build precached (the list is put in at build time by
 * vite-plugin-pwa), served cache-first, every navigation answered with the app's page. It waits
 * until the page asks it to take over (the update prompt: `src/app/sw-register.ts`), and it adds the
 * Content-Security-Policy header to the page it serves (`src/app/csp.ts`).
 */
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { policyPlugin } from '../app/csp';

declare const self: {
  __WB_MANIFEST: { url: string; revision: string | null }[];
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// The first visit is controlled at once, so going offline right after it works.
clientsClaim();
addPlugins([policyPlugin]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
