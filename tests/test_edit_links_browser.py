"""The link under each data-driven list, as readers and contributors meet it in Chromium."""

from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from macros.components import COMPONENTS
from site_build import page_calling, site_config


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda component: component.name)
def test_the_list_has_a_named_link_to_its_data_file_that_is_not_printed(context, page_url, component):
    source, data_file = page_calling(component.name), component.data_file
    page = context.new_page()
    page.goto(page_url(source))
    link = page.locator("article").get_by_role("link", name=component.edit_text, exact=True)
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
