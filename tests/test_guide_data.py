"""Data layer: the real data files load, and every kind of broken file gives one clear message."""

import json

import pytest

from macros import guide_data
from macros.components import COMPONENTS
from macros.guide_data import MAX_FILE_BYTES, GuideDataError, load_guide_data
from macros.problems import DATA
from site_build import ROOT, copy_test_data, schema_files
from site_build import read_data as real


@pytest.fixture
def data_dir(tmp_path):
    """The data of the tests' own project, with the site's schemas: for tests that change or break it."""
    copy_test_data(tmp_path / "data")
    return tmp_path / "data"


def write(data_dir, name, content):
    """Write a data file (text, or bytes as saved); None: remove it."""
    path = data_dir / name
    if content is None:
        path.unlink()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def test_real_data_loads_as_the_files_hold_it_one_document_a_component():
    data = load_guide_data(ROOT / "docs" / "data")
    assert data == {component.name: real(component.data_file) for component in COMPONENTS}


OK = "items:\n  - id: first\n    text: One\n  - id: second\n    text: Two\n"
FIRST = "items:\n  - id: first\n"
THIRD = OK + "  - id: third\n"  # then the third item's text, on line 7
KIB = MAX_FILE_BYTES // 1024


def test_what_a_data_file_may_hold_loads_as_written(data_dir):
    """A step's qualifier as its own field; a text holding " #" in quotes; a file of exactly the size limit."""
    steps = "steps:\n  - id: wait\n    text: Wait\n    qualifier: or longer\n  - id: go\n    text: Go\n"
    write(data_dir, "steps.yml", steps)
    checklist = THIRD + '    text: "Be my #1 priority"\n'
    write(data_dir, "checklist.yml", checklist + "#" + "x" * (MAX_FILE_BYTES - len(checklist.encode()) - 2) + "\n")
    data = load_guide_data(data_dir)
    assert [(s["text"], s.get("qualifier")) for s in data["steps"]["steps"]] == [("Wait", "or longer"), ("Go", None)]
    assert [item["id"] for item in data["checklist"]["items"]] == ["first", "second", "third"]
    assert data["checklist"]["items"][-1]["text"] == "Be my #1 priority"


# Nine lines whose aliases expand to 9**9 strings: read naively, the build runs for minutes.
BILLION_LAUGHS = (ROOT / "tests" / "fixtures" / "billion-laughs.yml").read_text("utf-8")
assert len(BILLION_LAUGHS.splitlines()) == 9
ALIASES = (
    "YAML anchors and aliases (&name, *name) are not allowed in data files; write the value out in full "
    "(to start a text with & or *, put the whole text in quotes)"
)

# A slip in the third item's text (line 7), and the one piece of advice its YAML syntax error then gives.
SLIPS = {
    "colon": ("    text: Note: stay calm", "a text with a colon and a space in it must be in quotes"),
    "unclosed-quote": (
        '    text: "stay calm\n  - id: fourth\n    text: be kind',
        "a quote opens on this line and is never closed",
    ),
    "apostrophe": ("    text: 'it's over'", "put the whole text in double quotes"),
    "text-after-quote": ('    text: "Wait" 3 months', "put the whole text in single quotes"),
    **{
        f"starts-with-{text[0]}": (f"    text: {text}", f'a text that starts with "{text[0]}" must be in quotes')
        for text in ("@home first", "`code` first", "!Important first", "| first", "%done", "[draft] stay calm")
    },
    "starts-with-*": ("    text: * first", 'a text that starts with "*" must be in quotes'),  # not an alias
    "starts-with-&": ("    text: & first", 'a text that starts with "&" must be in quotes'),  # not an anchor
    **{f"indent-{n}": (" " * n + "text: stay calm", "check this line's indentation") for n in (6, 5, 3)},
}


