"""Build layer: the guide's strict build, asserted on the HTML it writes; and builds of the tests' own project,
changed or broken as a contributor may: a mistake stops the build with one line each and keeps the last site."""

import html
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jinja2
import pytest
import yaml
from mkdocs.exceptions import PluginError

from macros.components import BY_NAME, COMPONENTS
from macros.guide_data import MAX_FILE_BYTES
from scripts.page_links import markdown_converter
from site_build import (
    PAGE_MISTAKES,
    ROOT,
    article_text,
    copy_test_project,
    edit,
    files,
    nav_pages,
    page_address,
    page_calling,
    page_path,
    registered_macros,
    rename_a_page,
    run_mkdocs_build,
    run_zensical_build,
    search_index,
    section_pages,
    site_config,
    site_macros,
    whole_guide,
    write_page_mistake,
)
from site_build import read_data as data
from site_build import read_test_data as load_test_data

# The guide's original text, kept as a record: only its residue (the web page it was saved from) is
# checked, never its wording, which contributors improve.
FIXTURES = Path(__file__).parent / "fixtures"
GUIDE = (FIXTURES / "guide.txt").read_text("utf-8")
MACRO_CALL = re.compile(r"^\{\{\s*(\w+)\(\)\s*\}\}\s*$")
SITE_URL = site_config()["site_url"]
ABORTED = "Aborted: the site was not changed."  # a build's last line when it stops


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
    text = (ROOT / "docs" / source).read_text("utf-8-sig")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    fragments, lines = [], []
    for line in [*text.splitlines(), "{{ end_of_page() }}"]:
        if not (call := MACRO_CALL.match(line.strip())):
            lines.append(line)
            continue
        fragments += markdown_blocks("\n".join(lines))
        lines = []
        if call[1] in BY_NAME:
            fragments += [" ".join(text.split()) for text in data_strings(data(BY_NAME[call[1]].data_file))]
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
        assert page_path(built_site, source).is_file(), f"{source} was not built"
        page = page_path(built_site, source).read_text("utf-8")
        for direction, neighbour in (("prev", index - 1), ("next", index + 1)):
            link = re.search(rf'<a href="([^"]+)" class="md-footer__link md-footer__link--{direction}"', page)
            if not 0 <= neighbour < len(sources):
                assert link is None, f"{source} has a {direction} link past the end of the guide"
                continue
            assert link, f"{source} has no {direction} link"
            target = (page_path(built_site, source).parent / link.group(1)).resolve()
            assert target == page_path(built_site, sources[neighbour]).parent.resolve(), (
                f"{source}'s {direction} link leads to {link.group(1)}"
            )
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
    assert f'<a href="{page_address(page_calling("checklist"))}">' in home, (
        "the home page does not point to the checklist"
    )
    for path in [*(page_path(built_site, source) for source in sources), built_site / "404.html"]:
        dialogs = re.findall(r"<dialog [^>]*>", path.read_text("utf-8"))
        assert len(dialogs) == 1, f"{path.relative_to(built_site)}: {len(dialogs)} search dialogs"
        assert re.findall(r'aria-label="([^"]*)"', dialogs[0]) == ["Search the guide"], dialogs[0]


def repeated_attributes(page: str) -> list[str]:
    """Every element that carries one attribute twice (a browser keeps the first, drops the rest)."""
    found, parser = [], HTMLParser()
    parser.handle_starttag = lambda tag, attrs: found.extend(
        f"<{tag}> has {name} twice" for name in sorted({n for n, _ in attrs}) if [n for n, _ in attrs].count(name) > 1
    )
    parser.feed(page)
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


