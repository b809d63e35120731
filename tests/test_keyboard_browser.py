"""The keyboard at every width, in Chromium: walks with Tab, the navigation drawer and search, with keys alone."""

import re

import pytest
from playwright.sync_api import expect

from checklist_page import CHECKLIST
from page_kinds import assert_accessible, every_kind_of_page
from reader import PAGES, add_style, another_pages_title, hold, open_page
from site_build import nav_pages

CHECKLIST_TITLE = dict((source, title) for title, source in nav_pages())[CHECKLIST]  # the page showing the list
# Where the element that has focus is, as a reader sees it: an input hidden behind a drawn box counts as its
# label. Marks each element reached, so that the walk knows when it has gone round.
FOCUS = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const again = element.walked === true;
  element.walked = true;
  // An input drawn by a label shows as its label: the colour scheme's, as the one label of its group shown.
  const group = element.closest("[data-md-component=palette]");
  const labels = [...(group ? group.querySelectorAll("label") : element.labels || [])];
  const drawn = labels.find((label) => label.getClientRects().length) || element;
  const box = drawn.getBoundingClientRect();
  // The sticky header hides what scrolls under it (a skip link shown over it, fixed, is seen).
  const header = document.querySelector(".md-header");
  const fixed = getComputedStyle(drawn).position === "fixed";
  const under = header !== null && !header.contains(drawn) && !fixed ? header.getBoundingClientRect().bottom : 0;
  const name = (element.getAttribute("aria-label") || element.textContent || element.name || "").trim().slice(0, 40);
  return {
    again,
    what: `<${element.tagName.toLowerCase()} class="${element.className}"> ${name}`,
    shown: box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth && box.top >= under - 1
      && box.top < innerHeight && getComputedStyle(element).visibility !== "hidden",
  };
}
"""


def walk(page, limit=120):
    """Tab through the page from its top until focus comes round again; each stop as FOCUS describes it."""
    page.evaluate(
        "() => { document.activeElement?.blur(); document.querySelectorAll('*').forEach((e) => delete e.walked); }"
    )
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop is None or stop["again"]:
            return stops
        stops.append(stop)
    raise AssertionError(f"focus never came round in {limit} stops: {[s['what'] for s in stops[-5:]]}")


SIZES = [(320, 568, "dark"), (768, 1024, "light"), (1024, 768, "light"), (1280, 800, "light")]


@pytest.mark.parametrize(("width", "height", "scheme"), SIZES)
def test_the_keyboard_walks_every_kind_of_page_opens_the_navigation_and_searches_and_space_switches_the_scheme(
    site_context, page_url, width, height, scheme
):
    page = site_context(color_scheme=scheme, viewport={"width": width, "height": height}).new_page()
    if width in (320, 1024):  # below 1220 px, where the navigation is a drawer
        use_the_navigation_drawer(page, page_url)
    if width in (320, 1280):
        search_with_the_keyboard(page, page_url, width)
    unseen, counted = [], 0
    for source in every_kind_of_page():
        open_page(page, page_url, source)
        stops = walk(page)
        counted += len(stops)
        unseen += [f"{source}: {stop['what']}" for stop in stops if not stop["shown"]]
    assert counted > len(PAGES), "the walk met almost nothing"
    assert unseen == [], f"{len(unseen)} of {counted} tab stops out of sight at {width} px: {unseen}"
    tab_to(page, selector="[data-md-component=palette] .md-option")
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    for key in (" ", " ", "Enter"):  # Space switches the scheme as Enter does, and over again: focus stays on it
        before = page.evaluate(scheme)
        page.keyboard.press(key)
        page.wait_for_function(f"() => ({scheme})() !== {before!r}")


def tab_to(page, name=None, selector=None, limit=40):
    """Tab until the header's button named `name` (returned) or an element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "([name, selector]) => { const f = document.activeElement;"
            " return selector ? f.matches(selector) : (f.getAttribute('aria-label') || f.textContent).trim() === name; }",
            [name, selector],
        ):
            return page.locator(".md-header").get_by_role("button", name=name, exact=True) if name else None
    raise AssertionError(f"no tab stop is {name or selector!r}")


