"""Build layer: a full strict build, asserted on the HTML it writes."""

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import markdown
import pytest
import yaml
from mkdocs.exceptions import PluginError

from macros.components import BY_NAME, COMPONENTS
from site_build import (
    PAGE_MISTAKES,
    ROOT,
    article_text,
    build_site,
    copy_test_project,
    nav_pages,
    page_address,
    page_calling,
    page_path,
    registered_macros,
    run_mkdocs_build,
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
GUIDE = (Path(__file__).parent / "fixtures" / "guide.txt").read_text("utf-8")
MACRO_CALL = re.compile(r"^\{\{\s*(\w+)\(\)\s*\}\}\s*$")


def guide_and_residue():
    """The guide is everything before the first blank line; what follows is web-page residue."""
    guide, _, residue = GUIDE.partition("\n\n")
    return guide.splitlines(), [line for line in residue.splitlines() if line.strip()]


def data_strings(value):
    """Every text of a data file, in the file's order: the values of all fields but the ids."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "id":
                yield from data_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from data_strings(item)
    elif isinstance(value, str):
        yield value


def markdown_blocks(text: str) -> list[str]:
    """The text of each block of some Markdown, rendered with the site's own Markdown extensions."""
    extensions, settings = [], {}
    for entry in site_config().get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions.append(name)
        settings[name] = options or {}
    rendered = markdown.markdown(text, extensions=extensions, extension_configs=settings)
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


def site_text(site):
    return " ".join(article_text(page_path(site, source).read_text("utf-8")) for _, source in nav_pages())


def test_every_page_is_built(built_site):
    for _, source in nav_pages():
        assert page_path(built_site, source).is_file(), source


# The whole guide's page shows the others' sentences, not its own (the preview's note): test_whole_guide.py.
@pytest.mark.parametrize("source", section_pages())
def test_each_page_shows_every_sentence_of_its_source_and_data_in_order(built_site, source):
    text = article_text(page_path(built_site, source).read_text("utf-8"))
    position = 0
    for fragment in source_fragments(source):
        found = text.find(fragment, position)
        assert found >= 0, f"docs/{source}: missing from the built page, or out of order: {fragment!r}"
        position = found + len(fragment)


def test_the_web_page_residue_appears_nowhere(built_site):
    _, residue = guide_and_residue()
    assert len(residue) >= 4
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js", ".txt"}:
            content = path.read_text("utf-8", errors="replace")
            for line in residue:
                assert line not in content, f"{line!r} in {path.relative_to(built_site)}"


def test_pages_follow_the_guide_with_previous_and_next_links(built_site):
    sources = [source for _, source in nav_pages()]
    for index, source in enumerate(sources):
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


def test_home_page_points_to_the_checklist(built_site):
    home = page_path(built_site, "index.md").read_text("utf-8")
    assert f'<a href="{page_address(page_calling("checklist"))}">' in home.split("<article", 1)[1]


def test_no_unrendered_template_syntax_or_macro_error_is_published(built_site):
    for path in built_site.rglob("*.html"):
        content = path.read_text("utf-8")
        assert "{{" not in content and "{%" not in content, path
        assert "Macro Rendering Error" not in content, path


def test_data_files_are_not_published(built_site):
    assert not (built_site / "data").exists()
    assert not list(built_site.rglob("*.yml"))


def test_table_rows_equal_the_data(built_site):
    page = page_path(built_site, page_calling("dos_and_donts")).read_text("utf-8")
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", page)
    assert rows == [(p["do"], p["dont"]) for p in data("dos_and_donts.yml")["pairs"]]
    assert f"<caption>{data('dos_and_donts.yml')['caption']}</caption>" in page


def test_steps_equal_the_data(built_site):
    page = page_path(built_site, page_calling("steps")).read_text("utf-8")
    items = re.findall(r'<li id="step-([^"]+)">(.*?)</li>', page)
    expected = []
    for step in data("steps.yml")["steps"]:
        qualifier = f' <span class="steps__qualifier">({step["qualifier"]})</span>' if "qualifier" in step else ""
        expected.append((step["id"], f"{step['text']}{qualifier}."))
    assert items == expected


def test_checklist_items_equal_the_data(built_site):
    page = page_path(built_site, page_calling("checklist")).read_text("utf-8")
    found = re.findall(r'data-id="([^"]+)"><label for="checklist-\1"><span[^>]*></span>(.*?)</label>', page)
    assert found == [(i["id"], i["text"]) for i in data("checklist.yml")["items"]]


def test_each_page_has_an_edit_button_for_its_own_source(built_site):
    for source in section_pages():
        page = page_path(built_site, source).read_text("utf-8")
        edit = re.search(r'<a href="([^"]+)"[^>]*rel="edit"', page)
        assert edit and edit.group(1).startswith("https://github.com/")
        assert edit.group(1).endswith(f"/edit/main/docs/{source}")
    # The whole guide's text is edited on each page: its own source holds only the preview's note.
    assert 'rel="edit"' not in page_path(built_site, whole_guide()).read_text("utf-8")


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda component: component.name)
def test_each_data_driven_page_links_to_its_data_file_and_its_edit_button_to_its_markdown(built_site, component):
    source, data_file = page_calling(component.name), component.data_file
    config = site_config()
    assert "repo_url" not in config, "a repo_url makes the theme call GitHub's API from readers' browsers"
    page = page_path(built_site, source).read_text("utf-8")
    article = page.split("<article", 1)[1]
    data_links = re.findall(r'<a class="data-edit__link" href="([^"]+)"[^>]*>([^<]+)</a>', article)
    assert [href for href, _ in data_links] == [urljoin(config["edit_uri"], f"data/{data_file}")]
    link_text = data_links[0][1]
    assert link_text not in search_index(built_site), "readers search the guide, not its edit links"
    edit_button = re.search(r'<a href="([^"]+)"[^>]*rel="edit"', page).group(1)
    assert edit_button == urljoin(config["edit_uri"], source)


