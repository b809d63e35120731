"""Render layer: markup and escaping of the HTML the macros return, without MkDocs."""

import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from macros.edit_links import data_edit_urls
from macros.guide_data import ChecklistItem, DoDont, DosAndDonts, Step
from macros.render import render_checklist, render_dos_and_donts, render_steps
from site_build import ROOT

HOSTILE = 'a < b & c | d {{ e }} {% f %} <script>alert("x")</script> *g* _h_'
ESCAPED = "a &lt; b &amp; c | d {{ e }} {% f %} &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; *g* _h_"


class Elements(HTMLParser):
    """Collects (tag, attributes) of every start tag, to assert on structure."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def named(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]


def test_table_has_caption_header_scopes_and_one_row_per_pair():
    table = DosAndDonts(caption="Cap", pairs=(DoDont("d1", "n1"), DoDont("d2", "n2")))
    html = render_dos_and_donts(table)
    tags = Elements(html)
    assert "<caption>Cap</caption>" in html
    assert [th.get("scope") for th in tags.named("th")] == ["col", "col"]
    assert len(tags.named("tr")) == 3
    assert "<caption>" in html and html.index("<caption>") < html.index("<thead>")
    assert "<td>d2</td>\n<td>n2</td>" in html


def test_steps_are_an_ordered_list_with_the_qualifier_in_brackets():
    html = render_steps((Step("a", "First"), Step("b", "Second", qualifier="or later")))
    tags = Elements(html)
    assert len(tags.named("ol")) == 1 and len(tags.named("li")) == 2
    assert '<li id="step-a">First.</li>' in html
    assert '<li id="step-b">Second <span class="steps__qualifier">(or later)</span>.</li>' in html


def test_checklist_items_are_native_checkboxes_with_labels():
    html = render_checklist(
        (ChecklistItem("one", "First"), ChecklistItem("two", "Second")), "../a/c.js", "https://x.test/c/"
    )
    tags = Elements(html)
    boxes = tags.named("input")
    assert [b["type"] for b in boxes] == ["checkbox", "checkbox"]
    assert [b["data-id"] for b in boxes] == ["one", "two"]
    assert [label["for"] for label in tags.named("label")] == [b["id"] for b in boxes]
    assert '<span class="checklist__box" aria-hidden="true"></span>First</label>' in html
    assert "Printed from https://x.test/c/" in html
    assert '<script src="../a/c.js" defer></script>' in html


def test_controls_that_need_the_script_are_hidden_in_the_markup():
    html = render_checklist((ChecklistItem("one", "First"),), "c.js")
    controls = [a for t, a in Elements(html).tags if "data-checklist-controls" in a]
    assert len(controls) == 1 and "hidden" in controls[0]
    assert "Printed from" not in html


def test_markup_has_no_blank_lines_so_markdown_keeps_it_as_one_html_block():
    items = (ChecklistItem("one", "First"),)
    for html in (
        render_checklist(items, "c.js"),
        render_steps((Step("a", "A"),)),
        render_dos_and_donts(DosAndDonts("C", (DoDont("a", "b"),))),
    ):
        assert "\n\n" not in html


@pytest.mark.parametrize(
    "html",
    [
        render_dos_and_donts(DosAndDonts(caption=HOSTILE, pairs=(DoDont(HOSTILE, HOSTILE),))),
        render_steps((Step("a", HOSTILE, qualifier=HOSTILE),)),
        render_checklist((ChecklistItem("a", HOSTILE),), "c.js"),
    ],
    ids=["table", "steps", "checklist"],
)
def test_data_is_escaped_and_never_becomes_markup(html):
    assert "<script>" not in html
    assert ESCAPED in html
    assert "&lt;" in html


def test_a_pipe_in_a_cell_stays_in_its_cell():
    html = render_dos_and_donts(DosAndDonts("C", (DoDont("left | still left", "right"),)))
    assert "<td>left | still left</td>\n<td>right</td>" in html


EDIT = "https://example.test/edit/main/docs/data/x.yml"
COMPONENTS = {
    "table": lambda url: render_dos_and_donts(DosAndDonts("C", (DoDont("a", "b"),)), url),
    "steps": lambda url: render_steps((Step("a", "A"),), url),
    "checklist": lambda url: render_checklist((ChecklistItem("one", "First"),), "c.js", "", url),
}


@pytest.mark.parametrize(
    ("component", "names"),
    [("table", "do’s and don’ts"), ("steps", "steps"), ("checklist", "checklist")],
)
def test_each_component_ends_with_a_link_to_edit_its_data_naming_the_list(component, names):
    html = COMPONENTS[component](EDIT)
    links = [attrs for tag, attrs in Elements(html).tags if tag == "a"]
    assert [link["href"] for link in links] == [EDIT]
    text = re.search(r'<a class="data-edit__link" href="[^"]+">([^<]+)</a>', html)[1]
    assert text.startswith("Edit the ") and names in text
    assert "\n\n" not in html


@pytest.mark.parametrize("component", COMPONENTS)
def test_without_an_edit_address_there_is_no_edit_link(component):
    assert "<a " not in COMPONENTS[component]("")


def test_the_edit_address_is_escaped():
    html = COMPONENTS["steps"]('https://x.test/"><script>')
    assert "<script>" not in html and 'href="https://x.test/&#34;&gt;&lt;script&gt;"' in html


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
    assert set(urls) == {"dos_and_donts", "steps", "checklist"}
    assert urls["steps"] == expected


def test_loading_rendering_and_edit_addresses_import_no_engine():
    # Zensical runs the same macros: only define_env, in macros/__init__.py, may reach into MkDocs.
    code = (
        "import sys, macros.guide_data, macros.render, macros.edit_links; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'zensical')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
