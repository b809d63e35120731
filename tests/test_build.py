"""Build layer: the guide's strict build, asserted on the HTML it writes; and builds of the tests' own project,
changed or broken as a contributor may: a mistake stops the build with one line each and keeps the last site."""

import html
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from macros.components import BY_NAME, COMPONENTS
from macros.guide_data import MAX_FILE_BYTES
from scripts.page_links import markdown_converter
from site_build import (
    ROOT,
    SITE_ENGINE,
    VIOLATIONS,
    article_text,
    copy_test_project,
    edit,
    files,
    nav_pages,
    page_address,
    page_calling,
    page_path,
    printed_problems,
    problem_annotations,
    read_test_data,
    run_build,
    search_index,
    section_pages,
    site_config,
    whole_guide,
    write_page_mistake,
)
from site_build import read_data as data

# The guide's original text, kept as a record: only its residue (the web page it was saved from) is
# checked, never its wording, which contributors improve.
FIXTURES = Path(__file__).parent / "fixtures"
GUIDE = (FIXTURES / "guide.txt").read_text("utf-8")
SITE_URL = site_config()["site_url"]
ABORTED = "Aborted: the site was not changed."  # a build's last line when it stops
OLD = {"index.html": b"the site published before"}


def data_strings(value):
    """Every text of a data file, in the file's order: the values of all fields but the ids."""
    if isinstance(value, dict):
        value = [item for key, item in value.items() if key != "id"]
    if isinstance(value, list):
        return [text for item in value for text in data_strings(item)]
    return [value] if isinstance(value, str) else []


def markdown_blocks(text: str) -> list[str]:
    """The text of each block of some Markdown, rendered with the site's own Markdown extensions."""
    rendered = markdown_converter(site_config()).convert(text)
    blocks = re.split(r"</?(?:p|li|td|th|h[1-6]|blockquote|div|tr|ul|ol|table|sup)\b[^>]*>", rendered)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", block)).split()) for block in blocks]


def source_fragments(source: str) -> list[str]:
    """What a reader must find on a page, in order, derived from its source: the text of each block of its
    Markdown, and where a macro is called, every text of the data file it shows."""
    text = re.sub(r"\A---\n.*?\n---\n", "", (ROOT / "docs" / source).read_text("utf-8-sig"), flags=re.S)
    parts = re.split(r"^[ \t]*\{\{\s*(\w+)\(\)\s*\}\}[ \t]*$", text, flags=re.M)  # Markdown, a macro, Markdown, …
    fragments = []
    for markdown, macro in zip(parts[::2], [*parts[1::2], None], strict=True):
        fragments += markdown_blocks(markdown)
        if macro in BY_NAME:
            fragments += [" ".join(text.split()) for text in data_strings(data(BY_NAME[macro].data_file))]
    return [fragment for fragment in fragments if fragment]


# The whole guide's page shows the others' sentences, not its own (the preview's note): test_whole_guide.py.
@pytest.mark.parametrize("source", section_pages())
def test_each_page_shows_every_sentence_of_its_source_and_data_in_order(built_site, source):
    text = article_text(page_path(built_site, source).read_text("utf-8"))
    position = 0
    for fragment in source_fragments(source):
        found = text.find(fragment, position)
        assert found >= 0, f"docs/{source}: missing from the built page, or out of order: {fragment!r}"
        position = found + len(fragment)


