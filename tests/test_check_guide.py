"""The check both builds run first (scripts/check_guide.py, `make check`): every mistake in the guide's sources
at once, and what readers depend on (docs/data/published.yml) kept. On the tests' own project."""

import contextlib
import json
import re
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from macros.problems import Problem
from scripts.check_guide import all_problems, report
from site_build import ROOT, SITE_EPOCH, copy_project, copy_test_project, edit, read_test_data, run_script, site_config

RECORD = "docs/data/published.yml"
FAQ_IN_NAV = "  - Frequently Asked Questions: faq.md\n"
OURS = ("macros", "scripts")


class Printed(str):
    """A problem as the check prints it, with its value beside (tests read the value's fields, never the line)."""

    def __new__(cls, problem: Problem):
        line = super().__new__(cls, str(problem))
        line.problem, line.place = problem, problem.place
        return line


def check(project, against: str | None = None) -> list[Printed]:
    """The check on a project (against a branch's record), in this process, as run from the project's folder."""
    with contextlib.chdir(project):
        return [Printed(problem) for problem in all_problems(project / "mkdocs.yml", against)]


def check_own_code(project) -> list[Printed]:
    """The check as the project's own code (a component's, changed) runs it, in this process: the project's
    macros/ and scripts/ stand in for ours during the call."""
    ours = {name: module for name, module in sys.modules.items() if name.partition(".")[0] in OURS}
    for name in ours:
        del sys.modules[name]
    sys.path.insert(0, str(project))
    try:
        from scripts.check_guide import all_problems as its_check

        with contextlib.chdir(project):
            return [Printed(problem) for problem in its_check(project / "mkdocs.yml", None)]
    finally:
        sys.path.remove(str(project))
        for name in [name for name in sys.modules if name.partition(".")[0] in OURS]:
            del sys.modules[name]
        sys.modules.update(ours)


def says(problem: Printed, said: str) -> bool:
    """Whether a problem's words, "what is wrong: what to do", start with those said, "…" standing for any."""
    return bool(re.match(".*".join(map(re.escape, said.split("…"))), f"{problem.problem.what}: {problem.problem.todo}"))