def test_the_table_the_steps_and_the_checklist_equal_their_data(built_site):
    page = page_path(built_site, page_calling("dos_and_donts")).read_text("utf-8")
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", page)
    assert rows == [(p["do"], p["dont"]) for p in data("dos_and_donts.yml")["pairs"]]
    assert f"<caption>{data('dos_and_donts.yml')['caption']}</caption>" in page
    page = page_path(built_site, page_calling("steps")).read_text("utf-8")
    expected = []
    for step in data("steps.yml")["steps"]:
        qualifier = f' <span class="steps__qualifier">({step["qualifier"]})</span>' if "qualifier" in step else ""
        expected.append((step["id"], f"{step['text']}{qualifier}."))
    assert re.findall(r'<li id="step-([^"]+)">(.*?)</li>', page) == expected
    page = page_path(built_site, page_calling("checklist")).read_text("utf-8")
    found = re.findall(r'data-id="([^"]+)"><label for="checklist-\1"><span[^>]*></span>(.*?)</label>', page)
    assert found == [(i["id"], i["text"]) for i in data("checklist.yml")["items"]]


@pytest.mark.parametrize("macro", site_macros())
def test_a_macro_written_without_brackets_is_an_error_that_says_to_add_them(macro):
    """In this process, through Jinja as the macros plugin renders a page; the build below shows it stops."""
    with pytest.raises(PluginError) as error:
        jinja2.Template(f"{{{{ {macro} }}}}").render({macro: registered_macros()[macro]})
    assert str(error.value) == (
        f"Page error: docs/faq.md: {{{{ {macro} }}}} shows nothing: write {{{{ {macro}() }}}}, with the brackets"
    )


