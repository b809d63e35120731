"""Every link of the guide's pages leads to a page and a place on it, or to a file under docs/, found from the
sources, without a build (each engine passes some of these without a word: Zensical a missing image or file, or an
anchor after a query; MkDocs a link in raw HTML, or written in a form only it follows, such as timing.md/.).

Each page's Markdown is turned into HTML as the engines do it (mkdocs.yml's markdown_extensions, with each
component's list rendered from its data where the page calls it), so the ids a link can point at are the
headings', the components' and those written with attr_list; then each link to a page (`faq.md`,
`faq.md#an-answer`) or within the page (`#an-answer`) is held to them, and each link or image to another file to
that file; an absolute link (`/guide/faq/`), or one to the site's own address in any form (http or https, the
host in any case), breaks where the site moves; one that Zensical does not follow as MkDocs does (timing.md/.,
timing%2Emd, timing.md/?x=1, guide.css/, more//tips.md) breaks there, and one with a %-escape in its anchor breaks
MkDocs' build. An id a page has twice (a heading's that an item of a list also has) leads a link or a label to only
the first. Each is a problem (macros/problems.py) on its line, as every other problem of the check, with the link
to write where one page has what the link meant (a page the record leads on to, the one page with the anchor, the
one id of the page that the anchor ends or is a slip of).
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import SplitResult, quote, unquote, urlsplit, urlunsplit

import markdown
import pathspec

from macros.guide_data import DataFile
from macros.problems import PAGE, Problem
from scripts.page_text import as_rendered, line_of, published_rows, written
from scripts.whole_guide import section_name


class _Places(HTMLParser):
    """The ids of a page's HTML, and its links and sources (href, src) in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()  # each id, and how many times the page has it
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids[attributes["id"]] += 1
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


@dataclass
class Page:
    """A page as the engines make it: its HTML, whether every id it has is known (every list could be shown),
    and the links written in raw HTML, which the engines publish differently (MkDocs as written)."""

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


@dataclass
class _Site:
    """What a page's link is held to: the site's own address (mkdocs.yml's site_url, split), what docs/ holds (a
    folder: True, a file: False) and whether a path is left out, each page's places and HTML, the pages the record
    leads on to (old page → new), and the page that holds the whole guide."""

    own: SplitResult
    held: dict[str, bool]
    hidden: Callable[[str], bool]
    places: dict[str, _Places]
    pages: dict[str, Page]
    moved: dict[str, str]
    whole: str | None


def link_problems(
    sources: dict[str, str], settings: dict, docs: Path, files: dict[str, DataFile], shown, moved: dict[str, str]
) -> list[Problem]:
    """A link that is absolute, written in raw HTML, or leads to a page that is not in docs/, to an id its page
    does not have, or to no file the site publishes; and an id a page has twice. `files` are the data files as
    read (macros/guide_data.py read_data_files); `shown(path)` names a file; `moved`: the record's redirects
    (old page → new)."""
    pages = pages_as_html(sources, settings, files)
    # What docs/ holds, as MkDocs walks it, each name to the letter (a Mac's or Windows' disk finds TIMING.MD as
    # timing.md; the engines do not): a folder (True) or a file (False).
    held = {".": True}
    for folder, subfolders, names in os.walk(docs, followlinks=True):
        inside = Path(folder).relative_to(docs).as_posix()
        held |= {posixpath.normpath(f"{inside}/{name}"): name in subfolders for name in subfolders + names}
    places = {}
    for name, page in pages.items():
        places[name] = _Places()
        places[name].feed(page.html)
    moved = {old: new for old, new in moved.items() if new in places}
    extra = settings.get("extra")
    whole = extra.get("whole_guide") if isinstance(extra, dict) else None
    site = _Site(urlsplit(settings.get("site_url") or ""), held, _not_published(settings), places, pages, moved, whole)
    problems, converter = [], markdown_converter(settings)
    for name, page in pages.items():
        raw, seen, lines = Counter(page.raw_links), Counter(), written(sources[name])
        for link in places[name].links:
            try:
                parts = urlsplit(link)
            except ValueError:
                continue  # not an address at all: the page's safety check says so
            if ((parts.scheme or parts.netloc) and not own_address(parts, site.own)) or "\\" in link:
                continue  # another site; or a backslash, which the page's safety check refuses
            # As many of the page's links to an address as its HTML holds are the HTML's: which of them is which
            # makes no difference, as each is judged, and found on its line, by how it is written.
            in_html = raw[link] > 0
            raw[link] -= 1
            seen[link, in_html] += 1
            what, todo, _ = _link_problem(name, link, parts, in_html, site)
            if what:
                line = line_of(sources[name], link, lines.get((link, in_html)), seen[link, in_html])
                problems.append(Problem(shown(docs / name), what, line, todo=todo, kind=PAGE))
        for twice in [id for id, count in places[name].ids.items() if count > 1]:
            if written_at := _id_written(sources[name], twice, converter):
                what, todo = _twice(twice, written_at[1])
                problems.append(Problem(shown(docs / name), what, written_at[0], todo=todo, kind=PAGE))
    return problems