# What a broken data file holds, and the one message it gives after the data folder, which names the file: all of
# it, or, where it holds "…", its start and then each part after a "…".
BROKEN = {
    # A blank line between items: the lines still count it.
    "missing-field": (
        FIRST + "    text: One\n\n  - id: second\n",
        'checklist.yml, line 5, item 2 (id "second"): missing field "text"',
    ),
    "empty-string": (FIRST + '    text: ""\n', 'checklist.yml, line 3, item 1 (id "first"): "text" is empty'),
    "null-value": (FIRST + "    text:\n", 'checklist.yml, line 3, item 1 (id "first"): "text" is empty'),
    "blank-string": (FIRST + "    text: '   '\n", 'checklist.yml, line 3, item 1 (id "first"): "text" is empty'),
    "wrong-type": (
        FIRST + "    text: 42\n",
        'checklist.yml, line 3, item 1 (id "first"): "text" should be text, not a number (42): YAML reads some texts, such as 12:30, as numbers; put the text in quotes',
    ),
    "a-time-read-as-a-number": (
        THIRD + "    text: 12:30\n",
        'checklist.yml, line 7, item 3 (id "third"): …a number (750): …put the text in quotes',
    ),
    "unknown-field": (
        FIRST + "    text: One\n    txt: Two\n",
        'checklist.yml, line 4, item 1 (id "first"): unknown field "txt" (the fields are: id, text)',
    ),
    "duplicate-id": (
        OK + "\n  - id: first\n    text: Three\n",
        'checklist.yml, line 7, item 3 (id "first"): id "first" is already used by item 1; every id must be unique',
    ),
    "badly-formed-id": (
        "items:\n  - id: Bad Id\n    text: One\n",
        'checklist.yml, line 2, item 1 (id "Bad Id"): "id" "Bad Id" is badly formed: …',
    ),
    "empty-list": ("items: []\n", 'checklist.yml, line 1: "items" is an empty list: it needs at least 1 entry'),
    "item-not-a-mapping": (
        "items:\n  - One\n",
        'checklist.yml, line 2, item 1: "items" should be a set of fields (name: value), not the text "One"',
    ),
    "misspelt-list": (
        "itemz:\n  - id: first\n    text: One\n",
        'checklist.yml, line 1: missing field "items" (is "itemz" a misspelling of it?)',
    ),
    "empty-file": ("", "checklist.yml, line 1: the file is empty"),
    "missing-file": (
        None,
        "steps.yml: the file is missing: write it, or remove its component from macros/components/__init__.py",
    ),
    "too-many-items-for-one-printed-page": (
        "items:\n" + "".join(f"  - id: item-{n}\n    text: Item {n}\n" for n in range(13)),
        'checklist.yml, line 1: "items" has 13 entries; at most 12 are allowed',
    ),
    "a-key-given-twice": (OK + "    text: Again\n", 'checklist.yml, line 6, item 2: the field "text" is given twice'),
    "yaml-syntax": (THIRD + "    text: [unclosed\n", "checklist.yml, line …item 3…YAML syntax:"),
    "not-utf8": (
        THIRD.encode() + "    text: Caf\xe9\n".encode("latin-1"),
        "checklist.yml, line 7: the file is not UTF-8 text (byte 0xe9); save it as UTF-8",
    ),
    "billion-laughs": (BILLION_LAUGHS, f"checklist.yml, line 1: {ALIASES}"),
    **{
        f"a-text-starting-with-{start}": (
            THIRD + f"    text: {start}more calm\n",
            f"checklist.yml, line 7, item 3: {ALIASES}",
        )
        for start in "&*"
    },
    "deep-nesting": (  # one level too deep: the file's three (a mapping, its list, an item) and eight lists
        "items:\n  - id: deep\n    text: " + "[" * 8 + "]" * 8 + "\n",
        "checklist.yml, line 3, item 1: the data is nested more than 10 levels deep; check the indentation",
    ),
    "over-the-size-limit": (  # 1 KiB a line: the last comment line crosses the limit
        OK + ("# " + "x" * 1021 + "\n") * KIB,
        f"checklist.yml, line {OK.count(chr(10)) + KIB}: the file is larger than {KIB} KiB, "
        "the most a data file may hold; it reaches the limit on this line",
    ),
    "a-hash-that-would-cut-a-text-short": (
        THIRD + "    text: Be my #1 priority\n",
        'checklist.yml, line 7, item 3: a " #" ends this value and starts a comment…quotes',
    ),
    "a-key-without-its-colon": (
        THIRD + "    text Be calm\n",
        "checklist.yml, line 7, item 3: YAML syntax: could not find expected ':'; write the key with its colon, as in key: value",
    ),
    "a-key-that-lost-its-colon-is-no-colon-in-a-text": (
        "items\n  - id: first\n    text: First\n",
        "checklist.yml, line 2, item 1: YAML syntax: mapping values are not allowed in this context; check this "
        "line's indentation (an item's fields line up under its first) and that the key above ends with a colon",
    ),
    "an-impossible-date": (
        THIRD + "    text: 2024-02-30\n",
        "checklist.yml, line 7, item 3: YAML reads 2024-02-30 as a date…put the text in quotes",
    ),
    "steps-unknown-field": (
        "steps:\n  - id: a\n    text: A\n    qualifer: typo\n",
        'steps.yml, line 4, item 1 (id "a"): unknown field "qualifer" (the fields are: id, text, qualifier)',
    ),
    "a-pair-without-its-dont": (
        "caption: C\npairs:\n  - do: A\n",
        'dos_and_donts.yml, line 3, item 1: missing field "dont"',
    ),
    "a-markdown-link-in-a-text": (
        THIRD + "    text: Read [the answers](faq.md) first\n",
        'checklist.yml, line 7, item 3 (id "third"): "text" holds a Markdown link, [the answers](faq.md), which the '
        "list shows as written: write the words alone",
    ),
    "no-caption": ("pairs:\n  - do: A\n    dont: B\n", 'dos_and_donts.yml, line 1: missing field "caption"'),
    **{
        f"slip-{name}": (f"{THIRD}{item}\n", f"checklist.yml, line 7, item 3: YAML syntax: …; …{advice}")
        for name, (item, advice) in SLIPS.items()
    },
}


