"""On GitHub Actions, repeat each build problem that names a file as a workflow command.

GitHub shows `::error file=…,line=…,title=…::message` on that line of the pull request's changes.
The message is the one-line text a terminal shows; outside GitHub (GITHUB_ACTIONS unset) nothing
is printed. Used as a MkDocs hook (mkdocs.yml `hooks:`) and by scripts/check_data.py.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

DATA_ERROR = re.compile(r"^Guide (?:data )?error: (?P<file>[^,:]+?)(?:, line (?P<line>\d+))?[,:] ")
PAGE_SOURCE = re.compile(r"^Page error: (?P<file>[^,:]+?), line (?P<line>\d+): ")  # hooks/page_sources.py
PAGE_LINK = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) link '(?P<link>[^']+)'")  # fmt: skip
PAGE_ERROR = re.compile(r"^Error (?:reading|building) page '(?P<page>[^']+)'")
MACRO_ERROR = re.compile(r"Macro Rendering Error.*?_File_: `(?P<page>[^`]+)`.*?^(?P<problem>_\w+_: .*?)$", re.S | re.M)
MACRO_SYNTAX = re.compile(
    r"Macro Syntax Error.*?_File_: `(?P<page>[^`]+)`.*?_Line (?P<line>\d+) in Markdown file:_ \*\*(?P<problem>.*?)\*\*",
    re.S,
)
_MACRO_SYNTAX_ADVICE = {
    False: "To show {{ or {% as text, write {{ '{{' }} or {{ '{%' }}.",
    True: "{# starts a template comment: write a heading's id as { #id }, with a space, and {# as {{ '{#' }}.",
}
NAV_REFERENCE = re.compile(
    r"^An? (?:reference|absolute path) to '(?P<link>[^']+)' is included in the 'nav' configuration"
)
OMITTED = re.compile(r"^(?P<intro>The following pages exist in the docs directory, .*?):\n(?P<pages>(?:  - .*\n?)+)")


def running_on_github() -> bool:  # not on_…: MkDocs takes every on_ function of a hook for an event
    return os.environ.get("GITHUB_ACTIONS") == "true"


def workflow_command(file: str, line: int | None, title: str, message: str) -> str:
    """`::error file=…,line=…,title=…::message`, escaped as GitHub's runner expects."""
    properties = [f"file={_property(file)}"] + ([f"line={line}"] if line else []) + [f"title={_property(title)}"]
    return f"::error {','.join(properties)}::{_data(message)}"


def places(message: str, docs_dir: str = "docs", config_file: str = "mkdocs.yml") -> list[tuple]:
    """(file, line or None, title, message) for each file one logged message names: none if it names no file."""
    docs = Path(docs_dir)
    if match := DATA_ERROR.match(message):
        line = int(match["line"]) if match["line"] else None
        return [(match["file"], line, "Guide data error", message)]
    if match := PAGE_SOURCE.match(message):
        return [(match["file"], int(match["line"]), "Page error", message)]
    if match := PAGE_LINK.match(message):
        page = docs / match["page"]
        return [(_shown(page), _line_of_link(page, match["link"]), "Broken link", message)]
    if match := MACRO_ERROR.search(message):
        page = docs / match["page"]
        problem = match["problem"].replace("_", "", 2)
        name = re.search(r"'([^']+)'", problem)
        called = re.compile(r"\{[{%][^}]*?\b" + re.escape(name[1]) + r"\b") if name else None
        line = _first_line(page, called.search) if called else None
        return [(_shown(page), line, "Macro error", f"Macro error in {match['page']}: {problem}")]
    if match := MACRO_SYNTAX.search(message):
        page = docs / match["page"]
        line = int(match["line"]) + _lines_before_body(page)
        problem = f"{match['problem'].rstrip('.')}. {_MACRO_SYNTAX_ADVICE['comment' in match['problem']]}"
        return [(_shown(page), line, "Macro error", f"Macro syntax error in {match['page']}: {problem}")]
    if match := PAGE_ERROR.match(message):
        return [(_shown(docs / match["page"]), None, "Build error", message)]
    if match := NAV_REFERENCE.match(message):
        config = Path(config_file)
        line = _first_line(config, lambda text: match["link"] in text)
        return [(_shown(config), line, "Navigation", message)]
    if match := OMITTED.match(message):
        pages = [line.removeprefix("  - ").strip() for line in match["pages"].splitlines()]
        return [(_shown(docs / page), None, "Navigation", f"{match['intro']}: {page}") for page in pages]
    return []