_PORTS = {"http": 80, "https": 443}  # the port an address of each scheme has when it names none


def own_address(parts, own) -> bool:
    """Whether an address (split) is this site's own (`own`: mkdocs.yml's site_url, split), in whatever form:
    http, https or none (//host/…), the host in any case, the default port named or not, a path under the site's."""
    try:
        port, own_port = (None if at.port == _PORTS.get(at.scheme or own.scheme) else at.port for at in (parts, own))
    except ValueError:
        return False  # a port that is not one: not an address of this site
    return (
        bool(own.hostname)
        and parts.scheme in ("http", "https", "")
        and (parts.hostname, port) == (own.hostname, own_port)
        and (parts.path.rstrip("/") + "/").startswith(own.path.rstrip("/") + "/")
    )


def _link_problem(name, link, parts, in_html, site: _Site) -> tuple[str | None, str, str | None]:
    """What is wrong with one link of a page to this site, what to do, and the link that page writes instead (the
    link itself where nothing is wrong; None where none is known); (None, "", link) where nothing is."""
    here, path, places, base = posixpath.dirname(name), unquote(parts.path), site.places, site.own.path or "/"
    start = here
    if path.startswith("/"):  # from the site's top, as the link would be read if the site stayed where it is
        path = path.removeprefix(base if path.startswith(base) else base.rstrip("/") if path == base[:-1] else "/")
        start = ""
    target = posixpath.normpath(posixpath.join(start, path)) if parts.path else name
    if parts.netloc or parts.path.startswith("/"):  # judged as the link relative to this page: the one to write
        relative = quote(posixpath.relpath(target, here or ".")) + ("/" if parts.path.endswith("/") else "")
        relative = urlunsplit(("", "", relative, parts.query, parts.fragment))
        wrong, todo, mended = _link_problem(name, relative, urlsplit(relative), in_html, site)
        what = "this site's own full address, so it breaks wherever the site moves" if parts.netloc else None
        what = what or "absolute, so it breaks wherever the site is served from another address"
        return f"the link {link} is {what}", todo if wrong else f"link to {relative}", mended
    folder = posixpath.normpath(posixpath.join(target, "index.md"))
    meant = next((page for page in (f"{target}.md", folder, target) if page in places), None)
    moved = next((site.moved[page] for page in (f"{target}.md", folder, target) if page in site.moved), None)
    lower = {page.lower(): page for page in places}  # a slip of case or of a letter or two
    meant = meant or moved or lower.get(target.lower())
    meant = meant or next(iter(difflib.get_close_matches(target, places, 1, 0.8)), None)
    anchor = unquote(parts.fragment)
    advised, missing = _to_place(name, meant, anchor, site) if meant else (None, "")
    instead = f"link to {advised}{missing}"
    if in_html and parts.path:
        mended = _link_problem(name, link, parts, False, site)[2]
        markdown = f"[its words]({mended})" if mended else "[its words](page.md)"
        if not mended or not urlsplit(mended).path.endswith(".md"):
            markdown += f" or ![what it shows]({mended or 'file.png'})"
        return (
            f"the link {link} is written in HTML, whose links the engines publish differently",
            f"write it in Markdown, {markdown}, or put markdown on its block",
            mended,
        )
    if not target.endswith(".md"):
        if target.startswith("../") or target == "..":
            return (
                f"the link {link} leads outside docs/, which the site does not publish",
                "link to a page's .md file or to a file under docs/",
                None,
            )
        if site.held.get(target) or (parts.path.endswith("/") and target not in site.held):
            return (
                f"the link {link} leads to a folder or an address, not to a page's file",
                f"{instead}, not to its address" if meant else "link to a page's .md file or to a file in the folder",
                advised,
            )
        if target not in site.held:
            return (
                f"the link {link} leads to {target}, which is not a file under docs/",
                f"{instead}, or mend the link" if meant else "add the file under docs/, or mend the link",
                advised,
            )
        if site.hidden(target):
            return (
                f"the link {link} leads to {target}, which the site does not publish (mkdocs.yml, exclude_docs)",
                "link to a page or to a file the site publishes",
                None,
            )
    elif target not in places:
        if moved:
            what = f"the link {link} leads to {target}, which is not a page of the guide: it moved to {moved}"
            return what, instead, advised
        return (
            f"the link {link} leads to {target}, which is not a page of the guide",
            f"did you mean {meant}? {instead}" if meant else "mend the link",
            advised,
        )
    if odd := _odd_form(parts, target in places):
        path = posixpath.relpath(target, here or ".")
        mended = urlunsplit(("", "", path if target in places else quote(path), parts.query, parts.fragment))
        return (
            f"the link {link} leads to {target} with {odd}, which Zensical does not follow (it stops the build, or"
            " publishes the link broken)",
            f"link to {mended}",
            mended,
        )
    if target in places and advised != _link_to(name, target, anchor):  # to a place the page has not
        return (
            f"the link {link} leads to #{anchor}, and {target} has no heading or item with that id",
            "mend the link, or the heading it points to" if missing else instead,
            None if missing else advised,
        )
    if target in places and anchor != parts.fragment and not in_html:  # a browser reads it unescaped
        mended = urlunsplit(parts._replace(fragment=anchor))
        return (
            f"the link {link} leads to #{anchor} with a %-escape in its anchor, which MkDocs does not follow (it"
            " stops the build)",
            f"link to {mended}",
            mended,
        )
    return None, "", link


