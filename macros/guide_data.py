"""Load the guide's data files, check them against their JSON Schemas, return them as validated.

Every problem is a value (macros/problems.py) that names the file, the line, the item and what is wrong,
so that a contributor can mend a data file without reading Python; a file that cannot be used raises
GuideDataError with the first of its problems.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import fastjsonschema

from .components import BY_NAME, COMPONENTS
from .problems import DATA, Problem
from .yaml_advice import yaml_advice, yaml_error_at
from .yaml_lines import DuplicateKeyError, UnsafeYAMLError, YAMLError, parse_yaml


def compile_schema(schema: dict):
    """A schema's validator, compiled once per process for each schema as written (compiling is slow; every
    check, build and test reads the same few schemas)."""
    return _compiled(json.dumps(schema))


@functools.lru_cache(maxsize=64)
def _compiled(schema: str):
    return fastjsonschema.compile(json.loads(schema))


class GuideDataError(ValueError):
    """A data file cannot be used: `problem` says where and why (and so does the message, its printed line)."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


# The real files hold about 1 KB; a file far larger is a mistake or an attack on CI's time and memory.
# README.md and CONTRIBUTING.md state this limit.
MAX_FILE_BYTES = 256 * 1024


def load_guide_data(data_dir: Path) -> dict[str, dict]:
    """Read and check every component's data file; return {component name: its document, as validated}, or
    raise GuideDataError on the first problem."""
    return {component.name: load_data_file(data_dir, component.name) for component in COMPONENTS}


def load_data_file(data_dir: Path, name: str):
    """Parse one data file and validate it against its schema; return the parsed document, or raise
    GuideDataError with the first of its problems (in line order)."""
    document, _, problems = data_file_problems(data_dir, name)
    if problems:
        raise GuideDataError(problems[0])
    return document


@dataclass(frozen=True)
class DataFile:
    """One component's data file as read once for a check: its document and the line of each of its keys and
    items (None and {} when it cannot be read or parsed), and its problems."""

    document: object
    lines: dict
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        return not self.problems


def read_data_files(data_dir: Path) -> dict[str, DataFile]:
    """Every component's data file, read and checked once: {component name: DataFile}."""
    return {component.name: read_data_file(data_dir, component.name) for component in COMPONENTS}


def read_data_file(data_dir: Path, name: str) -> DataFile:
    """One data file (a component's, or SYNONYMS), read and checked once."""
    try:
        return DataFile(*data_file_problems(data_dir, name))
    except GuideDataError as error:  # the file cannot be read or parsed: its one problem
        return DataFile(None, {}, [error.problem])


# The data file that is no component's: the words search takes as one (docs/data/synonyms.yml, read by
# scripts/search_index.py), a list of groups.
SYNONYMS = "synonyms"


def _data_file(name: str) -> tuple[str, str | Path, str, str]:
    """(file name, schema file, the field that holds the list, what to do when the file is missing). A
    component's schema is in its folder; the synonyms' is under the data folder."""
    if name == SYNONYMS:
        return "synonyms.yml", "schemas/synonyms.schema.json", "groups", "write it: groups of words search takes as one"
    component = BY_NAME[name]
    missing = "write it, or remove its component from macros/components/__init__.py"
    return component.data_file, component.schema, component.items, missing


def data_problems(files: dict[str, DataFile]) -> list[Problem]:
    """Every problem of every data file, in file and line order: for each file, its first problem of reading
    or YAML syntax, or else the first problem of each item (and of the file's other fields)."""
    return sorted((problem for file in files.values() for problem in file.problems), key=lambda p: p.place)


def data_file_problems(data_dir: Path, name: str) -> tuple[object, dict, list[Problem]]:
    """(the parsed document, the line of each of its keys and items, in line order the first problem
    of each item and of the file's other fields). A file that cannot be read or parsed raises GuideDataError:
    it has one problem."""
    file_name, schema_file, list_key, missing = _data_file(name)
    path = Path(data_dir) / file_name
    where = _display_path(path)
    text = _read_utf8(path, where, missing)
    try:
        document, lines = parse_yaml(text)
    except DuplicateKeyError as error:
        raise GuideDataError(_message(where, error.line, _item_label(None, list(error.path)), str(error))) from None
    except UnsafeYAMLError as error:
        raise GuideDataError(_message(where, error.line, _item_at_line(text, error.line), str(error))) from None
    except YAMLError as error:
        line, problem = yaml_error_at(error)
        raise GuideDataError(
            _message(where, line, _item_at_line(text, line), f"YAML syntax: {problem}; {yaml_advice(error, text)}")
        ) from None
    if document is None:
        raise GuideDataError(_message(where, 1, None, "the file is empty"))

    schema_path = Path(data_dir) / schema_file
    try:
        schema = json.loads(schema_path.read_text("utf-8"))
        compile_schema(schema)
    except OSError:
        raise GuideDataError(
            _message(where, None, None, f"its schema, {_display_path(schema_path)}, is missing: write it")
        ) from None
    except json.JSONDecodeError as error:
        problem = f"the schema of {file_name} is not valid JSON ({error.msg})"
        raise GuideDataError(_message(_display_path(schema_path), error.lineno, None, problem)) from None
    except (ValueError, fastjsonschema.JsonSchemaDefinitionException) as error:
        raise GuideDataError(
            _message(
                _display_path(schema_path), None, None, f"the schema of {file_name} is not a JSON Schema ({error})"
            )
        ) from None
    problems, set_aside = _schema_problems(schema, document, lines, list_key, where)
    if isinstance(document, dict) and isinstance(document.get(list_key), list):
        problems += _repeated_ids(document, lines, list_key, where, set_aside)
        problems += _markdown_links(document, lines, list_key, where, set_aside)
        if name == SYNONYMS:
            problems += _repeated_words(document, lines, where, set_aside)
    problems = sorted(problems, key=lambda problem: problem.place)
    if len(problems) > MAX_PROBLEMS:  # a file with thousands of mistakes: the first few say what to mend
        line = problems[MAX_PROBLEMS].line
        more = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], _message(where, line, None, f"and {more} more problems")]
    return document, lines, problems


