/*
 * Frontdesk service worker.
 * - Precaches the offline page (and the static files it needs) at install.
 * - Navigations: network first; when the network fails, the cached offline page.
 *   Signed-in pages are never stored, so nothing private outlives a sign-out.
 * - Hashed build assets (/_next/static), icons and fonts: cache first (their URLs change when they change).
 * - /api/* is never cached or intercepted.
 * - Web push: a handoff arrives as {title, body, url, tag}; clicking it brings the dashboard forward on that
 *   conversation (an open dashboard tab is reused, else a new window opens).
 */
const VERSION = "v3";
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

/** Only a path on this site is followed: a payload can never send the click elsewhere. */
function sameOriginUrl(value) {
  try {
    const url = new URL(typeof value === "string" ? value : "/", self.location.origin);
    return url.origin === self.location.origin ? url.href : `${self.location.origin}/`;
  } catch {
    return `${self.location.origin}/`;
  }
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  const title = typeof data.title === "string" && data.title ? data.title : "Frontdesk";
  const tag = typeof data.tag === "string" && data.tag ? data.tag : undefined;
  event.waitUntil(
    (async () => {
      // A dashboard the person is looking at already showed the toast and rang: the push is for when it is closed.
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const watching = windows.some(
        (client) => client.focused && client.visibilityState === "visible" && new URL(client.url).pathname.startsWith("/b/"),
      );
      if (watching) return;
      await self.registration.showNotification(title, {
        body: typeof data.body === "string" ? data.body : "",
        tag,
        // A reminder that replaces the handoff it follows (same tag) should still alert.
        renotify: Boolean(tag),
        icon: "/icons/icon-192.png",
        badge: "/icons/icon-192.png",
        data: { url: sameOriginUrl(data.url) },
      });
    })(),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = sameOriginUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const onSite = windows.filter((client) => new URL(client.url).origin === self.location.origin);
      // The tab already on this page, else a dashboard tab, else any tab of the site.
      const tab =
        onSite.find((client) => client.url === url) ||
        onSite.find((client) => new URL(client.url).pathname.startsWith("/b/")) ||
        onSite[0];
      if (tab) {
        const focused = await tab.focus();
        if (focused.url === url) return;
        try {
          // navigate() works on tabs this worker controls; any other one gets a new window instead.
          if (await focused.navigate(url)) return;
        } catch {
          // Falls through to opening a window.
        }
      }
      await self.clients.openWindow(url);
    })(),
  );
});

// The browser rotated the subscription (keys expired or the push service moved it): register the new one, so pushes
// keep arriving without the person enabling them again. The old endpoint answers 410 and is pruned on its next push.
self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(
    (async () => {
      const options = event.oldSubscription && event.oldSubscription.options;
      const subscription = event.newSubscription || (options ? await self.registration.pushManager.subscribe(options) : null);
      if (!subscription) return;
      await fetch("/api/push/subscriptions", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...subscription.toJSON(), device: "" }),
      });
    })(),
  );
});
