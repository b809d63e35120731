"""What MkDocs' `validation` checks and Zensical (0.0.73) builds without a word: an absolute link, a link to a folder
or to a file that is not there, held on the guide's pages as the check renders them (scripts/page_links.py). A page
out of the nav, a nav entry whose file is gone and a link to no page or place are the check's own."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from macros.guide_data import read_data_files
from scripts.check_guide import guide_problems
from scripts.page_links import pages_as_html
from site_build import ROOT, site_config


def link_problems(docs: Path, files: dict | None = None) -> list[str]:
    """The links (href, src) of the pages under docs/ that are absolute, or lead to no file there but a page."""
    sources = {page.relative_to(docs).as_posix(): page.read_text("utf-8") for page in docs.rglob("*.md")}
    problems = []
    for name, html in pages_as_html(sources, site_config(), files or {}).items():
        for tag in BeautifulSoup(html, "html.parser")(True):
            for link in filter(None, (tag.get("href"), tag.get("src"))):
                parts = urlsplit(link)
                if parts.scheme or parts.netloc or not parts.path:
                    continue  # another site (never fetched by the build), or an anchor of this page
                if parts.path.startswith("/"):
                    problems.append(f"{link}: an absolute link; write it relative to {name}")
                elif (
                    not parts.path.endswith(".md") and not (docs / name).parent.joinpath(unquote(parts.path)).is_file()
                ):
                    problems.append(f"{link}: no such file under docs/ (link to the .md file, not to its address)")
    return problems


def test_every_page_is_in_the_nav_once_every_nav_entry_is_a_page_and_no_link_is_absolute_or_to_a_folder():
    assert guide_problems(ROOT / "mkdocs.yml") == []  # links to pages and places on them included
    assert link_problems(ROOT / "docs", read_data_files(ROOT / "docs" / "data")) == []


def test_the_link_rules_catch_an_absolute_link_a_folder_and_a_missing_file(tmp_path):
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "[a](/guide/faq/) [b](faq/) [c](gone.md) [d](faq.md#x) [e](https://x.test/) [f](#here) [h](/faq.md)\n"
        "<a href='notes.txt'>g</a>\n",
        encoding="utf-8",
    )
    problems = link_problems(tmp_path)
    assert [problem.split(":")[0] for problem in problems] == ["/guide/faq/", "faq/", "/faq.md", "notes.txt"]
