"""After a build (either engine): the whole guide on one page, to print or to read in one go.

The page that mkdocs.yml names under `extra: whole_guide:` is in the nav like any other, so the engine
builds it with the site's header, navigation and footer, around a note for the preview (`make serve`,
where no step runs after the build). This step fills its article from the other pages' built articles,
in nav order (where both engines meet: no second copy of the text to keep in step):

- a cover (the title, the site's address, the date the guide's text last changed) and a contents list;
- each page as a section, its headings one level down (the cover holds the one h1), its ids prefixed with
  the section's name so that none collides, and its links to pages of the guide turned into links within
  this one (`../faq/#an-answer` becomes `#faq--an-answer`).
"""

import posixpath
import re
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

from macros.page_urls import page_address as address
from scripts.settings import nav_entries

# What each page has around its text, which a section leaves out: the theme's edit button and Zensical's
# skip target (the whole guide keeps its own skip target, and has no edit button: its text is edited on each
# page), the address printed under each page, and
# what a template marks as meant for its own page only (the checklist's print buttons, say).
PAGE_PARTS = "a.md-content__button, a#__skip, .page-address, [data-whole-guide-omit]"
# Attributes that name an id of the same page.
REFERENCES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-details", "headers")


class WholeGuideError(Exception):
    """Why the whole guide could not be put together, in one line that says it is about the whole guide."""

    def __str__(self):
        return f"Whole guide error: {self.args[0]}"


class _AsWritten(HTMLFormatter):
    """HTML as the engines write it: attributes in their order, `hidden` rather than `hidden=""`; and what the
    page escaped stays escaped (`&lt;` in a text is written `&lt;` again, never `<`: parsing turned it into `<`)."""

    def __init__(self):
        super().__init__(
            entity_substitution=EntitySubstitution.substitute_xml,
            void_element_close_prefix="",
            empty_attributes_are_booleans=True,
        )

    def attributes(self, tag):
        return list(tag.attrs.items())


AS_WRITTEN = _AsWritten()


def nav_sources(nav) -> list[tuple[str, str]]:
    """(title, source) of every page of the nav, in order, nested sections included."""
    return [(str(entry.title or entry.source), entry.source) for entry in nav_entries(nav)]


def section_name(source: str) -> str:
    """The id of a page's section: its file's name (index.md → index, faq.md → faq)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", source.removesuffix(".md"))


def _names(sources: list[str]) -> dict[str, str]:
    """Each page's section name, unique (more/tips.md and more-tips.md: more-tips, more-tips-2)."""
    names: dict[str, str] = {}
    for source in dict.fromkeys(sources):
        name, count = section_name(source), 2
        while name in names.values():
            name, count = f"{section_name(source)}-{count}", count + 1
        names[source] = name
    return names


def write_whole_guide(site: Path, settings: dict, changed: date) -> Path | None:
    """Fill the whole-guide page's article from the other pages, its cover dated `changed` (the site's one date,
    scripts/source_date.py); the page written, or None if there is none."""
    target = (settings.get("extra") or {}).get("whole_guide")
    if not target:
        return None
    pages = nav_sources(settings.get("nav"))
    if target not in [source for _, source in pages]:
        raise WholeGuideError(f"extra.whole_guide names {target}, which is not in the nav")
    site_url = settings["site_url"]
    here = urljoin(site_url, address(target))
    names = _names([source for _, source in pages if source != target])
    targets = {urljoin(site_url, address(source)): name for source, name in names.items()}

    page_file = site / address(target) / "index.html"
    if not page_file.is_file():
        raise WholeGuideError(f"{page_file} was not built (the whole guide needs use_directory_urls, as the site has)")
    written = page_file.read_text("utf-8")
    start, end = written.find("<article"), written.find("</article>")
    if start < 0 or end < 0:
        raise WholeGuideError(f"{page_file} has no article")
    article = BeautifulSoup(written[start : end + len("</article>")], "html.parser").article
    # The theme's "skip to content" leads to the page's first heading (Zensical's, to an anchor on top):
    # the cover's title takes that heading's id, and the anchor stays.
    first = article.find(re.compile(r"^h[1-6]$"), id=True)
    top = first["id"] if first else "whole-guide"
    skip = article.select_one("a#__skip")
    kept = [part.extract() for part in article.select(".page-address")]
    article.clear()
    article["class"] = [*article.get("class", []), "whole-guide"]
    if skip:
        article.append(skip)
    targets[here] = None  # a link to the whole guide itself leads to its top

    sections = [
        _section(site / address(source) / "index.html", name, urljoin(site_url, address(source)), here, targets)
        for source, name in names.items()
    ]
    article.append(_cover(settings, changed, top))
    article.append(_contents(sections))
    for section in sections:
        article.append(section)
    for part in kept:
        article.append(part)
    page_file.write_text(
        written[:start] + article.decode(formatter=AS_WRITTEN) + written[end + len("</article>") :], "utf-8"
    )
    return page_file


