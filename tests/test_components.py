"""The registry's recipe (CONTRIBUTING.md, "Add a component") on a copy of the tests' own project: a data file,
the component's folder (schema, template, script), one registry entry and its page make a component."""

import json
import re

import yaml

from macros.components import BY_NAME
from site_build import copy_test_project, edit, page_path, run_build, whole_guide

# Text that Markdown, HTML or the macros would take for their own, were it not escaped.
HOSTILE = "Why *me* [again] <b>now</b> | or {{ later }}?"
QUESTIONS = {
    "questions": [
        {"id": "silence", "question": HOSTILE, "answer": "Give it time & space."},
        {"id": "apology", "question": "Should I apologize first?", "answer": "Only if you mean it."},
    ]
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


# A Markdown template that would show the data's escapes or code, and what the check says of it.
BROKEN_TEMPLATES = [
    (TEMPLATE.replace("{{ q.answer }}", "<p>{{ q.answer }}</p>"), "it shows Markdown's escapes"),  # text in a tag
    ("".join(f"    {line}" for line in TEMPLATE.splitlines(keepends=True)), "its Markdown shows as code"),
]


def test_the_recipe_makes_a_component_with_headings_in_the_table_of_contents_and_its_script_on_its_pages(tmp_path):
    project = copy_test_project(tmp_path / "project")  # the recipe's steps: each a file written, or one line added
    (project / "docs" / "data" / "throwaway.yml").write_text(
        yaml.safe_dump(QUESTIONS, allow_unicode=True), encoding="utf-8"
    )
    folder = project / "macros" / "components" / "throwaway"
    folder.mkdir()
    schema = json.loads((folder.parent / "steps" / "schema.json").read_text("utf-8"))  # steps' schema, changed
    questions = schema["properties"].pop("steps")
    schema.update({"$id": "throwaway.schema.json", "required": ["questions"], "properties": {"questions": questions}})
    fields = questions["items"]["properties"]
    questions["items"]["required"] = ["id", "question", "answer"]
    questions["items"]["properties"] = {"id": fields["id"], "question": fields["text"], "answer": fields["text"]}
    (folder / "schema.json").write_text(json.dumps(schema, indent=2), encoding="utf-8")
    (folder / "throwaway.js").write_text(SCRIPT, encoding="utf-8")
    assert "throwaway" not in BY_NAME, "the guide has a component of this name: name the test's another"
    registry = project / "macros" / "components" / "__init__.py"
    text = registry.read_text("utf-8")
    assert text.count("\n)\n") == 1, "the registry's list of components ends with a line of its own: )"
    registry.write_text(text.replace("\n)\n", "\n" + ENTRY + ")\n"), encoding="utf-8")
    page = "---\ndescription: Questions readers ask, answered one by one, each with a heading of its own.\n---\n\n"
    (project / "docs" / "questions.md").write_text(page + "# Questions\n\n{{ throwaway() }}\n", encoding="utf-8")
    nav_line = "  - Final Checklist Before You Reach Out: checklist.md\n"
    edit(project / "mkdocs.yml", nav_line, nav_line + "  - Questions: questions.md\n")
    template = folder / "template.md"  # written last: the check, which the build runs first, stops each mistake
    for broken, said in BROKEN_TEMPLATES:
        template.write_text(broken, encoding="utf-8")
        first = run_build(project)
        assert first.returncode != 0 and f"Guide error: {template.relative_to(project)}: {said}" in first.stderr
    template.write_text(TEMPLATE, encoding="utf-8")
    # A new page is not yet in the record of what is published: the check says which line to add, and the
    # contributor adds it, as CONTRIBUTING.md says.
    lines = re.findall(r'add the line "    - ([^"]+)" under pages: published:', first.stdout + first.stderr)
    assert lines == ["questions.md"], first.stdout + first.stderr
    edit(project / "docs" / "data" / "published.yml", "- checklist.md\n", "- checklist.md\n    - questions.md\n")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    page = page_path(site, "questions.md").read_text("utf-8")
    for item in QUESTIONS["questions"]:
        question = item["question"].replace("<", "&lt;").replace(">", "&gt;")
        assert re.search(rf'<h2 id="question-{item["id"]}"[^>]*>{re.escape(question)}', page), question
        # The table of contents links to the heading by the id the data gives it.
        assert re.search(rf'href="#question-{item["id"]}"[^>]*>\s*<span[^>]*>\s*{re.escape(question)}', page), item
    assert "<b>now</b>" not in page, "the data's markup is shown as text"
    assert "<p>Give it time &amp; space.</p>" in page
    assert re.search(r'<a class="data-edit__link" href="[^"]+/data/throwaway\.yml"[^>]*>Edit the questions</a>', page)
    assert (site / "assets" / "throwaway.js").read_text("utf-8") == SCRIPT
    assert '<script src="../assets/throwaway.js" defer></script>' in page
    loading = {path for path in site.rglob("*.html") if "throwaway.js" in path.read_text("utf-8")}
    assert loading == {page_path(site, "questions.md"), page_path(site, whole_guide())}, loading
