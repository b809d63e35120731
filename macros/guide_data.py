"""Load the guide's data files, check them against their JSON Schemas, return typed records.

Every problem becomes one GuideDataError whose message names the file, the line, the item
and what is wrong, so that a contributor can mend a data file without reading Python.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft7Validator
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError


class GuideDataError(ValueError):
    """A data file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class DoDont:
    do: str
    dont: str


@dataclass(frozen=True)
class DosAndDonts:
    caption: str
    pairs: tuple[DoDont, ...]


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    qualifier: str | None = None


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str


@dataclass(frozen=True)
class GuideData:
    dos_and_donts: DosAndDonts
    steps: tuple[Step, ...]
    checklist: tuple[ChecklistItem, ...]


# Each data file, the schema it follows (in data/schemas/) and the list of items it holds.
DATA_FILES = {
    "dos_and_donts": ("dos_and_donts.yml", "pairs"),
    "steps": ("steps.yml", "steps"),
    "checklist": ("checklist.yml", "items"),
}


def load_guide_data(data_dir: Path) -> GuideData:
    """Read and check every data file; raise GuideDataError on the first problem."""
    data_dir = Path(data_dir)
    docs = {name: load_data_file(data_dir, name) for name in DATA_FILES}
    table = docs["dos_and_donts"]
    return GuideData(
        dos_and_donts=DosAndDonts(
            caption=str(table["caption"]),
            pairs=tuple(DoDont(do=str(p["do"]), dont=str(p["dont"])) for p in table["pairs"]),
        ),
        steps=tuple(
            Step(id=str(s["id"]), text=str(s["text"]), qualifier=_optional_str(s.get("qualifier")))
            for s in docs["steps"]["steps"]
        ),
        checklist=tuple(ChecklistItem(id=str(i["id"]), text=str(i["text"])) for i in docs["checklist"]["items"]),
    )


def load_data_file(data_dir: Path, name: str):
    """Parse one data file and validate it against its schema; return the parsed document."""
    file_name, list_key = DATA_FILES[name]
    path = Path(data_dir) / file_name
    where = _display_path(path)
    text = _read_utf8(path, where)
    try:
        document = YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "the file is not valid YAML"
        raise GuideDataError(
            _message(where, line, _item_at_line(text, line), f"YAML syntax: {_clean(problem)}")
        ) from None
    except YAMLError as error:
        raise GuideDataError(_message(where, None, None, f"YAML syntax: {error}")) from None
    if document is None:
        raise GuideDataError(_message(where, 1, None, "the file is empty"))

    schema = json.loads((Path(data_dir) / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    errors = sorted(Draft7Validator(schema).iter_errors(document), key=lambda e: _line_of(document, e) or 0)
    if errors:
        error = errors[0]
        path_in_doc = list(error.absolute_path)
        raise GuideDataError(
            _message(where, _line_of(document, error), _item_label(document, path_in_doc), _explain(error))
        )
    _check_unique_ids(document, list_key, where)
    return document


def _read_utf8(path: Path, where: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise GuideDataError(_message(where, None, None, "the file is missing")) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        raise GuideDataError(
            _message(where, line, None, f"the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8")
        ) from None


def _check_unique_ids(document, list_key: str, where: str) -> None:
    first_seen: dict[str, int] = {}
    for index, item in enumerate(document[list_key]):
        if "id" not in item:
            continue
        item_id = item["id"]
        if item_id in first_seen:
            raise GuideDataError(
                _message(
                    where,
                    item.lc.value("id")[0] + 1,
                    _item_label(document, [list_key, index]),
                    f'id "{item_id}" is already used by item {first_seen[item_id]}; every id must be unique',
                )
            )
        first_seen[item_id] = index + 1


def _explain(error) -> str:
    """Say in plain words what a schema error means."""
    path = [p for p in error.absolute_path if isinstance(p, str)]
    field = f'"{path[-1]}"' if path else "the file"
    kind = error.validator
    schema = error.schema
    if kind == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        return f'missing field "{missing[0]}"'
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        unknown = [k for k in error.instance if k not in allowed]
        return f'unknown field "{unknown[0]}" (the fields are: {", ".join(allowed)})'
    if kind == "type":
        if error.instance is None:
            return f"{field} is empty"
        expected = {"string": "text", "array": "a list", "object": "a set of fields (name: value)"}
        return f"{field} should be {expected.get(error.validator_value, error.validator_value)}, not {_kind_of(error.instance)}"
    if kind == "pattern" and error.validator_value == r"\S":
        return f"{field} is empty"
    if kind == "pattern":
        return f'{field} "{error.instance}" is badly formed: {schema.get("description", "")}'.rstrip(": ")
    if kind == "minItems":
        return f"{field} is an empty list: it needs at least {error.validator_value} entry"
    if kind == "maxItems":
        return f"{field} has {len(error.instance)} entries; at most {error.validator_value} are allowed"
    if kind == "maxLength":
        return f"{field} is {len(error.instance)} characters long; at most {error.validator_value} are allowed"
    return f"{field}: {error.message}"


def _kind_of(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return f"{type(value).__name__}"


def _line_of(document, error) -> int | None:
    """The 1-based line of the deepest node on the error's path (or of the unknown field)."""
    node, line = document, 1
    for step in error.absolute_path:
        if isinstance(node, dict) and step in node:
            line = node.lc.key(step)[0] + 1
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            line = node.lc.item(step)[0] + 1
        else:
            break
        node = node[step]
    if error.validator == "additionalProperties" and isinstance(node, dict):
        allowed = error.schema.get("properties", {})
        unknown = [k for k in node if k not in allowed]
        if unknown:
            line = node.lc.key(unknown[0])[0] + 1
    return line


def _item_label(document, path: list) -> str | None:
    if len(path) < 2 or not isinstance(path[1], int):
        return None
    item = document[path[0]][path[1]]
    item_id = item.get("id") if isinstance(item, dict) else None
    label = f"item {path[1] + 1}"
    return f'{label} (id "{item_id}")' if isinstance(item_id, str) and item_id else label


_LIST_ENTRY = re.compile(r"^(\s*)-(\s|$)")


def _item_at_line(text: str, line: int | None) -> str | None:
    """Which list item a line falls in, read from the text (used when YAML cannot be parsed)."""
    if line is None:
        return None
    starts = [(n, len(m.group(1))) for n, row in enumerate(text.splitlines(), 1) if (m := _LIST_ENTRY.match(row))]
    if not starts:
        return None
    outer = min(indent for _, indent in starts)
    count = sum(1 for n, indent in starts if indent == outer and n <= line)
    return f"item {count}" if count else None


def _message(where: str, line: int | None, item: str | None, problem: str) -> str:
    place = ", ".join(p for p in (where, f"line {line}" if line else None, item) if p)
    return f"{place}: {problem}"


def _clean(problem: str) -> str:
    return " ".join(problem.split())


def _display_path(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def _optional_str(value) -> str | None:
    return None if value is None else str(value)
