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


DESCRIBED = "description: Answers to the questions readers ask most often before they reach out.\n"


def page(front_matter: str = DESCRIBED, body: str = "Some text.") -> str:
    return f"---\n{front_matter}---\n\n# A page\n{body}\n"


# A mistake written on the page's line 6 (after DESCRIBED), and the start of what the check says there.
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
    "a comment never ended": (
        "Say it once. {#note",
        "Missing end of comment tag; {# starts a template comment: write "
        "a heading's id as { #id }, with a space, a comment as {# … #}, with a space, and {# as {{ '{#' }}",
    ),
    **{
        f"{written} before a comment": (
            f"{written}\n\nSay it once. {{# a note #}}",
            f"{{#{said} starts a template comment that hides all up to the next #}}; write a heading's id as {{ #id }}",
        )
        for written, said in (("## Saying sorry {#apologize .big}", "apologize"), ("Sets: {#a, b}.", "a,"))
    },
    "a stray {{": (
        "Write {{ like this.",
        "expected token 'end of print statement', got 'this'; to show {{ or {% as text, write {{ '{{' }} or {{ '{%' }}",
    ),
    "a dash in a raw block's start": ("{%- raw %}{{{% endraw %}", "{%- raw %} has a dash inside its braces"),
    "a dash in a raw block's end": ("{% raw %}{{{% endraw -%}", "{% endraw -%} has a dash inside its braces"),
    "a dash in text in quotes": ("Show {{- '{{' }} as text.", "{{- '{{' }} has a dash inside its braces"),
    "a footnote never written out": ("A sentence.[^2]", 'footnote [^2] is never written out: add a line "[^2]: …"'),
    "a footnote never used": ("[^1]: A note.", "footnote [^1] is written out but never used"),
    "a note whose text is not indented": ('!!! note "Careful"\n\nNot indented.', "the note's text is not indented"),
}
CALL_AS_TEXT = "Type {{ steps() }} in a page to show the steps."
QUOTED = "description: 'What the \"no contact\" rule asks of you, and how long it lasts.'\n"
CALL = "description: Take the {{ steps() }} one at a time, the first, then the next, then the one after.\n"
NUMBERS = "description: Answers for 2023-2024 readers, who wait 3-6 months before they reach out.\n"
# A page, and the one problem the check finds in it: (its line, the start of what it says), or None.
PAGES = {
    **{name: (page(body=written), (6, said)) for name, (written, said) in BODY_MISTAKES.items()},
    "an impossible date among other numbers": (page(NUMBERS + "date: 2024-02-30\n"), (3, "YAML reads a value here")),
    "not key-value lines": (page("Just a sentence.\n"), (2, 'the front matter is not "key: value" lines')),
    "macros turned off": (page(DESCRIBED + "render_macros: false\n", CALL_AS_TEXT), None),  # may show a call as text
    "macros turned on": (page(DESCRIBED + "render_macros: true\n", CALL_AS_TEXT), (7, "{{ steps() }} shares its")),
    "a call in a code block": (page(body="```md\n{{ steps() }}\n```"), (7, "{{ steps() }} sits in a code block, wh")),
    # One error in the front matter, not a misplaced call as well.
    "a call in the front matter": (page(CALL), (2, 'the front matter holds "{{"')),
    # YAML reads a line of a block that starts with a hash as text, not a comment; the macros plugin renders it.
    "braces in a block": (
        page(DESCRIBED + "notes: |\n  # {{ cycler.__init__ }}\n# {{ a comment }} is fine\n"),
        (4, 'the front matter holds "{{"'),
    ),
    # A description as long as previews show.
    "no front matter": ("# A page\n\nSome text.\n", (1, "the page has no front matter with its description")),
    "no description": (page("title: A page\n"), (2, "the page has no description")),
    "a short description": (page("description: Too short.\n"), (2, "the description is 10 characters long")),
    "a straight quote": (page(QUOTED), (2, "the description holds a straight")),
    # What reads like a mistake and is not passes (a front matter comment is never published).
    "none": (
        page(
            "# {{ steps() }} goes in the text, not up here\n" + DESCRIBED,
            "\nA sentence.[^a]\n\n!!! tip\n\n    Indented.\n\n```\n[^b] in code\n```\n\n"
            "Show {{ '{{' }} and {{ '{%' }} as text. {# A comment. #}\n\n[^a]: Written out.\n\n"
            "Dashes as text: {{ '-}}' }} {% raw %}{{- a -}}{% endraw %} {# {{- b -}} #}",
        ),
        None,
    ),
}


@pytest.mark.parametrize(("text", "expected"), PAGES.values(), ids=PAGES)
def test_a_mistake_in_a_pages_text_is_one_problem_on_its_line_saying_what_is_wrong(text, expected):
    found = page_problems(text, site_macros())
    assert [(line, what[: len(expected[1]) if expected else None]) for line, what in found] == (
        [expected] if expected else []
    ), found
