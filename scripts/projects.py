"""Copies of the project, for the tests and the bench: the files a build reads, and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a build reads: the settings, the pages and data, the macros, the theme changes, the hook and the
# scripts that check the sources and build (run from the copy, they read the copy's macros and pages).
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "overrides", "hooks", "scripts")
TESTS = ("test_*.py", "*.test.js", "conftest.py")  # a component's own tests, in its folder: no build reads them


def copy_project(target: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """A copy of the files a build reads (or of those of them named), in target."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", *TESTS))
        else:
            shutil.copy2(source, target / part)
    return target
