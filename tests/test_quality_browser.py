"""Measured quality of every page in Chromium: accessibility (on every kind of page, tests/page_kinds.py), phones,
privacy, weight; and search metadata."""

import gzip
import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from checklist_page import CHECKLIST
from macros.components import COMPONENTS
from page_kinds import assert_accessible, every_kind_of_page
from reader import FULL_STORAGE, WHOLE, add_style
from site_build import ROOT, SITE_ENGINE, nav_pages, page_address, page_calling, site_config, whole_guide

SOURCES = [source for _, source in nav_pages()]
MISSING_PAGE = "no-such-page.md"  # any address the site lacks: answered with the 404 page
PAGES = [*SOURCES, MISSING_PAGE]

# Bytes a reader's browser downloads for one page, gzipped as GitHub Pages serves them: the page, the theme's CSS
# and JS, ours, the sitemap (instant navigation) and the icon; 77.6 KiB, and 101.5 KiB with Zensical's classic
# theme. How it grew, and what a plain Material site weighs: BENCHMARKS.md, "Page weight".
PAGE_BUDGET = {"mkdocs": 79_500, "zensical": 103_900}[SITE_ENGINE]
# What every page loads of our own, gzipped: 9.02 KiB, and room for a new component's style in guide.css
# (CONTRIBUTING.md, "Add a component").
SHARED_ASSETS = [ROOT / "docs" / "assets" / name for name in ("keyboard.js", "guide.css", "offline.js")]
SHARED_BUDGET = 9.4 * 1024
COMPONENT_SCRIPT_BUDGET = 3.2 * 1024  # a component's script, loaded by its page alone: checklist.js is 3.14 KiB
# Search's script and its stemmer, loaded when a reader opens search: 7.7 KiB.
SEARCH_ASSETS = [ROOT / "docs" / "assets" / name for name in ("search.js", "vendor/stemmer.js")]
SEARCH_BUDGET = 7.8 * 1024


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def switch_scheme(page, scheme):
    """The reader's system turns dark (or light) and they press the theme's switch; then wait out its transitions."""
    page.emulate_media(color_scheme=scheme)
    page.get_by_title(f"Switch to {scheme} mode").click()
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", {"dark": "slate", "light": "default"}[scheme]
    )
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")


# Elements the reader would have to scroll sideways, or the page itself.
SIDEWAYS = """() => {
  const page = document.documentElement;
  const found = page.scrollWidth > page.clientWidth ? ['the page: ' + page.scrollWidth + 'px'] : [];
  for (const el of document.body.querySelectorAll('*')) {
    const scrolls = ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    if (scrolls && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) found.push(el.className + ': ' + el.scrollWidth + 'px');
  }
  return found;
}"""


# The site's name in the header, where it shows: with room for a word of it (4 em), or hidden; never cut to a letter.
NAME_CUT = """() => {
  const topics = [...document.querySelectorAll('.md-header__title .md-header__topic')];
  if (!topics.length) return 'no site name in the header';
  return topics.filter((topic) => {
    const style = getComputedStyle(topic);
    const room = topic.closest('.md-header__title').getBoundingClientRect().width;
    const text = document.createRange();
    text.selectNodeContents(topic);  // the text as laid out, clipped or not
    return style.visibility !== 'hidden' && style.display !== 'none' && topic.getClientRects().length
      && text.getBoundingClientRect().width > room + 1 && room < 4 * parseFloat(style.fontSize);
  }).map((topic) => topic.textContent.trim());
}"""