def line_of(path, text) -> int:
    """The number of the last line of a file that holds a text."""
    return max(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


@pytest.fixture
def project(tmp_path):
    return copy_test_project(tmp_path / "project", ("mkdocs.yml", "docs", "macros", "scripts"))  # what the check reads


def test_the_tests_project_and_what_a_guide_writes_every_day_pass_the_check(project):
    """No false alarm: the tests' project; the HTML and characters an ordinary page holds; and a title that is the
    heading as the reader sees it (not a # line in code or a comment; underlined; with an attribute list)."""
    assert check(project) == []
    faq, heading = project / "docs" / "faq.md", "Frequently Asked Questions"
    edit(faq, f"# {heading}", f"```sh\n# not the title\n```\n\n<!--\n# an old title\n-->\n\n{heading}\n===")
    edit(project / "docs" / "timing.md", "and Approach\n", "and Approach { #timing }\n")
    faq.write_text(
        faq.read_text("utf-8")
        + "\nA family \U0001f468\u200d\U0001f469\u200d\U0001f467 emoji, <kbd>Ctrl</kbd>, <abbr title='x'>FAQ</abbr>,"
        " <span markdown>*both*</span>, a [call](tel:+441234) and <details><summary>More</summary>Text</details>.\n",
        encoding="utf-8",
    )
    assert check(project) == []


def test_every_mistake_is_reported_at_once_in_file_and_line_order(project):
    """A YAML syntax error is its file's one problem (no id of it then "gone"), and the other files are checked."""
    data, docs = project / "docs" / "data", project / "docs"
    items = read_test_data("checklist.yml")["items"]
    edit(data / "checklist.yml", f"text: {items[1]['text']}", 'text: ""')
    edit(data / "checklist.yml", f"text: {items[3]['text']}", "txt: A misspelt field")
    edit(data / "dos_and_donts.yml", "pairs:\n", "pairs:\n  - do: A pair without its other side\n")
    edit(data / "steps.yml", "steps:", "steps: [")
    edit(docs / "faq.md", "\n## ", "\nSee {{ steps() }} here.\n\n## ")
    edit(docs / "timing.md", "description:", "description: Timing: when")
    problems = check(project)
    places = [problem.place for problem in problems]
    assert places == sorted(places)
    assert [file for file, _ in places] == [
        "docs/data/checklist.yml",
        "docs/data/checklist.yml",
        "docs/data/dos_and_donts.yml",
        "docs/data/steps.yml",
        "docs/faq.md",
        "docs/timing.md",
    ], problems
    assert '(is "txt" a misspelling of it?)' in problems[1] and "YAML syntax" in problems[3], problems


def test_a_new_renamed_or_unrecorded_id_needs_only_the_lines_the_check_prints(project):
    checklist, record = project / "docs" / "data" / "checklist.yml", project / RECORD
    checklist.write_text(checklist.read_text("utf-8") + "  - id: added\n    text: Something new\n", encoding="utf-8")
    [problem] = check(project)
    assert problem.place == ("docs/data/checklist.yml", len(checklist.read_text("utf-8").splitlines()) - 1)
    line = re.search(r'add the line "([^"]+)" under checklist: published: in docs/data/published.yml', problem)[1]
    edit(record, "\nchecklist:\n  published:\n", f"\nchecklist:\n  published:\n{line}\n")
    assert check(project) == []
    last = read_test_data("checklist.yml")["items"][-1]["id"]
    edit(checklist, f"id: {last}", "id: renamed")
    problems = check(project)
    gone = next(p for p in problems if f'id "{last}" was published' in p)
    file, line = gone.place
    assert file == RECORD and record.read_text("utf-8").splitlines()[line - 1].strip() == f"- {last}"
    assert "move this line under checklist: retired:" in gone
    new = next(p for p in problems if 'id "renamed" is new' in p)
    # Doing what they say: the old id retired (checklist's retired: comes first), the new one recorded.
    added = re.search(r'add the line "([^"]+)"', new)[1]
    edit(record, f"    - {last}\n", "")
    edit(record, "  retired:\n", f"  retired:\n    - {last}\n")
    edit(record, "\nchecklist:\n  published:\n", f"\nchecklist:\n  published:\n{added}\n")
    assert check(project) == []
    edit(checklist, "id: renamed", f"id: {last}")
    assert any(f'id "{last}" was retired' in p for p in check(project))
    # A kept component whose ids were never recorded (steps'): each asked for in one round.
    text = record.read_text("utf-8")
    record.write_text(text[: text.index("\nsteps:\n") + 1], encoding="utf-8")
    problems = check(project)
    heading = [p for p in problems if "the ids of steps.yml are not recorded" in p]
    lines = re.findall(r'add the line "    - ([^"]+)" under steps: published:', "\n".join(problems))
    assert heading and lines == [step["id"] for step in read_test_data("steps.yml")["steps"]], problems


def test_a_renamed_page_needs_its_nav_line_its_record_and_a_redirect(project):
    config, record = project / "mkdocs.yml", project / RECORD
    edit(config, ": faq.md\n", ": fqa.md\n")  # a slip in a nav path: never advised into the record
    problems = check(project)
    assert any("there is no docs/fqa.md" in p for p in problems), problems
    assert not any('"    - fqa.md"' in p for p in problems), problems
    edit(config, ": fqa.md\n", ": faq.md\n")
    (project / "docs" / "faq.md").rename(project / "docs" / "questions.md")
    edit(config, ": faq.md\n", ": questions.md\n")
    problems = check(project)
    assert any("page faq.md was published" in p and RECORD in p for p in problems), problems
    new = next(p for p in problems if "page questions.md is new" in p)
    assert new.place[0] == "mkdocs.yml"
    edit(record, "  # An old page", re.search(r'add the line "([^"]+)"', new)[1] + "\n  # An old page")
    edit(record, "  redirects:\n", "  redirects:\n    faq.md: questions.md\n")
    assert check(project) == []
    left = "[a](faq.md#what-if-my-ex-doesnt-respond) [b](faq.md#nowhere)"
    edit(project / "docs" / "timing.md", "\nTiming is", f"\n{left}\n\nTiming is")
    kept, lost = check(project)  # the links the record leads on: with their place where the new page has it
    assert "which is not a page of the guide: it moved to questions.md" in kept, kept
    assert kept.problem.todo == "link to questions.md#what-if-my-ex-doesnt-respond", kept
    assert lost.problem.todo == "link to questions.md (it has no #nowhere)", lost
    edit(project / "docs" / "timing.md", left, "")
    edit(record, "\n    faq.md: questions.md", "\n    faq.md: gone.md")
    assert any("leads to gone.md, which is not a page in the nav" in p for p in check(project))


# A mistake: (a file of the tests' project, before, after, or None: the file removed); and the one problem the check then prints: (its file,
# its line: a number, or the last line of that file holding a text, and its words, "…" standing between two parts).
ONE_PROBLEM = {
    "record-field-misspelt": (
        (RECORD, "\npages:", "\npagez:"),
        (RECORD, "pagez:", 'missing field "pages" (is "pagez" a misspelling of it?)'),
    ),
    "whole-guide-a-list": (
        ("mkdocs.yml", "whole_guide: whole-guide.md", "whole_guide: [whole-guide.md]"),
        ("mkdocs.yml", "whole_guide:", "whole_guide names one page"),
    ),
    "whole-guide-not-in-nav": (
        ("mkdocs.yml", "whole_guide: whole-guide.md", "whole_guide: nowhere.md"),
        ("mkdocs.yml", "whole_guide:", "whole_guide names nowhere.md, which is not in the nav"),
    ),
    "whole-guide-missing": (
        ("docs/whole-guide.md", "", None),
        ("mkdocs.yml", "Guide: whole-guide.md", "the nav lists whole-guide.md, and there is no docs/whole-guide.md"),
    ),
    "whole-guide-searched": (
        ("docs/whole-guide.md", "search:\n  exclude: true\n", ""),
        ("docs/whole-guide.md", 1, "search: exclude: true"),
    ),
    "whole-guide-front-matter": (
        ("docs/whole-guide.md", "description: ", "description: The whole guide: "),
        ("docs/whole-guide.md", "description:", "the front matter is not valid YAML"),
    ),
    "list-shown-twice": (
        ("docs/timing.md", "\nTiming is", "\n{{ checklist() }}\n\nTiming is"),
        ("docs/timing.md", "{{ checklist() }}", "{{ checklist() }} is already shown at docs/checklist.md, line "),
    ),
    "list-in-a-code-block": (  # the macros plugin runs it there: one problem, not also "already shown"
        ("docs/timing.md", "\nTiming is", "\n```markdown\n{{ checklist() }}\n```\n\nTiming is"),
        ("docs/timing.md", "{{ checklist() }}", "{{ checklist() }} sits in a code block, where the macros plugin"),
    ),
    "site-dir": (
        ("mkdocs.yml", "docs_dir: docs\n", "docs_dir: docs\nsite_dir: public\n"),
        ("mkdocs.yml", "site_dir:", "look for it: remove site_dir"),
    ),
    "setting-misspelt": (
        ("mkdocs.yml", "\nnav:", "\nsite_autor: Someone\nnav:"),
        ("mkdocs.yml", "site_autor:", '"site_autor" is not a setting…did you mean site_author?'),
    ),
    "nav-misspelt": (("mkdocs.yml", "\nnav:\n", "\nnva:\n"), ("mkdocs.yml", "nva:", "did you mean nav?")),
    "page-in-nav-twice": (
        ("mkdocs.yml", "\nnav:\n", "\nnav:\n" + FAQ_IN_NAV),
        ("mkdocs.yml", ": faq.md", "the nav lists faq.md twice"),
    ),
    "page-out-of-nav": (  # the advice gives back the line taken out
        ("mkdocs.yml", FAQ_IN_NAV, ""),
        ("docs/faq.md", 1, f'Page error…the page is not in the nav…"{FAQ_IN_NAV.rstrip()}" under nav: in mkdocs.yml'),
    ),
    # A misspelt macro is one problem on its line, not also a component shown nowhere.
    **{
        f"macro-{written}": (("docs/steps.md", "{{ steps() }}", written), ("docs/steps.md", written, "steps()"))
        for written in ("{{ stepz() }}", "{{ steps }}", "{{ steps(1) }}")
    },
    # What a stranger's pull request could publish to run on readers' pages or to hide, which neither engine
    # refuses: a line written into a page's text (the problem on its last line).
    **{
        f"in-a-page-{name}": (("docs/faq.md", "\n## ", f"\n{written}\n\n## "), ("docs/faq.md", written[-12:], said))
        for name, (written, said) in {
            "unknown-name": ("As {{ no_such_variable }} says.", "{{ no_such_variable }} is not a macro of this site"),
            "script": ("<script>alert(1)</script>", "<script> is not HTML a guide needs"),
            "handler": ('<img alt="" src="#" onerror="alert(1)">', 'the attribute onerror="…" on <img>'),
            "javascript-link": ("See [this](javascript:alert(1)).", "the link javascript:alert(1) is a javascript:"),
            "data-link": ("See [this](data:text/html,hi).", "the link data:text/html,hi is a data: address"),
            "attr-list-handler": ('A paragraph.\n{ onclick="alert(1)" }', 'the attribute onclick="…" on <p>'),
            "image-elsewhere": ('<img src="https://example.org/p.png" alt="">', "the image https://example.org/p.png"),
            "iframe": ('<iframe src="https://example.org/"></iframe>', "<iframe> is not HTML a guide needs"),
            "bidi-override": ("An \u202eoverride.", "the line holds U+202E (RIGHT-TO-LEFT OVERRIDE)"),
            "soft-hyphen": ("A hid\u00adden break.", "the line holds U+00AD (SOFT HYPHEN)"),
            "tag-character": ("A hidden \U000e0041 tag.", "the line holds U+E0041 (TAG LATIN CAPITAL LETTER A)"),
            "comment-ended-early": ('A <!--><img src=x onerror="alert(1)">-->', "this HTML comment holds markup"),
            "cdata": ('A <![CDATA[><img src=x onerror="alert(1)">]]>', "<![…]> is not HTML a guide needs"),
            # Markup a text in quotes makes, {{ '<' }}, is the markup itself.
            "quoted-iframe": ("A {{ '<' }}iframe src=\"https://example.org/\"></iframe>", "<iframe> is not HTML"),
            "quoted-script": ("B {{ '<scr' 'ipt>' }}alert(3){{ '</scr' 'ipt>' }}", "<script> is not HTML a guide"),
            "quoted-attr-list": ("Tap here.\n{{ '{' }} onclick=\"alert(1)\" }", 'the attribute onclick="…" on <p>'),
            "backslash": (
                '<img src="/\\example.org/p.png" alt="">',
                "the address /\\example.org/p.png holds a backslash",
            ),
        }.items()
    },
    "template-code-in-a-nav-title": (
        ("mkdocs.yml", FAQ_IN_NAV, '  - "{{ 7 * 7 }}": faq.md\n'),
        ("mkdocs.yml", "{{ 7 * 7 }}", "{{ starts template code, which the macros plugin would run"),
    ),
    "template-code-in-a-front-matter-block": (
        ("docs/faq.md", "\n---\n", "\nnotes: |\n  # {{ 7 * 7 }}\n---\n"),
        ("docs/faq.md", "{{ 7 * 7 }}", 'the front matter holds "{{"'),
    ),
    "zero-width-space-in-data": (
        ("docs/data/steps.yml", "    text: Wait", "    text: Wait\u200b"),
        ("docs/data/steps.yml", "text: Wait", "U+200B (ZERO WIDTH SPACE)"),
    ),
    "escaped-bidi-override-in-data": (
        ("docs/data/steps.yml", "    text: Wait 3–6 months minimum", '    text: "\\u202eWait 3–6 months minimum"'),
        ("docs/data/steps.yml", "u202eWait", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ),
    "escaped-bidi-override-in-settings": (
        ("mkdocs.yml", "\nnav:", '\nsite_author: "A\\u202eB"\nnav:'),
        ("mkdocs.yml", "site_author:", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ),
    "offline-as-text": (
        ("mkdocs.yml", "  offline: true", '  offline: "false"'),
        ("mkdocs.yml", "offline:", "offline is true or false"),
    ),
    **{
        f"redirect-{name}": (
            (RECORD, "  redirects:\n", f"  redirects:\n    {old}: faq.md\n"),
            (RECORD, old, f'"redirects" names "{old}", which is not a page\'s file'),
        )
        for name, old in (("out-of-the-site", "../../out.md"), ("over-the-home-page", "./index.md"))
    },
}


@pytest.mark.parametrize(("mistake", "expected"), ONE_PROBLEM.values(), ids=ONE_PROBLEM)
def test_a_mistake_is_one_problem_on_its_line_saying_what_is_wrong(project, mistake, expected):
    file, before, after = mistake
    if after is None:
        (project / file).unlink()
    else:
        edit(project / file, before, after)
    [problem] = check(project)
    file, line, said = expected
    assert problem.place == (file, line_of(project / file, line) if isinstance(line, str) else line), problem
    assert all(words in problem for words in said.split("…")), problem


def test_a_component_half_added_is_told_what_it_still_needs_with_no_traceback(project):
    (project / "docs" / "data" / "throwaway.yml").write_text("questions:\n  - id: one\n    question: Q?\n", "utf-8")
    (project / "macros" / "components" / "questions").mkdir()
    # `make check`'s first step as a contributor runs it, its problems given as fields (--json): no traceback.
    result = run_script(sys.executable, "scripts.check_guide", project, None, "--json")
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr
    given = json.loads(result.stdout)
    data_file, folder = [Printed(Problem(**{k: v for k, v in fields.items() if k != "shown"})) for fields in given]
    assert [str(problem) for problem in (data_file, folder)] == [fields["shown"] for fields in given]
    assert data_file.startswith("Guide data error: docs/data/throwaway.yml, line 1: no component shows"), data_file
    assert folder.place[0] == "macros/components/questions" and "no component's" in folder, folder
    assert "macros/components/__init__.py" in folder
    registry = project / "macros" / "components" / "__init__.py"
    entries = {
        "throwaway": 'Component("throwaway", items="question", edit_text="Edit the questions", output="md")',
        "spare": 'Component("spare", items="questions", edit_text="Edit the spare questions")',  # no template
        "q-and-a": 'Component("q-and-a", items="questions", edit_text="Edit the answers")',
    }
    edit(registry, "\n)\n", "".join(f"\n    {entry}," for entry in entries.values()) + "\n)\n")
    edit(registry, 'items="steps"', 'items="step"')  # an entry naming a field its data does not have
    problems = check_own_code(project)
    lines = {name: ("macros/components/__init__.py", line_of(registry, entry)) for name, entry in entries.items()}
    said = {name: [p for p in problems if p.place == line] for name, line in lines.items()}
    assert any('output="md" is not "html" or "markdown"' in p for p in said["throwaway"]), problems
    assert any("no page shows {{ throwaway() }}" in p for p in said["throwaway"]), problems
    assert any('items="step" is not a field of steps.yml (its fields: steps)' in p for p in problems), problems
    assert any("macros/components/throwaway/schema.json, is missing" in p for p in problems), problems
    assert any(p.endswith("has no template: write macros/components/spare/template.html") for p in said["spare"])
    assert any("docs/data/spare.yml" in p and "missing" in p for p in problems), problems
    assert any('"q-and-a" cannot be a macro\'s name' in p for p in said["q-and-a"]), problems


def test_a_components_template_or_schema_that_cannot_show_its_data_is_named_with_its_line(project):
    template = project / "macros" / "components" / "steps" / "template.html"
    edit(template, "{{ step.text }}", "{{ step.txt }}")
    [problem] = check_own_code(project)
    where = f"Guide error: macros/components/steps/template.html, line {line_of(template, 'step.txt')}: "
    assert problem.startswith(where + "it cannot show steps.yml"), problem
    assert problem.endswith('the data has no field "txt"; its items\' fields are: id, qualifier, text'), problem
    edit(template, "{{ step.txt }}", "{% for x in y %}")
    [problem] = check_own_code(project)
    assert problem.startswith("Guide error: macros/components/steps/template.html, line "), problem
    edit(template, "{% for x in y %}", "{{ step.text }}")
    edit(template, 'id="step-{{ step.id }}"', 'id="step-{{ loop.index }}"')  # the anchors readers depend on
    [problem] = check_own_code(project)
    assert problem.startswith("Guide error: macros/components/steps/template.html: readers link to its items by id")
    assert f'no anchor for "{read_test_data("steps.yml")["steps"][0]["id"]}"' in problem, problem
    edit(template, 'id="step-{{ loop.index }}"', 'id="step-{{ step.id }}"')
    edit(template.parent / "schema.json", '"type": "object",', '"type": "object"')
    [problem] = check_own_code(project)
    assert re.match(
        r"Guide data error: macros/components/steps/schema\.json, line \d+: the schema of steps\.yml", problem
    )


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
    assert problem.place == ("macros/components/__init__.py", line_of(registry, f'script="{script}"'))
    assert said in problem, problem


def test_what_the_target_branch_published_is_kept_where_the_sources_alone_cannot_tell(project):
    """A pull request's check against main: an id or a page dropped from the record with its item or its nav line."""
    who = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@a", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@a"}
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "main"]):
        subprocess.run(["git", *command], cwd=project, check=True, env={"PATH": "/usr/bin:/bin", **who})
    first = read_test_data("published.yml")["steps"]["published"][0]
    edit(project / "docs" / "data" / "steps.yml", f"  - id: {first}\n", "  - id: renamed-first\n")
    edit(project / RECORD, f"    - {first}\n", "    - renamed-first\n")
    assert check(project) == [], "the sources alone look right"
    [problem] = check(project, "main")
    assert problem.place[0] == RECORD and f'id "{first}" was published in main' in problem, problem
    record = project / RECORD  # its last line is steps' retired:
    record.write_text(record.read_text("utf-8") + f"    - {first}\n", encoding="utf-8")
    assert check(project, "main") == [], "retiring the id passes"
    edit(project / "mkdocs.yml", "  - Choose the Right Timing and Approach: timing.md\n", "")
    edit(project / RECORD, "    - timing.md\n", "")
    (project / "docs" / "timing.md").unlink()
    assert check(project) == [], "the sources alone look right"
    [problem] = check(project, "main")
    assert problem.place[0] == RECORD and "page timing.md was recorded in main" in problem, problem


