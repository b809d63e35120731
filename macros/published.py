"""What readers depend on stays: every published page's address, and the ids of the components whose ids
readers' state or links use (the checklist: saved ticks; the steps: each step's address, #step-ID).

The record is docs/data/published.yml. A page or an id that would disappear, a retired id used again, or
a new one not yet recorded is a problem, one line each, naming the file and line and what to do; a new
page or id needs only the line the problem gives.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import fastjsonschema

from .components import COMPONENTS
from .guide_data import DataFile, _display_path, _explain, _line_of, compile_schema
from .problems import DATA, Problem
from .yaml_advice import yaml_error_at
from .yaml_lines import DuplicateKeyError, UnsafeYAMLError, YAMLError, parse_yaml

RECORD = "published.yml"
RECORD_SCHEMA = "schemas/published.schema.json"
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# The one rule for a page's file name (its address is made of it): lowercase letters, digits and hyphens, in
# folders of the same, ending .md. docs/data/schemas/published.schema.json says the same.
PAGE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*\.md")


def read_record(data_dir: Path) -> tuple[dict | None, dict, list[Problem]]:
    """The record and its lines, read once for the check; or None, and the one problem that says why it cannot
    be read or does not fit its schema."""
    data_dir = Path(data_dir)
    where = _display_path(data_dir / RECORD)
    try:
        record, lines = parse_yaml((data_dir / RECORD).read_text("utf-8"))
    except (OSError, UnicodeError) as error:
        return (
            None,
            {},
            [Problem(where, f"the record of what is published cannot be read ({_first_line(error)})", kind=DATA)],
        )
    except (DuplicateKeyError, UnsafeYAMLError) as error:
        return None, {}, [_at(where, error.line, str(error))]
    except YAMLError as error:
        line, problem = yaml_error_at(error)
        return None, {}, [_at(where, line, f"YAML syntax: {problem}")]
    try:
        compile_schema(_schema(data_dir))(record)
    except fastjsonschema.JsonSchemaValueException as error:
        path = [int(step) if step.isdigit() else step for step in error.path[1:]]
        return None, {}, [_at(where, _line_of(lines, path, error), _explain(path, error))]
    return record, lines, []


def published_problems(
    read: tuple[dict | None, dict, list[Problem]],
    data_dir: Path,
    nav: list[tuple[str, int]],
    files: dict[str, DataFile],
    config_file: str = "mkdocs.yml",
) -> list[Problem]:
    """The problems of the guide as it is now against its record (`read`: read_record's answer); `nav` lists
    (page, line in config_file), `files` the data files as read (macros/guide_data.py read_data_files)."""
    record, lines, unread = read
    if record is None:
        return unread
    data_dir = Path(data_dir)
    where = _display_path(data_dir / RECORD)
    problems = _page_problems(record, lines, where, nav, config_file, data_dir)
    kept = [component.name for component in COMPONENTS if component.kept_ids]
    for key in record:
        if key != "pages" and key not in kept:
            problems.append(
                _at(
                    where,
                    lines[(key,)],
                    f'"{key}" is not a component whose ids are kept (those are: '
                    f"{', '.join(kept)}): mend the name, or remove it and the lines under it",
                )
            )
    for component in COMPONENTS:
        if component.kept_ids is None:
            continue
        if component.name not in record:
            problems.append(
                Problem(
                    where,
                    f"the ids of {component.data_file} are not recorded ({component.kept_ids})",
                    todo=f'add a line "{component.name}:" at the end, "  published:" under it, and under that the '
                    "lines below",
                    kind=DATA,
                )
            )
        problems += _id_problems(
            data_dir, component, files[component.name], record.get(component.name) or {}, lines, where
        )
    return problems


def plain_page_path(path: str) -> bool:
    """A page's path as the nav writes it: relative, normalised, inside docs/ (a redirect page is written there)."""
    return (
        isinstance(path, str)
        and path.endswith(".md")
        and "\\" not in path
        and not path.startswith("/")
        and posixpath.normpath(path) == path
        and ".." not in path.split("/")
    )


def redirects(record: dict | None) -> dict[str, str]:
    """{old page: the page its address now leads to}, from the record (read_record's; None: none)."""
    return dict((record or {}).get("pages", {}).get("redirects") or {})


def _page_problems(record, lines, where, nav, config_file, data_dir: Path) -> list[Problem]:
    pages = {page for page, _ in nav}
    published = record["pages"]["published"]
    moved = record["pages"].get("redirects") or {}
    problems = []
    for index, page in enumerate(published):
        # A page whose file is still there is only out of the nav: the check says so once, on the page.
        if page not in pages and page not in moved and not (data_dir.parent / page).is_file():
            problems.append(
                _at(
                    where,
                    lines[("pages", "published", index)],
                    f"page {page} was published, and the nav no "
                    f"longer has it: put it back, or lead its address on to another page with the line "
                    f'"    {page}: NEW-PAGE.md" under redirects:',
                )
            )
    for old, new in moved.items():
        line = lines[("pages", "redirects", old)]
        if not plain_page_path(old):
            problems.append(
                _at(
                    where,
                    line,
                    f"{old} is not a page's plain path under docs/ (relative, with no ./, .., \\ or // in it, "
                    "and ending .md): write the old page's file name as it was, such as faq.md or more/tips.md",
                )
            )
        elif old in pages:
            problems.append(
                _at(where, line, f"page {old} is in the nav, so its address cannot lead elsewhere: remove this line")
            )
        elif new not in pages:
            problems.append(
                _at(
                    where,
                    line,
                    f"{old} leads to {new}, which is not a page in the nav: name the page of the "
                    "nav readers of the old page should find now",
                )
            )
    published = set(published)
    for page, line in nav:
        # Not for a name against the rule, nor one of no file (a slip the check names): it would record the slip.
        if page not in published and PAGE_NAME.fullmatch(page) and (data_dir.parent / page).is_file():
            problems.append(
                _at(
                    config_file,
                    line,
                    f'page {page} is new: add the line "    - {page}" under pages: published: in {where}',
                )
            )
    return problems


def _id_problems(data_dir, component, file: DataFile, kept, record_lines, where) -> list[Problem]:
    name, list_key, data = component.name, component.items, data_dir / component.data_file
    if not file.valid:  # the data check says what is wrong first: a broken file would seem to lose every id
        return []
    document, lines = file.document, file.lines
    if not isinstance(document.get(list_key), list):
        return []  # a registry whose items field is wrong: the check says so
    items = [(index, item["id"]) for index, item in enumerate(document[list_key]) if "id" in item]
    published, retired = kept.get("published") or [], kept.get("retired") or []
    published_set, retired_set = set(published), set(retired)
    ids = {item_id for _, item_id in items}  # sets: the check grows with the record, never with its square
    problems = []
    for index, item_id in enumerate(published):
        if item_id not in ids:
            problems.append(
                _at(
                    where,
                    record_lines[(name, "published", index)],
                    f'id "{item_id}" was published '
                    f"and {_display_path(data)} no longer has it ({component.kept_ids}): keep it there, or move this "
                    f"line under {name}: retired:",
                )
            )
    for index, item_id in items:
        line = lines[(list_key, index, "id")]
        item = f'item {index + 1} (id "{item_id}")'
        if item_id in retired_set:
            problems.append(
                Problem(
                    _display_path(data),
                    f'id "{item_id}" was retired ({where}): a retired id is never used again; pick a new one',
                    line,
                    item,
                    kind=DATA,
                )
            )
        elif item_id not in published_set and _SLUG.fullmatch(item_id):  # a badly formed id: the data check says so
            problems.append(
                Problem(
                    _display_path(data),
                    f'id "{item_id}" is new: add the line "    - {item_id}" under {name}: published: in {where}',
                    line,
                    item,
                    kind=DATA,
                )
            )
    return problems


def _at(file: str, line: int, what: str) -> Problem:
    return Problem(file, what, line, kind=DATA)


def _schema(data_dir: Path) -> dict:
    return json.loads((data_dir / RECORD_SCHEMA).read_text("utf-8"))


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def dropped_from_record(data_dir: Path, before_text: str, before_name: str) -> list[Problem]:
    """What the record held before (`before_text`: the target branch's published.yml, named `before_name`) and
    no longer holds: a page's address (published, or an old one under redirects), or an id (published or
    retired), or a retired id brought back. The record only grows: each is refused on its line."""
    where = _display_path(Path(data_dir) / RECORD)
    try:
        before, before_lines = parse_yaml(before_text)
        after, lines = parse_yaml((Path(data_dir) / RECORD).read_text("utf-8"))
    except (OSError, UnicodeError, YAMLError, DuplicateKeyError, UnsafeYAMLError):
        return []  # a record that cannot be read: the check says why
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []

    def listed(record: dict, section: str, key: str) -> list:
        entries = (record.get(section) or {}).get(key) if isinstance(record.get(section), dict) else None
        return list(entries or [])

    def line_of(section: str, key: str) -> int:
        return lines.get((section, key)) or lines.get((section,)) or 1

    problems = []
    kept_pages = set(listed(after, "pages", "published")) | set(listed(after, "pages", "redirects"))
    for key in ("published", "redirects"):
        for index, page in enumerate(listed(before, "pages", key)):
            if page not in kept_pages:
                then = before_lines.get(("pages", key, index if key == "published" else page), 1)
                problems.append(
                    _at(
                        where,
                        line_of("pages", key),
                        f"page {page} was recorded in {before_name} (line {then}) "
                        f'and is gone from the record: readers\' bookmarks lead to it; put back "    - {page}" under '
                        "pages: published:, and lead a moved page on under redirects:",
                    )
                )
    for component in COMPONENTS:
        if component.kept_ids is None:
            continue
        name = component.name
        now_retired = set(listed(after, name, "retired"))
        now = set(listed(after, name, "published")) | now_retired
        for key in ("published", "retired"):
            for index, item_id in enumerate(listed(before, name, key)):
                if item_id in (now if key == "published" else now_retired):
                    continue
                then = before_lines.get((name, key, index), 1)
                what = "is published again" if item_id in now else "is gone from the record"
                problems.append(
                    _at(
                        where,
                        line_of(name, key),
                        f'id "{item_id}" was {key} in {before_name} (line {then}) and '
                        f"{what} ({component.kept_ids}): an id is forever; keep its line under {name}: "
                        f"{'published: or retired:' if key == 'published' else 'retired:'}",
                    )
                )
    return problems