MAX_PROBLEMS = 20  # reported per file


def _schema_problems(schema: dict, document, lines: dict, list_key: str, where: str):
    """The first problem of each item and of the file's other fields, and the items with
    one: each item is validated once, on its own, so the check grows with the file, never with its square."""
    items = document.get(list_key) if isinstance(document, dict) else None
    listing = (schema.get("properties") or {}).get(list_key)
    if not isinstance(items, list) or not isinstance(listing, dict) or "items" not in listing:
        validators = [(compile_schema(schema), document, [])]
    else:
        around = {
            **schema,
            "properties": {**schema["properties"], list_key: {k: v for k, v in listing.items() if k != "items"}},
        }
        item = {key: schema[key] for key in ("$schema", "definitions", "$defs") if key in schema} | listing["items"]
        validate_item = compile_schema(item)
        validators = [(compile_schema(around), document, [])]
        validators += [(validate_item, value, [list_key, index]) for index, value in enumerate(items)]
    problems, set_aside = [], set()
    for validate, value, prefix in validators:
        try:
            validate(value)
        except fastjsonschema.JsonSchemaValueException as error:
            # The validator names the path as strings ("data", "items", "1"); make list indices ints again.
            path = prefix + [int(step) if step.isdigit() else step for step in error.path[1:]]
            line = _line_of(lines, path, error)
            problems.append(_message(where, line, _item_label(document, path), _explain(path, error)))
            if prefix:
                set_aside.add(prefix[1])
    return problems, set_aside