STEP = read_test_data("steps.yml")["steps"][0]["id"]
HOST, BASE = urlsplit(site_config()["site_url"])[1:3]
# Lines added to a page, and the start of what the check says of them on their last, "what is wrong: what to do",
# "…" standing for any words (None: nothing, as the engines publish them working). Each engine builds some of
# these without a word; MkDocs stops on none of the HTML.
LINKS = [
    ("[a](timing.md#nowhere)", "the link timing.md#nowhere leads to #nowhere, and timing.md has no heading"),
    ("[a](#nowhere-here)", "the link #nowhere-here leads to #nowhere-here, and faq.md has no heading"),
    ("[a](gone.md)", "the link gone.md leads to gone.md, which is not a page of the guide"),
    (f"[a](steps.md#step-{STEP}-not)", f"the link steps.md#step-{STEP}-not leads to #step-{STEP}-not"),
    ("[a](timing/)", "the link timing/ leads to a folder or an address, not to a page's file"),
    ("[a](notes.txt)", "the link notes.txt leads to notes.txt, which is not a file under docs/"),
    ("![a picture](gone.png)", "the link gone.png leads to gone.png, which is not a file under docs/"),
    ("[a](../outside.txt)", "the link ../outside.txt leads outside docs/"),
    ("[a](data/steps.yml)", "the link data/steps.yml leads to data/steps.yml, which the site does not publish"),
    ("[a](/guide/faq/)", "the link /guide/faq/ is absolute"),
    ("`[a](gone.md)`, in code", None),
    ("[a](gone.md)", "the link gone.md leads to gone.md"),  # again: on its own line, not the first's or the code's
    ("[a](timing.md#now)", "the link timing.md#now leads to #now"),  # not the line of timing.md#nowhere
    # The one id of the page the anchor ends (an item's, a step's) or is a slip of.
    (
        "[a](checklist.md#timing)",
        "the link checklist.md#timing leads to #timing…: link to checklist.md#checklist-timing",
    ),
    ("[a](steps.md#wait)", "the link steps.md#wait leads to #wait…: link to steps.md#step-wait"),
    ("[a](faq.md#what-if-my-ex-doesnt-respnd)", "the link faq.md#what-…: link to faq.md#what-if-my-ex-doesnt-respond"),
    ("[a]( gone.md )", "the link gone.md leads to gone.md"),  # written with spaces: still on its own line
    ("[a](/faq.md)", "the link /faq.md is absolute"),
    (f"[a]({site_config()['site_url']}faqs/)", f"the link {site_config()['site_url']}faqs/ is this site's own"),
    ("[fine](checklist.md)", None),
    ('<p>See <a href="checklist.md">the list</a>.</p>', "the link checklist.md is written in HTML"),
    ("{% raw %}[a](raw-gone.md){% endraw %}", "the link raw-gone.md leads to raw-gone.md"),  # published as written
    (f"[fine](steps.md#step-{STEP})", None),
    ("[fine](assets/guide.css) [fine](mailto:a@b.test)", None),
    ("![a dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=)", "the image data:image/gif;base64,R0lGODlh… is written"),
    ("## Answered { #an-answer }", None),
    ('<p markdown>[fine](dos-and-donts.md) <a href="#an-answer">fine</a></p>', None),
    ("{# [kept for later](later/) #}", None),  # a template comment: nothing in it is shown
    ("{# {{ steps() }} #}", None),  # nor is a list: a link to one of its items leads nowhere on this page
    (f"[a](#step-{STEP})", f"the link #step-{STEP} leads to #step-{STEP}, and faq.md has no heading"),
    ("{# Once: {% raw %}{{ name }}{% endraw %}\n## Old { #old }\n[old](old.md) #}", None),  # a raw block in a comment
    ("[a](#old)", "the link #old leads to #old, and faq.md has no heading"),
    ("[fine](./timing.md) [fine](timing.md/) [fine](timing.md?x=1) [fine](timing.md#) [fine](<timing.md>)", None),
    ('[fine](timing.md "its title") [fine]( timing.md ) [fine][ref]\n\n[ref]: timing.md', None),
    ("[a][gone]\n\n[gone]: gone-by-reference.md", "the link gone-by-reference.md leads to"),  # on the definition's line
    ("[a](TIMING.MD)", "the link TIMING.MD leads to TIMING.MD, which is not a file under docs/"),
    ("| a |\n|---|\n| ![a](assets/none.png) |", "the link assets/none.png leads to assets/none.png, which is not"),
    ("- an item ![a](assets/none-too.png)", "the link assets/none-too.png leads to assets/none-too.png, which"),
    ("!!! note\n    In a note, [a](gone-in-note.md).", "the link gone-in-note.md leads to gone-in-note.md, which"),
    ("A note[^1].\n\n[^1]: See [a](gone-by-footnote.md).", "the link gone-by-footnote.md leads to gone-by-footnote"),
    ("[a](timing.md/.)", "the link timing.md/. leads to timing.md with a /. or /.. at its end, which Zensical does"),
    ("[a](timing%2Emd)", "the link timing%2Emd leads to timing.md with a %-escape in the page's name, which Zensical"),
    ("[a](timing.md/?x=1)", "the link timing.md/?x=1 leads to timing.md with a slash after its name, which Zensical"),
    ("[a](assets/guide.css/)", "the link assets/guide.css/ leads to assets/guide.css with a slash after its name"),
    ("[a](.//timing.md)", "the link .//timing.md leads to timing.md with a doubled slash…: link to timing.md"),
    ("[a](#an%2Danswer)", "the link #an%2Danswer leads to #an-answer with a %-escape…: link to #an-answer"),
    ('<p><a href="#an%2Danswer">fine</a></p>', None),  # HTML, which MkDocs does not follow: a browser unescapes it
    (f"[a](http://{HOST}{BASE}gone/)", f"the link http://{HOST}{BASE}gone/ is this site's own"),
    (f"[a](//{HOST}{BASE}gone/)", f"the link //{HOST}{BASE}gone/ is this site's own"),
    (f"[a](https://{HOST.upper()}{BASE}gone/)", f"the link https://{HOST.upper()}{BASE}gone/ is this site's own"),
    (f"[a](https://{HOST}:443{BASE}gone/)", f"the link https://{HOST}:443{BASE}gone/ is this site's own"),
    (f"[fine](https://{HOST}:8443{BASE}gone/)", None),  # another port: another site
    (
        f"[a](https://{HOST}{BASE.rstrip('/')})",
        f"the link https://{HOST}{BASE.rstrip('/')} is this site's own…index.md",
    ),
    (f"[fine](https://{HOST}{BASE.rstrip('/')}book/)", None),  # a path that starts as the site's: another site
    ("![a](assets/gone\\_file.png)", "the link assets/gone_file.png leads to"),  # as Markdown reads it: on its line
    ("[a](gone-q.md?a=1&amp;b=2)", "the link gone-q.md?a=1&b=2 leads to gone-q.md"),
    ("[a](whole-guide.md#faq)", "the link whole-guide.md#faq leads to #faq…: link to faq.md"),  # its section there
    ("[a](index.md#an-answer)", "the link index.md#an-answer leads to #an-answer…: link to faq.md#an-answer"),
    ('<p id="twice">A</p>\n\n## Twice', "the id twice is on the page twice…: give the heading another id"),
    # The same broken link where it is no link (a comment, code), and then as a link: found on the link's line.
    ("<!-- [a](gone-later.md) -->\n{# [a](gone-later.md) #}\n<!--\n[a](gone-later.md)\n-->", None),
    ("````\n```\n[a](gone-later.md)\n```\n````\n\n    [a](gone-later.md)", None),
    ("`gone-in-list.md`\n\n- an item\n\n    its second paragraph, [a](gone-in-list.md)", "the link gone-in-list.md"),
    ("<!-- a note --> [a](gone-later.md)", "the link gone-later.md leads to gone-later.md"),
    # The site's own address: the link to write instead, as the check takes it (an image there: that one problem).
    (f"[a]({site_config()['site_url']}whole-guide/#faq)", "the link …whole-guide/#faq is…: link to faq.md, not"),
    (f'<p><a href="{site_config()["site_url"]}timing/">a</a></p>', "the link …: …Markdown, [its words](timing.md),"),
    (f"![a]({site_config()['site_url']}assets/favicon.svg)", "the link …favicon.svg is…: link to assets/favicon.svg"),
    (f"[a]({site_config()['site_url']}sitemap.xml)", "the link …sitemap.xml is…: add the file under docs/"),
    (f"[a]({site_config()['site_url']}steps/#nowhere)", "the link …: link to steps.md (it has no #nowhere)"),
]


