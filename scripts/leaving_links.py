"""On paper, a link that leaves the guide prints where it leads (docs/assets/guide.css, `a[data-leaves]`), and a
link within the guide prints nothing. In the browser the theme's instant navigation makes every link's address
absolute, on whatever address the site is served (a fork's, a copy's): only here, after the build, are the
guide's own links still told apart (relative, or under site_url). Each link to another site is marked in every
page, the whole guide's included."""

import html
import re
from pathlib import Path

# The start tag of a link: the engines write attribute values quoted, with < and > escaped.
LINK = re.compile(r"<a\s[^>]*>")
HREF = re.compile(r'\shref="([^"]*)"')
MARK = "data-leaves"


def leaves(href: str, site_url: str) -> bool:
    address = html.unescape(href)
    return address.startswith(("http://", "https://")) and not address.startswith(site_url)


def marked(tag: str, site_url: str) -> str:
    href = HREF.search(tag)
    if not href or MARK in tag or not leaves(href.group(1), site_url):
        return tag
    return f"{tag[:-1]} {MARK}>"


def mark_leaving_links(site: Path, site_url: str) -> None:
    for page in sorted(site.rglob("*.html")):
        text = page.read_text("utf-8")
        new = LINK.sub(lambda tag: marked(tag.group(0), site_url), text)
        if new != text:
            page.write_text(new, "utf-8")
