// The guide's own service worker: after a reader's first visit, every page and asset of this version is
// kept on their device, so the guide reads the same offline. Written into the site after the build
// (scripts/offline.py), with the manifest below: each file's address under the site and the hash of its
// content, and the version those hashes make. Nothing outside the site's own path is kept or answered.
const MANIFEST = {}; // filled in after the build
const SCOPE = new URL(self.registration.scope);
// Caches are shared by every site of an origin (GitHub Pages' project sites): this one's are named by its path.
const PREFIX = `${SCOPE.pathname}offline-`;
const CACHE = `${PREFIX}${MANIFEST.version}`;
const MANIFEST_KEY = new URL("offline-manifest.json", SCOPE).href;
// Material's assets carry a hash of their content in their names: the kept copy is always right.
const FINGERPRINTED = /\.[0-9a-f]{8}\.min\.(js|css)$/;

async function previous() {
  const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  for (const name of names) {
    const cache = await caches.open(name);
    const kept = await cache.match(MANIFEST_KEY);
    if (kept) return { cache, files: (await kept.json()).files };
  }
  return null;
}

// A new version fetches only what changed since the copy kept; the rest is carried over.
self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const old = await previous();
      for (const [path, hash] of Object.entries(MANIFEST.files)) {
        const url = new URL(path, SCOPE).href;
        const same = old && old.files[path] === hash ? await old.cache.match(url) : undefined;
        const response = same || (await fetch(url, { cache: "no-cache" }));
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        await cache.put(url, response);
      }
      await cache.put(MANIFEST_KEY, new Response(JSON.stringify(MANIFEST)));
      await self.skipWaiting();
    })(),
  );
});

// The new copy in place: the old one goes, and open pages are served from here on.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// Offline: the kept copy of the page, or the kept "not here" page (as a 404) for one the site never had.
async function kept(request) {
  const cache = await caches.open(CACHE);
  const found = await cache.match(request, { ignoreSearch: true });
  if (found) return found;
  const missing = await cache.match(new URL("404.html", SCOPE).href);
  return missing ? new Response(missing.body, { status: 404, headers: missing.headers }) : Response.error();
}

// Pages and our own assets from the network first (a reader online gets the newest; an unchanged page costs
// a revalidation at most), and from the kept copy when the network fails; fingerprinted assets from the copy.
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) {
    return;
  }
  if (FINGERPRINTED.test(url.pathname)) {
    event.respondWith(caches.match(event.request, { cacheName: CACHE }).then((found) => found || fetch(event.request)));
    return;
  }
  // Asked of the server every time (no-cache: a stored copy is revalidated, never taken as it is).
  const asked = event.request.mode === "navigate" ? event.request.url : event.request;
  event.respondWith(fetch(asked, { cache: "no-cache" }).catch(() => kept(event.request)));
});