def test_a_link_to_no_page_place_or_file_an_absolute_one_or_one_in_html_is_found_on_its_line(project):
    page = project / "docs" / "faq.md"
    lines = page.read_text("utf-8").count("\n")
    page.write_text(page.read_text("utf-8") + "".join(f"\n{written}\n" for written, _ in LINKS), "utf-8")
    ends = [lines + sum(written.count("\n") + 2 for written, _ in LINKS[: n + 1]) for n in range(len(LINKS))]
    expected = [("docs/faq.md", line, said) for line, (_, said) in zip(ends, LINKS, strict=True) if said]
    problems = check(project)
    assert [
        (*problem.place, said if says(problem, said) else str(problem))
        for problem, (*_, said) in zip(problems, expected, strict=False)
    ] == expected
    assert len(problems) == len(expected)


def test_links_are_checked_where_a_list_cannot_be_shown_and_an_address_that_is_none_is_one_problem(project):
    edit(project / "docs" / "data" / "steps.yml", f"id: {STEP}", "id: Not An Id")
    edit(
        project / "docs" / "steps.md",
        "{{ steps() }}",
        "{{ steps() }}\n\n[a](faq/) [b](#step-any) [c](https://[forum.test/)\n\n[d](/guide/timing/) [e](FAQ.md)",
    )
    data, *links, absolute, misspelt = check(project)
    assert data.place[0] == "docs/data/steps.yml" and {link.place for link in links} == {("docs/steps.md", 9)}
    assert absolute.place == ("docs/steps.md", 11) and says(absolute, "…: link to timing.md, not to its"), absolute
    assert misspelt.problem.todo == "did you mean faq.md? link to faq.md", misspelt
    folder, address = sorted(links, key=lambda problem: problem.problem.what, reverse=True)  # #step-any: not known
    assert folder.problem.what.startswith("the link faq/ leads to a folder"), links
    assert folder.problem.todo == "link to faq.md, not to its address", links
    assert address.problem.what.startswith("the address https://[forum.test/ is not a valid address"), links


