"""Python that does not parse, in the folders a build runs (macros/, hooks/): each file's problem at its line,
found by compiling it, never by importing it. scripts/__init__.py stops every program of scripts/ with these
lines first (a traceback from the import would say less); the preview shows them in the browser."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from macros.problems import Problem  # macros/__init__.py imports nothing at its top: this imports on its own

FOLDERS = ("macros", "hooks")


def python_syntax_problems(root: Path) -> list[Problem]:
    """Each .py file under root's macros/ and hooks/ that Python cannot parse, at its line."""
    problems = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            shown = os.path.relpath(path)
            try:
                compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
            except SyntaxError as error:
                problems.append(
                    Problem(shown, f"the Python does not parse ({error.msg})", error.lineno, todo="mend it")
                )
            except ValueError as error:  # a NUL byte
                problems.append(Problem(shown, f"the file is not Python source ({error})"))
    return problems


def stop_on_unparsable_python(root: Path) -> None:
    """Print each problem in MkDocs' layout (the problem matcher reads it) and exit 1, if there is any."""
    problems = python_syntax_problems(root)
    for problem in problems:
        print(f"{'ERROR':<8}-  {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