def test_every_page_is_built_with_its_neighbours_its_edit_buttons_and_one_search_dialog(built_site):
    sources, config, searched = [source for _, source in nav_pages()], site_config(), search_index(built_site)
    data_files = {page_calling(component.name): component.data_file for component in COMPONENTS}
    assert "repo_url" not in config, "a repo_url makes the theme call GitHub's API from readers' browsers"
    assert re.fullmatch(r"https://github\.com/[^/]+/[^/]+/edit/main/docs/", config["edit_uri"]), config["edit_uri"]
    for index, source in enumerate(sources):
        page, folder = page_path(built_site, source).read_text("utf-8"), page_path(built_site, source).parent
        for direction, neighbour in (("prev", index - 1), ("next", index + 1)):
            link = re.search(rf'<a href="([^"]+)" class="md-footer__link md-footer__link--{direction}"', page)
            target = link and (folder / link[1]).resolve()
            wanted = (
                page_path(built_site, sources[neighbour]).parent.resolve() if 0 <= neighbour < len(sources) else None
            )
            assert target == wanted, f"{source}'s {direction} link: {link}"
        edit = re.findall(r'<a href="([^"]+)"[^>]*rel="edit"', page)
        # The whole guide's text is edited on each page: its own source holds only the preview's note.
        assert edit == ([] if source == whole_guide() else [urljoin(config["edit_uri"], source)]), f"{source}: {edit}"
        if source not in data_files:
            assert "data-edit" not in page, f"{source} shows no data, yet links to a data file"
            continue
        links = re.findall(r'<a class="data-edit__link" href="([^"]+)"[^>]*>([^<]+)</a>', page.split("<article")[1])
        assert [href for href, _ in links] == [urljoin(config["edit_uri"], f"data/{data_files[source]}")], source
        assert links[0][1] not in searched, "readers search the guide, not its edit links"
    home = page_path(built_site, "index.md").read_text("utf-8").split("<article", 1)[1]
    assert f'<a href="{page_address(page_calling("checklist"))}">' in home, "the home page leads to no checklist"
    for path in [*(page_path(built_site, source) for source in sources), built_site / "404.html"]:
        dialogs = re.findall(r"<dialog [^>]*>", path.read_text("utf-8"))
        assert len(dialogs) == 1, f"{path.relative_to(built_site)}: {len(dialogs)} search dialogs"
        assert re.findall(r'aria-label="([^"]*)"', dialogs[0]) == ["Search the guide"], dialogs[0]


def repeated_attributes(page: str) -> list[str]:
    """Every attribute an element carries twice (a browser keeps the first, drops the rest)."""
    found = []
    BeautifulSoup(page, "html.parser", on_duplicate_attribute=lambda _, name, __: found.append(name))
    return found


def test_no_residue_template_code_repeated_attribute_or_data_file_is_published(built_site):
    residue = [line for line in GUIDE.partition("\n\n")[2].splitlines() if line.strip()]  # after the guide
    assert len(residue) >= 4
    assert not (built_site / "data").exists() and not list(built_site.rglob("*.yml")), "a data file is published"
    for path in built_site.rglob("*"):
        if not path.is_file() or path.suffix not in {".html", ".json", ".xml", ".js", ".txt"}:
            continue
        content, name = path.read_text("utf-8", errors="replace"), path.relative_to(built_site)
        assert [line for line in residue if line in content] == [], f"web-page residue in {name}"
        if path.suffix == ".html":
            assert "{{" not in content and "{%" not in content, f"{name}: unrendered template code"
            assert "Macro Rendering Error" not in content, f"{name}: a macro error is published"
            # Two aria-labels on one element: a theme override adding what the theme already gives.
            assert repeated_attributes(content) == [], name


