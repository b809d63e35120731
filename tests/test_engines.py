"""Two engines, one site: Zensical's build of this repository held against MkDocs', page by page.

Run by `make test-zensical` (it needs Zensical's own environment). The browser tests run against
Zensical's build there too, through the built_site fixture.
"""

import contextlib
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from macros.published import redirects
from scripts.check_guide import guide_problems, report
from site_build import (
    ROOT,
    copy_test_project,
    nav_pages,
    page_path,
    problem_annotations,
    rename_a_page,
    run_mkdocs_build,
    run_zensical_build,
    site_config,
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


def head_facts(page_html: str) -> dict:
    """What the tab, search engines and shared links show of a page."""
    facts = {}
    for name, pattern in {
        "title": r"<title>(.*?)</title>",
        "description": r'<meta name="description" content="([^"]*)">',
        "canonical": r'<link rel="canonical" href="([^"]*)">',
        "language": r"<html lang=\"([^\"]*)\"",
    }.items():
        found = re.search(pattern, page_html, re.S)
        facts[name] = found.group(1) if found else None
    return facts


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
BREAKAGES = {
    "a repeated id": ("docs/data/checklist.yml", "id: timing", "id: reasons"),  # and the id it replaced is gone
    "broken YAML": ("docs/data/steps.yml", "steps:", "steps: ["),
    "a macro call inside a sentence": ("docs/faq.md", "\n## ", "\nSee {{ steps() }} here.\n\n## "),
    "a page taken out of the nav": ("mkdocs.yml", "  - Frequently Asked Questions: faq.md\n", "", "docs/faq.md"),
    # What only the macros plugin used to catch, and Zensical let through or reported without a line:
    "a misspelt macro": ("docs/faq.md", "\n## ", "\n{{ stepz() }}\n\n## "),
    "a macro given arguments": ("docs/faq.md", "\n## ", "\n{{ steps(3) }}\n\n## "),
    "a macro without brackets": ("docs/faq.md", "\n## ", "\n{{ steps }}\n\n## "),
    "an unknown name": ("docs/faq.md", "\n## ", "\nAs {{ no_such_variable }} says.\n\n## "),
    # What a stranger's pull request could publish to run on readers' pages, or to reach outside the repository:
    "a script": ("docs/faq.md", "\n## ", "\n<script>alert(1)</script>\n\n## "),
    "an onerror handler": ("docs/faq.md", "\n## ", '\n<img src="x.png" onerror="alert(1)">\n\n## '),
    "a javascript: link": ("docs/faq.md", "\n## ", "\nSee [this](javascript:alert(1)).\n\n## "),
    "a data: link": ("docs/faq.md", "\n## ", "\nSee [this](data:text/html,hi).\n\n## "),
    "an attr_list handler": ("docs/faq.md", "\n## ", '\nA paragraph.\n{ onclick="alert(1)" }\n\n## '),
    "another site's image": ("docs/faq.md", "\n## ", '\n<img src="https://example.org/p.png" alt="">\n\n## '),
    "an iframe": ("docs/faq.md", "\n## ", '\n<iframe src="https://example.org/"></iframe>\n\n## '),
    "template code in a nav title": (
        "mkdocs.yml",
        "  - Frequently Asked Questions: faq.md\n",
        '  - "{{ 7 * 7 }}": faq.md\n',
    ),
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
    "a redirect out of the site": (
        "docs/data/published.yml",
        "  redirects:\n",
        "  redirects:\n    ../../out.md: faq.md\n",
    ),
    "a redirect over the home page": (
        "docs/data/published.yml",
        "  redirects:\n",
        "  redirects:\n    ./index.md: faq.md\n",
    ),
}
RECORD = "docs/data/published.yml"  # where a page or an id that disappeared is reported


def broken_project(tmp_path, breakage):
    """A copy of the tests' project with one of BREAKAGES in it, and a site published before."""
    name, before, after, *_ = BREAKAGES[breakage]
    project = copy_test_project(tmp_path / "project")
    broken = project / name
    assert before in broken.read_text("utf-8")
    broken.write_text(broken.read_text("utf-8").replace(before, after, 1), encoding="utf-8")
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
    """Both builds print the check's lines and stop before their engine (the test below): each mistake is one of
    the check's, on the line the problem matcher shows."""
    name, _, _, *said_on = BREAKAGES[breakage]  # the file the problem is said on, where not the one broken
    messages = printed_problems(broken_project(tmp_path, breakage), capsys)
    annotations = problem_annotations("\n".join(messages))
    assert messages and len(annotations) == len(messages), messages
    assert any(file in (*said_on, name, RECORD) and line for _, file, line, _ in annotations), annotations
    for message in messages:
        assert re.fullmatch(
            r"ERROR +-  (Guide data error|Guide error|Page error): [^,]+, line \d+(, .+)?: .+", message
        ), message


@pytest.mark.parametrize("breakage", ["broken YAML", "a script", "a page taken out of the nav"])
def test_a_mistake_in_the_sources_stops_both_engines_with_the_checks_lines_and_the_site_kept(
    tmp_path, capsys, breakage
):
    project = broken_project(tmp_path, breakage)
    expected = printed_problems(project, capsys)
    for engine, run in {"mkdocs": run_mkdocs_build, "zensical": run_zensical_build}.items():
        result = run(project)
        assert result.returncode == 1, engine
        assert "Traceback" not in result.stdout + result.stderr, engine
        assert [line for line in result.stderr.splitlines() if line.startswith("ERROR")] == expected, engine
        assert problem_annotations(result.stderr) == problem_annotations("\n".join(expected)), engine
        assert (project / "site" / "index.html").read_text("utf-8") == "the site published before", engine
        assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"], engine
        assert not (project / "site.previous").exists(), engine


def test_a_renamed_page_keeps_its_old_address_on_both_engines(tmp_path):
    """A bookmark to the old address leads on to the page it became, #anchor and all."""
    project = copy_test_project(tmp_path / "project")
    rename_a_page(project)
    site_url = site_config()["site_url"]
    for engine, run in {"mkdocs": run_mkdocs_build, "zensical": run_zensical_build}.items():
        result = run(project)
        assert result.returncode == 0, f"{engine}: {result.stderr}"
        moved = (project / "site" / "faq" / "index.html").read_text("utf-8")
        assert f'<link rel="canonical" href="{site_url}questions/">' in moved, engine
        assert f'content="0; url={site_url}questions/"' in moved, engine
        script = urlsplit(site_url).path + "assets/redirect.js"
        assert f'<script src="{script}"></script>' in moved, engine  # on, #anchor and all (test_content_policy.py)
        assert (project / "site" / "questions" / "index.html").is_file(), engine


def test_a_zensical_build_that_fails_halfway_keeps_the_old_site_whole(tmp_path):
    """Past the check, a step after the engine fails once pages are written (the offline copy's, here): the old
    site stays, whole (MkDocs' case: test_build.py; scripts/last_site.py's own: test_last_site.py)."""
    project = copy_test_project(tmp_path / "project")
    script = project / "docs" / "assets" / "offline.js"
    script.write_text(script.read_text("utf-8").replace("const ON = false;", "const ON = 0;"), encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the site published before", encoding="utf-8")
    result = run_zensical_build(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.rstrip().endswith("`zensical build` shows Zensical's full report."), result.stderr
    assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"]
    assert (project / "site" / "index.html").read_text("utf-8") == "the site published before"
    assert not (project / "site.previous").exists()


def test_a_symbolic_link_in_the_pages_stops_both_engines_naming_it(tmp_path):
    """A build would publish what it points at (/etc/passwd, say) to the site, the artifact and the offline copy."""
    project = copy_test_project(tmp_path / "project")
    (project / "docs" / "assets" / "x.txt").symlink_to("/etc/hostname")
    (project / "docs" / "more.md").symlink_to(project / "docs" / "faq.md")
    for engine, run in {"mkdocs": run_mkdocs_build, "zensical": run_zensical_build}.items():
        result = run(project)
        assert result.returncode == 1, engine
        named = {file for _, file, _, message in problem_annotations(result.stderr) if "symbolic link" in message}
        assert named == {"docs/assets/x.txt", "docs/more.md"}, f"{engine}: {result.stderr}"
        assert not (project / "site").exists(), engine


def test_template_code_in_a_markdown_page_of_another_extension_stops_both_engines(tmp_path):
    project = copy_test_project(tmp_path / "project")
    (project / "docs" / "more.markdown").write_text("# More\n\n{{ cycler.__init__ }}\n", encoding="utf-8")
    for engine, run in {"mkdocs": run_mkdocs_build, "zensical": run_zensical_build}.items():
        result = run(project)
        assert result.returncode == 1, engine
        assert {file for _, file, _, _ in problem_annotations(result.stderr)} == {"docs/more.markdown"}, result.stderr


def test_two_builds_at_once_or_one_after_a_killed_build_leave_a_whole_site_on_both_engines(tmp_path):
    """One build waits for the other (a lock), and every build first puts back the last whole site that a killed
    run left half-replaced, even one stopped by a mistake in the sources."""
    project = copy_test_project(tmp_path / "project")
    site, previous = project / "site", project / "site.previous"

    def files():
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    for engine, run in {"mkdocs": run_mkdocs_build, "zensical": run_zensical_build}.items():
        shutil.rmtree(site, ignore_errors=True)
        assert run(project).returncode == 0, engine
        whole = files()
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda build: build(project), [run, run]))
        assert [result.returncode for result in results] == [0, 0], [r.stderr for r in results]
        assert files() == whole and not previous.exists(), engine

        site.rename(previous)  # a run killed halfway: the last site aside, half of the new one written
        (site / "faq").mkdir(parents=True)
        (site / "faq" / "index.html").write_text("half", encoding="utf-8")
        page = project / "docs" / "faq.md"
        text = page.read_text("utf-8")
        page.write_text(text + "\n<script>alert(1)</script>\n", encoding="utf-8")
        assert run(project).returncode == 1, engine
        page.write_text(text, encoding="utf-8")
        assert files() == whole and not previous.exists(), engine


def test_an_image_that_would_run_script_or_a_page_in_html_stops_both_engines(tmp_path):
    """An SVG opened on its own runs its script on the guide's origin, outside the pages' policy; an HTML file
    is published as it is."""
    project = copy_test_project(tmp_path / "project")
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n<script>localStorage.length</script>\n</svg>\n'
    (project / "docs" / "assets" / "y.svg").write_text(svg, encoding="utf-8")
    (project / "docs" / "assets" / "x.html").write_text("<p>as it is</p>\n", encoding="utf-8")
    for engine, run in {"mkdocs": run_mkdocs_build, "zensical": run_zensical_build}.items():
        result = run(project)
        assert result.returncode == 1, engine
        found = {(file, line) for _, file, line, _ in problem_annotations(result.stderr)}
        assert found == {("docs/assets/y.svg", 2), ("docs/assets/x.html", 1)}, f"{engine}: {result.stderr}"
