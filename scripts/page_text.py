"""A page's source as the engines read it: the body the macros plugin hands to Markdown, and each of its lines
as Markdown reads it, so that a problem of a link or an id names the line that writes it (scripts/page_links.py)."""

from __future__ import annotations

import re
from collections import defaultdict
from html import unescape

import jinja2

from macros.components import COMPONENTS
from macros.guide_data import DataFile
from macros.render import render_component
from scripts.page_sources import COMMENT, FRONT_MATTER, RAW_BLOCK, fenced_lines, page_meta


def as_rendered(source: str, files: dict[str, DataFile] | None) -> tuple[str, bool]:
    """The page's body as the macros plugin hands it to Markdown: template comments gone (their lines kept, empty),
    raw blocks as written, each component call (alone on its line: the check holds it there) as its list, or as
    nothing without `files`; and whether every list could be shown (where one cannot, the data and template
    checks say why, and its ids are not known)."""
    front = FRONT_MATTER.match(source)
    body = source[front.end() :] if front else source
    if (page_meta(source) or {}).get("render_macros") is False:
        return body, True
    # Whichever starts first, as Jinja reads them: a comment (a raw block in it included), or a raw block.
    known, pieces = True, re.split(f"({COMMENT.pattern}|{RAW_BLOCK.pattern})", body, flags=re.DOTALL)
    for at, piece in enumerate(pieces):
        if at % 2:  # a comment: nothing (its lines kept, empty); a raw block: its text as written
            raw = re.sub(r"\A\{%-?\s*raw\s*-?%\}|\{%-?\s*endraw\s*-?%\}\Z", "", piece)
            pieces[at] = "\n" * piece.count("\n") if piece.startswith("{#") else raw
            continue
        piece, texts = _texts_held(piece)
        for component in COMPONENTS:
            call = re.compile(r"^\{\{\s*" + component.name + r"\(\)\s*\}\}[ \t]*$", re.M)
            if not call.search(piece):
                continue
            shown, shows = "", files is not None and files[component.name].valid
            if shows:
                try:
                    shown = render_component(component, files[component.name].document)
                except Exception:  # noqa: BLE001 - a template's error: its own check says what is wrong
                    shows = False
            known = known and (files is None or shows)
            piece = call.sub(lambda _, shown=shown: shown, piece)
        pieces[at] = re.sub("\0(\\d+)\0", lambda held, texts=texts: texts[int(held[1])], piece)
    return "".join(pieces), known


def _texts_held(piece: str) -> tuple[str, list[str]]:
    """A piece of a page with each text in quotes ({{ '{{' }}, {{ '<' }}) held aside as a mark (NUL, its number, NUL),
    and those texts as the macros plugin shows them: what a page shows through them is judged as if written (a
    text that reads as a call, {{ '{{' }} steps() }}, is shown as text, never as the list)."""
    environment, texts, out, block = jinja2.Environment(keep_trailing_newline=True), [], [], []
    try:
        tokens = list(environment.lex(piece))
    except jinja2.TemplateSyntaxError:
        return piece, texts  # the page's own problem says where
    for _, kind, value in tokens:
        if kind == "variable_begin" or block:
            block.append((kind, value))
        else:
            out.append(value)
        if kind != "variable_end":
            continue
        written = "".join(value for _, value in block)
        if {kind for kind, _ in block[1:-1]} <= {"whitespace", "string"} and any(k == "string" for k, _ in block):
            texts.append(environment.from_string(written).render())
            written = f"\0{len(texts) - 1}\0"
        out.append(written)
        block = []
    return "".join(out), texts


# Where a page writes an address as a link: in Markdown, a link's destination, `](address)`, `](address "title")`
# or `](<address>)` (parentheses in it paired, one deep), and a reference's, `]: address`; in HTML, an attribute's
# value, `="address"`, `='address'` or `=address`.
_MARKDOWN_LINK = re.compile(r"\]\(\s*(?:<([^>\n]*)>|((?:[^\s()]|\([^\s()]*\))*))|\]:\s*(?:<([^>\n]*)>|(\S+))")
_HTML_LINK = re.compile(r"""=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)(?=[\s>]))""")


def published_rows(source: str):
    """Each line of a page (its number, its text) as Markdown reads it, without what is published as no link:
    template comments (as_rendered), HTML comments, code blocks (fenced, or indented after a blank line where
    no list or note goes on) and code spans."""
    front = FRONT_MATTER.match(source)
    first = source[: front.end()].count("\n") + 1 if front else 1
    fenced, comment, blank, container = fenced_lines(source), False, True, False
    for number, row in enumerate(as_rendered(source, None)[0].split("\n"), first):
        if number in fenced:
            continue
        if comment:  # an HTML comment goes on to -->
            if "-->" not in row:
                continue
            row, comment = row.partition("-->")[2], False
        elif re.match(r" {4}|\t", row) and blank and not container:
            continue
        blank = not row.strip()
        if not blank and not re.match(r" {4}|\t", row):  # a list's item, a note, a footnote or a definition
            container = bool(re.match(r" {0,3}([-*+]|\d+[.)]|!!!|\?{3}\+?|\[\^[^\]]+\]:|:)[ \t]", row))
        row = re.sub(r"<!--.*?-->", "", re.sub(r"`+[^`]*`+", "", row))
        if "<!--" in row:
            row, comment = row.partition("<!--")[0], True
        yield number, row


def written(source: str) -> dict[tuple[str, bool], list[int]]:
    """Where a page writes each address as a link, as Markdown or HTML reads it (`gone\\_file.png`, `a=1&amp;b=2`:
    gone_file.png, a=1&b=2): (address, in HTML) → the line of each time, in order; in one pass over the page,
    however many links it has."""
    found = defaultdict(list)
    for number, row in published_rows(source):
        for in_html, form in ((False, _MARKDOWN_LINK), (True, _HTML_LINK)):
            for match in form.finditer(row):
                address = next(part for part in match.groups() if part is not None)
                address = address if in_html else re.sub(r"\\([!-/:-@[-`{-~])", r"\1", address)
                found[unescape(address), in_html].append(number)
    return found


def line_of(source: str, link: str, lines: list[int] | None, nth: int) -> int:
    """The line of the nth time the page writes the link as a link (`lines`: each time's, from written); else of
    the last time, or of any line that holds it; else 1."""
    if lines:
        return lines[min(nth, len(lines)) - 1]
    return next((number for number, row in enumerate(source.split("\n"), 1) if link in row), 1)
