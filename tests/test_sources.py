"""What MkDocs' `validation` checks and Zensical (0.0.73) builds without a word, held on the Markdown sources: a page
missing from `nav`, a `nav` entry whose file is gone, an absolute link, a link to a folder."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
from bs4 import BeautifulSoup

from site_build import ROOT, nav_pages

DOCS = ROOT / "docs"


def links_of(page: Path) -> list[str]:
    html = markdown.markdown(page.read_text("utf-8"), extensions=["attr_list", "meta"])
    return [tag[name] for tag in BeautifulSoup(html, "html.parser")(True) for name in ("href", "src") if tag.get(name)]


def link_problems(page: Path, docs: Path = DOCS) -> list[str]:
    """What MkDocs' validation would warn about in one page's links (absolute, to a folder, to nothing)."""
    problems = []
    for link in links_of(page):
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # another site (never fetched by the build), or an anchor of this page
        if parts.path.startswith("/"):
            problems.append(f"{link}: an absolute link; write it relative to {page.name}")
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(docs.resolve()) or not target.is_file():
            problems.append(f"{link}: no such file under docs/ (link to the .md file, not to its address)")
    return problems


def markdown_sources(docs: Path = DOCS) -> set[str]:
    return {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}


def test_every_page_is_in_the_nav_once_every_nav_entry_is_a_page_and_every_link_reaches_a_file():
    listed = [source for _, source in nav_pages()]
    assert len(listed) == len(set(listed)), "a page is listed twice"
    assert set(listed) == markdown_sources()
    for page in DOCS.rglob("*.md"):
        assert link_problems(page) == [], page.relative_to(ROOT)


def test_the_link_rules_catch_an_absolute_link_a_folder_and_a_missing_file(tmp_path):
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    page = tmp_path / "index.md"
    page.write_text(
        "[a](/guide/faq/) [b](faq/) [c](gone.md) [d](faq.md#x) [e](https://x.test/) [f](#here)\n"
        "<a href='notes.txt'>g</a>\n",
        encoding="utf-8",
    )
    problems = link_problems(page, docs=tmp_path)
    assert [problem.split(":")[0] for problem in problems] == ["/guide/faq/", "faq/", "gone.md", "notes.txt"]
    (tmp_path / "orphan.md").write_text("# Orphan\n", encoding="utf-8")
    assert markdown_sources(tmp_path) == {"faq.md", "index.md", "orphan.md"}
