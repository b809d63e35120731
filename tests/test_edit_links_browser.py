"""The link under each data-driven list, as readers and contributors meet it in Chromium."""

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from macros.guide_data import DATA_FILES
from site_build import page_calling, site_config

# The words of each list's edit link (macros/render.py's templates), by macro.
LIST_NAMES = {"dos_and_donts": "do’s and don’ts", "steps": "steps", "checklist": "checklist"}
LISTS = [(page_calling(macro), file_name, LIST_NAMES[macro]) for macro, (file_name, _) in DATA_FILES.items()]


@pytest.mark.parametrize(("source", "data_file", "list_name"), LISTS, ids=[s for s, _, _ in LISTS])
def test_the_list_has_a_named_link_to_its_data_file_that_is_not_printed(
    context, page_url, source, data_file, list_name
):
    page = context.new_page()
    page.goto(page_url(source))
    link = page.locator("article").get_by_role("link", name=re.compile(rf"^Edit the {re.escape(list_name)}"))
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", urljoin(site_config()["edit_uri"], f"data/{data_file}"))
    expect(link).to_be_visible()
    page.emulate_media(media="print")
    expect(link).to_be_hidden()
    page.emulate_media(media="null")  # no emulation: screen, and print when printing
    expect(link).to_be_visible()
    # The page's own edit button still opens its Markdown.
    button = page.locator("article a[rel=edit]")
    expect(button).to_have_attribute("href", urljoin(site_config()["edit_uri"], source))
    assert context.elsewhere == []
