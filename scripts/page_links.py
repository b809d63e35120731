"""Every link of the guide's pages leads to a page and a place on it, or to a file under docs/, found from the
sources, without a build (MkDocs' validation warns of some of these; Zensical builds them without a word).

Each page's Markdown is turned into HTML as the engines do it (mkdocs.yml's markdown_extensions, with each
component's list rendered from its data where the page calls it), so the ids a link can point at are the
headings', the components' and those written with attr_list; then each link to a page (`faq.md`,
`faq.md#an-answer`) or within the page (`#an-answer`) is held to them, and each link or image to another file to
that file; an absolute link (`/guide/faq/`) breaks where the site moves. A broken one is a problem
(macros/problems.py) on the link's line, as every other problem of the check.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from macros.components import COMPONENTS
from macros.guide_data import DataFile
from macros.problems import PAGE, Problem
from macros.render import render_component
from scripts.page_sources import FRONT_MATTER


class _Places(HTMLParser):
    """The ids of a page's HTML, and its links and sources (href, src) in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.known = True  # False where a list of the page could not be shown: its ids are not all known

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        self.links += [attributes[name] for name in ("href", "src") if attributes.get(name)]


def markdown_converter(settings: dict) -> markdown.Markdown:
    """Markdown with mkdocs.yml's markdown_extensions after the three every MkDocs site has, as the engines turn
    a page into HTML."""
    extensions, configs = ["toc", "tables", "fenced_code"], {}
    for entry in settings.get("markdown_extensions") or []:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions += [] if name in extensions else [name]
        if isinstance(config, dict):
            configs[name] = config
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def _with_components(body: str, files: dict[str, DataFile]) -> str | None:
    """The page's body with each macro call (alone on its line: the check holds it there) as its list; None
    where a list cannot be shown (the data and template checks say why), so its ids are not known."""
    for component in COMPONENTS:
        call = re.compile(r"^\{\{\s*" + component.name + r"\(\)\s*\}\}\s*$", re.M)
        if not call.search(body):
            continue
        if not files[component.name].valid:
            return None
        try:
            shown = render_component(component, files[component.name].document)
        except Exception:  # noqa: BLE001 - a template's error: its own check says what is wrong
            return None
        body = call.sub(lambda _, shown=shown: shown, body)
    return body


Known = dict[str, tuple[str, str]]  # a page's name → a text of it and that text's HTML, as made already


def pages_as_html(
    sources: dict[str, str], settings: dict, files: dict[str, DataFile], known: Known | None = None
) -> dict[str, str | None]:
    """Each page (docs-relative name → its source) as the HTML of its text, its components' lists in place, as
    the engines render it; None where a list cannot be shown. A page whose text is one `known` already is not
    made again."""
    converter, found, known = markdown_converter(settings), {}, known or {}
    for name, source in sources.items():
        front = FRONT_MATTER.match(source)
        body = _with_components(source[front.end() :] if front else source, files)
        if body is None:
            found[name] = None
        elif name in known and known[name][0] == body:
            found[name] = known[name][1]
        else:
            found[name] = converter.reset().convert(body)
    return found


def page_places(
    sources: dict[str, str], settings: dict, files: dict[str, DataFile], known: Known | None = None
) -> dict[str, _Places]:
    """Each page (docs-relative name → its source) as its ids and links."""
    found = {}
    for name, html in pages_as_html(sources, settings, files, known).items():
        places = _Places()
        places.feed(html or "")
        places.known = html is not None
        found[name] = places
    return found


def link_problems(
    sources: dict[str, str], settings: dict, docs: Path, files: dict[str, DataFile], shown, known: Known | None = None
) -> list[Problem]:
    """A link that is absolute, or leads to a page that is not in docs/, to an id its page does not have, or to
    no file; `files` are the data files as read (macros/guide_data.py read_data_files); `shown(path)` names a
    file; `known`, pages made already."""
    places = page_places(sources, settings, files, known)
    problems = []
    for name, page in places.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # another site
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) if parts.path else name
            )
            anchor = unquote(parts.fragment)
            if link.startswith("/"):
                what = f"the link {link} is absolute, so it breaks wherever the site is served from another address"
                todo = "link to the page's .md file (or the file), relative to this page"
            elif not target.endswith(".md"):
                if not target.startswith("../") and (docs / target).is_file():
                    continue
                what = f"the link {link} leads to {target}, which is not a file under docs/"
                todo = "link to the page's .md file, not to its address or folder, or mend the link"
            elif target not in places:
                what, todo = f"the link {link} leads to {target}, which is not a page of the guide", "mend the link"
            elif anchor and places[target].known and anchor not in places[target].ids:
                what = f"the link {link} leads to #{anchor}, and {target} has no heading or item with that id"
                todo = "mend the link, or the heading it points to"
            else:
                continue
            line = _line_of(sources[name], link)
            problems.append(Problem(shown(docs / name), what, line, todo=todo, kind=PAGE))
    return problems


def _line_of(source: str, link: str) -> int:
    for number, row in enumerate(source.split("\n"), 1):
        if f"]({link}" in row or f'"{link}"' in row or f"<{link}>" in row or link in row:
            return number
    return 1
