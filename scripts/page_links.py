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
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pathspec

from macros.components import COMPONENTS
from macros.guide_data import DataFile
from macros.problems import PAGE, Problem
from macros.render import render_component
from scripts.page_sources import COMMENT, FRONT_MATTER, RAW_BLOCK, page_meta


class _Places(HTMLParser):
    """The ids of a page's HTML, and its links and sources (href, src) in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

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


def as_rendered(source: str, files: dict[str, DataFile] | None) -> tuple[str, bool]:
    """The page's body as the macros plugin hands it to Markdown: template comments gone (their lines kept, empty),
    raw blocks as written, each component call (alone on its line: the check holds it there) as its list, or as
    nothing without `files`; and whether every list could be shown (where one cannot, the data and template
    checks say why, and its ids are not known)."""
    front = FRONT_MATTER.match(source)
    body = source[front.end() :] if front else source
    if (page_meta(source) or {}).get("render_macros") is False:
        return body, True
    known, pieces = True, re.split(f"({RAW_BLOCK.pattern})", body, flags=re.DOTALL)
    for at, piece in enumerate(pieces):
        if at % 2:  # a raw block: its text as written
            pieces[at] = re.sub(r"\A\{%-?\s*raw\s*-?%\}|\{%-?\s*endraw\s*-?%\}\Z", "", piece)
            continue
        piece = COMMENT.sub(lambda comment: "\n" * comment[0].count("\n"), piece)
        for component in COMPONENTS:
            call = re.compile(r"^\{\{\s*" + component.name + r"\(\)\s*\}\}[ \t]*$", re.M)
            if not call.search(piece):
                continue
            shown = ""
            if files is not None and files[component.name].valid:
                try:
                    shown = render_component(component, files[component.name].document)
                except Exception:  # noqa: BLE001 - a template's error: its own check says what is wrong
                    known = False
            known = known and (files is None or files[component.name].valid)
            pieces[at] = piece = call.sub(lambda _, shown=shown: shown, piece)
        pieces[at] = piece
    return "".join(pieces), known


@dataclass
class Page:
    """A page as the engines make it: its HTML, whether every id it has is known (every list could be shown),
    and the links written in raw HTML, which neither engine turns from a .md file into its address."""

    html: str
    known: bool
    raw_links: list[str]


def pages_as_html(sources: dict[str, str], settings: dict, files: dict[str, DataFile]) -> dict[str, Page]:
    """Each page (docs-relative name → its source) made as the engines make it, its components' lists in place."""
    converter, found = markdown_converter(settings), {}
    for name, source in sources.items():
        body, known = as_rendered(source, files)
        html = converter.reset().convert(body)
        raw = _Places()
        for block in converter.htmlStash.rawHtmlBlocks:
            raw.feed(block if isinstance(block, str) else "")
        found[name] = Page(html, known, raw.links)
    return found


def _not_published(settings: dict):
    """Whether a docs-relative path is left out of the site: mkdocs.yml's exclude_docs (as .gitignore reads it) and
    what MkDocs always leaves out (names that start with a dot, a templates folder at the top)."""
    spec = pathspec.GitIgnoreSpec.from_lines([".*", "/templates/", *(settings.get("exclude_docs") or "").splitlines()])
    return spec.match_file


def link_problems(
    sources: dict[str, str], settings: dict, docs: Path, files: dict[str, DataFile], shown
) -> list[Problem]:
    """A link that is absolute, written in raw HTML, or leads to a page that is not in docs/, to an id its page
    does not have, or to no file the site publishes; `files` are the data files as read (macros/guide_data.py
    read_data_files); `shown(path)` names a file."""
    pages, hidden = pages_as_html(sources, settings, files), _not_published(settings)
    places = {}
    for name, page in pages.items():
        places[name] = _Places()
        places[name].feed(page.html)
    problems = []
    for name, page in pages.items():
        for link in places[name].links:
            try:
                parts = urlsplit(link)
            except ValueError:
                continue  # not an address at all: the page's safety check says so
            if parts.scheme or parts.netloc:
                continue  # another site
            what, todo = _link_problem(name, link, parts, link in page.raw_links, docs, hidden, places, pages)
            if what:
                problems.append(Problem(shown(docs / name), what, _line_of(sources[name], link), todo=todo, kind=PAGE))
    return problems


def _link_problem(name, link, parts, raw, docs, hidden, places, pages) -> tuple[str | None, str]:
    """What is wrong with one link of a page to this site, and what to do; (None, "") where nothing is."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) if parts.path else name
    meant = next((page for page in (f"{target}.md", f"{target}/index.md") if page in places), None)
    instead = (
        f"link to {posixpath.relpath(meant, posixpath.dirname(name) or '.')}"
        if meant
        else "link to the page's .md file"
    )
    if link.startswith("/"):
        return f"the link {link} is absolute, so it breaks wherever the site is served from another address", (
            f"{instead}, relative to this page"
            if meant or link.endswith(("/", ".md"))
            else "write it relative to this page"
        )
    if raw and parts.path:
        return f"the link {link} is written in HTML, where neither engine makes a page's address of it", (
            "write it as a Markdown link, [its words](page.md), or put markdown on the HTML block that holds it"
        )
    outside = target.startswith("../") or target == ".."
    if not target.endswith(".md"):
        if not outside and (docs / target).is_file() and not hidden(target):
            return None, ""
        if meant or link.endswith("/") or (docs / target).is_dir():
            return (
                f"the link {link} leads to a folder or an address, not to a page's file",
                f"{instead}, not to its address",
            )
        where = (
            "is not published (mkdocs.yml, exclude_docs)" if (docs / target).is_file() else "is not a file under docs/"
        )
        return f"the link {link} leads to {target}, which {where}", "add the file under docs/, or mend the link"
    if target not in places:
        return f"the link {link} leads to {target}, which is not a page of the guide", "mend the link"
    anchor = unquote(parts.fragment)
    if anchor and pages[target].known and anchor not in places[target].ids:
        return (
            f"the link {link} leads to #{anchor}, and {target} has no heading or item with that id",
            "mend the link, or the heading it points to",
        )
    return None, ""


def _line_of(source: str, link: str) -> int:
    """The first line that writes the link as a link (inline, reference or HTML), or else holds it at all."""
    rows = source.split("\n")
    for written in (f"]({link}", f"]: {link}", f'"{link}"', f"'{link}'", f"<{link}>"), (link,):
        for number, row in enumerate(rows, 1):
            if any(form in row for form in written):
                return number
    return 1
