"""A problem of the guide's sources, as a value: its file, line and item, what is wrong and what to do.

Every check makes these; `str(problem)` is the one place a problem becomes its printed line,
`Guide data error: docs/data/steps.yml, line 4, item 2 (id "wait"): title is empty`, which MkDocs' layout
(`ERROR   -  …`, scripts/check_guide.py `report`) puts before it and GitHub's problem matcher
(.github/guide-problems.json) reads. Nothing reads a problem back from its line: sorting, the preview's page
and the tests use the fields.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a problem is about, first on its line.
GUIDE = "Guide error"  # mkdocs.yml, the registry of components, a template, a file under docs/
PAGE = "Page error"  # a page's source
DATA = "Guide data error"  # a data file, its schema, the record of what is published


@dataclass(frozen=True)
class Problem:
    file: str  # as the reader's terminal names it: relative to the working folder when inside it
    what: str  # what is wrong
    line: int | None = None  # None: the file as a whole (missing, or a problem of no one line)
    item: str | None = None  # a data file's item, such as 'item 2 (id "wait")'
    todo: str = ""  # what to do, when `what` does not say it already
    kind: str = GUIDE

    def __str__(self) -> str:
        place = ", ".join(part for part in (self.file, self.line and f"line {self.line}", self.item) if part)
        return f"{self.kind}: {place}: {self.what}" + (f": {self.todo}" if self.todo else "")

    @property
    def place(self) -> tuple[str, int]:
        """Where it is, for sorting: file, then line (a whole file's problem first)."""
        return self.file, self.line or 0
