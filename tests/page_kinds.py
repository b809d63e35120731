"""What the slow browser checks share: axe's rules, and the fewest pages that hold every kind of element (tag,
tag.class, role, input type) as rendered without a build, and the whole guide, a kind of its own."""

from functools import cache

from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from macros.guide_data import read_data_files
from scripts.page_links import pages_as_html
from site_build import ROOT, nav_pages, site_config, whole_guide

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}


def assert_accessible(page, state, **rules):
    """No violation of WCAG 2.2 AA nor of axe's best practices (but the rules turned off) in the page's state now,
    once its transitions (a button the pointer left, say) have ended: axe reads colours as they are at that moment."""
    page.wait_for_function("() => document.getAnimations().every((a) => !(a instanceof CSSTransition))")
    results = Axe().run(page, options={**AXE_OPTIONS, "rules": rules} if rules else AXE_OPTIONS)
    assert results.violations_count == 0, f"{state}:\n{results.generate_report()}"


@cache
def every_kind_of_page() -> tuple[str, ...]:
    sources = [source for _, source in nav_pages()]
    texts = {source: (ROOT / "docs" / source).read_text("utf-8") for source in sources if source != whole_guide()}
    left = {}
    for source, page in pages_as_html(texts, site_config(), read_data_files(ROOT / "docs" / "data")).items():
        left[source] = set()
        for element in BeautifulSoup(page.html, "html.parser").find_all(True):
            left[source] |= {element.name, *(f"{element.name}.{name}" for name in element.get("class", []))}
            left[source] |= {f"{element.name}[{key}={element[key]}]" for key in ("role", "type") if element.get(key)}
    chosen, covered = [whole_guide()], set()
    while (best := max(left, key=lambda source: len(left[source] - covered), default=None)) and left[best] - covered:
        chosen.append(best)
        covered |= left.pop(best)
    return tuple(source for source in sources if source in chosen)
