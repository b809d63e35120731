"""After a build (either engine), once every page is written: the Content-Security-Policy of every page.

Each page's <head> starts with `<meta http-equiv="Content-Security-Policy" content="__CONTENT_SECURITY_POLICY__">`
(overrides/main.html; scripts/redirect_pages.py for old addresses). This writes one policy there, the same on
every page: the site's own files, and the inline scripts and styles the pages hold, each by its hash. One
policy for all, since instant navigation keeps the policy of the first page a reader opened. A script or a
style that a stranger's pull request could add inline has no hash here, so it does not run.
"""

import base64
import hashlib
import re
from pathlib import Path

from scripts.theme_contract import injected_styles

PLACEHOLDER = "__CONTENT_SECURITY_POLICY__"
# An inline <script> the browser runs (not a data block such as the theme's JSON settings), and an inline <style>.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?P<attributes>[^>]*)>(?P<text>.*?)</script>", re.S | re.I)
INLINE_STYLE = re.compile(r"<style[^>]*>(?P<text>.*?)</style>", re.S | re.I)
DATA_BLOCK = re.compile(r"""\stype=["']?application/(?:ld\+)?json""", re.I)


class ContentPolicyError(Exception):
    def __str__(self):
        return f"Content policy error: {self.args[0]}"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_policy(pages: list[str], theme_styles: list[str] = ()) -> str:
    """The policy that lets every page of the site run its own inline scripts and styles (and the stylesheets
    the theme's script writes into a page, scripts/theme_contract.py), and nothing else."""
    scripts = {
        _hash(found["text"]) for page in pages for found in INLINE_SCRIPT.finditer(page)
        if not DATA_BLOCK.search(found["attributes"])
    }  # fmt: skip
    styles = {_hash(found["text"]) for page in pages for found in INLINE_STYLE.finditer(page)}
    styles |= {_hash(text) for text in theme_styles}
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *sorted(scripts)]),
            " ".join(["style-src 'self'", *sorted(styles)]),
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def write_content_policy(site: Path) -> str:
    """Write the policy into every page of the site; the policy. A page without its place for one stops the build."""
    files = sorted(site.rglob("*.html"))
    pages = [path.read_text("utf-8") for path in files]
    policy = content_policy(pages, injected_styles(site))
    for path, page in zip(files, pages, strict=True):
        if page.count(PLACEHOLDER) != 1:
            raise ContentPolicyError(f"{path.relative_to(site)} has no place for the policy first in its <head>")
        path.write_text(page.replace(PLACEHOLDER, policy), "utf-8")
    return policy
