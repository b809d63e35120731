"""Search as readers type, in Chromium, on the engine under test: every page's title and headings, typed as a
keyboard types them, find that page first."""

import re

from bs4 import BeautifulSoup

from reader import DRAWN, SEARCH_SETTLED, open_page, search_results
from site_build import SITE_ENGINE, nav_pages, page_address, searched

# What a keyboard types for what the pages print: a straight apostrophe and quotes, a hyphen for a dash.
TYPED = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def queries(site) -> list[tuple[str, str]]:
    """(page, query): each page's title and headings as the built page shows them (its Markdown's and its
    components' alike), as typed."""
    found = []
    for _, source in nav_pages():
        if not searched(source):  # a page kept out of search (the whole guide): search leads to its sections
            continue
        article = BeautifulSoup((site / page_address(source) / "index.html").read_text("utf-8"), "html.parser")
        headings = [
            heading.get_text(" ", strip=True).removesuffix("¶").strip()
            for heading in article.select("article h1, article h2, article h3")
        ]
        found += [(source, " ".join(heading.translate(TYPED).split())) for heading in dict.fromkeys(headings)]
    assert found, "no page has a heading"
    return found


def first_result(page, results, query: str) -> str:
    """Type the query into the cleared field as a reader does, key by key, and give the first result's address
    once search has settled on the whole query."""
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(query)
    page.wait_for_function(SEARCH_SETTLED, arg=query)
    page.evaluate(DRAWN)
    return results.first.get_attribute("href", timeout=1000) if results.count() else "nothing"


def test_every_title_and_heading_typed_on_a_keyboard_finds_its_page_first(built_site, context, page_url, site_url):
    page = context.new_page()
    open_page(page, page_url, "index.md")
    results = search_results(page)
    missed = []
    for source, query in queries(built_site):
        found = first_result(page, results, query)
        if not re.match(re.escape(site_url + page_address(source)) + "(#|\\?|$)", found):
            missed.append(f"{query!r} (from {source}) first finds {found}")
    assert missed == [], "\n".join(missed)


# Word forms, on the tests' own guide (its FAQ says "apologize"). Material's search takes each word typed as
# the beginning of one (lunr skips its stemmer for such words), so the beginning that forms share finds them;
# Zensical's also forgives two letters' difference, so nearby forms find each other.
WORD_FORMS = {
    "mkdocs": [("apolog", "faq.md")],
    "zensical": [("apolog", "faq.md"), ("apologies", "faq.md"), ("apologized", "faq.md")],
}


def test_word_forms_find_their_page_as_far_as_the_engine_allows(site_context, test_project_site, site_url):
    context = site_context(test_project_site)
    page = context.new_page()
    open_page(page, lambda source: site_url + page_address(source), "index.md")
    results = search_results(page)
    for query, source in WORD_FORMS[SITE_ENGINE]:
        assert first_result(page, results, query).startswith(site_url + page_address(source)), query
