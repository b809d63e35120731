"""What the site's own search index holds (scripts/search_index.py), on the engine under test."""

import json
import re

from bs4 import BeautifulSoup

from macros.page_urls import page_address
from scripts.search_index import page_sections
from site_build import nav_pages, page_path, search_index


def test_every_page_but_the_whole_guide_is_indexed_by_its_headings_and_no_words_only_the_script_shows(built_site):
    """The checklist's buttons and notes, the footer's offer and Forget, search's own dialog (whatever carries
    data-not-searched) are no answer to a reader's search; the theme's own index and worker are gone."""
    index = json.loads(search_index(built_site))
    indexed = {page["url"]: page for page in index["pages"]}
    text = " ".join(" ".join(section[1:]) for page in index["pages"] for section in page["sections"])
    excluded = set()
    for _, source in nav_pages():
        page = BeautifulSoup(page_path(built_site, source).read_text("utf-8"), "html.parser")
        for element in page.select("[data-not-searched]"):
            excluded |= {" ".join(part.split()) for part in re.split(r"(?<=[.:])\s+|\n", element.get_text("\n"))}
        if page.select_one('meta[name="robots"][content="noindex"]'):
            assert page_address(source) not in indexed, source
            continue
        ids = [heading.get("id", "") for heading in page.select("article h1, article h2, article h3")]
        assert [section[0] for section in indexed[page_address(source)]["sections"]] == ids, source
    assert index["synonyms"], "the synonyms go with the index"
    excluded = {sentence for sentence in excluded if len(sentence.split()) >= 2}
    assert any("Forget this guide" in sentence for sentence in excluded), excluded
    assert [sentence for sentence in excluded if sentence in text] == []
    gone = ("search/search_index.json", "search.json", "assets/javascripts/workers")
    assert not [path for path in gone if (built_site / path).exists()]


def test_items_and_cells_read_apart_in_an_excerpt_and_sentences_as_they_are():
    html = (
        '<article class="md-content__inner"><h1 id="t">Title</h1><p>Intro.</p><ul><li>one</li><li>two.</li>'
        "<li><p>three</p></li></ul><ul><li><label><input type=checkbox> <span>an <b>item</b></span></label></li>"
        "<li><label><span>another</span></label></li></ul>"
        "<table><tr><td>Do <em>this</em></td><td>not that</td></tr></table></article>"
    )
    expected = "Intro. one · two. three · an item · another · Do this · not that"
    assert page_sections(html) == [["t", "Title", expected]]