def project_with_old_site(folder: Path) -> Path:
    project = copy_test_project(folder / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the site published before", encoding="utf-8")
    return project


def slip(source: str, line: int, mistake: str) -> str:
    _, _, what, advice = PAGE_MISTAKES[mistake]
    return rf"Page error: docs/{re.escape(source)}, line {line}: {re.escape(what)}.*; {re.escape(advice)}$"


@pytest.mark.parametrize(
    ("front_matter", "bom_crlf"),
    [("braces-in-front-matter", False), ("colon-in-front-matter", True)],
    ids=["lf", "bom-crlf"],
)
def test_every_mistake_the_check_finds_stops_the_build_on_a_line_of_its_own_and_the_old_site_is_kept(
    tmp_path, front_matter, bom_crlf
):
    """Bad data and the slips in a page that MkDocs alone publishes (each: test_page_sources.py), the page saved with
    a BOM and Windows line endings, or not."""
    project = project_with_old_site(tmp_path)
    items, data_dir = load_test_data("checklist.yml")["items"], project / "docs" / "data"
    first, last = items[0]["id"], items[-1]["id"]
    edit(data_dir / "checklist.yml", f"id: {last}", f"id: {first}")  # (the id it replaced: said once mended)
    shutil.copy(FIXTURES / "billion-laughs.yml", data_dir / "steps.yml")
    big = "items:\n" + "".join(f"  - id: item-{n}\n    text: Item {n}\n" for n in range(MAX_FILE_BYTES // 20))
    (data_dir / "dos_and_donts.yml").write_text(big, encoding="utf-8")
    front_line = write_page_mistake(project, front_matter)
    edit(project / "docs" / "faq.md", "\n## ", "\n{{ steps }}\n\n## ")
    sentence_line = write_page_mistake(project, "macro-in-a-sentence")
    code_line = write_page_mistake(project, "macro-in-a-code-span", bom_crlf)  # the whole page saved so
    edit(project / "docs" / "steps.md", "{{ steps() }}", "    {{ steps() }}")
    expected = [
        rf'Guide data error: docs/data/checklist\.yml, line \d+, item {len(items)} \(id "{first}"\): '
        rf'id "{first}" is already used by item 1',
        r"Guide data error: docs/data/dos_and_donts\.yml, line \d+: the file is larger than \d+ KiB",
        r"Guide data error: docs/data/steps\.yml, line 1: YAML anchors and aliases \(&name, \*name\) are not allowed",
        slip("faq.md", front_line, front_matter),
        r"Page error: docs/faq\.md, line \d+: \{\{ steps \}\} shows nothing: write \{\{ steps\(\) \}\}, with the brackets",
        slip("faq.md", sentence_line, "macro-in-a-sentence"),
        slip("faq.md", code_line, "macro-in-a-code-span"),
        slip("steps.md", 7, "macro-indented"),
    ]
    result = run_mkdocs_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    matched = [re.match(rf"ERROR\s+-\s+{pattern}", error) for error, pattern in zip(errors, expected, strict=False)]
    assert len(errors) == len(expected) and all(matched), errors
    assert files(project / "site") == {"index.html": b"the site published before"}, "the old site was changed"
    assert not (project / "site.previous").exists()
    assert result.stderr.rstrip().endswith(ABORTED), result.stderr


def change_as_a_contributor_does(project: Path) -> None:
    """A data text reworded and an item added; on the FAQ, what only looks like a slip; notes, a footnote and a
    definition list; the FAQ renamed."""
    checklist = project / "docs" / "data" / "checklist.yml"
    document = yaml.safe_load(checklist.read_text("utf-8"))
    document["items"][0]["text"] = "A reworded first item & <more>"
    document["items"].append({"id": "added-in-test", "text": "An item added by a test"})
    checklist.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    mark = "\nchecklist:\n  published:\n"
    edit(project / "docs" / "data" / "published.yml", mark, mark + "    - added-in-test\n")
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
    rename_a_page(project)  # as CONTRIBUTING says: faq.md becomes questions.md


ENGINES = [  # a mistake only the engine (MkDocs') or a step after it (Zensical's) finds: once pages are written
    pytest.param(run_mkdocs_build, ("docs/faq.md", "\n## ", "\n[a link](nowhere.pdf)\n\n## "), ABORTED, id="mkdocs"),
    pytest.param(
        run_zensical_build,
        ("docs/assets/offline.js", "const ON = false;", "const ON = 0;"),
        f"{ABORTED} `zensical build` shows Zensical's full report.",
        id="zensical",
        marks=pytest.mark.zensical,
    ),
]


@pytest.mark.parametrize(("run", "past_the_check", "last_line"), ENGINES)
def test_a_build_keeps_the_last_whole_site_until_one_passes_and_replaces_it(tmp_path, run, past_the_check, last_line):
    """Each build waits for another (a lock), puts back the last whole site that a killed run left half-replaced,
    and keeps it whatever stops it: no date, a mistake past the check or one the check finds (scripts/last_site.py's
    own cases: test_last_site.py); one that passes publishes the contributor's changes."""
    project = project_with_old_site(tmp_path)
    site, previous, old = project / "site", project / "site.previous", {"index.html": b"the site published before"}
    result = run(project, None)
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stdout + result.stderr
    assert len(errors) == 1 and "Source date error: " in errors[0] and "SOURCE_DATE_EPOCH=" in errors[0], errors
    assert files(site) == old, "a build without a date changed the site"

    site.rename(previous)  # a run killed halfway: the last site aside, half of the new one written
    (site / "faq").mkdir(parents=True)
    (site / "faq" / "index.html").write_text("half", encoding="utf-8")
    file, broken, breaking = past_the_check
    edit(project / file, broken, breaking)
    result = run(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.rstrip().endswith(last_line), result.stderr
    assert files(site) == old and not previous.exists(), "a failing build after a killed one left its half"

    edit(project / file, breaking, broken)
    change_as_a_contributor_does(project)
    assert run(project).returncode == 0, "the changed project did not build"
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
    moved = whole["faq/index.html"].decode()  # a bookmark leads on to the page it became, #anchor and all
    assert f'<link rel="canonical" href="{SITE_URL}questions/">' in moved
    assert f'content="0; url={SITE_URL}questions/"' in moved
    assert f'<script src="{urlsplit(SITE_URL).path}assets/redirect.js"></script>' in moved  # test_content_policy

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(run, [project, project]))
    assert [result.returncode for result in results] == [0, 0], [result.stderr for result in results]
    assert files(site) == whole and not previous.exists(), "two builds at once left another site"

    site.rename(previous)
    (site / "faq").mkdir(parents=True)
    (site / "faq" / "index.html").write_text("half", encoding="utf-8")
    edit(project / "docs" / "timing.md", "\nThis gives", "\n<script>alert(1)</script>\n\nThis gives")
    assert run(project).returncode == 1, "a page with a script built"
    assert files(site) == whole and not previous.exists(), "a build the check stops left a killed one's half"
