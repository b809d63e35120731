"""Where a contributor edits each data file: mkdocs.yml's edit_uri joined with the file's path.

Computed from configuration values alone, not from an engine's helpers, so that MkDocs and Zensical
give the same address; and never from an API call, so readers' browsers ask GitHub for nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

from .components import COMPONENTS

DATA_DIR = "data"  # the data files' folder, inside docs_dir


def data_edit_urls(config: Mapping) -> dict[str, str]:
    """{"checklist": "https://…/edit/main/docs/data/checklist.yml", …}; "" for each when no absolute edit address."""
    edit_uri = config.get("edit_uri") or ""
    base = urljoin(config.get("repo_url") or "", edit_uri)  # MkDocs reads a relative edit_uri against repo_url
    if not edit_uri or urlsplit(base).scheme not in ("http", "https"):
        return {component.name: "" for component in COMPONENTS}
    base = base if base.endswith("/") else base + "/"
    return {component.name: urljoin(base, f"{DATA_DIR}/{component.data_file}") for component in COMPONENTS}
