"""Helpers shared by the tests: build the site in-process, copy the project, read page text."""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "overrides")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(f"{record.name}: {record.getMessage()}")


def build_site(project: Path, site_dir: Path) -> list[str]:
    """Build strictly, in this process; return the warnings logged (strict mode fails on any)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        build(config)
    finally:
        logger.removeHandler(collect)
    return collect.records


def copy_project(target: Path) -> Path:
    """A copy of the files a build reads, for tests that change them."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def nav_pages() -> list[tuple[str, str]]:
    """(title, source file) of every page, in the order of the navigation."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    return [next(iter(entry.items())) for entry in config["nav"]]


def page_path(site: Path, source: str) -> Path:
    """Where MkDocs writes the page built from a source file (directory URLs)."""
    stem = source.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem}/index.html")


_BLOCK = re.compile(
    r"</?(p|li|td|th|h[1-6]|div|blockquote|figcaption|caption|tr|ul|ol|table|form|button)\b[^>]*>", re.I
)
_TAG = re.compile(r"<[^>]+>")


def article_text(page_html: str) -> str:
    """The visible words of a page's main article, whitespace collapsed."""
    match = re.search(r"<article[^>]*>(.*?)</article>", page_html, re.S)
    body = match.group(1) if match else ""
    body = re.sub(r"<a [^>]*rel=\"edit\".*?</a>", " ", body, flags=re.S)
    text = _TAG.sub("", _BLOCK.sub(" ", body))
    return " ".join(html.unescape(text).split())
