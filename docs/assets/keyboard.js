// The theme's navigation drawer and search, below 1220 px, for keyboards and screen readers. The theme opens
// them with <label>s for hidden checkboxes, which no key reaches, and leaves the closed drawer's links in
// the tab order, off screen. Here: named buttons that Enter and Space open, focus moved in and kept there
// while open, Escape back to the button, and nothing off screen takes focus.
(() => {
  "use strict";

  // Below 76.25em (1220 px) the navigation is a drawer that slides in; above it, a sidebar always shown.
  const narrow = window.matchMedia("(max-width: 76.234375em)");
  // Below 60em (960 px) search is a dialog that the search button opens; above it, a field always shown.
  const compact = window.matchMedia("(max-width: 59.984375em)");
  const FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), [tabindex="0"]';

  const toggle = (name) => document.getElementById(`__${name}`);
  const headerLabel = (name) => document.querySelector(`.md-header label[for="__${name}"]`);
  const headerButton = (name) => headerLabel(name)?.querySelector("[role=button]");
  const drawer = () => document.querySelector(".md-sidebar--primary");
  const drawerOpen = () => narrow.matches && toggle("drawer")?.checked === true;
  const shown = (element) => element?.isConnected && element.getClientRects().length > 0;
  let madeInert = [];
  // Where focus was before it went into search: Escape from the header's field (960 px and wider) goes back.
  let beforeSearch = null;

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
      // The theme must not see this key too: with search just opened, it would follow the first old result.
      event.stopPropagation();
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

  // While the search dialog is closed on a small screen, its hidden field takes no focus from Tab (the
  // theme still puts focus there when the dialog opens).
  function syncSearch() {
    const field = document.querySelector(".md-search__input");
    if (field) field.tabIndex = compact.matches && toggle("search")?.checked === false ? -1 : 0;
  }

  function focusFirstIn(container) {
    const first = [...container.querySelectorAll(FOCUSABLE)].find((element) => element.getClientRects().length);
    if (first) first.focus();
  }

  function setUpHeader() {
    asButton(headerLabel("drawer"), "Open the navigation");
    asButton(headerLabel("search"), "Search");
  }

  // The reader opened or closed the drawer or search (the theme's labels toggle its checkboxes).
  document.addEventListener("change", (event) => {
    if (event.target === toggle("search")) {
      syncSearch();
      syncResults();
      if (escaped && !event.target.checked) setTimeout(focusBackFromSearch);
    } else if (event.target === toggle("drawer")) {
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

  // The theme closes search on Escape and leaves focus nowhere, or on a result about to be hidden from under
  // it: back where the reader was before search (the search button, when it opened search), or to the button.
  // (Seen before any of the theme's handlers: the search toggle's change, which they cause, says when.)
  let escaped = false;
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "Escape") return;
      escaped = true;
      setTimeout(() => {
        escaped = false;
      });
    },
    true,
  );

  function focusBackFromSearch() {
    const active = document.activeElement;
    if (active !== document.body && !active?.closest(".md-search")) return;
    [beforeSearch, headerButton("search")].find(shown)?.focus();
  }

  // The list of search results takes no focus while it is empty or search is closed.
  function syncResults() {
    for (const wrap of document.querySelectorAll(".md-search__scrollwrap")) {
      wrap.inert = !wrap.querySelector(".md-search-result__item") || toggle("search")?.checked === false;
    }
  }

  // The theme closes search when focus leaves it, without a word: look once focus has moved on.
  document.addEventListener("focusout", (event) => {
    if (event.target.closest?.(".md-search")) setTimeout(syncResults);
  });
  document.addEventListener("focusin", (event) => {
    if (!event.target.closest?.(".md-search")) beforeSearch = event.target;
  });

  // The colour scheme's switch is a radio drawn as its label: Enter switches (the theme's), and Space too.
  document.addEventListener("keydown", (event) => {
    if (event.key !== " " || !event.target.matches?.("[data-md-component=palette] .md-option")) return;
    const label = event.target.nextElementSibling;
    if (!shown(label)) return;
    event.preventDefault();
    label.click();
  });

  narrow.addEventListener("change", sync);
  compact.addEventListener("change", syncSearch);
  // Instant navigation swaps the page in, sidebar included, and closes the drawer without a word.
  new MutationObserver(() => {
    if (drawer() && drawer().inert !== (narrow.matches && !drawerOpen())) sync();
    syncSearch();
    syncResults();
  }).observe(document.body, { childList: true, subtree: true });

  setUpHeader();
  sync();
  syncSearch();
  syncResults();
})();
