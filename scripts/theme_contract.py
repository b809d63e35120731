"""What our code relies on in each engine's theme, named in one list: the text of a theme's output that an
override replaces, or that a step after the build reads. tests/test_theme_contract.py holds the list against
each engine's build, so a theme upgrade that changes one fails that test by name, not a reader's page.
"""

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Internal:
    engines: tuple[str, ...]  # "mkdocs" (Material), "zensical"
    files: str  # a glob, under the built site
    text: str  # what must be there: the text itself, or (selector=True) a CSS selector that finds an element
    why: str
    selector: bool = False


def _selectors(engines: tuple[str, ...], why: str, *selectors: str) -> tuple[Internal, ...]:
    """Elements of the theme's home page that our scripts find by these selectors."""
    return tuple(Internal(engines, "index.html", selector, why, selector=True) for selector in selectors)


THEME_INTERNALS = (
    *_selectors(
        ("mkdocs", "zensical"),
        "overrides/partials/search.html puts the guide's search in the theme's header, in place of its own (the "
        "theme's button for it, a label, is hidden by docs/assets/guide.css)",
        ".md-header .md-header__inner > .guide-search [data-search-open]",
        '.md-header label.md-header__button[for="__search"]',
    ),
    Internal(
        ("mkdocs", "zensical"),
        "index.html",
        '<div class="md-footer-meta forget" data-not-searched>',
        "overrides/main.html puts the offline copy's offer and 'Forget this guide' into the footer by replacing "
        "its </footer>",
    ),
    Internal(
        ("mkdocs", "zensical"),
        "index.html",
        "<script defer src=",
        "overrides/main.html defers the theme's scripts by replacing <script src=",
    ),
    Internal(
        ("mkdocs", "zensical"),
        "index.html",
        '<meta http-equiv="Content-Security-Policy" content="default-src',
        "overrides/main.html's site_meta block puts the policy first in <head>, before the theme's inline script",
    ),
    Internal(
        ("zensical",),
        "assets/javascripts/bundle.*.min.js",
        "='.u{text-decoration-style:wavy",
        "Zensical's script writes this stylesheet into the page as a <style>: scripts/content_policy.py allows it",
    ),
    *_selectors(
        ("mkdocs", "zensical"),
        "docs/assets/keyboard.js finds the drawer by these (and its toggle, #__drawer), and the colour switch",
        '.md-header label[for="__drawer"]',
        "input#__drawer",
        ".md-sidebar--primary",
        "[data-md-component=palette] .md-option",
    ),
    *_selectors(
        ("mkdocs", "zensical"),
        "scripts/search_index.py reads each page's article, and leaves out a page marked noindex (overrides/main.html)",
        "article.md-content__inner h1",
    ),
    *_selectors(
        ("mkdocs", "zensical"),
        "scripts/whole_guide.py takes each page's article, leaving out its edit button",
        "article.md-content__inner",
        "article.md-content__inner a.md-content__button",
    ),
    *_selectors(
        ("zensical",),
        "scripts/whole_guide.py keeps Zensical's skip target, on top of each page's article",
        "article.md-content__inner a#__skip",
    ),
)

# The stylesheets a theme's script writes into a page at run time (as <style>, which the policy must allow by
# hash): Zensical's, a string of its bundle.
_INJECTED_STYLE = re.compile(r"='(\.u\{text-decoration-style:wavy[^'\\]*)'")


def injected_styles(site: Path) -> list[str]:
    """The text of each stylesheet the theme's script writes into the page, as written in its bundle."""
    found = []
    for bundle in sorted(site.glob("assets/javascripts/bundle.*.min.js")):
        found += _INJECTED_STYLE.findall(bundle.read_text("utf-8"))
    return found