@pytest.mark.slow  # runs the test suite
@pytest.mark.parametrize(  # a link, and a list shown twice, which the tests' modules look for as they load
    ("added", "said"),
    [("[a](faq.md#no-such-heading)", "faq.md#no-such-heading"), ("{{ checklist() }}", "ist() }} is a")],
)
def test_a_mistake_in_the_sources_stops_the_test_run_before_any_test_with_its_one_line(tmp_path, added, said):
    """Not a hundred tests failing to build (nor a traceback): the check's problem, once, and no test run."""
    copy = copy_project(tmp_path / "repository")
    for part in ("tests", "conftest.py", "pytest.ini", "pyproject.toml"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, copy / part)
    page = copy / "docs" / "faq.md"
    page.write_text(page.read_text("utf-8") + f"\n{added}\n", encoding="utf-8")
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
    assert output.count(said) == 1 and "the guide's sources do not pass `make check`" in output, output
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
    edit(project / "mkdocs.yml", FAQ_IN_NAV, FAQ_IN_NAV + "  - Frequently Asked Questions: My page.md\n")
    if recorded:  # as a contributor might, to answer "page … is new"
        edit(project / RECORD, "    - faq.md\n", "    - faq.md\n    - My page.md\n")
    problems = check(project)
    on_the_page = [problem for problem in problems if problem.place == ("docs/My page.md", 1)]
    assert len(on_the_page) == 1 and "my-page.md" in on_the_page[0], problems
    about_it = [problem for problem in problems if "My page.md" in problem]
    assert len(about_it) == 1 + recorded, problems  # and, once recorded, its line of the record
    assert all("lowercase letters, digits and hyphens" in problem for problem in about_it), problems


