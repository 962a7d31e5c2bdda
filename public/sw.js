/*
 * Frontdesk service worker.
 * - Precaches the offline page (and the static files it needs) at install.
 * - Navigations: network first; when the network fails, the cached offline page.
 *   Signed-in pages are never stored, so nothing private outlives a sign-out.
 * - Hashed build assets (/_next/static), icons and fonts: cache first (their URLs change when they change).
 * - /api/* is never cached or intercepted.
 */
const VERSION = "v1";
const STATIC_CACHE = `frontdesk-static-${VERSION}`;
const OFFLINE_URL = "/offline";
const PRECACHE = [OFFLINE_URL, "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(STATIC_CACHE);
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })));
      // The offline page is useless without its CSS and scripts: cache what it references.
      const response = await cache.match(OFFLINE_URL);
      if (response) {
        const html = await response.text();
        const assets = new Set(html.match(/\/_next\/static\/[^"'\s)]+/g) || []);
        await Promise.all(
          [...assets].map((url) => cache.add(url).catch(() => undefined)),
        );
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith("frontdesk-") && name !== STATIC_CACHE).map((name) => caches.delete(name)),
      );
      if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
      await self.clients.claim();
    })(),
  );
});

function isCacheableStatic(url) {
  return (
    url.pathname.startsWith("/_next/static/") ||
    url.pathname.startsWith("/icons/") ||
    /\.(?:woff2?|png|svg|ico)$/.test(url.pathname)
  );
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) return;

  if (request.mode === "navigate") {
    event.respondWith(
      (async () => {
        try {
          const preloaded = await event.preloadResponse;
          if (preloaded) return preloaded;
          return await fetch(request);
        } catch {
          const cache = await caches.open(STATIC_CACHE);
          const offline = await cache.match(OFFLINE_URL);
          return offline || new Response("You are offline.", { status: 503, headers: { "content-type": "text/plain" } });
        }
      })(),
    );
    return;
  }

  if (isCacheableStatic(url)) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(STATIC_CACHE);
        const cached = await cache.match(request);
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok && response.type === "basic") cache.put(request, response.clone());
        return response;
      })(),
    );
  }
});
