/**
 * Service worker registration with an update prompt. A new version never reloads the page by itself:
 * `onNeedRefresh` only tells the UI, and the UI applies the update (skipWaiting + reload) when the user
 * asks and no draft is open.
 *
 * Another tab may take the update first. Its new worker then controls this tab too, which still
 * runs the older version: `onUpdatedElsewhere` tells the UI, which offers a reload and never does one
 * by itself (an interview may be open here). The older version's files stay available to this tab
 * (`src/workers/sw.ts`, KEPT), so it keeps working until it is reloaded.
 */
import { registerSW } from 'virtual:pwa-register';

export interface UpdateHandle {
  apply(): Promise<void>;
  /** True when another tab already took the update: this tab runs the older version; `apply` reloads it. */
  elsewhere?: boolean;
}

export function registerServiceWorker(events: {
  onUpdateReady: (handle: UpdateHandle) => void;
  onOfflineReady: () => void;
  onUpdatedElsewhere?: (handle: UpdateHandle) => void;
}): void {
  if (!('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  let applying = false;
  let controlled = sw.controller !== null;
  sw.addEventListener('controllerchange', () => {
    // The first control of a first visit (clientsClaim) is no update; a later change is.
    const wasControlled = controlled;
    controlled = true;
    if (!wasControlled || applying) return;
    events.onUpdatedElsewhere?.({ elsewhere: true, apply: async () => location.reload() });
  });
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      events.onUpdateReady({
        apply: async () => {
          const registration = await sw.getRegistration();
          // Taken in another tab meanwhile: nothing waits any more, this tab only needs the reload.
          if (!registration?.waiting) {
            location.reload();
            return;
          }
          applying = true;
          // workbox-window reloads on 'controlling' only when the page was controlled at load; a first
          // visit that sees an update is not, so reload on the controller change ourselves.
          sw.addEventListener('controllerchange', () => location.reload(), { once: true });
          await update(true);
        },
      });
    },
    // A newer worker took control (this tab's own update reloads above): never reload by ourselves.
    onNeedReload() {},
    onOfflineReady() {
      events.onOfflineReady();
    },
  });
}
