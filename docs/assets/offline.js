// The footer's offer of an offline copy (scripts/offline-worker.js), and "Forget this guide on this device".
(() => {
  "use strict";

  // Set by the build (scripts/offline.py); off in the preview.
  const ON = false;
  const KB = 0;
  const ROOT = new URL("../", document.currentScript.src);
  const quietly = (task) => {
    try {
      return task();
    } catch {} // blocked
  };
  const worker = () => quietly(() => navigator.serviceWorker);
  const OFFER = `Keep this guide on this device for offline reading (about ${KB} KB)`;
  const SAID = {
    unable: ["This browser cannot keep this guide for offline reading."],
    offer: ["", OFFER],
    keeping: ["Keeping this guide on this device…", "Keeping…"], // a focused button stays, inert
    kept: ["Kept on this device for offline reading.", "Remove the offline copy"],
    storage: ["This browser could not keep the copy: its storage is full or blocked.", OFFER],
    network: ["The copy failed: the connection broke. Try again online.", OFFER],
    removed: ["The offline copy is removed.", OFFER],
  };
  let state = ON && worker() ? "offer" : "unable";
  let progress = null; // {kept, of}, told by the worker

  // Each footer (instant navigation brings new ones) says the same.
  function show() {
    const [text, action] = SAID[state];
    for (const offer of document.querySelectorAll("[data-offline]")) {
      offer.hidden = !ON;
      offer.setAttribute("data-offline", state);
      offer.querySelector("[data-offline-status]").textContent = text;
      const [button, bar, count] = ["button", "progress", "[data-offline-count]"].map((s) => offer.querySelector(s));
      Object.assign(button, { hidden: !action, textContent: action || "", ariaDisabled: state === "keeping" || null });
      Object.assign(bar, { hidden: !progress, ...(progress && { max: progress.of, value: progress.kept }) });
      count.textContent = progress ? `${progress.kept} of ${progress.of} files` : "";
    }
  }
  function become(next) {
    state = next;
    if (next !== "keeping") progress = null;
    show();
  }

  async function ours() {
    const registration = await worker()?.getRegistration(ROOT.href);
    return registration?.scope === ROOT.href ? registration : null; // not another site's, above ours
  }

  async function removeCopy() {
    try {
      await (await ours())?.unregister();
      for (const name of await caches.keys()) {
        if (name.startsWith(`${ROOT.pathname}offline-`)) await caches.delete(name);
      }
    } catch {}
  }

  async function keep() {
    become("keeping");
    let failed = "network";
    const told = ({ data }) => {
      if (data?.of) {
        progress = data;
        show();
      }
      failed = data?.failed || failed;
    };
    worker().addEventListener("message", told);
    try {
      const registration = await worker().register(new URL("sw.js", ROOT), { scope: ROOT.pathname });
      const coming = registration.installing || registration.waiting;
      await new Promise((resolve, reject) => {
        if (!coming) resolve();
        coming?.addEventListener("statechange", () => {
          if (coming.state === "activated") resolve();
          if (coming.state === "redundant") reject();
        });
      });
      become("kept");
    } catch {
      await removeCopy();
      become(failed);
    }
    worker().removeEventListener("message", told);
  }

  // The ticks (keys under the site's path, and the old shared one) and the copy go; the page stays (offline
  // too), its boxes cleared (checklist.js listens), and says what the browser itself keeps.
  async function forget() {
    // Its words are the footer's (overrides/main.html).
    const say = (words) => {
      for (const status of document.querySelectorAll("[data-forget-status]"))
        status.textContent = status.dataset[words];
    };
    say("working");
    quietly(() => {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith(ROOT.pathname) || key === "checklist-state") localStorage.removeItem(key);
      }
    });
    await removeCopy();
    if (state !== "unable") become("offer");
    document.dispatchEvent(new Event("guide-forgotten"));
    say("done");
  }

  document.addEventListener("click", ({ target }) => {
    if (target.closest?.("[data-forget-guide]")) forget();
    if (!target.closest?.("[data-offline] button")) return;
    if (state === "kept") removeCopy().then(() => become("removed"));
    else if (state !== "keeping") keep();
  });
  new MutationObserver(() => {
    if (document.querySelector(`[data-offline]:not([data-offline="${state}"])`)) show();
  }).observe(document.body, { childList: true, subtree: true });
  show();

  // A copy kept before (even by a version that kept one unasked) is the choice: each full load updates it.
  if (state === "offer") {
    worker().startMessages();
    ours()
      .then((registration) => {
        if (registration) become("kept");
        return registration?.update();
      })
      .catch(() => {});
  } else removeCopy();
})();
