"""Search as readers type, in Chromium, on the engine under test: every page's title and headings, typed as a
keyboard types them (straight apostrophes), find that page first; the checklist's controls, notes and
print-only address are not in the index."""

import re

from playwright.sync_api import expect
from test_quality_browser import search_results

from reader import open_page
from site_build import ROOT, article_text, nav_pages, page_address, page_path, search_index

# What a keyboard types for what the pages print: a straight apostrophe and quotes, a hyphen for a dash.
TYPED = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def queries() -> list[tuple[str, str]]:
    """(page, query): each page's title and headings (its Markdown's #, ## and ### lines), as typed (a question
    without its question mark: Material's search keeps it on the last word, which then matches less)."""
    found = []
    for _, source in nav_pages():
        text = (ROOT / "docs" / source).read_text("utf-8")
        headings = re.findall(r"^#{1,3} (.+?)(?: \{[^}]*\})?$", text, re.M)
        found += [(source, heading.translate(TYPED).rstrip("?")) for heading in dict.fromkeys(headings)]
    return found


def test_every_title_and_heading_typed_on_a_keyboard_finds_its_page_first(context, page_url, site_url):
    page = context.new_page()
    open_page(page, page_url, "index.md")
    results = search_results(page)
    missed = []
    for source, query in queries():
        page.keyboard.press("Control+A")  # the reader clears the field, as they would, and types
        page.keyboard.press("Backspace")
        page.keyboard.type(query)
        expected = re.compile("^" + re.escape(site_url + page_address(source)) + "(#|\\?|$)")
        try:
            expect(results.first).to_have_attribute("href", expected, timeout=3000)
        except AssertionError:
            missed.append(
                f"{query!r} (from {source}) first finds {results.first.get_attribute('href') if results.count() else 'nothing'}"
            )
    assert missed == [], "\n".join(missed)


def test_the_checklists_controls_notes_and_printed_address_are_not_searched(built_site):
    """What only the script or the printer shows (buttons, the notes on saving, the address) is no answer to a
    reader's search: the words the index holds for the checklist's page are its items' and its text's."""
    from checklist_page import CHECKLIST

    page = page_path(built_site, CHECKLIST).read_text("utf-8")
    excluded = re.findall(r"<(\w+)[^>]*\bdata-search-exclude\b[^>]*>(.*?)</\1>", page, re.S)
    texts = [text for _, inner in excluded for text in article_text(f"<article>{inner}</article>").split("  ") if text]
    assert any("Printed from" in text for text in texts) and any("Clear" in text for text in texts), texts
    index = search_index(built_site).replace("\\u2019", "’")
    for text in texts:
        for sentence in re.split(r"(?<=[.:])\s+", text):
            assert sentence not in index, f"the search index holds {sentence!r}"