def _read_utf8(path: Path, where: str, missing: str) -> str:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # never more: the size is refused before anything is parsed
    except FileNotFoundError:
        raise GuideDataError(_message(where, None, None, f"the file is missing: {missing}")) from None
    if len(raw) > MAX_FILE_BYTES:
        line = raw[:MAX_FILE_BYTES].count(b"\n") + 1
        raise GuideDataError(
            _message(
                where,
                line,
                None,
                f"the file is larger than {MAX_FILE_BYTES // 1024} KiB, the most a data file may hold; "
                "it reaches the limit on this line",
            )
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        raise GuideDataError(
            _message(where, line, None, f"the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8")
        ) from None


def _repeated_ids(document, lines: dict, list_key: str, where: str, set_aside: set) -> list[Problem]:
    """A problem for each item whose id an earlier item already uses."""
    problems, first_seen = [], {}
    for index, item in enumerate(document[list_key]):
        if index in set_aside or not isinstance(item, dict) or "id" not in item:
            continue
        item_id = item["id"]
        if item_id in first_seen:
            line = lines[(list_key, index, "id")]
            problem = f'id "{item_id}" is already used by item {first_seen[item_id]}; every id must be unique'
            problems.append(_message(where, line, _item_label(document, [list_key, index]), problem))
        else:
            first_seen[item_id] = index + 1
    return problems


MARKDOWN_LINK = re.compile(r"\[[^\]\n]+\]\([^)\s]*\)")


def _markdown_links(document, lines: dict, list_key: str, where: str, set_aside: set) -> list[Problem]:
    """A problem for each item's text that holds a Markdown link: the lists show their data as written."""
    problems = []
    for index, item in enumerate(document[list_key]):
        if index in set_aside or not isinstance(item, dict):
            continue
        for field, value in item.items():
            if isinstance(value, str) and (link := MARKDOWN_LINK.search(value)):
                problem = f'"{field}" holds a Markdown link, {link[0]}, which the list shows as written: '
                problem += "write the words alone"
                problems.append(
                    _message(where, lines[(list_key, index, field)], _item_label(document, [list_key, index]), problem)
                )
    return problems


def _repeated_words(document, lines: dict, where: str, set_aside: set) -> list[Problem]:
    """A problem for each word or phrase that an earlier group already holds: a word means one thing to search."""
    problems, first_seen = [], {}
    for index, group in enumerate(document["groups"]):
        if index in set_aside:
            continue
        for position, word in enumerate(group):
            key = " ".join(word.casefold().split())
            if key in first_seen and first_seen[key] != index:
                line = lines.get(("groups", index, position)) or lines[("groups", index)]
                problem = f'"{word}" is already in group {first_seen[key] + 1}; a word belongs to one group: merge them'
                problems.append(_message(where, line, f"item {index + 1}", problem))
            first_seen.setdefault(key, index)
    return problems


def _explain(path: list, error) -> str:
    """Say in plain words what a schema error means."""
    names = [step for step in path if isinstance(step, str)]
    field = f'"{names[-1]}"' if names else "the file"
    if len(path) >= 2 and all(isinstance(step, int) for step in path[-2:]):  # in a list of lists (synonyms)
        field = f"entry {path[-1] + 1}"
    elif len(path) == 2 and isinstance(path[1], int) and isinstance(error.value, list):
        field = "the item"
    rule, expected, value = error.rule, error.rule_definition, error.value
    if rule == "required":
        missing = [k for k in expected if k not in value][0]
        unknown = _unknown_fields(value, error.definition)
        hint = f' (is "{unknown[0]}" a misspelling of it?)' if unknown else ""
        return f'missing field "{missing}"{hint}'
    if rule == "additionalProperties":
        allowed = ", ".join(error.definition.get("properties", {}))
        return f'unknown field "{_unknown_fields(value, error.definition)[0]}" (the fields are: {allowed})'
    if rule == "type":
        if value is None:
            return f"{field} is empty"
        if isinstance(expected, list):  # ["object", "null"]: a set of fields, or nothing
            expected = next((kind for kind in expected if kind != "null"), expected[0])
        kinds = {"string": "text", "array": "a list", "object": "a set of fields (name: value)"}
        return f"{field} should be {kinds.get(expected, expected)}, not {_kind_of(value)}"
    if rule == "pattern" and expected == r"\S":
        return f"{field} is empty"
    if rule == "pattern":
        return f'{field} "{value}" is badly formed: {error.definition.get("description", "")}'.rstrip(": ")
    if rule == "minItems":
        needed = f"{expected} {'entry' if expected == 1 else 'entries'}"
        if value:
            return f"{field} has {len(value)} of the {needed} it needs at least"
        return f"{field} is an empty list: it needs at least {needed}"
    if rule == "uniqueItems" and isinstance(value, list):
        twice = next(entry for at, entry in enumerate(value) if entry in value[:at])
        if isinstance(twice, str):
            return f'{field} holds "{twice}" twice'
        return f"{field} holds {twice!r} twice: YAML reads yes, no, on, off, true and false as true or false; put such a word in quotes"
    if rule == "maxItems":
        return f"{field} has {len(value)} entries; at most {expected} are allowed"
    if rule == "propertyNames" and isinstance(value, dict):
        pattern = (expected or {}).get("pattern", "")
        bad = next((key for key in value if not re.search(pattern, str(key))), None)
        return f'{field} names "{bad}", which is not a page\'s file (lowercase letters, digits and hyphens, ending .md)'
    if rule == "maxLength":
        return f"{field} is {len(value)} characters long; at most {expected} are allowed"
    return f"{field}: {error.message}"


def _unknown_fields(value, definition) -> list:
    allowed = definition.get("properties", {})
    return [k for k in value if k not in allowed] if isinstance(value, dict) else []


def _kind_of(value) -> str:
    if isinstance(value, bool):
        return "true/false (YAML reads yes, no, on, off, true and false so: put the text in quotes)"
    if isinstance(value, (int, float)):
        return f"a number ({value}): YAML reads some texts, such as 12:30, as numbers; put the text in quotes"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, str):
        return f'the text "{value}"'
    return type(value).__name__


def _line_of(lines: dict, path: list, error) -> int:
    """The line of the deepest key or item on the path (or of the unknown field)."""
    if error.rule in ("additionalProperties", "required") and (
        unknown := _unknown_fields(error.value, error.definition)
    ):
        path = [*path, unknown[0]]  # a field missing beside an unknown one: most likely its misspelling
    if error.rule == "propertyNames" and isinstance(error.value, dict):  # the line of the name that breaks the rule
        pattern = (error.rule_definition or {}).get("pattern", "")
        path = [*path, next((key for key in error.value if not re.search(pattern, str(key))), None)]
    for end in range(len(path), 0, -1):
        if tuple(path[:end]) in lines:
            return lines[tuple(path[:end])]
    return 1


def _item_label(document, path: list) -> str | None:
    """ "item 3 (id "timing")" for a path inside a list's third item; the id only when known."""
    if len(path) < 2 or not isinstance(path[1], int):
        return None
    item = document[path[0]][path[1]] if document else None
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


def _message(where: str, line: int | None, item: str | None, problem: str) -> Problem:
    return Problem(where, problem, line, item, kind=DATA)


def _display_path(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
