"""The check both builds run first (scripts/check_guide.py, `make check`): every mistake in the guide's sources
at once, and what readers depend on (docs/data/published.yml) kept. On the tests' own project."""

import contextlib
import json
import re
import shutil
import subprocess
import sys

import pytest

from macros.problems import Problem
from scripts.check_guide import all_problems, report
from site_build import ROOT, SITE_EPOCH, SOURCES, copy_project, copy_test_project, read_test_data


class Printed(str):
    """A problem as the check prints it, with its value (macros/problems.py) beside: tests read the value's
    fields, never the line back."""

    problem: Problem


def run_check(project, against: str | None = None) -> tuple[int, list[Printed]]:
    """The check on a project, in this process, as run from the project's folder: its problems' values."""
    with contextlib.chdir(project):
        problems = all_problems(project / "mkdocs.yml", against)
    return (1 if problems else 0), [printed(problem) for problem in problems]


def check(project) -> list[Printed]:
    return run_check(project)[1]


def check_cli(project) -> list[Printed]:
    """`make check`'s first step on a project, as a contributor runs it: its problems, given as fields (--json)."""
    shutil.copytree(
        ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True
    )
    result = subprocess.run(
        [sys.executable, "-m", "scripts.check_guide", "--json"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert "Traceback" not in result.stderr, result.stderr
    problems = [Problem(**{k: v for k, v in fields.items() if k != "shown"}) for fields in json.loads(result.stdout)]
    assert [str(problem) for problem in problems] == [fields["shown"] for fields in json.loads(result.stdout)]
    assert result.returncode == (1 if problems else 0), result.stderr
    return [printed(problem) for problem in problems]


OURS = ("macros", "scripts")


def check_own_code(project) -> list[Printed]:
    """The check as the project's own code runs it (for the tests that change a component's code), in this
    process: the project's macros/ and scripts/ stand in for ours during the call."""
    shutil.copytree(
        ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True
    )
    ours = {name: module for name, module in sys.modules.items() if name.partition(".")[0] in OURS}
    for name in ours:
        del sys.modules[name]
    sys.path.insert(0, str(project))
    try:
        from scripts.check_guide import all_problems as its_check

        with contextlib.chdir(project):
            return [printed(problem) for problem in its_check(project / "mkdocs.yml", None)]
    finally:
        sys.path.remove(str(project))
        for name in [name for name in sys.modules if name.partition(".")[0] in OURS]:
            del sys.modules[name]
        sys.modules.update(ours)


def printed(problem: Problem) -> Printed:
    line = Printed(str(problem))
    line.problem = problem
    return line


def edit(path, before, after):
    text = path.read_text("utf-8")
    assert before in text, f"{before!r} not in {path.name}"
    path.write_text(text.replace(before, after, 1), encoding="utf-8")


def place(printed: Printed) -> tuple[str, int]:
    return printed.problem.place


@pytest.fixture
def project(tmp_path):
    return copy_test_project(tmp_path / "project", SOURCES)


def test_the_tests_project_passes_the_check(project):
    assert check(project) == []


def test_every_mistake_is_reported_at_once_in_file_and_line_order(project):
    data, docs = project / "docs" / "data", project / "docs"
    items = read_test_data("checklist.yml")["items"]
    edit(data / "checklist.yml", f"text: {items[1]['text']}", 'text: ""')
    edit(data / "checklist.yml", f"text: {items[3]['text']}", "txt: A misspelt field")
    edit(data / "steps.yml", "steps:\n", "steps:\n  - id: extra\n")  # an item without its text
    edit(docs / "faq.md", "\n## ", "\nSee {{ steps() }} here.\n\n## ")
    edit(docs / "timing.md", "description:", "description: Timing: when")
    problems = check(project)
    places = [place(problem) for problem in problems]
    assert places == sorted(places)
    files = [file for file, _ in places]
    assert files == sorted(files) and set(files) == {
        "docs/data/checklist.yml",
        "docs/data/steps.yml",
        "docs/faq.md",
        "docs/timing.md",
    }, problems
    assert sum("checklist.yml" in file for file, _ in places) == 2
    assert any('"text" is empty' in p for p in problems) and any(
        '(is "txt" a misspelling of it?)' in p for p in problems
    )
    assert any("docs/faq.md" in p and "shares its line" in p for p in problems)
    assert any("docs/timing.md, line 2" in p for p in problems)
    assert any('missing field "text"' in p for p in problems)


def test_a_yaml_syntax_error_is_its_files_one_problem_and_the_other_files_are_still_checked(project):
    edit(project / "docs" / "data" / "steps.yml", "steps:", "steps: [")
    edit(project / "docs" / "faq.md", "\n## ", "\nSee {{ steps() }} here.\n\n## ")
    problems = check(project)
    assert [place(p)[0] for p in problems] == ["docs/data/steps.yml", "docs/faq.md"], problems
    assert "YAML syntax" in problems[0]


def test_a_renamed_id_stops_the_check_until_it_is_kept_or_retired(project):
    record = project / "docs" / "data" / "published.yml"
    last = read_test_data("checklist.yml")["items"][-1]["id"]
    edit(project / "docs" / "data" / "checklist.yml", f"id: {last}", "id: renamed")
    problems = check(project)
    gone = next(p for p in problems if f'id "{last}" was published' in p)
    file, line = place(gone)
    assert file == "docs/data/published.yml" and record.read_text("utf-8").splitlines()[line - 1].strip() == f"- {last}"
    assert "move this line under checklist: retired:" in gone
    new = next(p for p in problems if 'id "renamed" is new' in p)
    # Doing what they say: the old id retired, the new one recorded with the line printed.
    added = re.search(r'add the line "([^"]+)"', new)[1]
    lines = record.read_text("utf-8").splitlines(keepends=True)
    moved = lines.pop(line - 1)  # "move this line under checklist: retired:"
    retired = next(n for n, text in enumerate(lines) if n > line - 2 and text.startswith("  retired:"))
    lines.insert(retired + 1, moved)
    record.write_text("".join(lines), encoding="utf-8")
    edit(record, "\nchecklist:\n  published:\n", f"\nchecklist:\n  published:\n{added}\n")
    assert check(project) == []
    edit(project / "docs" / "data" / "checklist.yml", "id: renamed", f"id: {last}")
    problems = check(project)
    assert any(f'id "{last}" was retired' in p for p in problems), problems


def test_a_new_item_needs_only_the_line_the_check_prints(project):
    checklist = project / "docs" / "data" / "checklist.yml"
    checklist.write_text(checklist.read_text("utf-8") + "  - id: added\n    text: Something new\n", encoding="utf-8")
    [problem] = check(project)
    assert place(problem) == ("docs/data/checklist.yml", len(checklist.read_text("utf-8").splitlines()) - 1)
    line = re.search(r'add the line "([^"]+)" under checklist: published: in docs/data/published.yml', problem)[1]
    edit(
        project / "docs" / "data" / "published.yml",
        "\nchecklist:\n  published:\n",
        f"\nchecklist:\n  published:\n{line}\n",
    )
    assert check(project) == []


def test_a_renamed_page_needs_a_redirect_from_its_old_address(project):
    (project / "docs" / "faq.md").rename(project / "docs" / "questions.md")
    edit(project / "mkdocs.yml", ": faq.md\n", ": questions.md\n")
    problems = check(project)
    assert any("page faq.md was published" in p and "docs/data/published.yml" in p for p in problems), problems
    new = next(p for p in problems if "page questions.md is new" in p)
    assert place(new)[0] == "mkdocs.yml"
    record = project / "docs" / "data" / "published.yml"
    added = re.search(r'add the line "([^"]+)"', new)[1]
    edit(record, "  # An old page", f"{added}\n  # An old page")
    edit(record, "  redirects:\n", "  redirects:\n    faq.md: questions.md\n")
    assert check(project) == []
    edit(record, "\n    faq.md: questions.md", "\n    faq.md: gone.md")
    assert any("leads to gone.md, which is not a page in the nav" in p for p in check(project))


def test_a_mistake_in_the_record_itself_is_one_line_with_its_line(project):
    edit(project / "docs" / "data" / "published.yml", "\npages:", "\npagez:")
    [problem] = check(project)
    assert place(problem)[0] == "docs/data/published.yml"
    assert 'missing field "pages" (is "pagez" a misspelling of it?)' in problem


def test_a_page_and_the_nav_must_agree(project):
    (project / "docs" / "faq.md").rename(project / "docs" / "questions.md")
    problems = check(project)
    assert any(p.startswith("Page error: docs/questions.md, line 1: the page is not in the nav") for p in problems)
    gone = next(p for p in problems if "the nav lists faq.md, and there is no docs/faq.md" in p)
    file, line = place(gone)
    assert file == "mkdocs.yml" and "faq.md" in (project / "mkdocs.yml").read_text("utf-8").splitlines()[line - 1]


def test_a_page_listed_twice_in_the_nav_is_a_problem_on_the_second_line(project):
    config = project / "mkdocs.yml"
    heading = next(line for line in (project / "docs" / "faq.md").read_text("utf-8").splitlines() if line[:2] == "# ")
    edit(config, "\nnav:\n", f"\nnav:\n  - {heading[2:]}: faq.md\n")
    [twice] = check(project)
    lines = config.read_text("utf-8").splitlines()
    first = lines.index(f"  - {heading[2:]}: faq.md") + 1
    assert place(twice)[0] == "mkdocs.yml" and place(twice)[1] > first and "faq.md" in lines[place(twice)[1] - 1]
    assert "twice" in twice


@pytest.mark.parametrize(
    ("mistake", "said"),
    [
        ("whole_guide: [whole-guide.md]", "whole_guide names one page"),
        ("whole_guide: nowhere.md", "whole_guide names nowhere.md, which is not in the nav"),
    ],
)
def test_the_whole_guide_setting_names_one_page_of_the_nav(project, mistake, said):
    config = project / "mkdocs.yml"
    edit(config, "whole_guide: whole-guide.md", mistake)
    [problem] = check(project)
    assert said in problem and place(problem) == ("mkdocs.yml", _line_of(config, mistake))


def test_a_whole_guide_page_missing_or_with_broken_front_matter_is_one_line_not_a_traceback(project):
    page = project / "docs" / "whole-guide.md"
    page.write_text(page.read_text("utf-8").replace("description: ", "description: The whole guide: "), "utf-8")
    problems = check(project)
    assert [place(p)[0] for p in problems] == ["docs/whole-guide.md"] and "YAML" in problems[0]
    page.unlink()
    problems = check(project)
    assert any("there is no docs/whole-guide.md" in p for p in problems), problems


def test_the_whole_guide_page_stays_out_of_search(project):
    page = project / "docs" / "whole-guide.md"
    page.write_text(page.read_text("utf-8").replace("search:\n  exclude: true\n", ""), "utf-8")
    [problem] = check(project)
    assert place(problem) == ("docs/whole-guide.md", 1) and "search: exclude: true" in problem


def _line_of(path, text):
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def test_each_list_is_shown_once_on_the_site(project):
    page = project / "docs" / "timing.md"
    page.write_text(page.read_text("utf-8") + "\n{{ checklist() }}\n", encoding="utf-8")
    [problem] = check(project)
    assert place(problem) == ("docs/timing.md", len(page.read_text("utf-8").splitlines()))
    assert "{{ checklist() }} is already shown at docs/checklist.md, line " in problem


def test_a_site_dir_in_the_settings_is_a_problem_on_its_line(project):
    config = project / "mkdocs.yml"
    edit(config, "docs_dir: docs\n", "docs_dir: docs\nsite_dir: public\n")
    [problem] = check(project)
    assert place(problem) == ("mkdocs.yml", config.read_text("utf-8").splitlines().index("site_dir: public") + 1)
    assert problem.endswith("remove site_dir")


def test_a_registered_component_without_its_template_is_a_problem_naming_the_file_to_write(project):
    registry = project / "macros" / "components" / "__init__.py"
    edit(registry, "\n)\n", '\n    Component("throwaway", items="questions", edit_text="Edit the questions"),\n)\n')
    problems = check_own_code(project)
    [missing] = [problem for problem in problems if "template" in problem]
    assert place(missing)[0] == "macros/components/__init__.py"
    assert missing.endswith("has no template: write macros/components/throwaway/template.html")
    assert any("docs/data/throwaway.yml" in problem and "missing" in problem for problem in problems)


def test_a_components_folder_not_yet_registered_is_said_so(project):
    (project / "macros" / "components" / "questions").mkdir()
    [problem] = check_own_code(project)
    assert place(problem)[0] == "macros/components/questions" and "no component's" in problem, problem
    assert "macros/components/__init__.py" in problem


def registry_entry(project, entry):
    edit(project / "macros" / "components" / "__init__.py", "\n)\n", f"\n    {entry},\n)\n")


def test_a_component_half_added_is_told_what_it_still_needs_with_no_traceback(project):
    data = project / "docs" / "data"
    (data / "throwaway.yml").write_text("questions:\n  - id: one\n    question: Q?\n", encoding="utf-8")
    problems = check_cli(project)
    assert any(p.startswith("Guide data error: docs/data/throwaway.yml, line 1: no component shows") for p in problems)
    registry_entry(project, 'Component("throwaway", items="question", edit_text="Edit the questions", output="md")')
    problems = check_own_code(project)
    entry = (
        (project / "macros" / "components" / "__init__.py")
        .read_text("utf-8")
        .splitlines()
        .index('    Component("throwaway", items="question", edit_text="Edit the questions", output="md"),')
    )
    registry = [p for p in problems if p.startswith(f"Guide error: macros/components/__init__.py, line {entry + 1}: ")]
    assert any('output="md" is not "html" or "markdown"' in p for p in registry), problems
    assert any("no page shows {{ throwaway() }}" in p for p in registry), problems
    assert any("macros/components/throwaway/schema.json, is missing" in p for p in problems), problems


def test_a_template_that_cannot_show_its_data_is_named_with_its_line(project):
    template = project / "macros" / "components" / "steps" / "template.html"
    edit(template, "{{ step.text }}", "{{ step.txt }}")
    [problem] = check_own_code(project)
    line = next(n for n, row in enumerate(template.read_text("utf-8").splitlines(), 1) if "step.txt" in row)
    assert problem.startswith(
        f"Guide error: macros/components/steps/template.html, line {line}: it cannot show steps.yml"
    ), problem
    edit(template, "{{ step.txt }}", "{% for x in y %}")
    [problem] = check_own_code(project)
    assert problem.startswith("Guide error: macros/components/steps/template.html, line "), problem


def test_a_schema_that_is_not_json_is_named_with_its_line(project):
    schema = project / "macros" / "components" / "steps" / "schema.json"
    schema.write_text(schema.read_text("utf-8").replace('"type": "object",', '"type": "object"', 1), "utf-8")
    [problem] = check_own_code(project)
    assert re.match(
        r"Guide data error: macros/components/steps/schema\.json, line \d+: the schema of steps\.yml", problem
    )


def test_the_ids_of_a_new_kept_component_are_asked_for_in_one_round(project):
    record = project / "docs" / "data" / "published.yml"
    text = record.read_text("utf-8")
    record.write_text(text[: text.index("\nsteps:\n") + 1], encoding="utf-8")  # steps' ids never recorded
    problems = check(project)
    heading = [p for p in problems if "the ids of steps.yml are not recorded" in p]
    lines = re.findall(r'add the line "    - ([^"]+)" under steps: published:', "\n".join(problems))
    assert heading and lines == [step["id"] for step in read_test_data("steps.yml")["steps"]], problems


def test_a_template_that_drops_the_anchors_readers_depend_on_is_stopped(project):
    edit(
        project / "macros" / "components" / "steps" / "template.html",
        'id="step-{{ step.id }}"',
        'id="step-{{ loop.index }}"',
    )
    [problem] = check_own_code(project)
    first = read_test_data("steps.yml")["steps"][0]["id"]
    assert problem.startswith("Guide error: macros/components/steps/template.html: readers link to its items by id"), (
        problem
    )
    assert f'no anchor for "{first}"' in problem


def test_a_field_the_data_does_not_have_is_named_with_the_fields_it_has(project):
    edit(project / "macros" / "components" / "steps" / "template.html", "{{ step.text }}", "{{ step.txt }}")
    [problem] = check_own_code(project)
    assert problem.endswith('the data has no field "txt"; its items\' fields are: id, qualifier, text'), problem


@pytest.mark.parametrize(
    ("script", "said"),
    [
        ("../../../README.md", "is not the name of a .js file in macros/components/steps"),
        ("gone.js", "its script, macros/components/steps/gone.js, is missing"),
        ("linked.js", "is a symbolic link: the build would publish what it points at"),
        ("taken.js", "would be published at assets/taken.js, over docs/assets/taken.js"),
    ],
)
def test_a_components_script_is_a_file_of_its_folder_published_over_nothing(project, script, said):
    folder = project / "macros" / "components" / "steps"
    (folder / "linked.js").symlink_to(ROOT / "README.md")
    for taken in (folder / "taken.js", project / "docs" / "assets" / "taken.js"):  # a name the site's own file has
        taken.write_text("", encoding="utf-8")
    registry = folder.parent / "__init__.py"
    edit(registry, 'edit_text="Edit the steps",', f'edit_text="Edit the steps", script="{script}",')
    [problem] = check_own_code(project)
    assert place(problem) == ("macros/components/__init__.py", _line_of(registry, f'script="{script}"'))
    assert said in problem, problem


def test_a_component_name_that_cannot_be_a_macro_is_said_so(project):
    registry_entry(project, 'Component("q-and-a", items="questions", edit_text="Edit the questions")')
    problems = check_own_code(project)
    assert any('"q-and-a" cannot be a macro\'s name' in problem for problem in problems), problems


def against_main(project, *changes, gone=None):
    """The check of a pull request against its target branch: the project committed as `main`, then changed."""
    who = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@a", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@a"}
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "main"]):
        subprocess.run(["git", *command], cwd=project, check=True, env={"PATH": "/usr/bin:/bin", **who})
    for path, before, after in changes:
        edit(project / path, before, after)
    if gone:
        (project / gone).unlink()
    return run_check(project, "main")


