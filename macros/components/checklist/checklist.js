// The final checklist: ticks saved on this device only, progress in words, clear with undo,
// print with ticks or blank. Works on top of plain checkboxes that need no script.
(() => {
  "use strict";

  var VERSION = 1;

  // The ids ticked, under `key`: nothing else, so they reveal nothing. `sharedKey`: the key all sites of the
  // origin once shared. `storage()` throws where site data is blocked. No page here: tests/js runs it in Node.
  function tickStore(storage, key, sharedKey) {
    // Ids ticked; null when storage cannot be read (corrupted state: nothing ticked).
    function load() {
      var raw;
      var state;
      try {
        raw = storage().getItem(key);
      } catch {
        return null;
      }
      try {
        state = JSON.parse(raw);
        if (state && state.v === VERSION && Array.isArray(state.ids)) {
          return state.ids.filter((id) => typeof id === "string");
        }
      } catch {
        /* nothing */
      }
      return [];
    }

    // True when the ids were stored (or removed, for an empty list: kept as empty while the shared key still
    // holds ticks, so that they are not carried over again).
    function store(ids) {
      try {
        if (ids.length || storage().getItem(sharedKey) !== null) {
          storage().setItem(key, JSON.stringify({ v: VERSION, ids: ids }));
          return true;
        }
        storage().removeItem(key);
        return writable();
      } catch {
        return false;
      }
    }

    // Whether this browser takes a write of the ticks now (a full one reads and removes, yet writes nothing):
    // what is stored is written again as it is, or an empty list is written and removed.
    function writable() {
      try {
        const stored = storage().getItem(key);
        storage().setItem(key, stored === null ? JSON.stringify({ v: VERSION, ids: [] }) : stored);
        if (stored === null) storage().removeItem(key);
        return true;
      } catch {
        return false;
      }
    }

    return {
      load: load,
      writable: writable,
      // Stored ids the list does not know stay (a newer version in another tab may show them). True when kept.
      save: (ticked, known) => store(ticked.concat((load() || []).filter((id) => known.indexOf(id) === -1))),
      // The shared key's ticks of this list, once, where the site has none: shown even if they cannot be saved.
      carryOver: (known) => {
        var state;
        try {
          if (storage().getItem(key) !== null) return [];
          state = JSON.parse(storage().getItem(sharedKey));
        } catch {
          return [];
        }
        if (!state || state.v !== VERSION || !Array.isArray(state.ids)) return [];
        var ids = state.ids.filter((id) => known.indexOf(id) !== -1);
        if (ids.length) store(ids);
        return ids;
      },
    };
  }

  if (typeof document === "undefined") {
    module.exports = { tickStore: tickStore, VERSION: VERSION }; // Node's tests (tests/js)
    return;
  }

  // One key for the site, under its path: the project sites of one origin (GitHub Pages) share storage. The
  // site's path is the one this script is served under.
  var SCRIPT = document.currentScript;
  var KEY = `${new URL("../", SCRIPT ? SCRIPT.src : window.location.href).pathname}checklist-state`;
  var ticks = tickStore(() => window.localStorage, KEY, "checklist-state");
  var BLANK = "checklist-print-blank";

  function sameIds(a, b) {
    return a.length === b.length && a.every((id) => b.indexOf(id) !== -1);
  }

  // Sets up one checklist. It owns its state and its listeners: when instant navigation takes it off the
  // page, it drops them, and sets up the next checklist the moment one is swapped in (before the theme runs
  // this script again), so that a checklist never shows without its ticks.
  function setUp(root) {
    root.setAttribute("data-checklist-ready", "");
    var listening = new AbortController();
    var signal = listening.signal;
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[data-id]"));
    var known = boxes.map((box) => box.dataset.id);
    var part = (name) => root.querySelector(`[data-checklist-${name}]`);
    var button = (action) => root.querySelector(`[data-checklist-action="${action}"]`);
    var progress = part("progress");
    var undo = button("undo");
    // What the last clear removed, while Undo can still bring it back unchanged.
    var beforeClear = null;

    function ticked() {
      return boxes.filter((box) => box.checked).map((box) => box.dataset.id);
    }

    function isKnown(id) {
      return known.indexOf(id) !== -1;
    }

    function say(prefix) {
      progress.textContent = `${prefix}${ticked().length} of ${boxes.length} done`;
    }

    // Tell the reader whether this page's ticks are being kept.
    function saving(kept) {
      part("kept").hidden = !kept;
      part("note").hidden = kept;
    }

    function save() {
      saving(ticks.save(ticked(), known));
    }

    function show(ids) {
      boxes.forEach((box) => {
        box.checked = ids.indexOf(box.dataset.id) !== -1;
      });
      say("");
    }

    function forgetUndo() {
      // A keyboard user on Undo keeps their place on the button beside it.
      if (document.activeElement === undo) button("reset").focus();
      beforeClear = null;
      undo.hidden = true;
    }

    // Show what is stored (unreadable storage: nothing, as on any visit).
    function restore() {
      var ids = (ticks.load() || []).filter(isKnown);
      // Ticks changed elsewhere since the clear: Undo would now overwrite them.
      if (!sameIds(ids, ticked())) forgetUndo();
      show(ids);
    }

    root.addEventListener("change", () => {
      forgetUndo();
      save();
      // Said as the last tick goes in, each time, and never on arrival: the reader did this just now.
      say(ticked().length === boxes.length ? "Every item is ticked. " : "");
    });

    button("reset").addEventListener("click", () => {
      // Nothing ticked: nothing to clear, and an Undo already offered stays as it was.
      if (!ticked().length) return say("Nothing to clear. ");
      beforeClear = ticked();
      show([]);
      save();
      say("Ticks cleared. ");
      undo.hidden = false;
      undo.focus();
    });

    undo.addEventListener("click", () => {
      if (beforeClear) show(beforeClear);
      save();
      forgetUndo();
      say("Ticks restored. ");
      button("reset").focus();
    });

    // The whole guide's copy of the list has no print buttons of its own: it prints as the whole guide.
    button("print")?.addEventListener("click", () => {
      document.documentElement.classList.remove(BLANK);
      window.print();
    });
    button("print-blank")?.addEventListener("click", () => {
      document.documentElement.classList.add(BLANK);
      window.print();
      // Where afterprint never comes, the reader's next touch or key shows the print is over.
      ["pointerdown", "keydown"].forEach((type) => {
        document.addEventListener(type, endBlankPrint, { capture: true, once: true, signal: signal });
      });
    });

    // Another tab changed the ticks: show the same state here.
    window.addEventListener(
      "storage",
      (event) => {
        if (event.key === KEY || event.key === null) restore();
      },
      { signal: signal },
    );
    // "Forget this guide on this device" (assets/offline.js) emptied storage: nothing ticked, nothing to undo.
    document.addEventListener(
      "guide-forgotten",
      () => {
        forgetUndo();
        restore();
      },
      { signal: signal },
    );
    // Back from the browser's page cache: storage may have changed meanwhile, and Undo is stale.
    window.addEventListener(
      "pageshow",
      (event) => {
        if (!event.persisted) return;
        endBlankPrint();
        forgetUndo();
        restore();
      },
      { signal: signal },
    );
    // Where afterprint fires, a blank copy is a one-off.
    window.addEventListener("afterprint", endBlankPrint, { signal: signal });

    var leaving = new MutationObserver(() => {
      if (root.isConnected) return;
      listening.abort();
      endBlankPrint();
      var next = unready();
      if (next) {
        leaving.disconnect();
        setUp(next);
      }
    });
    leaving.observe(document.body, { childList: true, subtree: true });

    var carried = ticks.carryOver(known);
    var stored = ticks.load();
    // Said from arrival: a browser that reads but cannot write is not keeping the ticks either.
    saving(stored !== null && ticks.writable());
    // Ids this page does not know stay stored: a newer version may show them (an id is forever).
    show((stored || []).concat(carried).filter(isKnown));
    part("controls").hidden = false;
  }

  function unready() {
    return document.querySelector("[data-checklist]:not([data-checklist-ready])");
  }

  function endBlankPrint() {
    document.documentElement.classList.remove(BLANK);
  }

  // A full load, or instant navigation running this script again: set up the checklist not yet set up.
  var found = unready();
  if (found) setUp(found);
})();
