"""What a browser's tab, its menu, a search engine and a link shared in a messenger show of each built page: its
title, description and address (as og: and twitter: tags too), and the PNG icons phones and a web app manifest use."""

from bs4 import BeautifulSoup
from PIL import Image

from scripts.check_guide import heading_of
from scripts.page_sources import page_meta
from site_build import ROOT, nav_pages, page_address, page_path, site_config, whole_guide

ICONS = {"icon-32.png": 32, "apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}


def test_each_page_has_one_title_its_own_description_its_address_and_icons_in_a_tab_the_menu_and_a_link_preview(
    built_site, site_url
):
    """The whole guide's heading is its page's (its cover shows the guide's name, as a book's does)."""
    site_name, descriptions = site_config()["site_name"], set()
    for _, source in nav_pages():
        page = BeautifulSoup(page_path(built_site, source).read_text("utf-8"), "html.parser")
        meta = {tag.get("property", tag.get("name")): tag["content"] for tag in page.select("meta[content]")}
        if source == whole_guide():
            heading = heading_of((ROOT / "docs" / source).read_text("utf-8"), site_config())
        else:
            heading = " ".join(page.select_one("article h1").get_text(" ", strip=True).split())
        tab = page.title.get_text(strip=True)
        assert tab in (f"{heading} - {site_name}", heading if heading == site_name else None), (source, tab, heading)
        in_menu = page.select_one(".md-nav--primary a.md-nav__link--active")
        assert " ".join(in_menu.get_text(" ", strip=True).split()) == heading, source
        assert meta["og:title"] == meta["twitter:title"] == tab, source
        descriptions.add(meta["description"])  # its length is the check's (scripts/page_sources.py)
        front_matter = page_meta((ROOT / "docs" / source).read_text("utf-8"))["description"]
        assert meta["description"] == meta["og:description"] == meta["twitter:description"] == front_matter, source
        canonical = page.select_one('link[rel="canonical"]')["href"]
        assert canonical == meta["og:url"] == site_url + page_address(source), source
        assert meta["og:site_name"] == site_name and meta["twitter:card"] == "summary", source
        image = meta["og:image"]
        assert image.startswith(site_url) and (built_site / image.removeprefix(site_url)).is_file(), source
        for rel, name in (("icon", "icon-32.png"), ("apple-touch-icon", "apple-touch-icon.png")):
            assert page.select_one(f'link[rel="{rel}"][href$="assets/icons/{name}"]'), (source, name)
    assert len(descriptions) == len(nav_pages()), "two pages share a description"
    for name, size in ICONS.items():  # each PNG icon at its size
        with Image.open(built_site / "assets" / "icons" / name) as icon:
            assert (icon.format, icon.size) == ("PNG", (size, size)), name
