// The offline copy taken back (mkdocs.yml: extra: offline: false). Published at the worker's address, this
// replaces the guide's worker on readers' devices at their next visit (or the browser's next check): it
// deletes the copy, unregisters itself, and loads open pages again from the network.
const SCOPE = new URL(self.registration.scope);
const PREFIX = `${SCOPE.pathname}offline-`;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX)) await caches.delete(name);
      }
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url).catch(() => {});
    })(),
  );
});
