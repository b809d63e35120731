"""After a build (either engine): a page for each old address in docs/data/published.yml's redirects, so a
reader's bookmark to a renamed page leads on to the page it became, #anchor and all."""

import html
import posixpath
from pathlib import Path

from macros.page_urls import page_address as address
from macros.published import plain_page_path, read_record, redirects


class RedirectError(Exception):
    def __str__(self):
        return f"Redirect error: {self.args[0]}"


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="__CONTENT_SECURITY_POLICY__">
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>This page has moved</title>
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={here}">
<script src="{script}" data-to="{here}"></script>
</head>
<body>
<p>This page has moved to <a href="{here}">{url}</a>.</p>
</body>
</html>
"""


def write_redirect_pages(site: Path, data_dir: Path, site_url: str) -> list[Path]:
    """Write site/OLD/index.html for each redirect; return the pages written."""
    written = []
    for old, new in redirects(read_record(data_dir)[0]).items():
        url = site_url.rstrip("/") + "/" + address(new)  # the canonical address, which search engines keep
        # Readers are led on relative to the old address, so a copy served anywhere (a local build) stays itself.
        here = posixpath.relpath(address(new) or ".", address(old)) + "/"
        script = posixpath.relpath("assets/redirect.js", address(old))
        target = site / address(old) / "index.html"
        inside = site.resolve() in target.resolve().parents
        if not plain_page_path(old) or not inside or target.exists():  # the check refuses these first
            raise RedirectError(f"the old address {old!r} would be written outside the site or over a page")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            PAGE.format(url=html.escape(url), here=html.escape(here), script=html.escape(script)), encoding="utf-8"
        )
        written.append(target)
    return written
