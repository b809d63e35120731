"""Two engines, one site: Zensical's build held against MkDocs', page by page; and the check both run first.
Run by `make test-zensical` (it needs Zensical's own environment), which runs the browser tests on Zensical's build."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.published import redirects
from site_build import (
    ROOT,
    copy_test_project,
    edit,
    nav_pages,
    page_path,
    printed_problems,
    problem_annotations,
)

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
    assert len(html_files(mkdocs_site)) == len(SOURCES) + 1 + len(redirects(ROOT / "docs" / "data"))

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


# Mistakes in the tests' own project: (file, text, what it becomes). The check runs before either build.
FAQ_IN_NAV, REDIRECTS, RECORD = "  - Frequently Asked Questions: faq.md\n", "  redirects:\n", "docs/data/published.yml"
BREAKAGES = {
    "a repeated id": ("docs/data/checklist.yml", "id: timing", "id: reasons"),  # and the id it replaced is gone
    "broken YAML": ("docs/data/steps.yml", "steps:", "steps: ["),
    "a macro call inside a sentence": ("docs/faq.md", "\n## ", "\nSee {{ steps() }} here.\n\n## "),
    "a page taken out of the nav": ("mkdocs.yml", FAQ_IN_NAV, "", "docs/faq.md"),
    # What only the macros plugin used to catch, and Zensical let through or reported without a line (and a misspelt
    # macro, one called without brackets or given arguments: test_check_guide's ONE_PROBLEM):
    "an unknown name": ("docs/faq.md", "\n## ", "\nAs {{ no_such_variable }} says.\n\n## "),
    # What a stranger's pull request could publish to run on readers' pages, or to reach outside the repository:
    "a script": ("docs/faq.md", "\n## ", "\n<script>alert(1)</script>\n\n## "),
    "an onerror handler": ("docs/faq.md", "\n## ", '\n<img src="x.png" onerror="alert(1)">\n\n## '),
    "a javascript: link": ("docs/faq.md", "\n## ", "\nSee [this](javascript:alert(1)).\n\n## "),
    "a data: link": ("docs/faq.md", "\n## ", "\nSee [this](data:text/html,hi).\n\n## "),
    "an attr_list handler": ("docs/faq.md", "\n## ", '\nA paragraph.\n{ onclick="alert(1)" }\n\n## '),
    "another site's image": ("docs/faq.md", "\n## ", '\n<img src="https://example.org/p.png" alt="">\n\n## '),
    "an iframe": ("docs/faq.md", "\n## ", '\n<iframe src="https://example.org/"></iframe>\n\n## '),
    "template code in a nav title": ("mkdocs.yml", FAQ_IN_NAV, '  - "{{ 7 * 7 }}": faq.md\n'),
    "template code in a block of the front matter": ("docs/faq.md", "\n---\n", "\nnotes: |\n  # {{ 7 * 7 }}\n---\n"),
    "a bidi override in a page": ("docs/faq.md", "\n## ", "\nAn \u202eoverride.\n\n## "),
    "a zero-width space in data": ("docs/data/steps.yml", "    text: ", "    text: zero\u200bwidth "),
    "an escaped bidi override in data": ("docs/data/steps.yml", "    text: ", '    text: "\\u202e" '),
    "a comment a browser ends early": ("docs/faq.md", "\n## ", '\nA <!--><img src=x onerror="alert(1)">-->\n\n## '),
    "a CDATA block": ("docs/faq.md", "\n## ", '\nA <![CDATA[><img src=x onerror="alert(1)">]]>\n\n## '),
    "an image behind a backslash": ("docs/faq.md", "\n## ", '\n<img src="/\\example.org/p.png" alt="">\n\n## '),
    "an escaped bidi override in mkdocs.yml": ("mkdocs.yml", "\nnav:", '\nsite_author: "A\\u202eB"\nnav:'),
    "a soft hyphen in a page": ("docs/faq.md", "\n## ", "\nA hid\u00adden break.\n\n## "),
    "a tag character in a page": ("docs/faq.md", "\n## ", "\nA hidden \U000e0041 tag.\n\n## "),
    "offline given as a text": ("mkdocs.yml", "  offline: true", '  offline: "false"'),
    "a redirect out of the site": (RECORD, REDIRECTS, f"{REDIRECTS}    ../../out.md: faq.md\n"),
    "a redirect over the home page": (RECORD, REDIRECTS, f"{REDIRECTS}    ./index.md: faq.md\n"),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_mistake_in_the_sources_is_found_before_either_engine_builds_each_on_its_line(tmp_path, breakage):
    """Each is one of the check's, which both builds run first (test_build.py), on the line the matcher shows."""
    name, before, after, *said_on = BREAKAGES[breakage]  # the file the problem is said on, where not the one broken
    project = copy_test_project(tmp_path / "project")
    edit(project / name, before, after)
    messages = printed_problems(project)
    annotations = problem_annotations("\n".join(messages))
    assert messages and len(annotations) == len(messages), messages
    # A page or an id that disappeared is reported on the record (RECORD).
    assert any(file in (*said_on, name, RECORD) and line for _, file, line, _ in annotations), annotations
    for message in messages:
        assert re.fullmatch(
            r"ERROR +-  (Guide data error|Guide error|Page error): [^,]+, line \d+(, .+)?: .+", message
        ), message
