"""The registry's recipe (CONTRIBUTING.md, "Add a component"), followed on a copy of the tests' own project:
a data file, the component's folder (its schema, template and script), one registry entry and the page that
calls it make a component, with no other file touched; its headings reach the table of contents, escaped, with
ids from the data, and its script is published and loaded on its page (and the whole guide) alone."""

import json
import re
import subprocess
import sys

import pytest
import yaml

from macros.components import BY_NAME
from site_build import copy_test_project, page_path, run_build, whole_guide

# Text that Markdown, HTML or the macros would take for their own, were it not escaped.
HOSTILE = "Why *me* [again] <b>now</b> | or {{ later }}?"
QUESTIONS = {
    "questions": [
        {"id": "silence", "question": HOSTILE, "answer": "Give it time & space."},
        {"id": "apology", "question": "Should I apologize first?", "answer": "Only if you mean it."},
    ]
}
SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "additionalProperties": False,
    "required": ["questions"],
    "properties": {
        "questions": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "question", "answer"],
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                    "question": {"type": "string", "pattern": "\\S"},
                    "answer": {"type": "string", "pattern": "\\S"},
                },
            },
        }
    },
}
SCRIPT = 'document.documentElement.dataset.questions = "ready";\n'
TEMPLATE = """<script src="{{ script_url }}" defer></script>

{% for q in data.questions %}
## {{ q.question }} { #question-{{ q.id | anchor }} }

{{ q.answer }}

{% endfor %}
"""
ENTRY = (
    '    Component("throwaway", items="questions", edit_text="Edit the questions", output="markdown", '
    'script="throwaway.js"),\n'
)


def add_component(project):
    """The recipe's steps, each a file a contributor writes or one line they add."""
    data = project / "docs" / "data"
    (data / "throwaway.yml").write_text(yaml.safe_dump(QUESTIONS, allow_unicode=True), encoding="utf-8")
    folder = project / "macros" / "components" / "throwaway"
    folder.mkdir()
    (folder / "schema.json").write_text(json.dumps(SCHEMA, indent=2), encoding="utf-8")
    (folder / "template.md").write_text(TEMPLATE, encoding="utf-8")
    (folder / "throwaway.js").write_text(SCRIPT, encoding="utf-8")
    assert "throwaway" not in BY_NAME, "the guide has a component of this name: name the test's another"
    registry = project / "macros" / "components" / "__init__.py"
    text = registry.read_text("utf-8")
    assert text.count("\n)\n") == 1, "the registry's list of components ends with a line of its own: )"
    registry.write_text(text.replace("\n)\n", "\n" + ENTRY + ")\n"), encoding="utf-8")
    page = "---\ndescription: Questions readers ask, answered one by one, each with a heading of its own.\n---\n\n"
    (project / "docs" / "questions.md").write_text(page + "# Questions\n\n{{ throwaway() }}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    nav_line = "  - Final Checklist Before You Reach Out: checklist.md\n"
    config.write_text(config.read_text("utf-8").replace(nav_line, nav_line + "  - Questions: questions.md\n"), "utf-8")


@pytest.fixture(scope="module")
def built_with_a_new_component(tmp_path_factory):
    project = copy_test_project(tmp_path_factory.mktemp("component") / "project")
    add_component(project)
    first = run_build(project)
    assert first.returncode != 0, "a new page is not yet in the record of what is published"
    # The check says which line to add: the contributor adds it, as CONTRIBUTING.md says.
    lines = re.findall(r'add the line "    - ([^"]+)" under pages: published:', first.stdout + first.stderr)
    assert lines == ["questions.md"], first.stdout + first.stderr
    record = project / "docs" / "data" / "published.yml"
    text = record.read_text("utf-8")
    record.write_text(text.replace("    - checklist.md\n", "    - checklist.md\n    - questions.md\n"), "utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_the_new_component_shows_its_data_with_headings_in_the_table_of_contents(built_with_a_new_component):
    page = page_path(built_with_a_new_component, "questions.md").read_text("utf-8")
    shown = HOSTILE.replace("<", "&lt;").replace(">", "&gt;")
    for item in QUESTIONS["questions"]:
        question = item["question"].replace("<", "&lt;").replace(">", "&gt;")
        assert re.search(rf'<h2 id="question-{item["id"]}"[^>]*>{re.escape(question)}', page), question
        # The table of contents links to the heading by the id the data gives it.
        assert re.search(rf'href="#question-{item["id"]}"[^>]*>\s*<span[^>]*>\s*{re.escape(question)}', page), item
    assert shown in page and "<b>now</b>" not in page
    assert "<p>Give it time &amp; space.</p>" in page
    assert re.search(r'<a class="data-edit__link" href="[^"]+/data/throwaway\.yml"[^>]*>Edit the questions</a>', page)


def test_the_new_components_script_is_published_and_loaded_on_its_page_and_the_whole_guide_alone(
    built_with_a_new_component,
):
    site = built_with_a_new_component
    assert (site / "assets" / "throwaway.js").read_text("utf-8") == SCRIPT
    assert '<script src="../assets/throwaway.js" defer></script>' in page_path(site, "questions.md").read_text("utf-8")
    loading = {path for path in site.rglob("*.html") if "throwaway.js" in path.read_text("utf-8")}
    assert loading == {page_path(site, "questions.md"), page_path(site, whole_guide())}, loading


def test_text_inside_an_html_tag_of_a_markdown_template_is_stopped_before_it_shows_escapes(tmp_path):
    project = copy_test_project(tmp_path / "project")
    add_component(project)
    template = project / "macros" / "components" / "throwaway" / "template.md"
    template.write_text(TEMPLATE.replace("{{ q.answer }}", "<p>{{ q.answer }}</p>"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "scripts.check_guide"], cwd=project, capture_output=True, text=True)
    assert "Guide error: macros/components/throwaway/template.md: it shows Markdown's escapes" in result.stderr, (
        result.stderr
    )


def test_an_indented_markdown_template_is_stopped_before_it_shows_as_code(tmp_path):
    project = copy_test_project(tmp_path / "project")
    add_component(project)
    template = project / "macros" / "components" / "throwaway" / "template.md"
    template.write_text("".join(f"    {line}" for line in TEMPLATE.splitlines(keepends=True)), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "scripts.check_guide"], cwd=project, capture_output=True, text=True)
    assert "Guide error: macros/components/throwaway/template.md: its Markdown shows as code" in result.stderr, (
        result.stderr
    )