def test_pages_without_data_have_no_data_edit_link(built_site):
    for _, source in nav_pages():
        if source not in {page_calling(component.name) for component in COMPONENTS}:
            assert "data-edit" not in page_path(built_site, source).read_text("utf-8"), source


class RepeatedAttributes(HTMLParser):
    """Collects every element that carries one attribute twice (a browser keeps the first, drops the rest)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = [name for name, _ in attrs]
        self.found += [f"<{tag}> has {name} twice" for name in sorted(set(names)) if names.count(name) > 1]


def test_no_element_has_an_attribute_twice(built_site):
    # Two aria-labels on one element: a theme override adding what the theme already gives.
    for path in built_site.rglob("*.html"):
        parser = RepeatedAttributes()
        parser.feed(path.read_text("utf-8"))
        assert parser.found == [], path.relative_to(built_site)


def test_the_search_dialog_is_named_once_on_every_page(built_site):
    for path in [*(page_path(built_site, source) for _, source in nav_pages()), built_site / "404.html"]:
        dialogs = re.findall(r"<dialog [^>]*>", path.read_text("utf-8"))
        assert len(dialogs) == 1, path.relative_to(built_site)
        assert re.findall(r'aria-label="([^"]*)"', dialogs[0]) == ["Search the guide"], dialogs[0]


def test_a_changed_data_file_changes_the_built_page(tmp_path):
    project = copy_test_project(tmp_path / "project")
    checklist = project / "docs" / "data" / "checklist.yml"
    document = yaml.safe_load(checklist.read_text("utf-8"))
    document["items"][0]["text"] = "A reworded first item & <more>"
    document["items"].append({"id": "added-in-test", "text": "An item added by a test"})
    checklist.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    build_site(project, tmp_path / "site")
    page = page_path(tmp_path / "site", "checklist.md").read_text("utf-8")
    assert "A reworded first item &amp; &lt;more&gt;</label>" in page
    assert 'data-id="added-in-test"' in page and "An item added by a test</label>" in page


@pytest.fixture
def project_with_old_site(tmp_path):
    project = copy_test_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the site published before", encoding="utf-8")
    return project


def test_bad_data_stops_the_build_with_one_line_a_problem_and_keeps_the_old_site(project_with_old_site):
    project = project_with_old_site
    checklist = project / "docs" / "data" / "checklist.yml"
    first, last = (
        item["id"]
        for item in (load_test_data("checklist.yml")["items"][0], load_test_data("checklist.yml")["items"][-1])
    )
    text = checklist.read_text("utf-8")
    checklist.write_text(text.replace(f"id: {last}", f"id: {first}"), encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    count = len(load_test_data("checklist.yml")["items"])
    assert re.search(
        rf'Guide data error: docs/data/checklist\.yml, line \d+, item {count} \(id "{first}"\): id "{first}" is already used by item 1',
        errors[0],
    )
    assert len(errors) == 1, errors  # (that the id it replaced is gone is said once the file is mended)
    assert_old_site_kept(project, result)


def billion_laughs():
    return (Path(__file__).parent / "fixtures" / "billion-laughs.yml").read_text("utf-8")


def oversized_checklist():
    from macros.guide_data import MAX_FILE_BYTES

    return "items:\n" + "".join(f"  - id: item-{n}\n    text: Item {n}\n" for n in range(MAX_FILE_BYTES // 20))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (billion_laughs, r"checklist\.yml, line 1: YAML anchors and aliases \(&name, \*name\) are not allowed"),
        (oversized_checklist, r"checklist\.yml, line \d+: the file is larger than \d+ KiB"),
    ],
    ids=["billion-laughs", "oversized"],
)
def test_a_hostile_data_file_stops_the_build_with_one_message(project_with_old_site, content, expected):
    project = project_with_old_site
    (project / "docs" / "data" / "checklist.yml").write_text(content(), encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and re.search(f"Guide data error: docs/data/{expected}", errors[0]), errors
    assert_old_site_kept(project, result)


def test_a_page_that_breaks_the_build_halfway_keeps_the_old_site_whole(project_with_old_site):
    """MkDocs empties the site folder before it builds, and finds a broken link once every page is written:
    the whole broken site would be left. (scripts/last_site.py's own cases: tests/test_last_site.py.)"""
    project = project_with_old_site
    page = project / "docs" / "faq.md"
    page.write_text(page.read_text("utf-8") + "\na [link](index.md#nowhere) to no heading\n", encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert_old_site_kept(project, result)


def test_a_build_that_passes_replaces_the_old_site(project_with_old_site):
    project = project_with_old_site
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "<!doctype html>" in (project / "site" / "index.html").read_text("utf-8").lower()
    assert (project / "site" / "checklist" / "index.html").exists()
    assert not (project / "site.previous").exists()


def test_after_a_killed_build_a_failing_build_brings_back_the_last_site_that_built(project_with_old_site):
    """A build killed midway leaves the last good site in site.previous and half a site in site/."""
    project = project_with_old_site
    (project / "site").rename(project / "site.previous")
    (project / "site").mkdir()
    (project / "site" / "half.html").write_text("written by a build that was killed", encoding="utf-8")
    page = project / "docs" / "faq.md"
    page.write_text(page.read_text("utf-8") + "\n[a link](nowhere.pdf)\n", encoding="utf-8")  # past the check
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert_old_site_kept(project, result)


def assert_old_site_kept(project, result):
    assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"], result.stderr
    assert (project / "site" / "index.html").read_text("utf-8") == "the site published before"
    assert not (project / "site.previous").exists()
    assert result.stderr.rstrip().endswith("Aborted: the site was not changed."), result.stderr


@pytest.mark.parametrize("macro", site_macros())
def test_a_macro_written_without_brackets_is_an_error_that_says_to_add_them(macro):
    """In this process, through Jinja as the macros plugin renders a page; the build below shows it stops."""
    with pytest.raises(PluginError) as error:
        jinja2.Template(f"{{{{ {macro} }}}}").render({macro: registered_macros()[macro]})
    assert str(error.value) == (
        f"Page error: docs/faq.md: {{{{ {macro} }}}} shows nothing: write {{{{ {macro}() }}}}, with the brackets"
    )


def test_a_macro_written_without_brackets_stops_the_build_instead_of_publishing_python(tmp_path):
    project = copy_test_project(tmp_path / "project")
    page = project / "docs" / "faq.md"
    page.write_text(page.read_text("utf-8") + "\n{{ steps }}\n", encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode != 0
    assert "{{ steps }} shows nothing: write {{ steps() }}, with the brackets" in result.stderr
    faq = project / "site" / "faq" / "index.html"
    assert not faq.exists() or "<function" not in faq.read_text("utf-8")


@pytest.mark.parametrize(
    ("mistake", "bom_crlf"),
    [("colon-in-front-matter", True), ("macro-in-a-code-span", False)],  # each slip: test_page_sources.py
    ids=["colon-in-front-matter-bom-crlf", "macro-in-a-code-span-lf"],
)
def test_a_slip_in_a_page_source_stops_the_build_with_one_message_on_its_line(project_with_old_site, mistake, bom_crlf):
    """MkDocs alone publishes these: front matter that is not YAML as a heading, {{ in it as it is, a
    macro's list inside a paragraph or as code."""
    project = project_with_old_site
    line = write_page_mistake(project, mistake, bom_crlf)
    _, _, what, advice = PAGE_MISTAKES[mistake]
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [text for text in result.stderr.splitlines() if text.startswith("ERROR")]
    assert len(errors) == 1, result.stderr
    message = re.sub(r"^ERROR\s+-\s+", "", errors[0])
    assert message.startswith(f"Page error: docs/faq.md, line {line}: {what}"), message
    assert message.endswith(f"; {advice}"), message
    assert_old_site_kept(project, result)


def test_every_slip_in_the_page_sources_is_reported_on_its_own_line(project_with_old_site):
    project = project_with_old_site
    lines = {write_page_mistake(project, mistake) for mistake in ("braces-in-front-matter", "macro-in-a-sentence")}
    steps = project / "docs" / "steps.md"
    steps.write_text(steps.read_text("utf-8").replace("{{ steps() }}", "    {{ steps() }}"), encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    errors = [text for text in result.stderr.splitlines() if text.startswith("ERROR")]
    found = [re.search(r"Page error: (\S+), line (\d+): ", text).groups() for text in errors]
    assert found == [("docs/faq.md", str(line)) for line in sorted(lines)] + [("docs/steps.md", "7")], errors
    assert_old_site_kept(project, result)


def test_what_only_looks_like_a_slip_in_a_page_source_builds(tmp_path):
    project = copy_test_project(tmp_path / "project")
    for source, call in (("steps.md", "{{ steps() }}"), ("dos-and-donts.md", "{{ dos_and_donts() }}")):
        moved = project / "docs" / source  # each list is shown on one page: here, the page below
        moved.write_text(moved.read_text("utf-8").replace(call, ""), encoding="utf-8")
    page = project / "docs" / "faq.md"
    text = page.read_text("utf-8").replace("description: Answers to", 'description: "Answers: to', 1)
    text = re.sub(r"(description: .*)\n", r'\1"\n', text, count=1)
    page.write_text(
        text
        + "\nWrite {{ '{{' }} steps() }} on a line of its own to show the steps.\n"
        + "\n{% raw %}Or {{ steps() }}, shown as it is.{% endraw %}\n"
        + "\n  {{ steps() }}\n"  # up to three spaces: Markdown still reads it as HTML
        + "\n{# {{ checklist() }} left out for now #}\n"  # a template comment shows nothing
        + "\n{{ dos_and_donts() }} {# from the data file #}\n",
        encoding="utf-8",
    )
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    built = page_path(project / "site", "faq.md").read_text("utf-8")
    assert "Answers: to three" in built and '<ol class="steps">' in built and "<table" in built
    assert "left out for now" not in built and 'class="checklist' not in built


def test_notes_footnotes_and_definitions_are_rendered_not_published_as_text(tmp_path):
    """The everyday Markdown CONTRIBUTING shows: a note (admonition), a footnote, a definition list."""
    project = copy_test_project(tmp_path / "project")
    page = project / "docs" / "timing.md"
    page.write_text(
        page.read_text("utf-8")
        + '\n!!! note "Before you write"\n\n    Wait a day.[^1]\n\nSpace\n:   Time apart.\n\n[^1]: Or a week.\n',
        encoding="utf-8",
    )
    assert build_site(project, project / "site") == []
    built = page_path(project / "site", "timing.md").read_text("utf-8")
    assert '<div class="admonition note">' in built and '<p class="admonition-title">Before you write</p>' in built
    assert 'class="footnote"' in built and "Or a week." in built and "[^1]" not in built
    assert "<dl>" in built and "<dt>Space</dt>" in built
    assert "!!!" not in article_text(built)
