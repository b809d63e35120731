"""In MkDocs' terminal, a warning about a link starts with the file and line that hold the link.

MkDocs says `Doc file 'faq.md' contains a link 'timing.md#x', but …` and names no line; with this hook
it says `docs/faq.md, line 12: Doc file …`, the one-line form every check of this repository prints,
which GitHub's problem matcher (.github/guide-problems.json) shows on that line of a pull request.
Everything a contributor can get wrong, broken links included, is found before the build, by
scripts/check_guide.py, for both engines; this hook is for a link MkDocs warns of that the check let pass
(Zensical reports links in its own words).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

PAGE_LINK = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) link '(?P<link>[^']+)'")  # fmt: skip
LOGGERS = ("mkdocs.structure.pages",)


def placed(message: str, docs_dir: str = "docs") -> str:
    """The message with the file and line of the link it is about in front, or as it is."""
    match = PAGE_LINK.match(message)
    if not match:
        return message
    page = Path(docs_dir) / match["page"]
    line = _line_of_link(page, match["link"])
    where = f"{_shown(page)}, line {line}" if line else _shown(page)
    return f"{where}: {message.rstrip('.')}; mend the link, or the page or heading it points to"


class _PlaceLinks(logging.Filter):
    docs_dir = "docs"

    def filter(self, record):
        if record.levelno >= logging.WARNING and PAGE_LINK.match(message := record.getMessage()):
            record.msg, record.args = placed(message, self.docs_dir), ()
        return True


_filter = _PlaceLinks()


# MkDocs hook events.
def on_config(config):
    _filter.docs_dir = config["docs_dir"]
    for name in LOGGERS:
        logging.getLogger(name).addFilter(_filter)
    return config


def on_shutdown():
    for name in LOGGERS:
        logging.getLogger(name).removeFilter(_filter)


def _line_of_link(page: Path, link: str) -> int | None:
    """The first line of the Markdown source that links to `link` (inline, reference or HTML)."""
    try:
        lines = page.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    written = re.compile(r"(\]\(\s*<?|\]:\s*<?|<|href=[\"'])" + re.escape(link) + r"(?=[\s)>\"']|$)")
    for matches in (written.search, lambda text: link in text):
        if found := next((number for number, text in enumerate(lines, 1) if matches(text)), None):
            return found
    return None


def _shown(path: Path) -> str:
    """The path from the working directory, with slashes, as GitHub names files."""
    relative = os.path.relpath(path)
    return Path(path if relative.startswith("..") else relative).as_posix()
