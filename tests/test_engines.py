"""Two engines, one site: Zensical's build held against MkDocs', page by page (the check both run first, and what it
finds that neither engine would: tests/test_check_guide.py).
Run by `make test-zensical` (it needs Zensical's own environment), which runs the browser tests on Zensical's build."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.published import read_record, redirects
from site_build import ROOT, nav_pages, page_path

pytestmark = pytest.mark.zensical

SOURCES = [source for _, source in nav_pages()]

# Every difference between the two engines' articles that this comparison sets aside, and why a
# reader cannot tell it apart.
NORMALISATIONS = [
    # Zensical's "Skip to content" link targets an empty anchor it puts at the top of the article;
    # Material's targets the first heading. The anchor has no text and takes no room.
    (re.compile(r'<a id="__skip" tabindex="-1"></a>'), ""),
    # The engines indent and break lines between tags differently. A browser shows any run of white
    # space as one space at most (the articles hold no <pre> or <textarea>: asserted below).
    (re.compile(r"\s+"), " "),
]


def comparable(article_html: str) -> str:
    assert not re.search(r"<(pre|textarea)\b", article_html), "white space matters here: normalise with care"
    for pattern, replacement in NORMALISATIONS:
        article_html = pattern.sub(replacement, article_html)
    return article_html.strip()


def head_facts(page_html: str) -> list:
    """What the tab, search engines and shared links show of a page."""
    head = BeautifulSoup(page_html, "html.parser")
    return [head.title, head.find("meta", attrs={"name": "description"}), head.find(rel="canonical"), head.html["lang"]]


def html_files(site):
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))


def test_both_engines_build_the_same_pages(mkdocs_site, zensical_site):
    assert html_files(zensical_site) == html_files(mkdocs_site)
    # and the 404 page, and a page at each renamed page's old address
    assert len(html_files(mkdocs_site)) == len(SOURCES) + 1 + len(redirects(read_record(ROOT / "docs" / "data")[0]))

    def sitemap(site):
        return sorted(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8")))

    assert sitemap(zensical_site) == sitemap(mkdocs_site)


@pytest.mark.parametrize("page", [*(page_path(Path(), source).as_posix() for source in SOURCES), "404.html"])
def test_each_page_reads_the_same_under_both_engines(mkdocs_site, zensical_site, page):
    zensical, mkdocs = ((site / page).read_text("utf-8") for site in (zensical_site, mkdocs_site))
    article = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
    assert comparable(article.search(zensical)[1]) == comparable(article.search(mkdocs)[1])
    assert head_facts(zensical) == head_facts(mkdocs)


def test_the_normalisation_keeps_what_a_reader_sees():
    # Words, tags and attributes still count; only the listed differences are set aside.
    assert comparable("<p>a  <em>b</em>\n c</p>") == comparable(
        '<a id="__skip" tabindex="-1"></a><p>a <em>b</em> c</p>'
    )
    assert comparable("<p>a <em>b</em></p>") != comparable("<p>a<em>b</em></p>")
    assert comparable('<a href="x/">y</a>') != comparable('<a href="../x/">y</a>')
