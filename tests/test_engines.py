"""Two engines, one site: Zensical's build held against MkDocs', page by page; and a mistake stops both alike.
Run by `make test-zensical` (it needs Zensical's own environment), which runs the browser tests on Zensical's build."""

import contextlib
import re

import pytest

from macros.published import redirects
from scripts.check_guide import guide_problems, report
from site_build import (
    ROOT,
    copy_test_project,
    edit,
    nav_pages,
    page_path,
    problem_annotations,
    run_mkdocs_build,
    run_zensical_build,
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


def article(page_html: str) -> str:
    match = re.search(r"<article[^>]*>(.*?)</article>", page_html, re.S)
    assert match, "the page has no article"
    return match.group(1)


def comparable(article_html: str) -> str:
    assert not re.search(r"<(pre|textarea)\b", article_html), "white space matters here: normalise with care"
    for pattern, replacement in NORMALISATIONS:
        article_html = pattern.sub(replacement, article_html)
    return article_html.strip()


# What the tab, search engines and shared links show of a page.
HEAD = {
    "title": r"<title>(.*?)</title>",
    "description": r'<meta name="description" content="([^"]*)">',
    "canonical": r'<link rel="canonical" href="([^"]*)">',
    "language": r"<html lang=\"([^\"]*)\"",
}


def head_facts(page_html: str) -> dict:
    return {name: (found := re.search(pattern, page_html, re.S)) and found[1] for name, pattern in HEAD.items()}


def html_files(site):
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))


def test_both_engines_build_the_same_pages(mkdocs_site, zensical_site):
    assert html_files(zensical_site) == html_files(mkdocs_site)
    # and the 404 page, and a page at each renamed page's old address
    assert len(html_files(mkdocs_site)) == len(SOURCES) + 1 + len(redirects(ROOT / "docs" / "data"))

    def sitemap(site):
        return sorted(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8")))

    assert sitemap(zensical_site) == sitemap(mkdocs_site)


@pytest.mark.parametrize("source", [*SOURCES, "404.html"])
def test_each_page_reads_the_same_under_both_engines(mkdocs_site, zensical_site, source):
    def page(site):
        path = site / "404.html" if source == "404.html" else page_path(site, source)
        return path.read_text("utf-8")

    assert comparable(article(page(zensical_site))) == comparable(article(page(mkdocs_site)))
    assert head_facts(page(zensical_site)) == head_facts(page(mkdocs_site))


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


def broken_project(tmp_path, *breakages):
    """A copy of the tests' project with BREAKAGES in it, and a site published before."""
    project = copy_test_project(tmp_path / "project")
    for breakage in breakages:
        name, before, after, *_ = BREAKAGES[breakage]
        edit(project / name, before, after)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the site published before", encoding="utf-8")
    return project


def printed_problems(project, capsys) -> list[str]:
    """The check both builds run first, in this process: the lines it prints (scripts/check_guide.py report)."""
    with contextlib.chdir(project):
        report(guide_problems(project / "mkdocs.yml"))
    return capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_mistake_in_the_sources_is_found_before_either_engine_builds_each_on_its_line(tmp_path, capsys, breakage):
    """Each is one of the check's, which both builds run first (the test below), on the line the matcher shows."""
    name, _, _, *said_on = BREAKAGES[breakage]  # the file the problem is said on, where not the one broken
    messages = printed_problems(broken_project(tmp_path, breakage), capsys)
    annotations = problem_annotations("\n".join(messages))
    assert messages and len(annotations) == len(messages), messages
    # A page or an id that disappeared is reported on the record (RECORD).
    assert any(file in (*said_on, name, RECORD) and line for _, file, line, _ in annotations), annotations
    for message in messages:
        assert re.fullmatch(
            r"ERROR +-  (Guide data error|Guide error|Page error): [^,]+, line \d+(, .+)?: .+", message
        ), message


def test_mistakes_in_the_sources_stop_both_engines_with_the_checks_lines_and_the_site_kept(tmp_path, capsys):
    """Mistakes in data, a page and the nav; and files a build would publish as they are: a symbolic link (to
    /etc/passwd, say, for the site, the artifact and the offline copy), template code in a Markdown page of another
    extension, an SVG that runs its script on the guide's origin when opened on its own, an HTML file."""
    project = broken_project(tmp_path, "broken YAML", "a script", "a page taken out of the nav")
    (project / "docs" / "assets" / "x.txt").symlink_to("/etc/hostname")
    (project / "docs" / "more.md").symlink_to(project / "docs" / "faq.md")
    (project / "docs" / "more.markdown").write_text("# More\n\n{{ cycler.__init__ }}\n", encoding="utf-8")
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n<script>localStorage.length</script>\n</svg>\n'
    (project / "docs" / "assets" / "y.svg").write_text(svg, encoding="utf-8")
    (project / "docs" / "assets" / "x.html").write_text("<p>as it is</p>\n", encoding="utf-8")
    expected = printed_problems(project, capsys)
    found = {(file, line) for _, file, line, _ in problem_annotations("\n".join(expected))}
    links = {file for _, file, _, message in problem_annotations("\n".join(expected)) if "symbolic link" in message}
    assert links == {"docs/assets/x.txt", "docs/more.md"}, expected
    assert {("docs/more.markdown", 3), ("docs/assets/y.svg", 2), ("docs/assets/x.html", 1)} <= found, expected
    for engine, run in {"mkdocs": run_mkdocs_build, "zensical": run_zensical_build}.items():
        result = run(project)
        assert result.returncode == 1, engine
        assert "Traceback" not in result.stdout + result.stderr, engine
        assert [line for line in result.stderr.splitlines() if line.startswith("ERROR")] == expected, engine
        assert problem_annotations(result.stderr) == problem_annotations("\n".join(expected)), engine
        assert (project / "site" / "index.html").read_text("utf-8") == "the site published before", engine
        assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"], engine
        assert not (project / "site.previous").exists(), engine
