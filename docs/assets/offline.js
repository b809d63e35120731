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
  let state = ON && worker() && self.caches ? "offer" : "unable";
  let progress = null;

  function show() {
    for (const offer of document.querySelectorAll("[data-offline]")) {
      const say = (name) => offer.getAttribute(`data-say-${name}`)?.replace("{kb}", KB) || "";
      const [status, button, bar, count] = ["[data-offline-status]", "button", "progress", "[data-offline-count]"].map(
        (part) => offer.querySelector(part),
      );
      offer.hidden = !ON;
      offer.setAttribute("data-offline", state);
      status.textContent = say(state);
      Object.assign(button, { hidden: !BUTTON[state], textContent: say(BUTTON[state]) });
      button.ariaDisabled = state === "keeping" || null;
      Object.assign(bar, { hidden: !progress, ...(progress && { max: progress.of, value: progress.kept }) });
      count.textContent = progress ? `${progress.kept} of ${progress.of} files` : "";
    }
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
  const copies = async () => (await caches.keys()).filter((name) => name.startsWith(PREFIX));

  // What the device holds (a copy is the reader's choice), or is making.
  async function look() {
    try {
      const registration = await ours();
      if (registration?.installing && !registration.active) become("keeping");
      else if (registration && (await copies()).length) become("kept");
      else if (state === "kept" || state === "keeping") become("offer");
      return registration;
    } catch {
      become("unable");
    }
  }

  async function removeCopy() {
    try {
      const registration = await ours();
      for (const running of [registration?.installing, registration?.waiting, registration?.active]) {
        running?.postMessage("stop");
      }
      await registration?.unregister();
      for (const name of await copies()) await caches.delete(name);
    } catch {}
    tabs?.postMessage("");
  }

  async function keep() {
    become("keeping");
    try {
      const registration = await worker().register(new URL("sw.js", ROOT), { scope: ROOT.pathname });
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

  if (state === "offer") {
    worker().startMessages();
    look() // each full load with a copy looks for a new version
      .then((registration) => state === "kept" && registration.update())
      .catch(() => {});
  } else removeCopy();
})();
