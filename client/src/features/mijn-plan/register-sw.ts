/**
 * The service worker that lets Mijn plan open again without a network (see
 * `public/sw.js`): registered only from Mijn plan, and only in a production
 * build, where the app shell has stable file names to keep.
 */
const SW_URL = '/sw.js';

/** Tell the worker which of the page's own files to keep: those loaded before it took control. */
function sendLoadedAssets(worker: ServiceWorker): void {
  const urls = performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => {
      try {
        const url = new URL(u);
        return url.origin === location.origin && url.pathname.startsWith('/assets/');
      } catch {
        return false;
      }
    });
  worker.postMessage({ type: 'keep', urls });
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register(SW_URL, { scope: '/', updateViaCache: 'none' })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      if (reg.active) sendLoadedAssets(reg.active);
    })
    .catch(() => {
      // Without a worker Mijn plan still works online; the plan itself stays in IndexedDB.
    });
}