RECORD = "docs/data/published.yml"


def test_a_page_dropped_from_the_record_with_the_nav_is_refused_against_the_target_branch(tmp_path):
    """Taken out of the nav and the record in one pull request, a page passes the check of the sources alone."""
    changes = [
        ("mkdocs.yml", "  - Choose the Right Timing and Approach: timing.md\n", ""),
        (RECORD, "    - timing.md\n", ""),
    ]
    project = copy_test_project(tmp_path / "alone" / "project", SOURCES)
    (project / "docs" / "timing.md").unlink()
    for path, before, after in changes:
        edit(project / path, before, after)
    assert check(project) == [], "the sources alone look right"
    project = copy_test_project(tmp_path / "project", SOURCES)
    status, problems = against_main(project, *changes, gone="docs/timing.md")
    assert status == 1 and len(problems) == 1, problems
    assert place(problems[0])[0] == RECORD and "page timing.md was recorded in main" in problems[0]


def test_an_id_dropped_from_the_record_with_its_item_is_refused_against_the_target_branch(tmp_path):
    project = copy_test_project(tmp_path / "project", SOURCES)
    first = read_test_data("published.yml")["steps"]["published"][0]
    record = (project / RECORD).read_text("utf-8")
    head, steps = record.split("\nsteps:\n", 1)
    renamed = head + "\nsteps:\n" + steps.replace(f"    - {first}\n", "    - renamed-first\n", 1)
    status, problems = against_main(
        project,
        ("docs/data/steps.yml", f"  - id: {first}\n", "  - id: renamed-first\n"),
        (RECORD, record, renamed),
    )
    assert status == 1 and len(problems) == 1, problems
    assert place(problems[0])[0] == RECORD and f'id "{first}" was published in main' in problems[0]


