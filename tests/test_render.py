"""Render layer: markup and escaping of what each component's template returns, without MkDocs."""

import re

import markdown
import pytest
from bs4 import BeautifulSoup

from macros.components import BY_NAME, COMPONENTS, Component
from macros.edit_links import data_edit_urls
from macros.render import environment, markdown_text, render_component
from site_build import read_test_data

HOSTILE = 'a < b & c | d {{ e }} {% f %} <script>alert("x")</script> *g* _h_'
ESCAPED = "a &lt; b &amp; c | d {{ e }} {% f %} &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; *g* _h_"
NAMES = [component.name for component in COMPONENTS]
EDIT = "https://example.test/edit/main/docs/data/x.yml"
EXTENSIONS = ["attr_list", "toc", "abbr", "def_list", "footnotes", "tables"]  # as the site converts Markdown


def render(name, data, **urls):
    return render_component(BY_NAME[name], data, **urls)


def hostile(value, key=None):
    """The data with every text but the ids made HOSTILE."""
    if isinstance(value, dict):
        return {k: hostile(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [hostile(v) for v in value]
    return value if key == "id" or not isinstance(value, str) else HOSTILE


def elements(html, name):
    return BeautifulSoup(html, "html.parser").find_all(name)


def test_table_has_caption_header_scopes_and_one_row_per_pair_a_pipe_staying_in_its_cell():
    pairs = [{"do": "d1", "dont": "n1"}, {"do": "left | still left", "dont": "n2"}]
    html = render("dos_and_donts", {"caption": "Cap", "pairs": pairs})
    assert "<caption>Cap</caption>" in html and html.index("<caption>") < html.index("<thead>")
    assert [th.get("scope") for th in elements(html, "th")] == ["col", "col"]
    assert len(elements(html, "tr")) == 3
    assert "<td>left | still left</td>\n<td>n2</td>" in html


def test_steps_are_an_ordered_list_with_the_qualifier_in_brackets_and_the_edit_address_escaped():
    steps = [{"id": "a", "text": "First"}, {"id": "b", "text": "Second", "qualifier": "or later"}]
    html = render("steps", {"steps": steps}, edit_url='https://x.test/"><script>')
    assert len(elements(html, "ol")) == 1 and len(elements(html, "li")) == 2
    assert '<li id="step-a">First.</li>' in html
    assert '<li id="step-b">Second <span class="steps__qualifier">(or later)</span>.</li>' in html
    assert "<script>" not in html and 'href="https://x.test/&#34;&gt;&lt;script&gt;"' in html


def test_checklist_items_are_native_checkboxes_with_labels_and_controls_hidden_until_the_script_runs():
    items = [{"id": "one", "text": "First"}, {"id": "two", "text": "Second"}]
    html = render("checklist", {"items": items}, script_url="../a/c.js", whole_guide_url="../w/")
    boxes = elements(html, "input")
    assert [b["type"] for b in boxes] == ["checkbox", "checkbox"]
    assert [b["data-id"] for b in boxes] == ["one", "two"]
    assert [label["for"] for label in elements(html, "label")] == [b["id"] for b in boxes]
    assert '<span class="checklist__box" aria-hidden="true"></span>First</label>' in html
    assert re.search(r'<a [^>]*href="../w/"[^>]*>Print the whole guide</a>', html)
    # Async: a script slow to come holds up none of the page's other scripts (deferred ones run in order).
    assert re.search(r'<script src="../a/c.js" async[ >]', html)
    controls = [div for div in elements(html, "div") if div.has_attr("data-checklist-controls")]
    assert len(controls) == 1 and controls[0].has_attr("hidden")
    html = render("checklist", {"items": items}, script_url="c.js")
    assert "Print the whole guide" not in html  # a site without a whole-guide page


@pytest.mark.parametrize("component", COMPONENTS, ids=NAMES)
def test_a_components_output_stays_one_block_shows_its_data_as_written_and_ends_with_its_edit_link(component):
    shown = render_component(component, hostile(read_test_data(component.data_file)), edit_url=EDIT, script_url="c.js")
    if component.output == "html":  # one HTML block: Markdown leaves it as it is
        assert "\n\n" not in shown
        html = shown
    else:  # Markdown, as the site converts it
        html = markdown.markdown(shown, extensions=EXTENSIONS)
    assert "<script>" not in html
    assert ESCAPED in html
    assert [attrs["href"] for attrs in elements(shown, "a")] == [EDIT]
    text = re.search(r'<a class="data-edit__link" href="[^"]+">([^<]+)</a>', shown)[1]
    assert text == component.edit_text.replace("’", "’")
    assert [c.edit_text for c in COMPONENTS].count(component.edit_text) == 1, "its link's words are its own"
    # Without an edit address, no edit link.
    assert "<a " not in render_component(component, read_test_data(component.data_file), script_url="c.js")


# A component may give Markdown, so that its headings reach the table of contents.
MARKDOWN_TEXT = "Why *me* [again] <b>now</b> | or {{ later }} {% x %} {#y} & 1. # _z_ `c` \\ ! 1:2 a=b x^2 ~3 https://x.test/a_b?c=1"
QUESTIONS = (  # each answer in a table's cell, where a | would start another
    "{% for q in data.questions %}\n## {{ q.question }} { #q-{{ q.id | anchor }} }\n\n"
    "| Answer |\n| - |\n| {{ q.answer }} |\n\n{% endfor %}"
)


def rendered_markdown(tmp_path, questions):
    (tmp_path / "questions.md").write_text(QUESTIONS, encoding="utf-8")
    text = environment(True, tmp_path).get_template("questions.md").render(data={"questions": questions})
    return text, markdown.markdown(text, extensions=EXTENSIONS)


def test_markdown_text_shows_as_written_on_one_line_and_heading_ids_come_from_the_data(tmp_path):
    questions = [
        {"id": "one", "question": MARKDOWN_TEXT, "answer": MARKDOWN_TEXT},
        {"id": "two", "question": "First\n# Second\n- third", "answer": "A"},  # a text on several lines
    ]
    text, html = rendered_markdown(tmp_path, questions)
    shown = MARKDOWN_TEXT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f'<h2 id="q-one">{shown}</h2>' in html, html
    assert f"<td>{shown}</td>" in html, html
    assert "{{" not in text and "<b>" not in text
    assert '<h2 id="q-two">First # Second - third</h2>' in html, html
    assert markdown_text(markdown_text("*a*")) == markdown_text("*a*") == "\\*a\\*", "text already marked safe"


@pytest.mark.parametrize("bad", ["Two words", "one}{", 'x" onclick="y', None])
def test_an_id_that_is_not_a_slug_never_reaches_the_page(tmp_path, bad):
    with pytest.raises(ValueError, match="is not an id"):
        rendered_markdown(tmp_path, [{"id": bad, "question": "Q", "answer": "A"}])


def test_a_component_outputs_html_unless_it_says_markdown():
    assert Component("x", items="i", edit_text="E").template == "x/template.html"
    assert Component("x", items="i", edit_text="E", output="markdown").template == "x/template.md"


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"edit_uri": "https://git.test/o/r/edit/main/docs/"}, "https://git.test/o/r/edit/main/docs/data/steps.yml"),
        ({"edit_uri": "https://git.test/o/r/edit/main/docs"}, "https://git.test/o/r/edit/main/docs/data/steps.yml"),
        ({"repo_url": "https://git.test/o/r/", "edit_uri": "edit/main/docs/"}, "https://git.test/o/r/edit/main/docs/data/steps.yml"),
        ({"edit_uri": "edit/main/docs/"}, ""),  # relative, and no repo_url to read it against
        ({"edit_uri": ""}, ""),
        ({}, ""),
    ],
)  # fmt: skip
def test_the_data_edit_address_comes_from_edit_uri_alone(config, expected):
    urls = data_edit_urls(config)
    assert set(urls) == set(NAMES)
    assert urls["steps"] == expected