def _fragment(markup: str):
    """The element `markup` writes."""
    return BeautifulSoup(markup, "html.parser").contents[0]


def _cover(settings: dict, changed: date, top: str):
    cover = _fragment(
        f'<header class="whole-guide__cover"><h1 id="{top}"></h1><p class="whole-guide__summary"></p>'
        '<p class="whole-guide__address"></p><p class="whole-guide__changed">Text last changed on '
        f'<time datetime="{changed.isoformat()}"></time>.</p><p class="whole-guide__print">'
        '<button type="button" class="md-button" data-print-page>Print the whole guide</button></p></header>'
    )
    cover.h1.string = settings.get("site_name", "")
    cover.select_one(".whole-guide__summary").string = settings.get("site_description", "")
    cover.select_one(".whole-guide__address").string = settings["site_url"]
    cover.time.string = f"{changed.day} {changed:%B %Y}"
    return cover


def _contents(sections):
    contents = _fragment(
        '<nav class="whole-guide__contents" aria-labelledby="whole-guide-contents">'
        '<h2 id="whole-guide-contents">Contents</h2><ol></ol></nav>'
    )
    for section in sections:
        heading = section.find(re.compile(r"^h[2-6]$"))
        item = _fragment(f'<li><a href="#{section["id"]}"></a></li>')
        item.a.string = heading.get_text(" ", strip=True) if heading else section["id"]
        contents.ol.append(item)
    return contents


def _section(page_file: Path, name: str, page_url: str, here: str, targets: dict):
    """A page's article as a section of the whole guide."""
    if not page_file.is_file():
        raise WholeGuideError(f"{page_file} was not built")
    page = BeautifulSoup(page_file.read_text("utf-8"), "html.parser")
    article = page.select_one("article.md-content__inner")
    if article is None:
        raise WholeGuideError(f"{page_file} has no article")
    for part in article.select(PAGE_PARTS):
        part.decompose()
    for heading in article.find_all(re.compile(r"^h[1-6]$")):
        heading.name = f"h{min(int(heading.name[1]) + 1, 6)}"
    for element in article.find_all(id=True):
        element["id"] = f"{name}--{element['id']}"
    for attribute in REFERENCES:
        for element in article.find_all(attrs={attribute: True}):
            element[attribute] = " ".join(f"{name}--{token}" for token in element[attribute].split())
    for element in article.find_all(href=True):
        element["href"] = _link(element["href"], name, page_url, here, targets)
    for element in article.find_all(src=True):
        element["src"] = _relative(urljoin(page_url, element["src"]), here)
    section = _fragment(f'<section class="whole-guide__section" id="{name}"></section>')
    for child in list(article.contents):
        section.append(child)
    return section


def _link(href: str, name: str, page_url: str, here: str, targets: dict) -> str:
    """Where a link of a section leads on the whole-guide page."""
    if href.startswith("#"):
        return f"#{name}--{href[1:]}" if href[1:] else f"#{name}"
    absolute = urljoin(page_url, href)
    parts = urlsplit(absolute)
    page = parts._replace(query="", fragment="").geturl()
    if page in targets and not parts.query:
        section = targets[page]
        if section is None:
            return "#"
        return f"#{section}--{parts.fragment}" if parts.fragment else f"#{section}"
    return _relative(absolute, here) if (parts.scheme, parts.netloc) == urlsplit(here)[:2] else href


def _relative(absolute: str, here: str) -> str:
    """`absolute` as a link from the page at `here`, relative when both are on the same site."""
    target, base = urlsplit(absolute), urlsplit(here)
    if (target.scheme, target.netloc) != (base.scheme, base.netloc):
        return absolute
    path = posixpath.relpath(target.path, base.path if base.path.endswith("/") else posixpath.dirname(base.path))
    if target.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return path + (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")