def _link_to(name: str, page: str, fragment: str) -> str:
    """The link that page `name` writes to a page (and a place on it)."""
    return posixpath.relpath(page, posixpath.dirname(name) or ".") + (f"#{fragment}" if fragment else "")


def _to_place(name: str, page: str, anchor: str, site: _Site) -> tuple[str, str]:
    """The link that page `name` writes to a place on a page, as the check takes it: to the page whose section it
    is, or the one other page that has it (_holder), where the page has no such place; else to the page alone,
    with the words that say the place is missing; or to the one id of the page that the anchor ends (#timing:
    #checklist-timing, an item's) or is a slip of (difflib)."""
    ids = site.places[page].ids
    if not anchor or not site.pages[page].known or anchor in ids:
        return _link_to(name, page, anchor), ""
    if elsewhere := _holder(page, anchor, site):
        return _link_to(name, *elsewhere), ""
    ends = [known for known in ids if known.endswith(f"-{anchor}")]
    near = ends if len(ends) == 1 else difflib.get_close_matches(anchor, ids, 2, 0.8)
    if len(near) == 1:
        return _link_to(name, page, near[0]), ""
    return _link_to(name, page, ""), f" (it has no #{anchor})"


def _holder(target: str, anchor: str, site: _Site) -> tuple[str, str] | None:
    """The one other page that has an id a page does not, and the id there: on the whole guide, the page whose
    section it is (#faq, #faq--an-answer: faq.md, faq.md#an-answer, as scripts/whole_guide.py names them); else
    the one page that has it; None where there is none, or more than one."""
    if target == site.whole:
        section, _, inner = anchor.partition("--")
        page = next((page for page in site.places if section_name(page) == section), None)
        if page and (not inner or inner in site.places[page].ids):
            return page, inner
    holders = [page for page, places in site.places.items() if anchor in places.ids and page != target]
    return (holders[0], anchor) if len(holders) == 1 else None


def _id_written(source: str, wanted: str, converter) -> tuple[int, str] | None:
    """The line of a page that makes an id as written (alone, or a heading's with its underline; or an attribute
    list's, { #id }) and its text: the first heading's that does, else the first line's; None where no line does
    (the id of a list the page shows, twice)."""
    rows, found = list(published_rows(source)), []
    for (number, row), (_, below) in zip(rows, [*rows[1:], (0, "")], strict=True):
        underline = below if re.fullmatch(r" {0,3}(=+|-+)[ \t]*", below) and row.strip() else ""
        html, places = converter.reset().convert(f"{row}\n{underline}"), _Places()
        places.feed(html)
        if wanted in places.ids or re.search(r"\{[^}]*#" + re.escape(wanted) + r"[\s}]", row):
            found.append((not html.startswith("<h"), number, row))
    return min(found)[1:] if found else None


def _twice(wanted: str, row: str) -> tuple[str, str]:
    """What is wrong with an id a page has twice, made on a line (`row`), and what to do."""
    what = (
        f"the id {wanted} is on the page twice (the engines publish both), so a link to #{wanted}, or a label"
        " for it, finds only the first"
    )
    if f"#{wanted}" in row or "id=" in row:
        return what, f"give it another id than {wanted}"
    return what, f"give the heading another id, {row.strip()} {{ #another-id }}, or reword it"


def _odd_form(parts, page: bool) -> str | None:
    """What in a link to a page or a file MkDocs follows and Zensical does not: Zensical stops the build (timing.md/.,
    timing.md/?x=1) or publishes the link as written, broken (timing%2Emd, guide.css/, more//tips.md); None where
    nothing is."""
    if posixpath.basename(parts.path.rstrip("/")) in (".", ".."):
        return "a /. or /.. at its end"
    if "//" in parts.path:
        return "a doubled slash"
    if page and "%" in parts.path:
        return "a %-escape in the page's name"
    if parts.path.endswith("/") and (parts.query or not page):
        return "a slash after its name"
    return None
