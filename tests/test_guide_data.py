"""Data layer: the real data files load, and every kind of broken file gives one clear message."""

import pytest

from macros.components import COMPONENTS
from macros.guide_data import GuideDataError, load_guide_data
from macros.problems import DATA
from site_build import ROOT, copy_test_data, schema_files
from site_build import read_data as real

DATA_DIR = ROOT / "docs" / "data"


@pytest.fixture
def data_dir(tmp_path):
    """The data of the tests' own project, with the site's schemas: for tests that change or break it."""
    copy_test_data(tmp_path / "data")
    return tmp_path / "data"


def write(data_dir, name, content):
    path = data_dir / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def error_for(data_dir):
    """The first problem, printed, after its kind ("Guide data error: "), which every one of them has."""
    with pytest.raises(GuideDataError) as caught:
        load_guide_data(data_dir)
    problem = caught.value.problem
    assert problem.kind == DATA and str(caught.value) == str(problem)
    return str(problem).removeprefix(f"{DATA}: ")


def test_real_data_loads_as_the_files_hold_it_one_document_a_component():
    data = load_guide_data(DATA_DIR)
    assert data == {component.name: real(component.data_file) for component in COMPONENTS}


def test_a_step_keeps_its_qualifier_as_its_own_field(data_dir):
    write(
        data_dir,
        "steps.yml",
        "steps:\n  - id: wait\n    text: Wait\n    qualifier: or longer\n  - id: go\n    text: Go\n",
    )
    steps = load_guide_data(data_dir)["steps"]["steps"]
    assert [(s["text"], s.get("qualifier")) for s in steps] == [("Wait", "or longer"), ("Go", None)]


CHECKLIST_OK = "items:\n  - id: first\n    text: One\n  - id: second\n    text: Two\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "items:\n  - id: first\n    text: One\n  - id: second\n",
            'checklist.yml, line 4, item 2 (id "second"): missing field "text"',
        ),
        (
            'items:\n  - id: first\n    text: ""\n',
            'checklist.yml, line 3, item 1 (id "first"): "text" is empty',
        ),
        (
            "items:\n  - id: first\n    text:\n",
            'checklist.yml, line 3, item 1 (id "first"): "text" is empty',
        ),
        (
            "items:\n  - id: first\n    text: '   '\n",
            'checklist.yml, line 3, item 1 (id "first"): "text" is empty',
        ),
        (
            "items:\n  - id: first\n    text: 42\n",
            'checklist.yml, line 3, item 1 (id "first"): "text" should be text, not a number (42): YAML reads some texts, such as 12:30, as numbers; put the text in quotes',
        ),
        (
            "items:\n  - id: first\n    text: One\n    txt: Two\n",
            'checklist.yml, line 4, item 1 (id "first"): unknown field "txt" (the fields are: id, text)',
        ),
        (
            CHECKLIST_OK + "  - id: first\n    text: Three\n",
            'checklist.yml, line 6, item 3 (id "first"): id "first" is already used by item 1; every id must be unique',
        ),
        (
            "items:\n  - id: Bad Id\n    text: One\n",
            'checklist.yml, line 2, item 1 (id "Bad Id"): "id" "Bad Id" is badly formed:',
        ),
        (
            "items: []\n",
            'checklist.yml, line 1: "items" is an empty list: it needs at least 1 entry',
        ),
        (
            "items:\n  - One\n",
            'checklist.yml, line 2, item 1: "items" should be a set of fields (name: value), not the text "One"',
        ),
        (
            "itemz:\n  - id: first\n    text: One\n",
            'checklist.yml, line 1: missing field "items" (is "itemz" a misspelling of it?)',
        ),
        ("", "checklist.yml, line 1: the file is empty"),
    ],
    ids=[
        "missing-field",
        "empty-string",
        "null-value",
        "blank-string",
        "wrong-type",
        "unknown-field",
        "duplicate-id",
        "badly-formed-id",
        "empty-list",
        "item-not-a-mapping",
        "misspelt-list",
        "empty-file",
    ],
)
def test_a_broken_checklist_names_file_line_item_and_problem(data_dir, content, expected):
    path = write(data_dir, "checklist.yml", content)
    message = error_for(data_dir)
    assert message.startswith(str(path))
    assert expected in message