def use_the_navigation_drawer(page, page_url):
    """Below 1220 px the navigation is a drawer: accessible shut and open, and used with keys alone: it opens with
    Enter or Space, keeps focus inside, and Escape closes it, as a link followed does."""
    open_page(page, page_url, PAGES[1])
    assert_accessible(page, "navigation shut")
    drawer = page.locator(".md-sidebar--primary")
    for key in ("Enter", " "):
        button = tab_to(page, "Open the navigation")
        expect(button).to_have_attribute("aria-expanded", "false")
        page.keyboard.press(key)
        expect(button).to_have_attribute("aria-expanded", "true")
        expect(drawer.locator(":focus")).to_have_count(1)  # focus moved into the navigation
        if key == "Enter":  # the page behind is inert, as behind a modal dialog, its heading too (checked shut)
            assert_accessible(page, "navigation open", **{"page-has-heading-one": {"enabled": False}})
        # The page behind takes no focus while the navigation is open, and Tab past either end goes round.
        stops = drawer.locator(":is(a[href], input, button, [tabindex])").evaluate_all(
            "(elements) => elements.filter((element) => element.getClientRects().length).length"
        )
        for tab in ["Tab"] * (stops + 2) + ["Shift+Tab"] * (stops + 2):
            page.keyboard.press(tab)
            outside = page.evaluate(
                "document.activeElement.closest('.md-sidebar--primary') ? null"
                " : document.activeElement.outerHTML.slice(0, 120)"
            )
            assert outside is None, f"{tab} in the open navigation reached {outside}"
        expect(drawer.get_by_role("link", name=CHECKLIST_TITLE)).to_be_visible()
        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(button).to_be_focused()
        assert walk(page), "after closing, the page takes focus again"
    tab_to(page, "Open the navigation")
    page.keyboard.press("Enter")
    drawer.get_by_role("link", name=CHECKLIST_TITLE).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(page_url(CHECKLIST))
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.locator("[data-checklist-ready]")).to_have_count(1)
    stops = walk(page)
    assert stops and all(stop["shown"] for stop in stops), "the closed navigation took focus after the move"


# Two frames drawn: what the page does when an address changes has been done.
FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"

# Each <mark> of the results, with the letters either side of it: a mark never cuts a word.
MARKS = """() => [...document.querySelectorAll('[data-search-dialog] mark')].map((mark) =>
  (mark.previousSibling?.textContent.slice(-1) ?? '') + '[' + mark.textContent + ']' +
  (mark.nextSibling?.textContent[0] ?? ''))"""


def search_with_the_keyboard(page, page_url, width):
    """Tab to the button, Enter, type key by key (the words that matched marked whole), Down to the results and Up,
    Escape from a result back to the button; "/" from a link, Escape back to the link; opened from the open navigation
    (on a phone), Escape back to its button; Enter follows the first result (Enter again, in a hurry, opens no search),
    and focus is on its section's heading. With a result in focus, search is accessible; with text at 200 %, its
    field keeps half the width."""
    open_page(page, page_url, "index.md")
    button = tab_to(page, "Search")
    page.keyboard.press("Enter")
    field = page.get_by_role("searchbox", name="Search the guide")
    expect(field).to_be_focused()
    heading = another_pages_title(page)
    page.keyboard.type(heading, delay=20)
    results = page.get_by_role("dialog", name="Search the guide").get_by_role("link")
    expect(results.first).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="found")).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(results.first).to_be_focused()
    assert_accessible(page, "search with a result in focus")
    page.keyboard.press("ArrowUp")
    expect(field).to_be_focused()
    marks = page.evaluate(MARKS)
    assert marks and not [mark for mark in marks if re.search(r"\w\[|\]\w", mark)], marks
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(button).to_be_focused()
    assert [stop["what"] for stop in walk(page) if not stop["shown"]] == []
    # (Not just after following a result: the themes close the drawer 125 ms after every navigation, even one
    # the reader opened meanwhile.)
    if width < 1220:  # opened from the open navigation, search closes it, and Escape comes back to its button
        page.locator(".md-header").get_by_role("button", name="Open the navigation").press("Enter")
        expect(page.locator(".md-sidebar--primary :focus")).to_have_count(1)
        page.keyboard.press("/")
        expect(field).to_be_focused()
        page.keyboard.press("Escape")
        expect(page.locator(".md-header").get_by_role("button", name="Open the navigation")).to_be_focused()
    link = page.locator("article a[href]").first
    link.focus()
    page.keyboard.press("/")
    expect(field).to_be_focused()
    page.keyboard.press("Escape")
    expect(link).to_be_focused()
    button.focus()  # where focus would go back as search closes
    page.keyboard.press("/")
    selected = "() => { const f = document.activeElement; return f.value.length > 0 && f.selectionStart === 0"
    page.wait_for_function(selected + " && f.selectionEnd === f.value.length; }")  # the last words, to type over
    target = results.first.get_attribute("href")
    arrival = hold(page, target.split("#")[0])  # the page on its way, slowly
    with page.expect_request(target.split("#")[0]):
        page.keyboard.press("Enter")
    page.wait_for_url(target)  # the theme changes the address before the page has come
    page.evaluate(FRAMES)
    expect(page.locator("article :is(h1, h2, h3):focus")).to_have_count(0)  # not on the page being left
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.keyboard.press("Enter")  # again, in a hurry, while the page is on its way: it opens no search again
    arrival()
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator("article :is(h1, h2, h3):focus")).to_have_count(1)  # where the reader asked to go
    page.keyboard.press("/")
    add_style(page, "html { font-size: 250% !important; }")  # text at 200 %: the field keeps half the width
    assert field.bounding_box()["width"] >= width / 2
