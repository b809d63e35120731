"""The page checks of hooks/page_sources.py, in this process: each slip a contributor can make in a page's
source is one error, on its line, saying what is wrong and what to do. (test_build.py runs the real build on
a few of them, to show that the build stops on them and keeps the old site.)"""

import pytest

from hooks.page_sources import page_errors
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
