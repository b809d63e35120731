"""Every problem the check and both engines' builds print, on one line, is shown on its file's line of a pull request
by one problem matcher (.github/guide-problems.json); elsewhere the same lines are what the terminal shows."""

import runpy
import subprocess
import sys

import pytest

from macros.problems import DATA, PAGE, Problem
from scripts.check_guide import report
from site_build import ROOT, copy_test_project, edit, printed_problems, problem_annotations


def check(folder, *arguments, **options):
    """The check both builds run first (`make check` runs it too): every data and page mistake at once."""
    command = [sys.executable, "-m", "scripts.check_guide", *arguments]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120, **options)


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
    # Where each lands is the check's (test_check_guide.py); here the command prints the same lines, all annotated.
    edit(project / "docs" / "faq.md", "\n## ", "\nSee {{ stepz() }} here.\n\n## ")
    edit(project / "mkdocs.yml", "  - Choose the Right Timing and Approach: timing.md\n", "  - Timing: gone.md\n")
    (project / "docs" / "data" / "steps.yml").unlink()
    result = check(project)
    terminal = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert result.returncode == 1 and terminal == printed_problems(project), result.stderr
    annotations = problem_annotations(result.stderr)
    assert all(line.endswith(message) for line, (*_, message) in zip(terminal, annotations, strict=True)), terminal
    assert ("ERROR", "docs/data/steps.yml", None) in [annotation[:3] for annotation in annotations]  # a missing file


def test_a_link_mkdocs_warns_of_and_the_check_let_pass_is_annotated_on_its_line(tmp_path, monkeypatch):
    """hooks/warning_places.py puts the file and line in front of MkDocs' warning, which names no line."""
    hook = runpy.run_path(str(ROOT / "hooks" / "warning_places.py"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "faq.md").write_text("# FAQ\n\nSee [the rules](rules.pdf).\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    message = hook["placed"]("Doc file 'faq.md' contains a link 'rules.pdf', but the target is not found.")
    assert message.endswith("; mend the link, or the page or heading it points to"), message
    assert problem_annotations(f"WARNING -  {message}") == [("WARNING", "docs/faq.md", 3, message)]


def test_lines_that_name_no_file_are_not_annotated():
    lines = [
        "INFO    -  Building documentation to directory: /tmp/site",
        "WARNING -  mkdocs_autorefs: a warning that names no file of ours",
        "ERROR   -  Aborted: the site was not changed.",
        "Documentation built in 1.00 seconds",
    ]
    assert problem_annotations("\n".join(lines)) == []