def test_a_duplicated_key_is_an_error_not_a_silent_overwrite(data_dir):
    path = write(data_dir, "checklist.yml", CHECKLIST_OK + "    text: Again\n")
    message = error_for(data_dir)
    assert message == f'{path}, line 6, item 2: the field "text" is given twice'


def test_yaml_syntax_error_names_line_and_item(data_dir):
    path = write(data_dir, "checklist.yml", CHECKLIST_OK + "  - id: third\n    text: [unclosed\n")
    message = error_for(data_dir)
    assert message.startswith(f"{path}, line ")
    assert "item 3" in message and "YAML syntax:" in message


def test_a_file_that_is_not_utf8_names_its_line(data_dir):
    path = write(
        data_dir, "checklist.yml", CHECKLIST_OK.encode() + "  - id: third\n    text: Caf\xe9\n".encode("latin-1")
    )
    assert error_for(data_dir) == f"{path}, line 7: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"


def test_a_missing_file_is_named(data_dir):
    (data_dir / "steps.yml").unlink()
    assert error_for(data_dir) == (
        f"{data_dir / 'steps.yml'}: the file is missing: write it, or remove its component from macros/components/__init__.py"
    )


def test_steps_reject_an_unknown_field_and_a_duplicate_id(data_dir):
    write(data_dir, "steps.yml", "steps:\n  - id: a\n    text: A\n    qualifer: typo\n")
    assert 'line 4, item 1 (id "a"): unknown field "qualifer" (the fields are: id, text, qualifier)' in error_for(
        data_dir
    )
    write(data_dir, "steps.yml", "steps:\n  - id: a\n    text: A\n  - id: a\n    text: B\n")
    assert 'line 4, item 2 (id "a"): id "a" is already used by item 1' in error_for(data_dir)


def test_dos_and_donts_need_both_sides_and_a_caption(data_dir):
    write(data_dir, "dos_and_donts.yml", "caption: C\npairs:\n  - do: A\n")
    assert 'dos_and_donts.yml, line 3, item 1: missing field "dont"' in error_for(data_dir)
    write(data_dir, "dos_and_donts.yml", "pairs:\n  - do: A\n    dont: B\n")
    assert 'dos_and_donts.yml, line 1: missing field "caption"' in error_for(data_dir)


def test_too_many_checklist_items_for_one_printed_page(data_dir):
    items = "".join(f"  - id: item-{n}\n    text: Item {n}\n" for n in range(13))
    write(data_dir, "checklist.yml", "items:\n" + items)
    assert '"items" has 13 entries; at most 12 are allowed' in error_for(data_dir)


