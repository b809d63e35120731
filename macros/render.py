"""Render a component's data, as validated, through its Jinja template: autoescape on, always.

An HTML template's text is escaped for HTML. A Markdown template's text is escaped for Markdown too, so
that data never turns into emphasis, links, tables, template code or a heading's {#id} (so write its text
as Markdown, never inside an HTML tag, where Markdown would show the escapes); its ids go through the
`anchor` filter, which lets through only the slugs the schemas allow.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .components import FOLDER, Component

TEMPLATES = FOLDER  # each component's template in its folder, and the edit link all share
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The characters Markdown lets a backslash escape (Python-Markdown's, with the tables MkDocs always adds): any
# other keeps its backslash on the page. < > & are escaped for HTML instead.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(value) -> Markup:
    """Text that Markdown shows as written: its punctuation backslash-escaped, its HTML escaped, on one line."""
    if isinstance(value, Markup):
        return value
    one_line = " ".join(str(value).split())
    return Markup(escape(_MARKDOWN_PUNCTUATION.sub(r"\\\1", one_line)))


def anchor(value) -> Markup:
    """An id for an address (#id): only a slug of lowercase letters, digits and hyphens gets through."""
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise ValueError(f"{value!r} is not an id of lowercase letters, digits and hyphens")
    return Markup(value)


def environment(markdown: bool, templates: Path = TEMPLATES) -> Environment:
    """The Jinja environment for HTML templates, or (markdown) for Markdown ones."""
    environment = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=markdown_text if markdown else None,
    )
    environment.filters["anchor"] = anchor
    return environment


_environments = {markdown: environment(markdown) for markdown in (False, True)}


def _address(url: str) -> Markup:
    """An address the site made (a script's, a page's), escaped for an HTML attribute once: never taken for
    Markdown's text, so a Markdown template's `src="{{ script_url }}"` reads as written."""
    return Markup(escape(url))


def render_component(
    component: Component, data, *, edit_url: str = "", script_url: str = "", whole_guide_url: str = ""
) -> str:
    """The component's HTML or Markdown: its template given the data as validated (`data`), its script's address
    and the whole-guide page's; then, with an edit_url, the link to edit its data file."""
    markdown = component.output == "markdown"
    shown = (
        _environments[markdown]
        .get_template(component.template)
        .render(data=data, script_url=_address(script_url), whole_guide_url=_address(whole_guide_url))
    )
    if not edit_url:
        return shown
    link = _environments[False].get_template("_edit_link.html").render(edit_url=edit_url, edit_text=component.edit_text)
    return shown.rstrip("\n") + ("\n\n" if markdown else "\n") + link
