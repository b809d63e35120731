"""What a link shared in a messenger shows, read from the built pages: each page's title, the description in its
front matter and its address, as og: and twitter: tags; and the PNG icons, at the sizes phones and a web app
manifest use."""

import html
import re
import struct

import pytest
from bs4 import BeautifulSoup

from scripts.check_guide import heading_of
from scripts.page_sources import page_meta
from site_build import ROOT, nav_pages, page_path, site_config, whole_guide

SOURCES = [source for _, source in nav_pages()]
ICONS = {"icon-32.png": 32, "apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}


def meta(page_html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page_html)
    return html.unescape(found[1]) if found else None


def description_of(source: str) -> str:
    return page_meta((ROOT / "docs" / source).read_text("utf-8"))["description"]


@pytest.mark.parametrize("source", SOURCES)
def test_each_page_gives_a_link_preview_its_title_description_and_address(built_site, source):
    page = page_path(built_site, source).read_text("utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page)[1]
    title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S)[1].strip())
    assert meta(page, "og:url") == canonical
    assert meta(page, "og:title") == meta(page, "twitter:title") == title
    assert meta(page, "og:description") == meta(page, "twitter:description") == description_of(source)
    assert meta(page, "og:site_name") == site_config()["site_name"]
    assert meta(page, "twitter:card") == "summary"
    image = meta(page, "og:image")
    assert (
        image.startswith(site_config()["site_url"]) and (built_site / image[len(site_config()["site_url"]) :]).is_file()
    )


@pytest.mark.parametrize("name", ICONS)
def test_each_png_icon_is_published_at_its_size_and_linked_from_every_page(built_site, name):
    icon = built_site / "assets" / "icons" / name
    header = icon.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (ICONS[name], ICONS[name])
    if name in ("icon-32.png", "apple-touch-icon.png"):
        for source in SOURCES:
            page = page_path(built_site, source).read_text("utf-8")
            assert re.search(rf'<link rel="(icon|apple-touch-icon)"[^>]*href="[^"]*assets/icons/{name}"', page), source


@pytest.mark.parametrize("source", SOURCES)
def test_a_page_has_one_title_its_heading_in_the_tab_the_menu_and_a_link_preview(built_site, source):
    """The whole guide's heading is its page's (its cover shows the guide's name, as a book's does)."""
    page = BeautifulSoup(page_path(built_site, source).read_text("utf-8"), "html.parser")
    if source == whole_guide():
        heading = heading_of((ROOT / "docs" / source).read_text("utf-8"), site_config())
    else:
        heading = " ".join(page.select_one("article h1").get_text(" ", strip=True).split())
    site_name = site_config()["site_name"]
    tab = page.title.get_text(strip=True)
    assert tab in (f"{heading} - {site_name}", heading if heading == site_name else None), (tab, heading)
    assert page.select_one('meta[property="og:title"]')["content"] == tab
    in_menu = page.select_one(".md-nav--primary a.md-nav__link--active")
    assert " ".join(in_menu.get_text(" ", strip=True).split()) == heading
