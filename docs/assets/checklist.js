// The final checklist: ticks saved on this device only, progress in words, clear with undo,
// print with ticks or blank. Works on top of plain checkboxes that need no script.
(function () {
  "use strict";

  // Instant navigation runs a page's scripts again on every visit: set up the listeners once.
  if (window.checklistLoaded) return;
  window.checklistLoaded = true;

  // One key for every checklist on the site; it holds ids only, so it reveals nothing.
  var KEY = "checklist-state";
  var VERSION = 1;

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

  function setUp(root) {
    if (root.hasAttribute("data-checklist-ready")) return;
    root.setAttribute("data-checklist-ready", "");
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[data-id]"));
    var part = function (name) { return root.querySelector("[data-checklist-" + name + "]"); };
    var button = function (action) { return root.querySelector('[data-checklist-action="' + action + '"]'); };
    var progress = part("progress");
    var note = part("note");
    var undo = button("undo");
    var beforeClear = null;

    function ticked() {
      return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.dataset.id; });
    }

    function say(prefix) {
      progress.textContent = prefix + ticked().length + " of " + boxes.length + " done";
    }

    function save() {
      note.hidden = saveIds(ticked());
    }

    function show(ids) {
      boxes.forEach(function (box) { box.checked = ids.indexOf(box.dataset.id) !== -1; });
      say("");
    }

    function restore() {
      var ids = loadIds();
      note.hidden = ids !== null;
      show(ids || ticked());
      // Drop ids of items that no longer exist, so stored state matches the list.
      if (ids && ids.length !== ticked().length) save();
    }

    function forgetUndo() {
      beforeClear = null;
      undo.hidden = true;
    }

    root.addEventListener("change", function () {
      forgetUndo();
      save();
      say("");
    });

    button("reset").addEventListener("click", function () {
      beforeClear = ticked();
      if (!beforeClear.length) {
        say("Nothing to clear. ");
        return;
      }
      show([]);
      save();
      say("Ticks cleared. ");
      undo.hidden = false;
      undo.focus();
    });

    undo.addEventListener("click", function () {
      show(beforeClear || []);
      save();
      forgetUndo();
      say("Ticks restored. ");
      button("reset").focus();
    });

    button("print").addEventListener("click", function () { window.print(); });
    button("print-blank").addEventListener("click", function () {
      document.documentElement.classList.add("checklist-print-blank");
      window.print();
    });

    root.checklistRestore = restore;
    restore();
    part("controls").hidden = false;
  }

  function setUpAll() {
    document.querySelectorAll("[data-checklist]").forEach(setUp);
  }

  // A blank copy is a one-off: the next print shows the ticks again.
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("checklist-print-blank");
  });

  // Another tab changed the ticks: show the same state here.
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY && event.key !== null) return;
    document.querySelectorAll("[data-checklist-ready]").forEach(function (root) { root.checklistRestore(); });
  });

  // Material's instant navigation swaps pages in place; its document$ announces each new page.
  function start() {
    setUpAll();
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setUpAll);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
