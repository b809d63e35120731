"""Addresses the macros write into a page, from the page and site_url alone (no engine's helpers)."""

from __future__ import annotations

import posixpath
import sys


def asset_url(asset: str, page, *, from_source: bool | None = None) -> str:
    """The link to `asset` (a path under docs/) as written into the HTML of `page`.

    MkDocs leaves links in HTML as written, so the link is relative to the page's address.
    Zensical resolves them against the page's Markdown file (as both engines do Markdown links),
    so under Zensical it is relative to that file, which Zensical turns into the same address.
    """
    if from_source is None:
        from_source = "zensical" in sys.modules
    if from_source:
        return posixpath.relpath(asset, posixpath.dirname(page.path) or ".")
    folder = page.url if page.url.endswith("/") else posixpath.dirname(page.url)
    return posixpath.relpath(asset, folder or ".")


def page_address(source: str) -> str:
    """A page's address from the site's root, with directory URLs: index.md → "", faq.md → "faq/"."""
    path = source.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def page_link(source: str, page, *, from_source: bool | None = None) -> str:
    """The link to the page built from `source` (a path under docs/) as written into the HTML of `page`."""
    if from_source is None:
        from_source = "zensical" in sys.modules
    if from_source:  # Zensical turns a link to a page's Markdown file into the page's address, as in Markdown
        return posixpath.relpath(source, posixpath.dirname(page.path) or ".")
    folder = page.url if page.url.endswith("/") else posixpath.dirname(page.url)
    link = posixpath.relpath(page_address(source) or ".", folder or ".")
    return link if link.endswith("/") or link.endswith(".html") else link + "/"
