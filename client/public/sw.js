/*
 * Spil's service worker: the app shell only, so that Mijn plan opens again
 * without a network. The plan itself lives in IndexedDB (y-indexeddb); API
 * answers, the collab and events sockets are never cached here.
 *
 * - Page navigations: network first; offline, the last index.html.
 * - /assets/* (file names carry a content hash): cache first.
 * - Everything else goes to the network untouched.
 */
const SHELL = 'spil-shell-v1';
const ASSETS = 'spil-assets-v1';
const INDEX = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((c) => c.add(new Request('/', { cache: 'reload' })))
      .then(() => self.skipWaiting())
      .catch(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n !== SHELL && n !== ASSETS).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

/** Keep the files the page loaded before this worker controlled it. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => {
    if (typeof u !== 'string') return false;
    const url = new URL(u, self.location.origin);
    return url.origin === self.location.origin && url.pathname.startsWith('/assets/');
  });
  event.waitUntil(
    caches
      .open(ASSETS)
      .then((c) =>
        Promise.all(
          urls.map((u) =>
            c.match(u).then((hit) => (hit ? undefined : c.add(u).catch(() => undefined))),
          ),
        ),
      ),
  );
});

function isAppPath(url) {
  return !(
    url.pathname.startsWith('/api') ||
    url.pathname.startsWith('/collab') ||
    url.pathname.startsWith('/socket.io')
  );
}

async function navigate(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) {
      const previous = await cache.match(INDEX);
      const copy = response.clone();
      const text = await copy.text();
      // A new build: its assets have new names, the old ones can go.
      if (previous && (await previous.text()) !== text) await caches.delete(ASSETS);
      await cache.put(
        INDEX,
        new Response(text, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
      );
    }
    return response;
  } catch (e) {
    const cached = (await cache.match(INDEX)) || (await cache.match('/'));
    if (cached) return cached;
    throw e;
  }
}

async function asset(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !isAppPath(url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});
