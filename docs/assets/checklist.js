// The final checklist: ticks saved on this device only, progress in words, clear with undo,
// print with ticks or blank. Works on top of plain checkboxes that need no script.
(function () {
  "use strict";

  // One key for every checklist on the site; it holds ids only, so it reveals nothing.
  var KEY = "checklist-state";
  var VERSION = 1;
  var BLANK = "checklist-print-blank";

  // Ids ticked on this device, or null when storage cannot be read at all.
  function loadIds() {
    var raw;
    try {
      raw = window.localStorage.getItem(KEY);
    } catch (e) {
      return null;
    }
    try {
      var state = JSON.parse(raw);
      if (state && state.v === VERSION && Array.isArray(state.ids)) {
        return state.ids.filter(function (id) { return typeof id === "string"; });
      }
    } catch (e) { /* corrupted state counts as nothing ticked */ }
    return [];
  }

  // True when the ids were stored (or removed, for an empty list).
  function saveIds(ids) {
    try {
      if (ids.length) {
        window.localStorage.setItem(KEY, JSON.stringify({ v: VERSION, ids: ids }));
      } else {
        window.localStorage.removeItem(KEY);
      }
      return true;
    } catch (e) {
      return false;
    }
  }

  function sameIds(a, b) {
    return a.length === b.length && a.every(function (id) { return b.indexOf(id) !== -1; });
  }

  function setUp(root) {
    if (root.hasAttribute("data-checklist-ready")) return;
    root.setAttribute("data-checklist-ready", "");
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[data-id]"));
    var known = boxes.map(function (box) { return box.dataset.id; });
    var part = function (name) { return root.querySelector("[data-checklist-" + name + "]"); };
    var button = function (action) { return root.querySelector('[data-checklist-action="' + action + '"]'); };
    var progress = part("progress");
    var undo = button("undo");
    // What the last clear removed, while Undo can still bring it back unchanged.
    var beforeClear = null;

    function ticked() {
      return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.dataset.id; });
    }

    function isKnown(id) {
      return known.indexOf(id) !== -1;
    }

    function say(prefix) {
      progress.textContent = prefix + ticked().length + " of " + boxes.length + " done";
    }

    // Tell the reader whether this page's ticks are being kept.
    function saving(kept) {
      part("kept").hidden = !kept;
      part("note").hidden = kept;
    }

    // Ids this list does not know may belong to a newer version open in another tab: keep them.
    function save() {
      var others = (loadIds() || []).filter(function (id) { return !isKnown(id); });
      saving(saveIds(ticked().concat(others)));
    }

    function show(ids) {
      boxes.forEach(function (box) { box.checked = ids.indexOf(box.dataset.id) !== -1; });
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
      var ids = (loadIds() || []).filter(isKnown);
      // Ticks changed elsewhere since the clear: Undo would now overwrite them.
      if (!sameIds(ids, ticked())) forgetUndo();
      show(ids);
    }

    root.addEventListener("change", function () {
      forgetUndo();
      save();
      say("");
    });

    button("reset").addEventListener("click", function () {
      // Nothing ticked: nothing to clear, and an Undo already offered stays as it was.
      if (!ticked().length) return say("Nothing to clear. ");
      beforeClear = ticked();
      show([]);
      save();
      say("Ticks cleared. ");
      undo.hidden = false;
      undo.focus();
    });

    undo.addEventListener("click", function () {
      if (beforeClear) show(beforeClear);
      save();
      forgetUndo();
      say("Ticks restored. ");
      button("reset").focus();
    });

    button("print").addEventListener("click", function () {
      document.documentElement.classList.remove(BLANK);
      window.print();
    });
    button("print-blank").addEventListener("click", function () {
      document.documentElement.classList.add(BLANK);
      window.print();
      // Where afterprint never comes, the reader's next touch or key shows the print is over.
      ["pointerdown", "keydown"].forEach(function (type) {
        document.addEventListener(type, endBlankPrint, { capture: true, once: true });
      });
    });

    // Another tab changed the ticks.
    root.checklistRestore = restore;
    // Back from the browser's page cache: storage may have changed meanwhile, and Undo is stale.
    root.checklistReturn = function () {
      forgetUndo();
      restore();
    };

    var stored = loadIds();
    saving(stored !== null);
    show((stored || []).filter(isKnown));
    // Ids this page does not know stay stored: a newer version may show them (an id is forever).
    part("controls").hidden = false;
  }

  function endBlankPrint() {
    document.documentElement.classList.remove(BLANK);
  }

  // Each new page (a full load, or one swapped in by instant navigation) starts printing ticks.
  function setUpPage() {
    endBlankPrint();
    document.querySelectorAll("[data-checklist]").forEach(setUp);
  }

  // Once per window, whichever page loaded this script first.
  if (!window.checklistListening) {
    window.checklistListening = true;

    // Where afterprint fires, a blank copy is a one-off.
    window.addEventListener("afterprint", endBlankPrint);

    // Another tab changed the ticks: show the same state here.
    window.addEventListener("storage", function (event) {
      if (event.key !== KEY && event.key !== null) return;
      document.querySelectorAll("[data-checklist-ready]").forEach(function (root) { root.checklistRestore(); });
    });

    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) return;
      endBlankPrint();
      document.querySelectorAll("[data-checklist-ready]").forEach(function (root) { root.checklistReturn(); });
    });

    // Instant navigation swaps a page's content in place, then runs this script again once it has loaded
    // it: set up a checklist the moment it is swapped in, so that it never shows without its ticks.
    new MutationObserver(function () {
      if (document.querySelector("[data-checklist]:not([data-checklist-ready])")) setUpPage();
    }).observe(document.body, { childList: true, subtree: true });
  }

  // Instant navigation runs this script again on every visit: set up whatever is new on the page.
  setUpPage();
})();