def test_parse_yaml_keeps_the_line_of_every_key_and_item():
    from macros.yaml_lines import parse_yaml

    document, lines = parse_yaml("items:\n  - id: a\n    text: A\n\n  - id: b\n    text: B\n")
    assert document == {"items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]}
    assert lines[("items",)] == 1
    assert lines[("items", 1)] == 5 and lines[("items", 1, "text")] == 6


# Nine lines whose aliases expand to 9**9 strings: read naively, the build runs for minutes.
BILLION_LAUGHS = (ROOT / "tests" / "fixtures" / "billion-laughs.yml").read_text("utf-8")


def test_billion_laughs_is_refused_at_its_first_anchor(data_dir):
    assert len(BILLION_LAUGHS.splitlines()) == 9
    path = write(data_dir, "checklist.yml", BILLION_LAUGHS)
    assert error_for(data_dir) == (
        f"{path}, line 1: YAML anchors and aliases (&name, *name) are not allowed in data files; "
        "write the value out in full (to start a text with & or *, put the whole text in quotes)"
    )


def test_an_alias_is_refused_on_its_own_line_and_item(data_dir):
    path = write(data_dir, "checklist.yml", CHECKLIST_OK + "  - id: third\n    text: *reused\n")
    assert error_for(data_dir).startswith(f"{path}, line 7, item 3: YAML anchors and aliases")


def test_deep_nesting_is_refused_rather_than_crashing_the_build(data_dir):
    path = write(data_dir, "checklist.yml", "items:\n  - id: deep\n    text: " + "[" * 500 + "]" * 500 + "\n")
    assert (
        error_for(data_dir)
        == f"{path}, line 3, item 1: the data is nested more than 10 levels deep; check the indentation"
    )


def test_a_file_over_the_size_limit_is_refused_naming_the_line_that_reaches_it(data_dir):
    from macros.guide_data import MAX_FILE_BYTES

    comment = "# " + "x" * 1021 + "\n"  # 1 KiB a line
    path = write(data_dir, "checklist.yml", CHECKLIST_OK + comment * (MAX_FILE_BYTES // 1024))
    line = CHECKLIST_OK.count("\n") + MAX_FILE_BYTES // 1024  # the last comment line crosses the limit
    assert error_for(data_dir) == (
        f"{path}, line {line}: the file is larger than {MAX_FILE_BYTES // 1024} KiB, "
        "the most a data file may hold; it reaches the limit on this line"
    )


def test_a_file_of_exactly_the_size_limit_is_read(data_dir):
    from macros.guide_data import MAX_FILE_BYTES

    padding = MAX_FILE_BYTES - len(CHECKLIST_OK.encode()) - 2
    write(data_dir, "checklist.yml", CHECKLIST_OK + "#" + "x" * padding + "\n")
    assert [item["id"] for item in load_guide_data(data_dir)["checklist"]["items"]] == ["first", "second"]


def test_a_hash_that_would_cut_a_text_short_is_an_error_not_a_lost_half(data_dir):
    path = write(data_dir, "checklist.yml", CHECKLIST_OK + "  - id: third\n    text: Be my #1 priority\n")
    message = error_for(data_dir)
    assert message.startswith(f'{path}, line 7, item 3: a " #" ends this value and starts a comment')
    assert "quotes" in message
    write(data_dir, "checklist.yml", CHECKLIST_OK + '  - id: third\n    text: "Be my #1 priority"\n')
    assert load_guide_data(data_dir)["checklist"]["items"][-1]["text"] == "Be my #1 priority"


def test_a_key_without_its_colon_is_named_on_its_own_line(data_dir):
    path = write(data_dir, "checklist.yml", CHECKLIST_OK + "  - id: third\n    text Be calm\n")
    assert error_for(data_dir) == (
        f"{path}, line 7, item 3: YAML syntax: could not find expected ':'; write the key with its colon, as in key: value"
    )


@pytest.mark.parametrize(
    "item, line, advice",
    [
        ("    text: Note: stay calm", 7, "a text with a colon and a space in it must be in quotes"),
        (
            '    text: "stay calm\n  - id: fourth\n    text: be kind',
            7,
            "a quote opens on this line and is never closed",
        ),
        ("    text: 'it's over'", 7, "put the whole text in double quotes"),
        ('    text: "Wait" 3 months', 7, "put the whole text in single quotes"),
        ("    text: @home first", 7, 'a text that starts with "@" must be in quotes'),
        ("    text: `code` first", 7, 'a text that starts with "`" must be in quotes'),
        ("    text: !Important first", 7, 'a text that starts with "!" must be in quotes'),
        ("    text: | first", 7, 'a text that starts with "|" must be in quotes'),
        ("    text: %done", 7, 'a text that starts with "%" must be in quotes'),
        ("    text: [draft] stay calm", 7, 'a text that starts with "[" must be in quotes'),
        ("      text: stay calm", 7, "check this line's indentation"),
        ("     text: stay calm", 7, "check this line's indentation"),
        ("   text: stay calm", 7, "check this line's indentation"),
    ],
    ids=[
        "colon",
        "unclosed-quote",
        "apostrophe",
        "text-after-quote",
        "bracket",
        "indent-6",
        "indent-5",
        "indent-3",
        "at",
        "backtick",
        "tag",
        "bar",
        "percent",
    ],
)
def test_a_yaml_slip_in_a_text_says_what_to_do_on_the_texts_line(data_dir, item, line, advice):
    path = write(data_dir, "checklist.yml", CHECKLIST_OK + f"  - id: third\n{item}\n")
    message = error_for(data_dir)
    assert message.startswith(f"{path}, line {line}, item 3: YAML syntax: "), message
    assert advice in message, message
    assert message.count("; ") == 1, message  # one piece of advice, not a list of guesses


@pytest.mark.parametrize("start", ["&", "*"])
def test_a_text_starting_with_an_anchor_or_alias_sign_is_told_to_be_quoted(data_dir, start):
    write(data_dir, "checklist.yml", CHECKLIST_OK + f"  - id: third\n    text: {start}more calm\n")
    assert "to start a text with & or *, put the whole text in quotes" in error_for(data_dir)


def test_a_key_that_lost_its_colon_is_not_mistaken_for_a_colon_in_a_text(data_dir):
    write(data_dir, "checklist.yml", "items\n  - id: first\n    text: First\n")
    message = error_for(data_dir)
    assert "must be in quotes" not in message and "the key above ends with a colon" in message, message


def test_a_text_yaml_reads_as_an_impossible_date_is_an_error_on_its_line_not_a_traceback(data_dir):
    path = write(data_dir, "checklist.yml", CHECKLIST_OK + "  - id: third\n    text: 2024-02-30\n")
    message = error_for(data_dir)
    assert message.startswith(f"{path}, line 7, item 3: YAML reads 2024-02-30 as a date"), message
    assert "put the text in quotes" in message


def test_a_text_yaml_reads_as_a_number_is_told_to_be_quoted(data_dir):
    path = write(data_dir, "checklist.yml", CHECKLIST_OK + "  - id: third\n    text: 12:30\n")
    message = error_for(data_dir)
    assert message.startswith(f'{path}, line 7, item 3 (id "third"): '), message
    assert "a number (750): " in message and "put the text in quotes" in message, message


def test_the_data_check_grows_with_the_file_and_reports_at_most_a_screenful(data_dir, monkeypatch):
    """16,000 broken steps once took 103 s a check: each was validated again with every step after it. Counted
    as the items the validator is given, never timed (machines here are shared)."""
    import fastjsonschema

    from macros import guide_data

    given = []
    compile_schema = fastjsonschema.compile

    def counting(schema, *arguments, **options):
        validate = compile_schema(schema, *arguments, **options)

        def counted(value):
            given.append(
                1 + sum(len(v) for v in value.values() if isinstance(v, list)) if isinstance(value, dict) else 1
            )
            return validate(value)

        return counted

    monkeypatch.setattr(guide_data.fastjsonschema, "compile", counting)
    count = 2000
    write(data_dir, "steps.yml", "steps:\n" + "".join(f"  - id: Bad{n}\n    text: step {n}\n" for n in range(count)))
    _, _, problems = guide_data.data_file_problems(data_dir, "steps")
    assert sum(given) <= 3 * count, f"{sum(given)} items validated for {count}"
    assert len(problems) == guide_data.MAX_PROBLEMS + 1
    assert problems[-1].what.endswith(f"and {count + 1 - guide_data.MAX_PROBLEMS} more problems"), problems[-1]


def test_every_list_of_every_schema_has_a_most(tmp_path):
    import json

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
