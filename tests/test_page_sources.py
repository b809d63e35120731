"""The page checks of scripts/page_sources.py, in this process: each slip a contributor can make in a page's
source is one error, on its line, saying what is wrong and what to do. (test_build.py runs the real build on
a few of them, to show that the build stops on them and keeps the old site.)"""

import pytest

from macros.components import COMPONENTS
from scripts.page_sources import page_problems
from site_build import PAGE_MISTAKES, page_mistake_errors, site_macros

# Every slip as saved by an editor on Linux or macOS, and those in the front matter also as saved on Windows
# (a byte-order mark and \r\n line endings), where the line numbers count differently.
SLIPS = [
    *PAGE_MISTAKES,
    *(f"{name}-bom-crlf" for name, (where, *_) in PAGE_MISTAKES.items() if where == "front matter"),
]


@pytest.mark.parametrize("slip", SLIPS)
def test_a_slip_in_a_page_source_is_one_error_on_its_line_with_what_to_do(tmp_path, slip):
    mistake = slip.removesuffix("-bom-crlf")
    line, errors = page_mistake_errors(tmp_path, mistake, bom_crlf=slip != mistake)
    _, _, what, advice = PAGE_MISTAKES[mistake]
    [error] = errors
    assert (error.kind, error.file, error.line) == ("Page error", "docs/faq.md", line), error
    assert error.what.startswith(what) and error.what.endswith(f"; {advice}"), error


def test_each_component_is_registered_as_a_macro_once():
    # The guide's own pages are checked with these names before any test (conftest.py, pytest_sessionstart).
    assert site_macros() == sorted(component.name for component in COMPONENTS)


def problems_in(front_matter: str, body: str = "Some text.\n") -> list[tuple[int, str]]:
    """The problems found in a page of this front matter and text, but its description's (these leave it out)."""
    found = page_problems(f"---\n{front_matter}---\n\n{body}", site_macros())
    about_the_description = ("the page has no description", "the description is", "the page has no front matter")
    return [(line, what) for line, what in found if not what.startswith(about_the_description)]


def test_an_impossible_date_is_found_on_its_own_line_among_other_numbers():
    [(line, what)] = problems_in("description: Answers for 2023-2024, in 3-6 months\ndate: 2024-02-30\n")
    assert (line, what[:33]) == (3, "YAML reads a value here as a date")


def test_front_matter_that_is_not_key_value_lines_is_an_error():
    [(line, what)] = problems_in("Just a sentence about this page.\n")
    assert line == 2 and what.startswith('the front matter is not "key: value" lines'), what


def test_a_page_that_turns_its_macros_off_may_show_a_call_as_text():
    body = "Type {{ steps() }} in a page to show the steps.\n"
    assert problems_in("render_macros: false\n", body) == []
    [(line, what)] = problems_in("render_macros: true\n", body)
    assert line == 5 and what.startswith("{{ steps() }} shares its line with other text"), what


def test_a_call_in_the_front_matter_is_one_error_there_not_a_misplaced_call_as_well():
    [(line, what)] = problems_in("description: Take the {{ steps() }} one at a time\n")
    assert line == 2 and what.startswith('the front matter holds "{{"'), what


DESCRIBED = "description: Answers to the questions readers ask most often before they reach out.\n"

# A mistake written on the page's line 6 (after four lines of front matter and a blank line), and the start
# of what the check says there.
BODY_MISTAKES = {
    "a misspelt macro": ("{{ stepz() }}", "there is no macro stepz(): did you mean {{ steps() }}?"),
    "a macro without brackets": ("{{ steps }}", "{{ steps }} shows nothing: write {{ steps() }}, with the brackets"),
    "a macro given something": ("{{ steps(1) }}", "steps() takes nothing in its brackets: write {{ steps() }}"),
    "a name the site does not know": ("Write {{name}} here.", "{{ name }} is not a macro of this site"),
    # What the macros plugin would publish, build-machine paths and settings included: pages show none of it.
    "the plugin's own macro": ("{{ macros_info() }}", "there is no macro macros_info()"),
    "a setting": ("{{ config.site_name }}", "this {{ … }} is template code, which pages do not run"),
    "a filter on a macro": ("{{ steps() | safe }}", "this {{ … }} is template code, which pages do not run"),
    "template logic": ("{% if true %}Shown.{% endif %}", "{% if %} is template code, which pages do not run"),
    "a heading id written {#id}": ("## Saying sorry {#apologize}", "Missing end of comment tag; {# starts a"),
    "a stray {{": ("Write {{ like this.", "to show {{ or {% as text, write {{ '{{' }} or {{ '{%' }}"),
    "a footnote never written out": ("A sentence.[^2]", 'footnote [^2] is never written out: add a line "[^2]: …"'),
    "a footnote never used": ("[^1]: A note.", "footnote [^1] is written out but never used"),
    "a note whose text is not indented": ('!!! note "Careful"\n\nNot indented.', "the note's text is not indented"),
}


@pytest.mark.parametrize("mistake", BODY_MISTAKES)
def test_a_mistake_in_a_pages_text_is_one_problem_on_its_line_with_what_to_do(mistake):
    written, said = BODY_MISTAKES[mistake]
    [(line, what)] = page_problems(f"---\n{DESCRIBED}---\n\n# A page\n{written}\n", site_macros())
    assert line == 6 and said in what, (line, what)


QUOTED = "---\ndescription: 'What the \"no contact\" rule asks of you, and how long it lasts.'\n---\n\n"
DESCRIPTIONS = {
    "no-front-matter": ("", "the page has no front matter with its description"),
    "no-description": ("---\ntitle: A page\n---\n\n", "the page has no description"),
    "too-short": ("---\ndescription: Too short.\n---\n\n", "the description is 10 characters long"),
    "straight-quote": (QUOTED, "the description holds a straight double quote"),
}


@pytest.mark.parametrize(("front_matter", "said"), DESCRIPTIONS.values(), ids=DESCRIPTIONS)
def test_a_page_needs_a_description_as_long_as_previews_show(front_matter, said):
    [(_, what)] = page_problems(f"{front_matter}# A page\n\nSome text.\n", site_macros())
    assert what.startswith(said), what


def test_what_reads_like_a_mistake_and_is_not_passes():
    comment = "# {{ steps() }} goes in the text, not up here\n"  # a front matter comment is never published
    text = (
        f"---\n{comment}{DESCRIBED}---\n\n# A page\n\nA sentence.[^a]\n\n!!! tip\n\n    Indented.\n\n"
        "```\n[^b] in code\n```\n\nShow {{ '{{' }} and {{ '{%' }} as text. {# A comment. #}\n\n[^a]: Written out.\n"
    )
    assert page_problems(text, site_macros()) == []


def test_braces_on_a_line_of_a_block_in_the_front_matter_that_starts_with_a_hash_are_found():
    # YAML reads it as text, not a comment, and the macros plugin renders the value.
    found = problems_in("title: Questions\nnotes: |\n  # {{ cycler.__init__ }}\n# {{ a comment }} is fine\n")
    assert [(line, what.split(",")[0]) for line, what in found] == [(4, 'the front matter holds "{{"')]