def test_retiring_an_id_passes_against_the_target_branch(tmp_path):
    project = copy_test_project(tmp_path / "project", SOURCES)
    first = read_test_data("published.yml")["steps"]["published"][0]
    record = (project / RECORD).read_text("utf-8")
    head, steps = record.split("\nsteps:\n", 1)
    steps = steps.replace(f"    - {first}\n", "", 1).replace("  retired:\n", f"  retired:\n    - {first}\n", 1)
    status, problems = against_main(
        project,
        ("docs/data/steps.yml", f"  - id: {first}\n", "  - id: renamed-first\n"),
        (
            RECORD,
            record,
            head + "\nsteps:\n" + steps.replace("  published:\n", "  published:\n    - renamed-first\n", 1),
        ),
    )
    assert (status, problems) == (0, [])


def test_a_link_to_no_page_or_to_no_place_on_one_is_found_without_a_build(project):
    step = read_test_data("steps.yml")["steps"][0]["id"]
    links = ["timing.md#nowhere", "#nowhere-here", "gone.md", f"steps.md#step-{step}-not", f"steps.md#step-{step}"]
    page = project / "docs" / "faq.md"
    lines = page.read_text("utf-8").count("\n")
    page.write_text(page.read_text("utf-8") + "".join(f"\n[a link]({link})\n" for link in links), encoding="utf-8")
    problems = check(project)
    assert [place(problem) for problem in problems] == [("docs/faq.md", lines + 2 * n + 2) for n in range(4)]
    for problem, link in zip(problems, links, strict=False):
        assert problem.startswith("Page error: ") and f"the link {link} leads to" in problem


