"""Addresses the macros write into a page, from the page and site_url alone (no engine's helpers)."""

from __future__ import annotations

import posixpath
import sys
from urllib.parse import urljoin


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


def canonical_url(site_url: str | None, page) -> str:
    """The page's published address, or "" when the site has no site_url."""
    return urljoin(site_url, page.url) if site_url else ""
