"""Words of the guide's sources, for the tests that search for them."""

import re

from macros.components import COMPONENTS
from site_build import ROOT, nav_pages, page_calling


def words_of(text: str) -> set[str]:
    """The words the search index holds whole: it splits on white space and hyphens only."""
    return {token for token in re.split(r"[\s\-]+", text.lower()) if re.fullmatch(r"[a-z]{6,}", token)}


def word_found_on_one_page() -> tuple[str, str]:
    """(page, word): the longest word of the guide's sources that only one page's source holds, stem and all
    (not the home page's, whose address begins every other)."""
    sources = [source for _, source in nav_pages()]
    words = {source: words_of((ROOT / "docs" / source).read_text("utf-8")) for source in sources}
    for component in COMPONENTS:  # a data file's words are on the page that calls its macro
        if (source := page_calling(component.name)) in words:
            words[source] |= words_of((ROOT / "docs" / "data" / component.data_file).read_text("utf-8"))
    only = [
        (len(word), word, source)
        for source in sources[1:]
        for word in words[source]
        # and no other page holds a word of the same stem, which a search engine may match (communicate, -tion)
        if not any(
            o.startswith(word[: max(5, len(word) - 4)]) for s, other in words.items() if s != source for o in other
        )
    ]
    _, word, source = max(only)
    return source, word
