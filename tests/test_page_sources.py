"""The page checks of hooks/page_sources.py, in this process: each slip a contributor can make in a page's
source is one error, on its line, saying what is wrong and what to do. (test_build.py runs the real build on
a few of them, to show that the build stops on them and keeps the old site.)"""

import pytest

from hooks.page_sources import page_errors, page_problems
from site_build import PAGE_MISTAKES, ROOT, nav_pages, page_mistake_errors, site_macros

# Every slip as saved by an editor on Linux or macOS, and those in the front matter also as saved on Windows
# (a byte-order mark and \r\n line endings), where the line numbers count differently.
SLIPS = [(mistake, False) for mistake in PAGE_MISTAKES] + [
    (mistake, True) for mistake, (where, *_) in PAGE_MISTAKES.items() if where == "front matter"
]
SLIP_IDS = [f"{mistake}-{'bom-crlf' if bom_crlf else 'lf'}" for mistake, bom_crlf in SLIPS]


@pytest.mark.parametrize(("mistake", "bom_crlf"), SLIPS, ids=SLIP_IDS)
def test_a_slip_in_a_page_source_is_one_error_on_its_line_with_what_to_do(tmp_path, mistake, bom_crlf):
    line, errors = page_mistake_errors(tmp_path, mistake, bom_crlf)
    _, _, what, advice = PAGE_MISTAKES[mistake]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"Page error: docs/faq.md, line {line}: {what}"), errors[0]
    assert errors[0].endswith(f"; {advice}"), errors[0]


def test_the_sites_own_pages_have_no_slip():
    assert site_macros() == ["checklist", "dos_and_donts", "steps"]
    for _, source in nav_pages():
        text = (ROOT / "docs" / source).read_text("utf-8")
        assert page_errors(f"docs/{source}", text, site_macros()) == [], source


def problems_in(front_matter: str, body: str = "Some text.\n") -> list[tuple[int, str]]:
    """The problems found in a page with this front matter (from its second line) and this text."""
    return page_problems(f"---\n{front_matter}---\n\n{body}", site_macros())


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


def test_braces_in_a_front_matter_comment_are_never_published():
    assert problems_in("# {{ steps() }} goes in the text, not up here\ntitle: Questions\n") == []


def test_a_call_in_the_front_matter_is_one_error_there_not_a_misplaced_call_as_well():
    [(line, what)] = problems_in("description: Take the {{ steps() }} one at a time\n")
    assert line == 2 and what.startswith('the front matter holds "{{"'), what