def test_the_settings_known_are_mkdocs_own():
    from mkdocs.config.defaults import MkDocsConfig

    from scripts.settings import MKDOCS_KEYS

    internal = {"config_file_path", "mdx_configs"}  # set by MkDocs itself, never written
    assert {key for key, _ in MkDocsConfig._schema} - internal | {"INHERIT"} == MKDOCS_KEYS


def test_a_page_has_one_title_its_heading_in_the_nav_and_in_its_front_matter(project):
    config, faq = project / "mkdocs.yml", project / "docs" / "faq.md"
    nav, heading = "  - Questions: faq.md", "Frequently Asked Questions"
    edit(config, FAQ_IN_NAV, nav + "\n")
    [problem] = check(project)
    assert problem.place == ("mkdocs.yml", line_of(config, nav)), problem
    assert f'write "- {heading}: faq.md"' in problem.problem.todo, problem
    # A title YAML would read otherwise (a comment, markup, a number; \| is Markdown's escape of |): the advice is
    # written as YAML reads it.
    for title, written, advised in [
        ("Questions: #1 and *more* \\| less", nav, '"Questions: #1 and more | less"'),
        ("2024", "  - 2024: faq.md", '"2024"'),
    ]:
        edit(faq, f"# {heading}", f"# {title}")
        edit(config, nav, written)
        [problem] = check(project)
        assert problem.place == ("mkdocs.yml", line_of(config, written)), problem
        assert f'write "- {advised}: faq.md"' in problem, problem
        heading, nav = title, f"  - {advised}: faq.md"
        edit(config, written, nav)
        assert check(project) == [], title
    for written in ("title: Other words\n", '"title" : Other words\n'):
        edit(faq, "---\n", "---\n" + written)
        [problem] = check(project)
        assert problem.place == ("docs/faq.md", 2) and "remove title:" in problem, problem
        edit(faq, written, "")
    edit(faq, f"# {heading}", "Questions, answered.")
    [problem] = check(project)
    assert problem.problem.file == "docs/faq.md" and "no heading" in problem.problem.what, problem