@pytest.mark.slow  # runs the test suite
def test_a_mistake_in_the_sources_stops_the_test_run_before_any_test_with_its_one_line(tmp_path):
    """Not a hundred tests failing to build: the check's problem, once, and no test run."""
    copy = copy_project(tmp_path / "repository")
    for part in ("tests", "conftest.py", "pytest.ini", "pyproject.toml"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, copy / part)
    page = copy / "docs" / "faq.md"
    page.write_text(page.read_text("utf-8") + "\n[a link](faq.md#no-such-heading)\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", "tests/test_render.py"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": str(SITE_EPOCH), "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert output.count("faq.md#no-such-heading") == 1, output
    assert " passed" not in output and " failed" not in output and "ERROR   -" not in output, output


def test_a_value_holding_a_line_break_is_printed_escaped_never_as_a_line_of_its_own(project, capsys):
    """GitHub takes a line that starts `::warning …` for a workflow command."""
    edit(project / "docs" / "data" / "steps.yml", "  - id: ", '  - id: "x\\n::warning file=a::b"\n    old_id: ')
    report([problem.problem for problem in check(project)])
    lines = capsys.readouterr().err.splitlines()
    assert not [line for line in lines if line.startswith("::")], lines
    assert any("\\u000a::warning" in line for line in lines), lines


@pytest.mark.parametrize("recorded", [False, True], ids=["new", "recorded"])
def test_a_page_name_against_the_rule_gets_one_message_that_says_the_rule(project, recorded):
    (project / "docs" / "My page.md").write_text((project / "docs" / "faq.md").read_text("utf-8"), encoding="utf-8")
    edit(
        project / "mkdocs.yml",
        "  - Frequently Asked Questions: faq.md\n",
        "  - Frequently Asked Questions: faq.md\n  - Frequently Asked Questions: My page.md\n",
    )
    if recorded:  # as a contributor might, to answer "page … is new"
        edit(project / RECORD, "    - faq.md\n", "    - faq.md\n    - My page.md\n")
    problems = check(project)
    on_the_page = [problem for problem in problems if place(problem) == ("docs/My page.md", 1)]
    assert len(on_the_page) == 1 and "my-page.md" in on_the_page[0], problems
    about_it = [problem for problem in problems if "My page.md" in problem]
    assert len(about_it) == 1 + recorded, problems  # and, once recorded, its line of the record
    assert all("lowercase letters, digits and hyphens" in problem for problem in about_it), problems


def test_what_a_guide_writes_every_day_passes_the_check(project):
    """No false alarm: the HTML and the characters an ordinary page holds."""
    page = project / "docs" / "faq.md"
    page.write_text(
        page.read_text("utf-8")
        + "\nA family \U0001f468\u200d\U0001f469\u200d\U0001f467 emoji, <kbd>Ctrl</kbd>, <abbr title='x'>FAQ</abbr>,"
        " <span markdown>*both*</span>, a [call](tel:+441234) and <details><summary>More</summary>Text</details>.\n",
        encoding="utf-8",
    )
    assert check(project) == []


@pytest.mark.parametrize("written", ["{{ stepz() }}", "{{ steps }}", "{{ steps(1) }}"])
def test_a_misspelt_macro_is_one_problem_on_its_line_not_also_a_component_shown_nowhere(project, written):
    page = project / "docs" / "steps.md"
    edit(page, "{{ steps() }}", written)
    [problem] = check(project)
    line = page.read_text("utf-8").split("\n").index(written) + 1
    assert problem.problem.place == ("docs/steps.md", line) and "steps()" in problem.problem.what, problem


def test_a_setting_mkdocs_does_not_know_is_named_with_its_file_and_line(project):
    config = project / "mkdocs.yml"
    edit(config, "\nnav:", "\nsite_autor: Someone\nnav:")
    [problem] = check(project)
    line = config.read_text("utf-8").split("\n").index("site_autor: Someone") + 1
    assert problem.problem.place == ("mkdocs.yml", line), problem
    assert '"site_autor" is not a setting' in problem and "did you mean site_author?" in problem, problem


def test_the_settings_known_are_mkdocs_own():
    from mkdocs.config.defaults import MkDocsConfig

    from scripts.settings import MKDOCS_KEYS

    internal = {"config_file_path", "mdx_configs"}  # set by MkDocs itself, never written
    mkdocs_own = {key for key, _ in MkDocsConfig._schema} - internal | {"INHERIT"}
    assert mkdocs_own == MKDOCS_KEYS


def test_a_page_has_one_title_its_heading_in_the_nav_and_in_its_front_matter(project):
    config, faq = project / "mkdocs.yml", project / "docs" / "faq.md"
    heading = next(line for line in faq.read_text("utf-8").splitlines() if line.startswith("# "))[2:]
    edit(config, f"  - {heading}: faq.md", "  - Questions: faq.md")
    [problem] = check(project)
    line = config.read_text("utf-8").split("\n").index("  - Questions: faq.md") + 1
    assert problem.problem.place == ("mkdocs.yml", line), problem
    assert f'write "- {heading}: faq.md"' in problem.problem.todo, problem
    edit(config, "  - Questions: faq.md", '  - "Questions: answered": faq.md')
    edit(faq, f"# {heading}", "# Questions: answered")
    assert check(project) == [], "a title with a colon, quoted in the nav"
    edit(faq, "---\n", "---\ntitle: Other words\n")
    [problem] = check(project)
    assert problem.problem.place == ("docs/faq.md", 2) and "remove title:" in problem, problem
    edit(faq, "title: Other words\n", "")
    edit(faq, "# Questions: answered", "Questions, answered.")
    [problem] = check(project)
    assert problem.problem.file == "docs/faq.md" and "no heading" in problem.problem.what, problem


def test_the_check_advises_a_title_yaml_reads_as_written(project):
    config, faq = project / "mkdocs.yml", project / "docs" / "faq.md"
    heading = next(line for line in faq.read_text("utf-8").splitlines() if line.startswith("# "))[2:]
    edit(faq, f"# {heading}", "# Questions: #1 and *more*")
    [problem] = check(project)
    advised = re.search(r'write "- (.+): faq\.md"', problem)[1]
    edit(config, f"  - {heading}: faq.md", f"  - {advised}: faq.md")
    assert check(project) == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("# {h}", "```sh\n# not the title\n```\n\n# {h}"),  # a # line in code is no heading
        ("# {h}", "<!--\n# an old title\n-->\n\n# {h}"),
        ("# {h}", "{h}\n=========="),  # a heading underlined
        ("# {h}", "# {h} {{ #questions }}"),
    ],
    ids=["code", "comment", "setext", "attr-list"],
)
def test_the_title_is_the_heading_as_the_reader_sees_it(project, before, after):
    faq = project / "docs" / "faq.md"
    heading = next(line for line in faq.read_text("utf-8").splitlines() if line.startswith("# "))[2:]
    edit(faq, before.format(h=heading), after.format(h=heading))
    assert check(project) == []


