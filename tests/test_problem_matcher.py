"""Every problem the check and both engines' builds print, on one line, is shown on its file's line of a pull request
by one problem matcher (.github/guide-problems.json); elsewhere the same lines are what the terminal shows."""

import re
import subprocess
import sys

import pytest

from macros.problems import DATA, PAGE, Problem
from scripts.check_guide import report
from site_build import copy_test_project, edit, problem_annotations


def check(folder, *arguments, **options):
    """The check both builds run first (`make check` runs it too): every data and page mistake at once."""
    command = [sys.executable, "-m", "scripts.check_guide", *arguments]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120, **options)


def line_of(path, text):
    return next(n for n, row in enumerate(path.read_text("utf-8").splitlines(), 1) if text in row)


@pytest.mark.parametrize(
    "problem",
    [
        Problem("docs/data/steps.yml", "title is empty", 4, 'item 2 (id "wait")', kind=DATA),
        Problem("mkdocs.yml", '"site_autor" is not a setting MkDocs knows', 12, todo="did you mean site_author?"),
        Problem("docs/data/steps.yml", "the file is missing", kind=DATA),
        Problem("docs/more/a-page.md", "the link faq.md#x, here: leads nowhere", 7, todo="mend it: now", kind=PAGE),
        Problem("macros/render.py", "the Python does not parse (invalid syntax)", 3),
    ],
    ids=["item", "setting", "whole-file", "colons", "python"],
)
def test_a_problem_is_printed_from_its_value_and_annotated_where_its_value_says(problem, capsys):
    report([problem])
    [annotation] = problem_annotations(capsys.readouterr().err)
    assert annotation == ("ERROR", problem.file, problem.line, str(problem))


def test_the_check_annotates_every_problem_it_prints_on_its_file_and_line_and_says_where_to_run_it(tmp_path):
    project = copy_test_project(tmp_path / "project")
    elsewhere = check(project / "docs", "mkdocs.yml", env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"})
    assert elsewhere.returncode == 1 and "Traceback" not in elsewhere.stderr, elsewhere.stderr
    assert elsewhere.stderr.strip().endswith("run this from the repository's top folder."), elsewhere.stderr
    checklist = project / "docs" / "data" / "checklist.yml"
    ids = re.findall(r"id: (\S+)", checklist.read_text("utf-8"))
    edit(checklist, f"id: {ids[4]}", f"id: {ids[0]}")
    faq, config = project / "docs" / "faq.md", project / "mkdocs.yml"
    edit(faq, "\n## ", "\nSee {{ stepz() }} here.\n\n## ")
    edit(config, "  - Choose the Right Timing and Approach: timing.md\n", "  - Timing: gone.md\n")
    (project / "docs" / "data" / "steps.yml").unlink()
    result = check(project)
    assert result.returncode == 1
    terminal = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    annotations = problem_annotations(result.stderr)
    assert len(annotations) == len(terminal) >= 5, terminal
    places = {(file, line) for _, file, line, _ in annotations}
    assert ("docs/faq.md", line_of(faq, "{{ stepz() }}")) in places
    assert ("mkdocs.yml", line_of(config, "gone.md")) in places
    assert ("docs/data/steps.yml", None) in places  # a missing file: on the file, with no line
    for severity, _, _, message in annotations:
        assert severity == "ERROR" and any(line.endswith(message) for line in terminal)
    # A data error: on the line that holds it.
    [(_, _, line, message)] = [a for a in annotations if a[1] == "docs/data/checklist.yml"]
    assert checklist.read_text("utf-8").splitlines()[line - 1].strip() == f"- id: {ids[0]}"
    assert message.startswith(f"Guide data error: docs/data/checklist.yml, line {line}, item 5")


def test_lines_that_name_no_file_are_not_annotated():
    lines = [
        "INFO    -  Building documentation to directory: /tmp/site",
        "WARNING -  mkdocs_autorefs: a warning that names no file of ours",
        "ERROR   -  Aborted: the site was not changed.",
        "Documentation built in 1.00 seconds",
    ]
    assert problem_annotations("\n".join(lines)) == []
