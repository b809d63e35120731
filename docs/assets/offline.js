// The offline copy (our service worker, scripts/offline-worker.js), and "Forget this guide on this device".
(() => {
  "use strict";

  // On where the build says so (scripts/offline.py). Off, as in the preview, it removes an earlier copy.
  const ON = false;
  const ROOT = new URL("../", document.currentScript.src);
  const FORGOTTEN = `${ROOT.pathname}forgotten`;
  const quietly = (task) => {
    try {
      return task();
    } catch {
      return null; // site data or service workers blocked
    }
  };
  const worker = () => quietly(() => navigator.serviceWorker);

  async function removeCopy() {
    const registration = await worker()?.getRegistration(ROOT.href);
    if (registration?.scope === ROOT.href) await registration.unregister(); // not another site's, above ours
    for (const name of (await quietly(() => caches.keys())) || []) {
      if (name.startsWith(`${ROOT.pathname}offline-`)) await caches.delete(name);
    }
  }

  // The ticks (keys under the site's path, and the key sites once shared) and the copy go; none is kept
  // again until the tab closes.
  async function forget() {
    quietly(() => {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith(ROOT.pathname) || key === "checklist-state") localStorage.removeItem(key);
      }
    });
    quietly(() => sessionStorage.setItem(FORGOTTEN, "said"));
    await removeCopy().catch(() => {});
    location.reload();
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest?.("[data-forget-guide]")) forget();
  });
  const forgotten = quietly(() => sessionStorage.getItem(FORGOTTEN));
  if (forgotten === "said") {
    quietly(() => sessionStorage.setItem(FORGOTTEN, ""));
    for (const status of document.querySelectorAll("[data-forget-status]")) {
      status.textContent = "Done: this device keeps no ticks and no copy of this guide.";
    }
  }
  if (ON && forgotten === null) {
    // Each full load looks for a new version (sw.js revalidated): the next load shows it.
    worker()
      ?.register(new URL("sw.js", ROOT), { scope: ROOT.pathname })
      .then((registration) => registration.update())
      .catch(() => {});
  } else {
    removeCopy().catch(() => {});
  }
})();
