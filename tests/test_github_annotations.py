"""On GitHub Actions, the data check and the strict build print each problem as a workflow command
that GitHub shows on the file's line; elsewhere they print exactly what they did before."""

import re
import subprocess
import sys
from urllib.parse import unquote

import pytest

from hooks.github_annotations import annotations, workflow_command
from site_build import PAGE_MISTAKES, ROOT, copy_test_project, page_mistake_errors, write_page_mistake

COMMAND = re.compile(r"^::error file=(?P<file>[^,]+)(?:,line=(?P<line>\d+))?,title=(?P<title>[^,:]+)::(?P<message>.*)$")


def parse(stdout: str) -> list[dict]:
    """The annotations a GitHub runner would read from the output: file, line, title, message."""
    found = []
    for text in stdout.splitlines():
        if match := COMMAND.match(text):
            found.append(
                {
                    "file": unquote(match["file"]),
                    "line": int(match["line"]) if match["line"] else None,
                    "title": unquote(match["title"]),
                    "message": unquote(match["message"]),
                }
            )
    return found


def terminal_lines(stderr: str) -> list[str]:
    """What the data check or MkDocs printed as warnings and errors, without MkDocs' level prefix."""
    problems = re.compile(r"^(?:(?:WARNING|ERROR)\s+-\s+)?(.*(?:Guide data error|Page error|Doc file).*)$")
    return [match[1] for text in stderr.splitlines() if (match := problems.match(text))]


def run(project, *command, github: bool):
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, *command], cwd=project, capture_output=True, text=True, timeout=300, env=env)


def build(project, github=True):
    return run(project, "-m", "mkdocs", "build", "--strict", github=github)


def check(project, github=True):
    """The check both builds run first (`make check` runs it too): every data and page mistake at once."""
    return run(project, str(ROOT / "scripts" / "check_guide.py"), github=github)


@pytest.fixture
def project_with_a_duplicate_id(tmp_path):
    """A copy whose checklist gives its fifth item the first item's id; returns (project, line, message)."""
    project = copy_test_project(tmp_path / "project")
    checklist = project / "docs" / "data" / "checklist.yml"
    lines = checklist.read_text("utf-8").splitlines(keepends=True)
    first_id = re.search(r"id: (\S+)", "".join(lines))[1]
    ids = [n for n, text in enumerate(lines) if text.strip().startswith("- id:")]
    fifth = ids[4]
    lines[fifth] = re.sub(r"id: \S+", f"id: {first_id}", lines[fifth])
    checklist.write_text("".join(lines), encoding="utf-8")
    return project, fifth + 1, first_id


def test_a_workflow_command_escapes_what_github_would_misread():
    command = workflow_command("docs/a,b:c.md", 3, "T: x, y", "100% sure\nsecond line")
    assert command == "::error file=docs/a%2Cb%3Ac.md,line=3,title=T%3A x%2C y::100%25 sure%0Asecond line"
    assert workflow_command("docs/a.md", None, "T", "m") == "::error file=docs/a.md,title=T::m"


@pytest.mark.parametrize("tool", [check, build], ids=["check", "strict-build"])
def test_a_data_error_is_annotated_on_its_file_and_line(project_with_a_duplicate_id, tool):
    project, line, duplicate = project_with_a_duplicate_id
    result = tool(project)
    assert result.returncode != 0
    # (The check also says that the id the fifth item had was published: on its line of the record.)
    [annotation] = [a for a in parse(result.stdout) if a["file"] == "docs/data/checklist.yml"]
    assert annotation["file"] == "docs/data/checklist.yml"
    assert annotation["line"] == line
    assert f"id: {duplicate}" in (project / annotation["file"]).read_text("utf-8").splitlines()[line - 1]
    assert annotation["title"] == "Guide data error"
    assert annotation["message"] in terminal_lines(result.stderr)  # the same one line a terminal shows