def test_a_title_yaml_reads_as_a_number_or_written_as_another_key_is_one_problem_on_its_line(project):
    config, faq = project / "mkdocs.yml", project / "docs" / "faq.md"
    heading = next(line for line in faq.read_text("utf-8").splitlines() if line.startswith("# "))[2:]
    edit(faq, f"# {heading}", "# 2024")
    edit(config, f"  - {heading}: faq.md", "  - 2024: faq.md")
    [problem] = check(project)
    assert problem.problem.file == "mkdocs.yml" and 'write "- "2024": faq.md"' in problem, problem
    edit(config, "  - 2024: faq.md", '  - "2024": faq.md')
    edit(faq, "---\n", '---\n"title" : Other words\n')
    [problem] = check(project)
    assert problem.problem.place == ("docs/faq.md", 2) and "remove title:" in problem, problem


def test_a_misspelt_nav_is_one_problem(project):
    edit(project / "mkdocs.yml", "\nnav:\n", "\nnva:\n")
    [problem] = check(project)
    assert "did you mean nav?" in problem, problem


def test_python_that_does_not_parse_in_macros_is_one_line_naming_its_file_and_line_not_a_traceback(tmp_path):
    project = copy_test_project(tmp_path / "project")  # with the build's scripts, run as a contributor runs them
    render = project / "macros" / "render.py"
    line = len(render.read_text("utf-8").splitlines()) + 1
    render.write_text(render.read_text("utf-8") + "def broken(:\n", encoding="utf-8")
    for program in ("scripts.check_guide", "scripts.mkdocs_build"):
        result = subprocess.run(
            [sys.executable, "-m", program], cwd=project, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.splitlines() == [
            f"ERROR   -  Guide error: macros/render.py, line {line}: the Python does not parse (invalid syntax): mend it"
        ], result.stderr


def test_a_slip_in_a_nav_path_is_never_advised_into_the_record(project):
    edit(project / "mkdocs.yml", ": faq.md\n", ": fqa.md\n")
    problems = check(project)
    assert any("there is no docs/fqa.md" in problem for problem in problems), problems
    assert not any('"    - fqa.md"' in problem for problem in problems), problems


def test_a_page_left_out_of_the_nav_is_one_problem_on_the_page(project):
    config = project / "mkdocs.yml"
    [line] = [row for row in config.read_text("utf-8").splitlines() if row.endswith(": faq.md")]
    edit(config, line + "\n", "")
    [problem] = check(project)
    assert problem.problem.place == ("docs/faq.md", 1) and "not in the nav" in problem, problem


def test_search_words_a_reader_may_type_are_checked_each_on_its_line(project):
    """docs/data/synonyms.yml: a word in two groups, a group of one, markup in a word; and no file at all."""
    synonyms = project / "docs" / "data" / "synonyms.yml"
    synonyms.write_text("groups:\n  - [reply, respond]\n  - [Respond, answer]\n  - [alone]\n  - [a<b>, c]\n", "utf-8")
    found = {place(problem): problem.problem.what for problem in check(project)}
    assert found == {
        ("docs/data/synonyms.yml", 3): '"Respond" is already in group 1; a word belongs to one group: merge them',
        ("docs/data/synonyms.yml", 4): "the item has 1 of the 2 entries it needs at least",
        ("docs/data/synonyms.yml", 5): found.get(("docs/data/synonyms.yml", 5)),
    }
    assert "badly formed" in found[("docs/data/synonyms.yml", 5)]
    synonyms.unlink()
    assert [problem.problem.what for problem in check(project)] == [
        "the file is missing: write it: groups of words search takes as one"
    ]
