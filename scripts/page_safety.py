"""What a page or a data file of a stranger's pull request may hold: only the HTML a guide needs, and no
invisible characters. The check refuses the rest, on its line, before either engine builds.

- Each page's Markdown is turned into HTML as the engines do it (its macro calls left out: the components'
  templates are ours, and escape their data). Every element must be one a guide needs (ALLOWED), with only
  the attributes it needs; no `on…` handler, no `style`; a link only to a page of the guide, a place on one,
  or another site over http(s) or mailto; an image only from the guide itself.
- Control characters, bidirectional overrides and zero-width characters (INVISIBLE) change what a reader or
  a reviewer sees without showing themselves: refused in the pages, the data and mkdocs.yml.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlsplit

import yaml

from macros.yaml_lines import scalar_nodes
from scripts.page_links import own_address

# The elements a guide needs: what Markdown and the site's extensions write, and the usual few written by hand.
ALLOWED = {
    *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd"),
    *("a", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "code", "pre", "kbd"),
    *("abbr", "cite", "q", "dfn", "time", "span", "div", "figure", "figcaption", "img", "details", "summary"),
    *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup"),
}
ATTRIBUTES = {"id", "class", "title", "lang", "markdown"}  # on any element (md_in_html reads markdown)
ATTRIBUTES_OF = {
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "td": {"colspan", "rowspan", "align"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "details": {"open"},
}
LINK_SCHEMES = {"", "http", "https", "mailto", "tel"}
# Characters that show nothing, or turn the text around them: C0 and C1 controls but tab and line breaks,
# bidirectional embeddings, overrides and isolates, zero-width spaces and joiners, and a BOM past the start.
# A soft hyphen and the "tag" characters (U+E0000 to U+E007F) show nothing either. A zero-width joiner is let
# through between two pictographs, where it joins an emoji (a family, say), and nowhere else.
_PICTOGRAPH = "\U0001f000-\U0001faff\u2600-\u27bf"
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\U000e0000-\U000e007f]"
    f"|(?<![{_PICTOGRAPH}\ufe0f])\u200d|\u200d(?![{_PICTOGRAPH}])"
)


def invisible_problems(text: str) -> list[tuple[int, str]]:
    """(line, problem) for each line holding an invisible or control character (a BOM at the start is allowed)."""
    problems = []
    for number, row in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        found = sorted({character for character in INVISIBLE.findall(row.removesuffix("\r"))})
        if found:
            named = ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, 'a control character')})" for c in found)
            problems.append(
                (number, f"the line holds {named}, which shows nothing or turns the text around it: delete it")
            )
    return problems


class _Elements(HTMLParser):
    def __init__(self, own: str):
        super().__init__(convert_charrefs=True)
        self.own = urlsplit(own)  # the site's own address (mkdocs.yml's site_url): its images are the guide's
        self.found: list[tuple[str, str]] = []  # (what is refused, a piece of the source to find its line by)

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.found.append(
                (f"<{tag}> is not HTML a guide needs: write Markdown, or an element CONTRIBUTING.md lists", f"<{tag}")
            )
            return
        for name, value in attrs:
            if name not in ATTRIBUTES and name not in ATTRIBUTES_OF.get(tag, ()):
                self.found.append((f'the attribute {name}="…" on <{tag}> is not one a guide needs', name))
            elif name in ("href", "src") and (problem := _address_problem(name, value or "", self.own)):
                self.found.append((problem, value or name))

    handle_startendtag = handle_starttag

    # A browser ends a comment where this parser does not (`<!-->` ends it at once), and ends `<![CDATA[` at the
    # first `>`: what this parser takes for a comment could be live markup in the page. A guide needs neither.
    def handle_comment(self, data):
        if "<" in data or ">" in data or data.startswith("-") or "--" in data:
            self.found.append(("this HTML comment holds markup or dashes a browser may read differently", "<!--"))

    def unknown_decl(self, data):
        self.found.append(("<![…]> is not HTML a guide needs: write the text itself", "<!["))

    def handle_decl(self, decl):
        self.found.append((f"<!{decl[:20]}> is not HTML a guide needs", "<!"))

    def handle_pi(self, data):
        self.found.append(("<?…> is not HTML a guide needs", "<?"))


def _address_problem(name: str, value: str, own) -> str | None:
    if "\\" in value:  # a browser reads \ as /: "/\\host/x" is another site
        return f"the address {value} holds a backslash, which a browser reads as /: write / or leave it out"
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # such as https://[host/: a bracket never closed
        return f"the address {value} is not a valid address: mend it"
    scheme = parts.scheme.lower()
    if name == "src":
        if scheme == "data":
            return f"the image {value[:30]}… is written into the page as data: put it in docs/assets and link to it"
        if (scheme or parts.netloc) and not own_address(parts, own):  # at its own address: page_links says
            return f"the image {value} is on another site, which would learn who reads the guide: put it in docs/assets"
        return None
    if scheme not in LINK_SCHEMES:
        return f"the link {value} is a {scheme}: address, which can run script or hide content: link to a page, https: or mailto:"
    return None


def invisible_in_yaml(text: str) -> list[tuple[int, str]]:
    """(line, problem) for each value of a YAML file (mkdocs.yml: any tag) holding an invisible character, written
    as it is or as an escape ("\\u202e")."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []  # said by the check of that file
    found = []
    for node in scalar_nodes(root):
        if INVISIBLE.search(node.value):
            found += [(node.start_mark.line + 1, problem) for _, problem in invisible_problems(node.value)][:1]
    return sorted(found)


def html_problems(source: str, markup: str, own: str) -> list[tuple[int, str]]:
    """(line, problem) for each element, attribute or address of a page's HTML that a guide does not need (`own`:
    the site's address, mkdocs.yml's site_url)."""
    elements = _Elements(own)
    elements.feed(markup)
    rows = [html.unescape(row).lower() for row in source.split("\n")]  # as written: in any case, or as entities
    problems = []
    for problem, piece in elements.found:
        line = next((n for n, row in enumerate(rows, 1) if piece.lower() in row), 1)
        problems.append((line, problem))
    return problems


def escaped(text: str) -> str:
    """A value as it may be printed on one line: no line break or invisible character can end or hide it, so no
    printed value becomes a line of its own (GitHub reads `::warning …` at a line's start as a command)."""
    return re.sub(r"[\r\n\u2028\u2029]|" + INVISIBLE.pattern, lambda m: f"\\u{ord(m[0]):04x}", text)


# What an image in docs/ may not hold: an SVG opened on its own runs its scripts on the guide's origin, with no
# policy (that lives in the pages), and loads what it links to.
SVG_ACTIVE = re.compile(
    r"<script|<foreignobject|\son[a-z]+\s*=|(?:href|src)\s*=\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I
)
# Files a build would publish as they are, outside the pages and their policy.
PUBLISHED_AS_IS = (".html", ".htm", ".xhtml", ".shtml", ".xml", ".xsl", ".xslt")


def asset_problems(name: str, data: bytes) -> list[tuple[int, str]]:
    """(line, problem) for a file under docs/ that is not a page or data: one that could run script."""
    lowered = name.lower()
    if lowered.endswith(PUBLISHED_AS_IS):
        return [(1, "a file a build would publish as it is, outside the pages' policy: write the page in Markdown")]
    if lowered.endswith((".svg", ".svgz")):
        text = data.decode("utf-8", "replace")
        if found := SVG_ACTIVE.search(text):
            line = text[: found.start()].count("\n") + 1
            problem = "the image holds a script, a handler or a link to another site: keep only its shapes"
            return [(line, problem)]
    return []