def project_with_old_site(folder: Path) -> Path:
    project = copy_test_project(folder / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_bytes(OLD["index.html"])
    return project


def kill_halfway(site: Path) -> None:
    """What a run killed halfway leaves: the last site set aside, half of the new one written."""
    site.rename(site.parent / "site.previous")
    (site / "faq").mkdir(parents=True)
    (site / "faq" / "index.html").write_text("half", encoding="utf-8")


@pytest.mark.parametrize("engine", ["mkdocs", pytest.param("zensical", marks=pytest.mark.zensical)])
def test_the_checks_problems_stop_the_build_with_its_lines_and_the_last_site_is_put_back(tmp_path, engine):
    """What each line says is the check's, tested in this process (test_page_sources.py, test_check_guide.py,
    test_guide_data.py); here a build prints those lines alone, each annotated once, after a killed build too. Bad
    data; slips in a page saved with a BOM and Windows line endings; a page out of the nav; and files a build would
    publish as they are: a symbolic link (to /etc/passwd, say), template code in a Markdown page of another
    extension, an SVG that runs its script on the guide's origin when opened on its own, an HTML file."""
    project = project_with_old_site(tmp_path)
    docs, items = project / "docs", read_test_data("checklist.yml")["items"]
    edit(docs / "data" / "checklist.yml", f"id: {items[-1]['id']}", f"id: {items[0]['id']}")
    shutil.copy(FIXTURES / "billion-laughs.yml", docs / "data" / "steps.yml")
    big = "items:\n" + "".join(f"  - id: item-{n}\n    text: Item {n}\n" for n in range(MAX_FILE_BYTES // 20))
    (docs / "data" / "dos_and_donts.yml").write_text(big, encoding="utf-8")
    front = write_page_mistake(project, "colon-in-front-matter")
    macro = edit(docs / "faq.md", "\n## ", "\n{{ steps }}\n\n<script>alert(1)</script>\n\n## ") + 1
    sentence = write_page_mistake(project, "macro-in-a-sentence")
    code = write_page_mistake(project, "macro-in-a-code-span", bom_crlf=True)  # the whole page saved so
    edit(docs / "steps.md", "{{ steps() }}", "    {{ steps() }}")
    edit(project / "mkdocs.yml", "  - Choose the Right Timing and Approach: timing.md\n", "")
    (docs / "assets" / "x.txt").symlink_to("/etc/hostname")
    (docs / "more.md").symlink_to(docs / "conclusion.md")
    (docs / "more.markdown").write_text("# More\n\n{{ cycler.__init__ }}\n", encoding="utf-8")
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n<script>localStorage.length</script>\n</svg>\n'
    (docs / "assets" / "y.svg").write_text(svg, encoding="utf-8")
    (docs / "assets" / "x.html").write_text("<p>as it is</p>\n", encoding="utf-8")
    expected = printed_problems(project)
    annotations = problem_annotations("\n".join(expected))
    places = [(file, line) for _, file, line, _ in annotations]
    assert len(places) == len(expected), expected
    pages = [("docs/faq.md", line) for line in (front, macro, macro + 2, sentence, code)]
    others = [("docs/steps.md", 7), ("docs/timing.md", 1), ("docs/more.markdown", 3), ("docs/more.md", 1)]
    as_they_are = [("docs/assets/x.txt", 1), ("docs/assets/y.svg", 2), ("docs/assets/x.html", 1)]
    assert {*pages, *others, *as_they_are} <= set(places), expected
    # Each data mistake is its file's one problem: no id of it then "gone" from the record as well.
    data_files = [file for file, _ in places if file.startswith("docs/data/")]
    assert data_files == [f"docs/data/{name}.yml" for name in ("checklist", "dos_and_donts", "steps")], expected
    kill_halfway(project / "site")
    result = run_build(project, engine=engine)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("ERROR")] == expected
    assert problem_annotations(result.stderr) == annotations and result.stderr.rstrip().endswith(ABORTED)
    assert files(project / "site") == OLD and not (project / "site.previous").exists(), "the old site was not kept"


def change_as_a_contributor_does(project: Path) -> None:
    """A data text reworded and an item added; on the FAQ, what only looks like a slip; notes, a footnote and a
    definition list; the FAQ renamed as CONTRIBUTING says: its file, its nav line, the record (the new page
    published, the old address led on to it)."""
    checklist = project / "docs" / "data" / "checklist.yml"
    document = yaml.safe_load(checklist.read_text("utf-8"))
    document["items"][0]["text"] = "A reworded first item & <more>"
    document["items"].append({"id": "added-in-test", "text": "An item added by a test"})
    checklist.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    record = project / "docs" / "data" / "published.yml"
    edit(record, "\nchecklist:\n  published:\n", "\nchecklist:\n  published:\n    - added-in-test\n")
    edit(project / "docs" / "steps.md", "{{ steps() }}", "")  # each list is shown on one page: here, the FAQ
    edit(project / "docs" / "dos-and-donts.md", "{{ dos_and_donts() }}", "")
    page = project / "docs" / "faq.md"
    text = re.sub(r"description: Answers to(.*)\n", r'description: "Answers: to\1"\n', page.read_text("utf-8"))
    page.write_text(
        text
        + "\nWrite {{ '{{' }} steps() }} on a line of its own to show the steps.\n"
        + "\n{% raw %}Or {{ steps() }}, shown as it is.{% endraw %}\n"
        + "\n  {{ steps() }}\n"  # indented by up to three spaces: Markdown still reads it as HTML
        + "\n{# {{ checklist() }} left out for now #}\n"
        + "\n{{ dos_and_donts() }} {# from the data file #}\n",
        encoding="utf-8",
    )
    page = project / "docs" / "timing.md"
    page.write_text(
        page.read_text("utf-8")
        + '\n!!! note "Before you write"\n\n    Wait a day.[^1]\n\nSpace\n:   Time apart.\n\n[^1]: Or a week.\n',
        encoding="utf-8",
    )
    (project / "docs" / "faq.md").rename(project / "docs" / "questions.md")
    edit(project / "mkdocs.yml", ": faq.md\n", ": questions.md\n")
    edit(record, "  redirects:\n", "  redirects:\n    faq.md: questions.md\n")
    edit(record, "    - faq.md\n", "    - faq.md\n    - questions.md\n")


# A mistake only a step after the engine finds, once pages are written (the check finds every other, broken links
# included): the offline switch gone from the script the build publishes; and the build's last line on each engine.
PAST_THE_CHECK = ("docs/assets/offline.js", "const ON = false;", "const ON = 0;")
LAST_LINE = {"mkdocs": ABORTED, "zensical": f"{ABORTED} `zensical build` shows Zensical's full report."}


def test_a_build_keeps_the_last_whole_site_until_one_passes_and_replaces_it(tmp_path, site_context, page_url):
    """On the engine under test: each build waits for another (a lock), puts back the last whole site that a killed
    run left half-replaced, and keeps it whatever stops it: no date, a mistake past the check or one the check finds
    (the test above; scripts/last_site.py's own cases: test_last_site.py); one that passes publishes the
    contributor's changes, a renamed page's old address leading on under the pages' policy."""
    project = project_with_old_site(tmp_path)
    site, previous = project / "site", project / "site.previous"
    result = run_build(project, None)
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stdout + result.stderr
    assert len(errors) == 1 and "Source date error: " in errors[0] and "SOURCE_DATE_EPOCH=" in errors[0], errors
    assert files(site) == OLD, "a build without a date changed the site"

    kill_halfway(site)
    file, broken, breaking = PAST_THE_CHECK
    edit(project / file, broken, breaking)
    result = run_build(project)
    assert result.returncode == 1 and result.stderr.rstrip().endswith(LAST_LINE[SITE_ENGINE]), result.stderr
    assert files(site) == OLD and not previous.exists(), "a failing build after a killed one left its half"

    edit(project / file, breaking, broken)
    change_as_a_contributor_does(project)
    assert run_build(project).returncode == 0, "the changed project did not build"
    whole = files(site)
    assert "<!doctype html>" in whole["index.html"].decode().lower() and "checklist/index.html" in whole
    assert not previous.exists(), "the old site was left beside the new"
    checklist = whole["checklist/index.html"].decode()
    assert "A reworded first item &amp; &lt;more&gt;</label>" in checklist, "a changed data text, escaped"
    assert 'data-id="added-in-test"' in checklist and "An item added by a test</label>" in checklist
    faq = whole["questions/index.html"].decode()
    assert "Answers: to three" in faq and '<ol class="steps">' in faq and "<table" in faq, "a call that is one"
    assert "left out for now" not in faq and 'class="checklist' not in faq, "a call in a template comment"
    timing = whole["timing/index.html"].decode()
    assert '<div class="admonition note">' in timing and '<p class="admonition-title">Before you write</p>' in timing
    assert 'class="footnote"' in timing and "Or a week." in timing and "[^1]" not in timing
    assert "<dl>" in timing and "<dt>Space</dt>" in timing and "!!!" not in article_text(timing)
    # A bookmark leads on to the page it became, #anchor and all (without JavaScript, to the page).
    assert 'content="0; url=../questions/"' in whole["faq/index.html"].decode()
    context = site_context(site)
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    heading = re.search(r'<h2 id="([^"]+)"', faq)[1]
    page.goto(f"{page_url('faq.md')}#{heading}")
    expect(page).to_have_url(f"{page_url('questions.md')}#{heading}")
    assert page.evaluate("window.violations") == []

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(run_build, [project, project]))
    assert [result.returncode for result in results] == [0, 0], [result.stderr for result in results]
    assert files(site) == whole and not previous.exists(), "two builds at once left another site"
