"""mkdocs.yml, read one way by every step: the check, both builds, the preview, the link check and the tests.

`read_config` gives the settings as far as our steps need them (a tag such as !ENV reads as nothing: MkDocs
and Zensical resolve those themselves); `key_lines` gives the line of each top-level setting, so a problem
of one names its line; `unknown_keys` finds a setting neither engine knows (MkDocs' strict build refuses
it without a line); `nav_entries` walks the nav once for every step that reads it. `python -m scripts.settings KEY [mkdocs.yml]` prints one setting (scripts/check-links.sh).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NamedTuple

import yaml


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml where installed
    """Reads mkdocs.yml as far as our steps need it: a tag such as !ENV or !!python/name reads as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)

# Every top-level setting MkDocs 1.6 knows (mkdocs/config/defaults.py; tests/test_check_guide.py holds this list
# against it), which is all Zensical reads of mkdocs.yml too.
MKDOCS_KEYS = frozenset(
    [
        "INHERIT",
        "copyright",
        "dev_addr",
        "docs_dir",
        "draft_docs",
        "edit_uri",
        "edit_uri_template",
        "exclude_docs",
        "extra",
        "extra_css",
        "extra_javascript",
        "extra_templates",
        "google_analytics",
        "hooks",
        "markdown_extensions",
        "nav",
        "not_in_nav",
        "pages",
        "plugins",
        "remote_branch",
        "remote_name",
        "repo_name",
        "repo_url",
        "site_author",
        "site_description",
        "site_dir",
        "site_name",
        "site_url",
        "strict",
        "theme",
        "use_directory_urls",
        "validation",
        "watch",
    ]
)


def read_config(config_file: Path) -> dict:
    """mkdocs.yml's settings (raises yaml.YAMLError when it is not YAML, UnicodeDecodeError when not UTF-8)."""
    settings = yaml.load(Path(config_file).read_text("utf-8"), Loader=_ConfigLoader)
    return settings if isinstance(settings, dict) else {}


def key_lines(config_file: Path) -> dict[str, int]:
    """The line of each top-level setting of mkdocs.yml (which must be YAML)."""
    root = yaml.compose(Path(config_file).read_text("utf-8"), Loader=_ConfigLoader)
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in root.value if isinstance(key, yaml.ScalarNode)}


def unknown_keys(config_file: Path) -> list[tuple[str, int]]:
    """(setting, line) of each top-level setting that is not MkDocs'."""
    return [(key, line) for key, line in key_lines(config_file).items() if key not in MKDOCS_KEYS]


class NavEntry(NamedTuple):
    title: object  # as YAML reads the nav's title (a text, or a number where it is written 2024); None: "- page.md"
    source: str  # the page's file under docs/
    line: int  # its line in mkdocs.yml (0 where it cannot be found)


def nav_entries(nav, config_text: str = "") -> list[NavEntry]:
    """Every page of the nav, in order, nested sections included (links to other sites left out); each with its
    line in `config_text` (mkdocs.yml's text), a page listed twice on each of its lines."""
    rows = config_text.splitlines()
    nav_line = next((n for n, row in enumerate(rows, 1) if re.match(r"nav\s*:", row)), 0)
    found: list[NavEntry] = []

    def line_of(source: str) -> int:
        taken = {entry.line for entry in found}
        after = max(taken | {nav_line}) if taken else nav_line  # the nav's lines come in its order
        pattern = re.compile(rf"(:|-)\s+([\"']?){re.escape(source)}\2\s*(#.*)?$")
        return next(
            (
                n
                for n, row in enumerate(rows, 1)
                if n > after and not row.lstrip().startswith("#") and pattern.search(row)
            ),
            0,
        )

    def walk(entry, title=None):
        if isinstance(entry, list):
            for item in entry:
                walk(item)
        elif isinstance(entry, dict):
            for key, value in entry.items():
                walk(value, key)
        elif isinstance(entry, str) and not re.match(r"^[a-z]+://", entry):
            found.append(NavEntry(title, entry, line_of(entry)))

    walk(nav)
    return found


if __name__ == "__main__":
    key, *named = sys.argv[1:]
    print(read_config(Path(named[0] if named else "mkdocs.yml")).get(key, ""))
