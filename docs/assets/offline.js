// The footer's offer of an offline copy and its Forget (words: overrides/main.html; why: scripts/offline.py).
(() => {
  "use strict";

  // Set by the build (scripts/offline.py); off in the preview.
  const ON = false;
  const KB = 0;
  const ROOT = new URL("../", document.currentScript.src);
  const PREFIX = `${ROOT.pathname}offline-`;
  const quietly = (task) => {
    try {
      return task();
    } catch {}
  };
  const worker = () => quietly(() => navigator.serviceWorker);
  const tabs = quietly(() => new BroadcastChannel(PREFIX));
  const BUTTON = { offer: "keep", keeping: "wait", kept: "remove", storage: "keep", network: "keep", removed: "keep" };
  let state = ON && worker() && self.caches ? "looking" : "unable";
  let progress = null;
  let asked = 0;

  function show() {
    for (const offer of document.querySelectorAll("[data-offline]")) {
      const say = (name) => offer.getAttribute(`data-say-${name}`)?.replace("{kb}", KB) || "";
      const [status, button, bar, count] = ["[data-offline-status]", "button", "progress", "[data-offline-count]"].map(
        (part) => offer.querySelector(part),
      );
      offer.setAttribute("data-offline", state);
      status.textContent = say(state);
      Object.assign(button, { hidden: !BUTTON[state], textContent: say(BUTTON[state]) });
      button.ariaDisabled = state === "keeping" || null;
      Object.assign(bar, { hidden: !progress, ...(progress && { max: progress.of, value: progress.kept }) });
      count.textContent = progress ? `${progress.kept} of ${progress.of} files` : "";
      offer.hidden = !ON || state === "looking";
    }
  }
  function say(words) {
    for (const status of document.querySelectorAll("[data-forget-status]"))
      status.textContent = status.dataset[words] || "";
  }
  function become(next) {
    if (next !== "keeping") progress = null;
    state = next;
    show();
  }

  async function ours() {
    const registration = await worker()?.getRegistration(ROOT.href);
    return registration?.scope === ROOT.href ? registration : null; // not a site's above ours
  }

  // What the device holds or is making (a copy is the reader's choice).
  async function look() {
    try {
      const registration = await ours();
      // Whole once its manifest, written last, is there.
      if (registration?.installing && !registration.active) become("keeping");
      else if (registration && (await caches.match(new URL("offline-manifest.json", ROOT).href))) become("kept");
      else if (state !== "keeping") become("offer");
      return registration;
    } catch {
      become("unable");
    }
  }

  // Not awaited: unregistering queues behind any fetch of sw.js.
  async function removeCopy() {
    asked++;
    try {
      const registration = await ours();
      for (const running of [registration?.installing, registration?.waiting, registration?.active]) {
        running?.postMessage("stop");
      }
      registration?.unregister().catch(() => {});
      for (const name of await caches.keys()) if (name.startsWith(PREFIX)) await caches.delete(name);
    } catch {}
    tabs?.postMessage("");
  }

  async function keep() {
    const mine = ++asked;
    become("keeping");
    say("");
    try {
      const registration = await worker().register(new URL("sw.js", ROOT), { scope: ROOT.pathname });
      if (mine !== asked) return removeCopy(); // removed or forgotten meanwhile
      // A worker brought back installs nothing: asked.
      if (!registration.installing && !registration.waiting) registration.active?.postMessage("keep");
    } catch (error) {
      become(error?.name === "TypeError" ? "network" : "storage");
    }
  }

  worker()?.addEventListener("message", ({ data }) => {
    if (state === "unable" || !data) return;
    if (data.of) {
      progress = data;
      become("keeping");
    }
    if (data.done) become("kept");
    if (data.failed && state === "keeping") become(data.failed === "stopped" ? "offer" : data.failed);
  });
  tabs?.addEventListener("message", look);

  // Ticks and copy go; the page stays (offline too), its boxes cleared (checklist.js).
  async function forget() {
    say("working");
    quietly(() => {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith(ROOT.pathname) || key === "checklist-state") localStorage.removeItem(key);
      }
    });
    document.dispatchEvent(new Event("guide-forgotten"));
    await removeCopy();
    if (state !== "unable") become("offer");
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

  if (state === "looking") {
    worker().startMessages();
    look() // each full load with a copy looks for a new version
      .then((registration) => state === "kept" && registration.update())
      .catch(() => {});
  } else removeCopy();
})();