def annotations(message: str, docs_dir: str = "docs", config_file: str = "mkdocs.yml") -> list[str]:
    """The workflow commands for one logged message: none if it names no file."""
    return [workflow_command(*place) for place in places(message, docs_dir, config_file)]


def located(message: str, docs_dir: str = "docs", config_file: str = "mkdocs.yml") -> tuple[str, int | None] | None:
    """The file and line a logged message is about (the first it names), or None."""
    found = places(message, docs_dir, config_file)
    return (found[0][0], found[0][1]) if found else None


class AnnotateLog(logging.Handler):
    """Prints the workflow commands for every warning or error MkDocs logs."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.docs_dir, self.config_file = "docs", "mkdocs.yml"

    def emit(self, record):
        message = getattr(record, "unplaced", None) or record.getMessage()
        for command in annotations(message, self.docs_dir, self.config_file):
            print(command, file=sys.stdout, flush=True)


class PlaceWarnings(logging.Filter):
    """In the terminal too, a link or nav warning starts with the file and line it is about."""

    def filter(self, record):
        message = record.getMessage()
        if DATA_ERROR.match(message) or PAGE_SOURCE.match(message):
            return True  # it names its file and line already
        if record.levelno >= logging.WARNING and (where := located(message, _handler.docs_dir, _handler.config_file)):
            file, line = where
            record.unplaced = message
            advice = "; mend the link, or the page or heading it points to" if PAGE_LINK.match(message) else ""
            placed = f"{file}, line {line}: {message}" if line else f"{file}: {message}"
            record.msg, record.args = placed.rstrip(".") + advice if advice else placed, ()
        return True


_handler = AnnotateLog()
_placing = PlaceWarnings()
PLACED_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav", "mkdocs.commands.build")


# MkDocs hook events: on_startup comes before any plugin's on_config, where the data is loaded.
def on_startup(command, dirty):
    if running_on_github():
        logging.getLogger("mkdocs").addHandler(_handler)
    for name in PLACED_LOGGERS:
        logging.getLogger(name).addFilter(_placing)


def on_config(config):
    _handler.docs_dir, _handler.config_file = config["docs_dir"], config.config_file_path
    return config


def on_shutdown():
    logging.getLogger("mkdocs").removeHandler(_handler)
    for name in PLACED_LOGGERS:
        logging.getLogger(name).removeFilter(_placing)


def _line_of_link(page: Path, link: str) -> int | None:
    """The first line of the Markdown source that links to `link` (inline, reference or HTML)."""
    written = re.compile(r"(\]\(\s*<?|\]:\s*<?|<|href=[\"'])" + re.escape(link) + r"(?=[\s)>\"']|$)")
    return _first_line(page, written.search) or _first_line(page, lambda text: link in text)


def _lines_before_body(page: Path) -> int:
    """The lines of front matter (and blank lines after it) that the macros plugin does not count."""
    try:
        text = page.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 0
    front_matter = re.match(r"-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n\n*", text, re.S)  # as MkDocs strips it
    return front_matter[0].count("\n") if front_matter else 0


def _first_line(path: Path, matches) -> int | None:
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((number for number, text in enumerate(lines, 1) if matches(text)), None)


def _shown(path: Path) -> str:
    """The path as GitHub names files: relative to the checkout (the working directory), with slashes."""
    relative = os.path.relpath(path)
    return Path(path if relative.startswith("..") else relative).as_posix()


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
