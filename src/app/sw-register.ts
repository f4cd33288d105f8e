/**
 * Service worker registration with an update prompt. A new version never reloads the page by itself:
 * `onNeedRefresh` only tells the UI, and the UI applies the update (skipWaiting + reload) when the user
 * asks and no draft is open.
 */
import { registerSW } from 'virtual:pwa-register';

export interface UpdateHandle {
  apply(): Promise<void>;
}

export function registerServiceWorker(events: {
  onUpdateReady: (handle: UpdateHandle) => void;
  onOfflineReady: () => void;
}): void {
  if (!('serviceWorker' in navigator)) return;
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      events.onUpdateReady({
        apply: async () => {
          // workbox-window reloads on 'controlling' only when the page was controlled at load; a first
          // visit that sees an update is not, so reload on the controller change ourselves.
          navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
          await update(true);
        },
      });
    },
    onOfflineReady() {
      events.onOfflineReady();
    },
  });
}
