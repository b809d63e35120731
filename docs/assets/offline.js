// The offline copy (scripts/offline-worker.js) and "Forget this guide on this device".
(() => {
  "use strict";

  // On where the build says so (scripts/offline.py); off, it removes an earlier copy.
  const ON = false;
  const ROOT = new URL("../", document.currentScript.src);
  const FORGOTTEN = `${ROOT.pathname}forgotten`;
  const quietly = (task) => {
    try {
      return task();
    } catch {
      return null; // blocked
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

  // The ticks (keys under the site's path, and the old shared key) and the copy go, for the whole visit.
  async function forget() {
    quietly(() => {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith(ROOT.pathname) || key === "checklist-state") localStorage.removeItem(key);
      }
    });
    // No storage to remember it by: no reload, which would register again.
    const remembered = quietly(() => sessionStorage.setItem(FORGOTTEN, "said") ?? true);
    await removeCopy().catch(() => {});
    if (remembered) location.reload();
    else done();
  }

  function done() {
    for (const status of document.querySelectorAll("[data-forget-status]")) {
      status.textContent = "Done: this device keeps no ticks and no copy of this guide.";
    }
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest?.("[data-forget-guide]")) forget();
  });
  const forgotten = quietly(() => sessionStorage.getItem(FORGOTTEN));
  if (forgotten === "said") {
    quietly(() => sessionStorage.setItem(FORGOTTEN, ""));
    done();
  }
  if (ON && forgotten === null) {
    // Each full load looks for a new version: the next load shows it.
    worker()
      ?.register(new URL("sw.js", ROOT), { scope: ROOT.pathname })
      .then((registration) => registration.update())
      .catch(() => {});
  } else {
    removeCopy().catch(() => {});
  }
})();