def test_python_that_does_not_parse_in_macros_is_one_line_naming_its_file_and_line_not_a_traceback(tmp_path):
    project = copy_test_project(tmp_path / "project")  # with the build's scripts, run as a contributor runs them
    render = project / "macros" / "render.py"
    line = len(render.read_text("utf-8").splitlines()) + 1
    render.write_text(render.read_text("utf-8") + "def broken(:\n", encoding="utf-8")
    for program in ("scripts.check_guide", "scripts.mkdocs_build"):
        result = run_script(sys.executable, program, project, SITE_EPOCH)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.splitlines() == [
            f"ERROR   -  Guide error: macros/render.py, line {line}: the Python does not parse (invalid syntax): mend it"
        ], result.stderr


def test_search_words_a_reader_may_type_are_checked_each_on_its_line(project):
    """docs/data/synonyms.yml: a word in two groups, a group of one, markup in a word; and no file at all."""
    file = "docs/data/synonyms.yml"
    synonyms = project / file
    synonyms.write_text("groups:\n  - [reply, respond]\n  - [Respond, answer]\n  - [alone]\n  - [a<b>, c]\n", "utf-8")
    found = {problem.place: problem.problem.what for problem in check(project)}
    assert "badly formed" in found.pop((file, 5), ""), found
    assert found == {
        (file, 3): '"Respond" is already in group 1; a word belongs to one group: merge them',
        (file, 4): "the item has 1 of the 2 entries it needs at least",
    }
    synonyms.unlink()
    assert [problem.problem.what for problem in check(project)] == [
        "the file is missing: write it: groups of words search takes as one"
    ]
