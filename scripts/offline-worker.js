// The guide's own service worker: once a reader asks for it (the footer's offer, assets/offline.js), every
// page and asset of this version is kept on their device, so the guide reads the same offline. Written into
// the site after the build (scripts/offline.py), with the manifest below: each file's address under the site
// and the hash of its content, and the version those hashes make. Nothing outside the site's own path is kept
// or answered.
const MANIFEST = {}; // filled in after the build
const SCOPE = new URL(self.registration.scope);
// Caches are shared by every site of an origin (GitHub Pages' project sites): this one's are named by its path.
const PREFIX = `${SCOPE.pathname}offline-`;
const CACHE = `${PREFIX}${MANIFEST.version}`;
const MANIFEST_KEY = new URL("offline-manifest.json", SCOPE).href;
// Material's assets carry a hash of their content in their names: the kept copy is always right.
const FINGERPRINTED = /\.[0-9a-f]{8}\.min\.(js|css)$/;
// A network that neither answers nor fails (a train between stations): the kept copy after this long.
const PATIENCE = 4000;

async function previous() {
  const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  for (const name of names) {
    const cache = await caches.open(name);
    const kept = await cache.match(MANIFEST_KEY);
    if (kept) return { cache, files: (await kept.json()).files };
  }
  return null;
}

// Whether a file is what this version names: during a deploy, a CDN may still serve a file of the last one; and
// caches are the origin's, so another site of a shared origin (github.io) can write into ours.
async function named(hash, response) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0"))
    .join("")
    .startsWith(hash);
}

async function check(url, hash, response) {
  if (!(await named(hash, response))) throw new Error(`${url}: not the content this version names`);
}

// A kept file (found at `url`), served only if it is still what this version names (checked each time).
async function trusted(url, found) {
  if (!found) return undefined;
  const path = new URL(url).pathname.slice(SCOPE.pathname.length);
  const hash = MANIFEST.files[path];
  return hash && (await named(hash, found)) ? found : undefined;
}

// What the pages of this site (not another site of the origin) are told while a first copy is made
// (assets/offline.js): {kept, of} files, then {done: true}, or {failed: "storage" | "network" | "stopped"}.
async function tell(message) {
  for (const page of await self.clients.matchAll({ includeUncontrolled: true, type: "window" })) {
    if (page.url.startsWith(SCOPE.href)) page.postMessage(message);
  }
}

// A file that takes longer than this (a stalled network) ends the attempt: the reader can try again.
const FILE_PATIENCE = 30000;
let stopping = null; // the attempt under way, which "stop" (Forget, or Remove) ends at once
let stopped = false; // "stop" came before the attempt began (the page's Keep overtaken): none begins

// This version's copy, made whole or not at all. A new version fetches only what changed since the copy
// kept; the rest is carried over. Progress is told only for a first copy (an update is silent).
async function fill() {
  const old = await previous();
  const stop = new AbortController();
  stopping = stop;
  if (stopped) stop.abort();
  const files = Object.entries(MANIFEST.files);
  try {
    const cache = await caches.open(CACHE);
    for (const [index, [path, hash]] of files.entries()) {
      const url = new URL(path, SCOPE).href;
      // Carried over only if the kept file is still what it was (checked again: see named()).
      const same = old && old.files[path] === hash ? await trusted(url, await old.cache.match(url)) : undefined;
      const late = setTimeout(() => stop.abort(), FILE_PATIENCE);
      let response = same;
      try {
        // no-store: the copy lives here only, where "Forget" reaches it, not in the browser's cache too. A
        // connection dropped once (a phone between cells, a busy host) is asked again, once.
        const get = () => fetch(url, { cache: "no-store", signal: stop.signal });
        response ||= await get().catch((error) => (stop.signal.aborted ? Promise.reject(error) : get()));
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        await check(url, hash, response);
      } finally {
        clearTimeout(late);
      }
      if (stop.signal.aborted) throw stop.signal.reason;
      await cache.put(url, response);
      if (!old) tell({ kept: index + 1, of: files.length });
    }
    await cache.put(MANIFEST_KEY, new Response(JSON.stringify(MANIFEST)));
    if (!old) tell({ done: true });
  } catch (error) {
    // A version published by halves, no room, or stopped: no half copy stays (the last whole one does); the
    // next load tries again.
    const why =
      stopped || stopping !== stop
        ? "stopped"
        : ["QuotaExceededError", "SecurityError"].includes(error?.name)
          ? "storage"
          : "network";
    if (!old) tell({ failed: why });
    await caches.delete(CACHE).catch(() => {});
    throw error;
  } finally {
    if (stopping === stop) stopping = null;
  }
}

// A worker in place without a copy (the copy removed, or its making failed) makes none unasked: it goes.
async function leave(error) {
  await self.registration.unregister();
  throw error;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      if (self.registration.active && !(await previous())) return leave(new Error("no copy to update"));
      await fill();
      await self.skipWaiting();
    })(),
  );
});

// From a page: "stop" the copy under way; "keep" the copy again where this worker is in place without one
// (a copy removed while the page it served stays open, which brings the worker back).
self.addEventListener("message", (event) => {
  if (event.data === "stop") {
    stopped = true;
    const stop = stopping;
    stopping = null;
    stop?.abort();
  }
  if (event.data === "keep") stopped = false;
  if (event.data === "keep" && !stopping) event.waitUntil(fill().catch((error) => leave(error).catch(() => {})));
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
  const found = await trusted(request.url, await caches.match(request, { cacheName: CACHE, ignoreSearch: true }));
  if (found) return found;
  // A page asked without its slash (faq for faq/) is redirected, as the host does online.
  const page = new URL(request.url);
  page.pathname += "/";
  if (request.mode === "navigate" && (await caches.match(page.href, { cacheName: CACHE, ignoreSearch: true }))) {
    return Response.redirect(page.href, 301);
  }
  const notHere = new URL("404.html", SCOPE).href;
  const missing = await trusted(notHere, await caches.match(notHere, { cacheName: CACHE }));
  return missing ? new Response(missing.body, { status: 404, headers: missing.headers }) : Response.error();
}

// The network's answer; the kept copy when it fails, or keeps the reader waiting past PATIENCE.
async function fromNetwork(request, asked) {
  const network = fetch(asked);
  const late = new Promise((resolve) => setTimeout(resolve, PATIENCE, "late"));
  try {
    const first = await Promise.race([network, late]);
    if (first !== "late") return first;
    return (
      (await trusted(request.url, await caches.match(request, { cacheName: CACHE, ignoreSearch: true }))) ||
      (await network)
    );
  } catch {
    return kept(request);
  }
}

// Pages and our own assets from the network first (a reader online gets the newest; an unchanged page costs
// a revalidation at most), and from the kept copy when the network fails; fingerprinted assets from the copy.
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) {
    return;
  }
  if (FINGERPRINTED.test(url.pathname)) {
    event.respondWith(
      caches
        .match(event.request, { cacheName: CACHE })
        .then((found) => trusted(event.request.url, found))
        .then((found) => found || fetch(event.request)),
    );
    return;
  }
  // Asked of the server every time (no-cache: a stored copy is revalidated, never taken as it is). A page's
  // redirect (faq to faq/) goes back to the browser, which follows it, as it does without the worker.
  const asked =
    event.request.mode === "navigate"
      ? new Request(event.request.url, { cache: "no-cache", redirect: "manual", credentials: "same-origin" })
      : new Request(event.request, { cache: "no-cache" });
  event.respondWith(fromNetwork(event.request, asked));
});