@pytest.mark.parametrize("tool", [check, build], ids=["check", "strict-build"])
def test_outside_github_nothing_is_annotated(project_with_a_duplicate_id, tool):
    project, line, _ = project_with_a_duplicate_id
    result = tool(project, github=False)
    assert result.returncode != 0
    assert f"line {line}, item 5" in result.stderr
    assert "::error" not in result.stdout + result.stderr


def test_a_broken_link_is_annotated_on_the_line_of_the_markdown_page_that_holds_it(tmp_path):
    project = copy_test_project(tmp_path / "project")
    page = project / "docs" / "faq.md"
    lines = page.read_text("utf-8").splitlines(keepends=True)
    middle = len(lines) // 2
    lines.insert(middle, "\nSee [the rules](no-such-page.md) and [their reasons](timing.md#no-such-anchor).\n")
    page.write_text("".join(lines), encoding="utf-8")
    link_line = middle + 2  # after the blank line inserted with it

    result = build(project)
    assert result.returncode != 0
    annotations = parse(result.stdout)
    assert [(a["file"], a["line"], a["title"]) for a in annotations] == [("docs/faq.md", link_line, "Broken link")] * 2
    assert "'no-such-page.md'" in annotations[0]["message"]
    assert "'timing.md#no-such-anchor'" in annotations[1]["message"]
    assert "(no-such-page.md)" in page.read_text("utf-8").splitlines()[link_line - 1]
    # The terminal says the same, after the file and line, and what to do.
    advice = "; mend the link, or the page or heading it points to"
    placed = [f"docs/faq.md, line {link_line}: {a['message'].rstrip('.')}{advice}" for a in annotations]
    assert placed == terminal_lines(result.stderr)


def test_a_page_missing_from_the_navigation_is_annotated_in_mkdocs_yml(tmp_path):
    project = copy_test_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  - Timing and approach: timing.md\n", "  - Timing: gone.md\n")
    )
    result = build(project)
    assert result.returncode != 0
    by_file = {a["file"]: a for a in parse(result.stdout)}
    expected_line = config.read_text("utf-8").splitlines().index("  - Timing: gone.md") + 1
    assert by_file["mkdocs.yml"]["line"] == expected_line
    assert "'gone.md'" in by_file["mkdocs.yml"]["message"]
    assert "timing.md" in by_file["docs/timing.md"]["message"]  # now a page outside the navigation