@pytest.mark.parametrize(("content", "expected"), BROKEN.values(), ids=BROKEN)
def test_a_broken_data_file_names_its_file_line_item_and_what_to_do(data_dir, content, expected):
    write(data_dir, expected.partition(",")[0].partition(":")[0], content)
    with pytest.raises(GuideDataError) as caught:
        load_guide_data(data_dir)
    problem = caught.value.problem
    assert problem.kind == DATA and str(caught.value) == str(problem)
    message = str(problem).removeprefix(f"{DATA}: ")  # "Guide data error: ", which every problem of a data file has
    start, *parts = expected.split("…")
    assert message.startswith(f"{data_dir}/{start}") and all(part in message for part in parts), message
    assert parts or message == f"{data_dir}/{start}", message
    assert message.count("; ") <= 1, message  # one piece of advice, never a list of guesses


def test_the_data_check_grows_with_the_file_and_reports_at_most_a_screenful(data_dir, monkeypatch):
    """16,000 broken steps once took 103 s a check (each validated again with every step after it): counted as
    the items the validator is given, never timed."""
    import fastjsonschema

    given = []
    compile_schema = fastjsonschema.compile

    def counting(schema, *arguments, **options):
        validate = compile_schema(schema, *arguments, **options)

        def counted(value):
            lists = [v for v in value.values() if isinstance(v, list)] if isinstance(value, dict) else []
            given.append(1 + sum(map(len, lists)))
            return validate(value)

        return counted

    monkeypatch.setattr(guide_data.fastjsonschema, "compile", counting)
    count = 2000
    write(data_dir, "steps.yml", "steps:\n" + "".join(f"  - id: Bad{n}\n    text: step {n}\n" for n in range(count)))
    _, _, problems = guide_data.data_file_problems(data_dir, "steps")
    assert sum(given) <= 3 * count, f"{sum(given)} items validated for {count}"
    assert len(problems) == guide_data.MAX_PROBLEMS + 1
    assert problems[-1].what.endswith(f"and {count + 1 - guide_data.MAX_PROBLEMS} more problems"), problems[-1]


def test_every_list_of_every_schema_has_a_most():
    def arrays(node, path=()):
        if isinstance(node, dict):
            kinds = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
            if "array" in kinds and "maxItems" not in node:
                yield "/".join(map(str, path))
            open_object = "additionalProperties" in node and node["additionalProperties"] is not False
            if "object" in kinds and open_object and "maxProperties" not in node:
                yield "/".join(map(str, path))
            for key, value in node.items():
                yield from arrays(value, (*path, key))

    for schema in schema_files():
        assert list(arrays(json.loads(schema.read_text("utf-8")))) == [], schema
