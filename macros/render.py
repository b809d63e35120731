"""Render the guide's data records as HTML, through Jinja templates with autoescape on."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .guide_data import ChecklistItem, DosAndDonts, Step

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


# Each component ends with a link to edit its data file (edit_url, from edit_links.py), when there is one.


def render_dos_and_donts(table: DosAndDonts, edit_url: str = "") -> str:
    return _templates.get_template("dos_and_donts.html").render(table=table, edit_url=edit_url)


def render_steps(steps: tuple[Step, ...], edit_url: str = "") -> str:
    return _templates.get_template("steps.html").render(steps=steps, edit_url=edit_url)


def render_checklist(items: tuple[ChecklistItem, ...], script_url: str, page_url: str = "", edit_url: str = "") -> str:
    """The checklist form, the script that enhances it, and (for print) the page's address."""
    return _templates.get_template("checklist.html").render(
        items=items, script_url=script_url, page_url=page_url, edit_url=edit_url
    )
