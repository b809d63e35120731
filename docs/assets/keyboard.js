// The theme's navigation drawer below 1220 px, for keyboards and screen readers, and the guide's search. The
// theme opens the drawer with a <label> for a hidden checkbox, which no key reaches, and leaves the closed
// drawer's links in the tab order, off screen. Here: a named button that Enter and Space open, focus moved in
// and kept there while open, Escape back to the button, and nothing off screen takes focus. Search
// (overrides/partials/search.html) opens from its button or the "/" key; its script and index load then.
(() => {
  "use strict";

  // Below 76.25em (1220 px) the navigation is a drawer that slides in; above it, a sidebar always shown.
  const narrow = window.matchMedia("(max-width: 76.234375em)");
  const FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), [tabindex="0"]';

  const toggle = (name) => document.getElementById(`__${name}`);
  const headerLabel = (name) => document.querySelector(`.md-header label[for="__${name}"]`);
  const headerButton = (name) => headerLabel(name)?.querySelector("[role=button]");
  const drawer = () => document.querySelector(".md-sidebar--primary");
  const drawerOpen = () => narrow.matches && toggle("drawer")?.checked === true;
  const shown = (element) => element?.isConnected && element.getClientRects().length > 0;
  let madeInert = [];
  let searchCame = false;
  const searchScript = new URL("search.js", document.currentScript.src);

  // A label the theme uses as a button holds one for keyboards and screen readers (a label itself may take no
  // role): a tap on it reaches the label, as before.
  function asButton(label, name) {
    if (!label || label.querySelector("[role=button]")) return;
    const button = document.createElement("span");
    button.className = "header-button";
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", name);
    button.append(...label.childNodes);
    label.append(button);
    button.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      label.click();
    });
  }

  // While the drawer is closed, its links take no focus; while it is open, nothing behind it does.
  function sync() {
    const sidebar = drawer();
    const button = headerButton("drawer");
    for (const element of madeInert) element.inert = false;
    madeInert = [];
    if (button) button.setAttribute("aria-expanded", String(drawerOpen()));
    if (!sidebar) return;
    sidebar.inert = narrow.matches && !drawerOpen();
    if (!drawerOpen()) return;
    for (let inside = sidebar; inside.parentElement; inside = inside.parentElement) {
      for (const sibling of inside.parentElement.children) {
        if (sibling !== inside && !sibling.inert && sibling.tagName !== "SCRIPT") madeInert.push(sibling);
      }
    }
    for (const element of madeInert) element.inert = true;
  }

  function focusFirstIn(container) {
    const first = [...container.querySelectorAll(FOCUSABLE)].find((element) => element.getClientRects().length);
    if (first) first.focus();
  }

  function setUpHeader() {
    asButton(headerLabel("drawer"), "Open the navigation");
  }

  // The reader opened or closed the drawer (the theme's label toggles its checkbox).
  document.addEventListener("change", (event) => {
    if (event.target === toggle("drawer")) {
      sync();
      if (drawerOpen()) focusFirstIn(drawer());
    }
  });

  document.addEventListener("keydown", (event) => {
    if (!drawerOpen()) return;
    if (event.key === "Escape") {
      toggle("drawer").click();
      headerButton("drawer")?.focus();
    }
    // Tab past the last link goes round to the first (and Shift+Tab back): never out to nothing.
    if (event.key !== "Tab") return;
    const stops = [...drawer().querySelectorAll(FOCUSABLE)].filter(shown);
    const [from, to] = event.shiftKey ? [stops[0], stops.at(-1)] : [stops.at(-1), stops[0]];
    if (document.activeElement !== from) return;
    event.preventDefault();
    to.focus();
  });

  // The colour scheme's switch is a radio drawn as its label: Enter switches (the theme's), and Space too.
  document.addEventListener("keydown", (event) => {
    if (event.key !== " " || !event.target.matches?.("[data-md-component=palette] .md-option")) return;
    const label = event.target.nextElementSibling;
    if (!shown(label)) return;
    event.preventDefault();
    label.click();
  });

  // Search: the dialog opens at once (focus in its field, the page behind it inert, Escape closes it and
  // focus goes back); its script and the index follow, and take the words typed meanwhile.
  function openSearch() {
    const dialog = document.querySelector("[data-search-dialog]");
    if (!dialog || dialog.open) return;
    if (drawerOpen()) {
      toggle("drawer").click();
      headerButton("drawer")?.focus(); // where focus goes back to when search closes
    }
    delete dialog.dataset.go; // an Enter pressed the last time search was open is forgotten
    dialog.showModal();
    dialog.querySelector("input")?.select(); // the last words, there to change or to type over
    const status = dialog.querySelector("[role=status]");
    if (!searchCame) status.textContent = dialog.dataset.sayLoading; // its script is on its way
    import(searchScript).then(
      (search) => {
        searchCame = true;
        search.start(dialog);
      },
      () => {
        status.textContent = dialog.dataset.sayUnable;
      },
    );
  }
  // A tap beside the dialog (on its backdrop: the dialog itself, which its box fills) closes it, as Close
  // does; not a drag that began or ended inside it (selecting the words typed, say).
  let [pressedOn, releasedOn] = [null, null];
  document.addEventListener("pointerdown", (event) => {
    pressedOn = event.target;
  });
  document.addEventListener("pointerup", (event) => {
    releasedOn = event.target;
  });
  document.addEventListener("click", (event) => {
    const dialog = event.target.matches?.("[data-search-dialog]");
    const backdrop = dialog && pressedOn === event.target && releasedOn === event.target;
    if (event.target.closest?.("[data-search-open]")) openSearch();
    else if (event.target.closest?.("[data-search-close]") || backdrop) event.target.closest("dialog").close();
  });
  // Enter before search's script has come: no form is sent anywhere (the site's policy refuses it anyway), and
  // search follows the first result once it has come.
  document.addEventListener("submit", (event) => {
    const dialog = event.target.closest("[data-search-dialog]");
    if (!dialog) return;
    event.preventDefault();
    dialog.dataset.go = "";
  });
  // "/" is a key for search, unless the reader is writing (in a field; a checkbox or a radio takes no text).
  const NO_TEXT = ["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"];
  const typing = (element) =>
    element?.closest?.("textarea, select, [contenteditable]") ||
    (element?.tagName === "INPUT" && !NO_TEXT.includes(element.type));
  document.addEventListener("keydown", (event) => {
    // Escape closes search even from its field, where the browser would first only empty it.
    const searching = event.target.closest?.("[data-search-dialog]");
    if (event.key === "Escape" && searching?.open) {
      event.preventDefault();
      searching.close();
      return;
    }
    // (Search's own field, just closed, may hold focus still: it is no field the reader types in.)
    const writing = typing(event.target) && !event.target.closest("dialog:not([open])");
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || writing) return;
    event.preventDefault();
    openSearch();
  });

  narrow.addEventListener("change", sync);
  // Instant navigation swaps the page in, sidebar included, and closes the drawer without a word.
  new MutationObserver(() => {
    if (drawer() && drawer().inert !== (narrow.matches && !drawerOpen())) sync();
  }).observe(document.body, { childList: true, subtree: true });

  setUpHeader();
  sync();
})();
