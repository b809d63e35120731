"""After a build (either engine): the site's own search index, search/index.json, from the built pages, and
the theme's search taken out of the site.

One search for both engines (docs/assets/search.js, loaded only when a reader opens search): it reads the
pages as readers see them, so the components' headings and texts are searched as well as the Markdown's.
Each page of the nav is a list of sections, one per heading (h1 to h3): its id, its words and the text
under it, without what only the script shows or what is no answer to a search (`data-not-searched`: the
checklist's buttons, the footer, search's own dialog; not the themes' `data-search-exclude`, which Zensical
takes out of the page), nor the edit button. A page marked noindex (`search: exclude: true`: the
whole guide, which holds every page again) is left out. The groups of docs/data/synonyms.yml go with it.

The theme's own index and search worker are never asked for (overrides/partials/search.html replaces its
search), so they are removed; nothing of them reaches a reader's device or the offline copy.
"""

import json
import shutil
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString

from macros.guide_data import SYNONYMS, load_data_file
from macros.page_urls import page_address
from scripts.settings import nav_entries

INDEX = "search/index.json"
HEADINGS = ("h1", "h2", "h3")
LEFT_OUT = "[data-not-searched], a.md-content__button, a#__skip, .headerlink, script, style, button, template"
# Where a block starts, its words start: "<li>one</li><li>two</li>" is "one · two", never "onetwo".
BLOCKS = {"p", "li", "td", "th", "dt", "dd", "div", "blockquote", "figcaption", "label", "legend", *HEADINGS}
# What each engine's own search leaves in the site (MkDocs' plugin and Material's files, Zensical's).
THEME_SEARCH = ("search/search_index.json", "search.json", "assets/javascripts/workers", "assets/javascripts/lunr")


def joined(text: str) -> str:
    """The text before a block that starts: a list item or a cell after another reads apart in an excerpt
    ("one · two"), a sentence after a sentence as it is."""
    text = text.rstrip()
    return f"{text} · " if text and text[-1] not in ".!?:;…" else f"{text} "


def page_sections(html: str) -> list[list[str]] | None:
    """[id, heading, text] for each heading of a built page's article (the first for the words above any),
    or None for a page kept out of search."""
    page = BeautifulSoup(html, "html.parser")
    if page.select_one('meta[name="robots"][content~="noindex"]'):
        return None
    article = page.select_one("article.md-content__inner")
    if article is None:
        return []
    for element in article.select(LEFT_OUT):
        element.decompose()
    sections, current, block = [["", "", ""]], None, None
    for text in article.find_all(string=True):
        if type(text) is not NavigableString:  # a comment, a CDATA section: no words a reader sees
            continue
        heading = text.find_parent(HEADINGS)
        if heading is not None and heading is not current:
            sections.append([heading.get("id", ""), "", ""])
            current = heading
        field = 1 if heading is not None else 2
        if (starts := text.find_parent(BLOCKS)) is not block:  # a block's first words (a checklist item's label)
            block = starts
            sections[-1][field] = joined(sections[-1][field])
        sections[-1][field] += str(text)
    found = [[key, " ".join(heading.split()), " ".join(body.split())] for key, heading, body in sections]
    return [section for section in found if section[1] or section[2]]


def write_search_index(site: Path, settings: dict, data_dir: Path) -> Path:
    """Write search/index.json for every page of the nav, and remove the theme's own search."""
    pages = []
    for entry in nav_entries(settings["nav"]):
        address = page_address(entry.source)
        built = site / address / "index.html"
        sections = page_sections(built.read_text("utf-8")) if built.is_file() else None
        if sections:
            pages.append({"url": address, "title": sections[0][1] or str(entry.title or ""), "sections": sections})
    groups = load_data_file(data_dir, SYNONYMS)["groups"]
    for leftover in THEME_SEARCH:
        path = site / leftover
        if path.is_dir():
            shutil.rmtree(path)
        elif path.is_file():
            path.unlink()
    index = site / INDEX
    index.parent.mkdir(exist_ok=True)
    index.write_text(
        json.dumps({"synonyms": groups, "pages": pages}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return index