@pytest.mark.parametrize("source", PAGES)
def test_each_page_loads_only_from_the_site_within_its_weight_is_accessible_and_fits_a_320_px_phone(
    site_context, page_url, source
):
    """Every kind of page (tests/page_kinds.py) is accessible in light, then in dark as the reader switches to it (the
    theme keeps a first visit's palette: a reload would stay light); the checklist in use, where nothing can be
    saved (its undo button and notes shown). Asking another site or setting a cookie fails the test (site_context)."""
    page = site_context(color_scheme="light").new_page()
    if source == CHECKLIST:
        page.add_init_script(FULL_STORAGE)
    loaded = {}
    page.on("requestfinished", lambda request: loaded.setdefault(request.url, request))
    # Measure once the page has fetched all it will: the sitemap, read last by the theme's scripts. Reading a
    # body lets more events in, so read from a copy of what had finished.
    with page.expect_request_finished(lambda r: r.url.endswith("sitemap.xml")):
        page.goto(page_url(source))
        page.wait_for_function(WHOLE)
    # The icon a browser shows in its tab, which a headless one (no tabs) may not fetch: fetched if need be.
    icon = page.evaluate("() => document.querySelector('link[rel=icon]').href")
    if icon not in loaded:
        with page.expect_request_finished(lambda request: request.url == icon):
            page.evaluate("(icon) => fetch(icon).then((response) => response.blob()).then(() => true)", icon)
    sizes = {url: gzipped(request.response().body()) for url, request in list(loaded.items())}
    kinds = {urlsplit(url).path.rsplit(".", 1)[-1] for url in sizes}
    assert {"css", "js", "xml"} <= kinds, f"not everything the page loads was measured: {sorted(sizes)}"
    assert not [url for url in sizes if "search" in url], "search loads nothing before a reader opens it"
    if source == whole_guide():  # its own HTML is every page's text, and grows with the guide: the rest has a budget
        sizes.pop(page_url(source))
    total = sum(sizes.values())
    listing = "\n".join(f"{size:>7} {url}" for url, size in sorted(sizes.items(), key=lambda kv: -kv[1]))
    assert total <= PAGE_BUDGET, f"{total} bytes gzipped, over the budget of {PAGE_BUDGET}:\n{listing}"
    if source == CHECKLIST:
        page.get_by_role("checkbox").first.check()
        page.get_by_role("button", name="Clear all ticks").click()  # shows the undo button and the note
    if source in (*every_kind_of_page(), MISSING_PAGE):
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        for scheme in ("light", "dark"):
            if scheme == "dark":
                switch_scheme(page, "dark")
            if source == CHECKLIST:
                page.get_by_role("checkbox").first.focus()
            assert_accessible(page, scheme)
    for component in (component for component in COMPONENTS if page_calling(component.name) == source):
        address = urljoin(site_config()["edit_uri"], f"data/{component.data_file}")
        link = page.locator(f'article a[href="{address}"]')
        expect(link).to_have_accessible_name(component.edit_text)  # one link to its data file, named
        expect(link).to_be_visible()
        page.emulate_media(media="print")  # not printed
        expect(link).to_be_hidden()
        page.emulate_media(media="null")  # no emulation: screen, and print when printing
    page.set_viewport_size({"width": 320, "height": 640})
    response = page.reload()
    page.wait_for_function(WHOLE)
    assert response.status == (404 if source == MISSING_PAGE else 200)
    assert page.evaluate(SIDEWAYS) == [], "scrolls sideways at 320 px"
    add_style(page, "html { font-size: 250% !important; }")  # text at 200 % (the theme's 125 %, doubled)
    assert page.evaluate(SIDEWAYS) == [], "scrolls sideways at 320 px with text at 200 %"
    assert page.evaluate(NAME_CUT) == [], "the header cuts the site's name to a letter at 320 px with text at 200 %"
    page.set_viewport_size({"width": 960, "height": 640})  # the widest the header has least room at: search's field
    assert page.evaluate(NAME_CUT) == [], "the header cuts the site's name to a letter at 960 px with text at 200 %"


def test_our_own_scripts_and_styles_stay_small():
    budgets = [("what every page loads of our own", SHARED_ASSETS, SHARED_BUDGET)]
    budgets += [(f"{c.name}'s script", [c.folder / c.script], COMPONENT_SCRIPT_BUDGET) for c in COMPONENTS if c.script]
    for what, paths, budget in [*budgets, ("search's scripts", SEARCH_ASSETS, SEARCH_BUDGET)]:
        sizes = {path.relative_to(ROOT).as_posix(): gzipped(path.read_bytes()) for path in paths}
        assert sum(sizes.values()) < budget, (
            f"{what} weighs {sum(sizes.values())} bytes gzipped ({sizes}), over {budget:.0f}: make it smaller, "
            "or raise its budget in tests/test_quality_browser.py and say why"
        )


# Hints that open a connection or fetch ahead of time, which the browser tests do not see as requests.
AHEAD = re.compile(
    r"<link\b[^>]*\brel=\"?(?:preconnect|dns-prefetch|prefetch|preload|modulepreload|prerender)\b[^>]*>", re.I
)


def test_no_page_connects_ahead_to_another_site_or_sends_a_beacon_and_the_sitemap_lists_every_page(
    built_site, site_url
):
    """What the browser tests cannot see: a connection opened ahead of time, a beacon (past Playwright's routes)."""
    for page in built_site.rglob("*.html"):
        for hint in AHEAD.findall(page.read_text("utf-8")):
            href = re.search(r"href=\"?([^\"\s>]+)", hint)
            elsewhere = href and re.match(r"(?:[a-z]+:)?//", href[1], re.I) and not href[1].startswith(site_url)
            assert not elsewhere, f"{page.relative_to(built_site)}: {hint}"
    for script in built_site.rglob("*.js"):
        assert "sendBeacon" not in script.read_text("utf-8"), f"{script.relative_to(built_site)} sends beacons"
    listed = re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text("utf-8"))
    assert sorted(listed) == sorted(site_url + page_address(source) for source in SOURCES), "the sitemap's pages"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_missing_page_answers_404_with_a_way_back_in_words_true_on_a_phone(
    site_context, page_url, site_url, javascript
):
    page = site_context(java_script_enabled=javascript, viewport={"width": 320, "height": 568}).new_page()
    page.goto(page_url(MISSING_PAGE))  # answered 404: the test above
    assert page.get_by_role("heading", level=1).inner_text() == "This page is not here"
    article = page.locator("article")
    text = article.inner_text()
    assert not re.search(r"search (box|field) at the top", text), "on a phone there is no search box to see"
    assert "with JavaScript on" in text, "without JavaScript there is no search: the page says when there is"
    assert not re.search(r"ticks are (still )?saved", text), "ticks are kept only where the browser keeps them"
    assert article.get_by_role("link", name="start at the beginning of the guide").get_attribute("href") == site_url
    article.get_by_role("link", name="final checklist").click()
    page.wait_for_url(site_url + "checklist/")
    expect(page.get_by_role("checkbox").first).to_be_visible()
