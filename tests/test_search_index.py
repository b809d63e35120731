"""What the search index holds: the checklist's controls and notes are no answer to a reader's search, on the
engine under test."""

import json
import re

from bs4 import BeautifulSoup

from macros.components import BY_NAME
from macros.render import render_component
from site_build import nav_pages, read_data, search_index


def test_the_checklists_controls_and_notes_are_not_searched(built_site):
    """What only the script shows, or only its absence (buttons, the notes on saving), is no answer to a
    reader's search: the words the index holds for the checklist's page are its items' and its text's."""
    checklist = render_component(BY_NAME["checklist"], read_data("checklist.yml"), whole_guide_url="../w/")
    excluded = BeautifulSoup(checklist, "html.parser").select("[data-search-exclude]")
    texts = [" ".join(element.get_text(" ").split()) for element in excluded]
    assert any("not run" in text for text in texts) and any("Clear" in text for text in texts), texts
    index = search_index(built_site).replace("\\u2019", "’")
    for text in texts:
        for sentence in re.split(r"(?<=[.:])\s+", text):
            assert sentence not in index, f"the search index holds {sentence!r}"


def test_the_index_splits_words_at_apostrophes_so_a_keyboards_finds_the_pages(built_site):
    """The pages print ’ where a keyboard types ': the index's own word separator (both engines' indexes carry
    it to the browser) makes "do's and don'ts" and "do’s and don’ts" the same words."""
    index = json.loads(search_index(built_site))
    separator = re.compile(index["config"]["separator"])
    printed = next(title for title, _ in nav_pages() if "’" in title)
    typed = printed.replace("’", "'")
    assert [w for w in separator.split(typed.lower()) if w] == [w for w in separator.split(printed.lower()) if w]