def test_an_undefined_macro_is_annotated_on_the_line_that_calls_it(tmp_path):
    project = copy_test_project(tmp_path / "project")
    page = project / "docs" / "faq.md"
    lines = page.read_text("utf-8").splitlines(keepends=True)
    lines.insert(4, "\n{{ no_such_macro() }}\n")
    page.write_text("".join(lines), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    [annotation] = parse(result.stdout)
    assert (annotation["file"], annotation["line"], annotation["title"]) == ("docs/faq.md", 6, "Page error")
    assert annotation["message"].startswith("Page error: docs/faq.md, line 6: there is no macro no_such_macro(): ")


DESCRIBED = "---\ndescription: Answers to the questions readers ask most often before they reach out.\n---\n\n"


def write_page_with(page, line_text, front_matter=DESCRIBED, bom=""):
    """Replace the page's front matter, insert line_text after its third line; return the line's number."""
    body = re.sub(r"\A---\n.*?\n---\n\n*", "", page.read_text("utf-8"), flags=re.S).splitlines(keepends=True)
    body.insert(3, f"\n{line_text}\n")
    page.write_text(bom + front_matter + "".join(body), encoding="utf-8")
    return next(n for n, text in enumerate(page.read_text("utf-8").splitlines(), 1) if text == line_text)


@pytest.mark.parametrize(
    "front_matter, bom",
    [(DESCRIBED, ""), ("", ""), (DESCRIBED, "\ufeff")],
    ids=["front-matter", "none", "byte-order-mark"],
)
def test_a_stray_double_brace_is_annotated_on_its_line_with_what_to_write(tmp_path, front_matter, bom):
    project = copy_test_project(tmp_path / "project")
    line = write_page_with(project / "docs" / "faq.md", "Write {{ like this.", front_matter, bom)
    result = build(project)
    assert result.returncode != 0
    [annotation] = [a for a in parse(result.stdout) if a["line"] == line]  # (a page without front matter: also line 1)
    assert (annotation["file"], annotation["title"]) == ("docs/faq.md", "Page error")
    assert annotation["message"].startswith(f"Page error: docs/faq.md, line {line}: ")
    assert "to show {{ or {% as text, write {{ '{{' }}" in annotation["message"]


def test_a_heading_id_that_reads_as_a_template_comment_gets_advice_that_builds(tmp_path):
    project = copy_test_project(tmp_path / "project")
    page = project / "docs" / "faq.md"
    line = write_page_with(page, "## Saying sorry {#apologize}")
    [annotation] = parse(build(project).stdout)
    assert annotation["line"] == line and "write a heading's id as { #id }" in annotation["message"]
    page.write_text(page.read_text("utf-8").replace("{#apologize}", "{ #apologize }"), encoding="utf-8")
    assert build(project).returncode == 0
    assert 'id="apologize"' in (project / "site" / "faq" / "index.html").read_text("utf-8")


def test_an_undefined_name_is_annotated_where_it_is_used_not_where_the_word_first_appears(tmp_path):
    project = copy_test_project(tmp_path / "project")
    page = project / "docs" / "faq.md"
    assert re.search(r"\bex\b", page.read_text("utf-8"))  # the word comes before the use
    line = write_page_with(
        page, "Remember {{ ex }} here.", front_matter=DESCRIBED.replace("questions", "questions about an ex")
    )
    [annotation] = parse(build(project).stdout)
    assert (annotation["file"], annotation["line"]) == ("docs/faq.md", line), annotation


@pytest.mark.parametrize("mistake", PAGE_MISTAKES)
def test_a_slip_in_a_page_source_is_annotated_on_its_line(tmp_path, mistake):
    line, [error] = page_mistake_errors(tmp_path, mistake)
    [annotation] = parse("\n".join(annotations(error)))
    assert annotation == {"file": "docs/faq.md", "line": line, "title": "Page error", "message": error}


@pytest.mark.parametrize(
    ("mistake", "bom_crlf"),
    [("colon-in-front-matter", True), ("macro-in-a-sentence", False)],
    ids=["colon-in-front-matter-bom-crlf", "macro-in-a-sentence-lf"],
)
def test_the_strict_build_annotates_a_slip_in_a_page_source_on_its_line(tmp_path, mistake, bom_crlf):
    project = copy_test_project(tmp_path / "project")
    line = write_page_mistake(project, mistake, bom_crlf)
    result = build(project)
    assert result.returncode != 0
    [annotation] = parse(result.stdout)
    assert (annotation["file"], annotation["line"], annotation["title"]) == ("docs/faq.md", line, "Page error")
    assert annotation["message"].startswith(f"Page error: docs/faq.md, line {line}: {PAGE_MISTAKES[mistake][2]}")
    assert [annotation["message"]] == terminal_lines(result.stderr)


def test_a_data_error_without_a_line_is_annotated_on_its_file():
    from hooks.github_annotations import annotations

    message = "Guide data error: docs/data/steps.yml: the file is missing"
    assert annotations(message) == [f"::error file=docs/data/steps.yml,title=Guide data error::{message}"]
    assert annotations("Documentation built in 1.00 seconds") == []


def test_the_check_run_from_another_folder_says_where_to_run_it_in_one_line(tmp_path):
    project = copy_test_project(tmp_path / "project")
    result = run(project / "docs", str(ROOT / "scripts" / "check_guide.py"), github=False)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("run this from the repository's top folder."), result.stderr
    assert "Traceback" not in result.stderr
