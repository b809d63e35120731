"""Helpers shared by the tests: build the site (MkDocs in-process, or Zensical), copy the project, read page text."""

from __future__ import annotations

import contextlib
import html
import io
import json
import logging
import logging.handlers
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import yaml

from macros.page_urls import page_address
from scripts.projects import PROJECT_PARTS, ROOT, copy_project
from scripts.settings import nav_entries, read_config
from scripts.source_date import set_source_date

# The engine whose build the built_site fixture serves: `mkdocs` (the default) or `zensical` (make test-zensical).
ENGINES = ("mkdocs", "zensical")
SITE_ENGINE = os.environ.get("SITE_ENGINE") or "mkdocs"
# Zensical has its own virtual environment (make .venv-zensical/installed); the tests run it as a program.
ZENSICAL_PYTHON = os.environ.get("ZENSICAL_PYTHON") or str(ROOT / ".venv-zensical" / "bin" / "python")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The site's one date for every build the tests make, in this process and in the builds they start: the
# guide's own (its last commit to the text, or SOURCE_DATE_EPOCH as given), never the day the tests run.
SITE_EPOCH = set_source_date(ROOT)
FAST_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where installed


def build_site(project: Path, site_dir: Path) -> list[str]:
    """Build strictly, in this process; return the warnings logged (strict mode fails on any)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    collect = logging.handlers.BufferingHandler(capacity=10**6)
    collect.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        build(config)
    finally:
        logger.removeHandler(collect)
    return [f"{record.name}: {record.getMessage()}" for record in collect.buffer]


def run_script(python: str, script: str, project: Path, epoch: int | None, *arguments, **variables):
    """One of scripts/ run on a project as a contributor runs it, dated SOURCE_DATE_EPOCH=epoch (None: from Git)."""
    env = {"PATH": "/usr/bin:/bin", **variables, **({"SOURCE_DATE_EPOCH": str(epoch)} if epoch is not None else {})}
    command = [python, "-m", script, str(project / "mkdocs.yml"), *arguments]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300, env=env)


def run_build(project: Path, epoch: int | None = SITE_EPOCH, engine: str = SITE_ENGINE) -> subprocess.CompletedProcess:
    """`make build` (or `make build-zensical`) on a project, as a contributor runs it: a strict build into
    project/site, of the engine under test (SITE_ENGINE) unless another is named."""
    if engine == "mkdocs":
        return run_script(sys.executable, "scripts.mkdocs_build", project, epoch, NO_MKDOCS_2_WARNING="1")
    if not Path(ZENSICAL_PYTHON).exists():
        raise FileNotFoundError(f"no Zensical at {ZENSICAL_PYTHON}: run `make .venv-zensical/installed` first")
    return run_script(ZENSICAL_PYTHON, "scripts.zensical_build", project, epoch, NO_COLOR="1")


def build_site_with_zensical(project: Path) -> Path:
    """Build a project (a copy: Zensical writes inside it) with Zensical; return the site folder."""
    result = run_build(project, engine="zensical")
    assert result.returncode == 0, f"the Zensical build failed:\n{result.stdout}{result.stderr}"
    return project / "site"


def edit(path: Path, before: str, after: str) -> int:
    """A text in a file replaced, the first time it is there (prepended where it is ""); returns its line."""
    text = path.read_text("utf-8")
    assert before in text, f"{path.name} has no {before!r} to change"
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    return text[: text.index(before)].count("\n") + 1


def files(site: Path) -> dict[str, bytes]:
    """Every file of a site folder, {path: bytes}."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


TEST_PROJECT = ROOT / "tests" / "project"  # the tests' own small guide: pages, data and nav


def copy_test_project(target: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """The tests' own small guide (tests/project) with the site's settings, code, theme and assets (or only `parts`
    of them): tests that change or break a project never touch the guide's pages, which contributors reword."""
    copy_project(target, tuple(part for part in parts if part != "docs"))
    shutil.copytree(TEST_PROJECT / "docs", target / "docs", ignore=shutil.ignore_patterns("data"))
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    borrowed = copy_test_data(target / "docs" / "data")
    nav = (TEST_PROJECT / "nav.yml").read_text("utf-8")
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    pages = {name: f"component-{name.replace('_', '-')}.md" for name in borrowed}  # a page's name takes no _
    nav += "".join(f"  - {name}: {page}\n" for name, page in pages.items())
    config, replaced = re.subn(r"^nav:\n(?:[ \t]+.*\n)+", lambda _: nav, config, flags=re.M)
    assert replaced == 1, "mkdocs.yml has no nav: block for the tests' project to replace"
    for name in borrowed:  # a component the tests' project lacks, on a page of its own
        page = pages[name]
        (target / "docs" / page).write_text(
            "---\ndescription: A component the tests' own project borrows from the guide, on a page of its own.\n"
            f"---\n\n# {name}\n\n{{{{ {name}() }}}}\n",
            encoding="utf-8",
        )
        record = target / "docs" / "data" / "published.yml"
        mark = "  published:\n"
        record.write_text(record.read_text("utf-8").replace(mark, f"{mark}    - {page}\n", 1), encoding="utf-8")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


@cache
def site_config() -> dict:
    """mkdocs.yml as data (site_url, site_name, nav, …)."""
    return read_config(ROOT / "mkdocs.yml")


def schema_files() -> list[Path]:
    """Every JSON Schema of the data: each component's, in its folder, and the others', under docs/data/schemas."""
    return sorted(
        [*(ROOT / "docs" / "data" / "schemas").glob("*.json"), *(ROOT / "macros" / "components").glob("*/schema.json")]
    )


def read_data(name: str) -> dict:
    """One of the guide's data files (docs/data/NAME), read independently of the build's loader."""
    return yaml.load((ROOT / "docs" / "data" / name).read_text("utf-8"), Loader=FAST_YAML)


def copy_test_data(target: Path) -> list[str]:
    """The tests' project's data and the site's schemas, in target, with the guide's data and record of a component
    the tests' project lacks (just added: no test to edit); returns the names of those components."""
    from macros.components import COMPONENTS

    shutil.copytree(TEST_PROJECT / "docs" / "data", target)
    shutil.copytree(ROOT / "docs" / "data" / "schemas", target / "schemas")
    record = target / "published.yml"
    real_record = read_data("published.yml")
    if not (target / "synonyms.yml").exists():  # search's words, the guide's own unless the tests' project has some
        shutil.copy2(ROOT / "docs" / "data" / "synonyms.yml", target / "synonyms.yml")
    borrowed = []
    for component in COMPONENTS:
        if not (target / component.data_file).exists():
            borrowed.append(component.name)
            shutil.copy2(ROOT / "docs" / "data" / component.data_file, target / component.data_file)
            if component.name in real_record:
                added = yaml.safe_dump({component.name: real_record[component.name]}, allow_unicode=True)
                record.write_text(record.read_text("utf-8") + added, encoding="utf-8")
    return borrowed


def read_test_data(name: str) -> dict:
    """One of the data files of the tests' own project (tests/project/docs/data/NAME), or else the guide's own."""
    path = TEST_PROJECT / "docs" / "data" / name
    return yaml.load((path if path.exists() else ROOT / "docs" / "data" / name).read_text("utf-8"), Loader=FAST_YAML)


def nav_pages() -> list[tuple[str, str]]:
    """(title, source file) of every page, in the order of the navigation."""
    return [(str(entry.title or entry.source), entry.source) for entry in nav_entries(site_config()["nav"])]


def page_calling(macro: str) -> str | None:
    """The source of the guide's page that shows a macro's component (`{{ steps() }}`), found from the pages: the
    first (the check, which stops the tests before any runs, has each component on exactly one), or None."""
    call = re.compile(r"^\{\{\s*" + re.escape(macro) + r"\(\)\s*\}\}\s*$", re.M)
    return next((page for _, page in nav_pages() if call.search((ROOT / "docs" / page).read_text("utf-8-sig"))), None)


def page_path(site: Path, source: str) -> Path:
    """Where MkDocs writes the page built from a source file."""
    return site / page_address(source) / "index.html"


_BLOCK = re.compile(r"(?i)</?(p|li|td|th|h[1-6]|div|blockquote|figcaption|caption|tr|ul|ol|table|form|button)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")


def article_text(page_html: str) -> str:
    """The visible words of a page's main article, whitespace collapsed."""
    match = re.search(r"<article[^>]*>(.*?)</article>", page_html, re.S)
    body = match.group(1) if match else ""
    body = re.sub(r"<a [^>]*rel=\"edit\".*?</a>", " ", body, flags=re.S)
    text = _TAG.sub("", _BLOCK.sub(" ", body))
    return " ".join(html.unescape(text).split())


def search_index(site: Path) -> str:
    """The text of the built site's search index (scripts/search_index.py), as written."""
    return (site / "search" / "index.json").read_text("utf-8")


# A contributor's slip in a page's source that MkDocs alone publishes without a word, one for each check
# of scripts/page_sources.py: where it goes in docs/faq.md (its front matter, or a line added at the end),
# the line written, what the error says is wrong, and the advice it ends with.
NOT_YAML = "the front matter is not valid YAML"
NO_FRONT_MATTER = (
    "the page starts with a --- line but MkDocs finds no front matter",
    "front matter starts on the first line with ---, holds at least one key: value line, and ends with a line "
    "of just --- followed by a line break",
)
ALONE = "write it as {{ steps() }}, alone on a line of its own, unindented"
UNDASHED = "write it as {{ steps() }}, without the dashes"
PAGE_MISTAKES = {
    "colon-in-front-matter": (
        "front matter",
        "description: Answers: three common questions",
        NOT_YAML,
        'a value with a colon and a space in it must be in quotes: "…: …"',
    ),
    "braces-in-front-matter": (
        "front matter",
        "description: Answers to {{ three }} common questions about reaching out to an ex again",
        'the front matter holds "{{"',
        "write the words themselves, without {{, {% or {#",
    ),
    "macro-in-a-sentence": (
        "end",
        "Take the {{ steps() }} one at a time.",
        "{{ steps() }} shares its line with other text",
        ALONE,
    ),
    "macro-indented": ("end", "    {{ steps() }}", "{{ steps() }} is indented by four spaces or a tab", ALONE),
    "macro-after-a-tab": (
        "end",
        "\t{{ checklist() }}",
        "{{ checklist() }} is indented by four spaces or a tab",
        ALONE.replace("steps", "checklist"),
    ),
    "macro-with-dashes": ("end", "{{- steps() -}}", "{{- steps() -}} has a dash inside its braces", UNDASHED),
    "comment-with-dashes": ("end", "{#- a note -#}", "{#- … -#} has a dash", "write it as {# … #}, without the dashes"),
    "macro-in-a-code-span": (
        "end",
        "Show the steps with `{{ steps() }}` on a line.",
        "{{ steps() }} sits in a code span",
        "to show the call as text, write {{ '{{' }} steps() }}",
    ),
    "impossible-date-in-front-matter": (
        "front matter",
        "date: 2024-02-30",
        "YAML reads a value here as a date, and cannot",
        "put it in quotes",
    ),
    "front-matter-not-closed": ("unclosed", "---", *NO_FRONT_MATTER),
    "blank-line-above-front-matter": ("blank above", "---", *NO_FRONT_MATTER),
    "value-starting-with-a-bracket": (
        "front matter",
        "description: [Draft] answers to three questions",
        NOT_YAML,
        'a value that starts with "[" must be in quotes: "[…"',
    ),
}


def write_page_mistake(project: Path, mistake: str, bom_crlf: bool = False) -> int:
    """Write one of PAGE_MISTAKES into the project's docs/faq.md (saved with a BOM and Windows line
    endings if bom_crlf); return the number of the line it is on."""
    page = project / "docs" / "faq.md"
    where, written, _, _ = PAGE_MISTAKES[mistake]
    text = page.read_text("utf-8")
    if where == "front matter":  # on the third line, after a title
        text = re.sub(
            r"\A---\n.*?\n---\n", f"---\ntitle: Frequently Asked Questions\n{written}\n---\n", text, flags=re.S
        )
    elif where == "unclosed":  # the front matter's closing line left out
        text = re.sub(r"\A---\n(.*?\n)---\n", rf"{written}\n\1", text, flags=re.S)
    elif where == "blank above":
        text = "\n" + text
    else:
        text += f"\n{written}\n"
    line = text.split("\n").index(written) + 1
    page.write_bytes(("\ufeff" + text.replace("\n", "\r\n") if bom_crlf else text).encode("utf-8"))
    return line


@cache
def registrations() -> tuple:
    """(name, macro) for each macro macros/__init__.py registers, in order, as the macros plugin sees them."""
    from types import SimpleNamespace

    import macros

    registered = []
    env = SimpleNamespace(
        project_dir=str(ROOT),
        conf={"docs_dir": "docs", **site_config()},
        page=SimpleNamespace(file=SimpleNamespace(src_uri="faq.md"), url="faq/"),  # the page being rendered
        macro=lambda macro, name: registered.append((name, macro)),
    )
    macros.define_env(env)
    return tuple(registered)


def site_macros() -> list[str]:
    """The names of the site's own macros, each as often as it is registered."""
    return sorted(name for name, _ in registrations())


def page_mistake_errors(folder: Path, mistake: str, bom_crlf: bool = False) -> tuple[int, list]:
    """One of PAGE_MISTAKES in a copy of docs/faq.md in folder: its line, and the errors of the page as MkDocs reads it."""
    from mkdocs.structure.files import File

    from scripts.page_sources import page_errors

    (folder / "docs").mkdir(parents=True)
    shutil.copy2(TEST_PROJECT / "docs" / "faq.md", folder / "docs" / "faq.md")
    line = write_page_mistake(folder, mistake, bom_crlf)
    page = File("faq.md", str(folder / "docs"), str(folder / "site"), use_directory_urls=True)
    return line, page_errors("docs/faq.md", page.content_string, site_macros())


def problem_annotations(output: str) -> list[tuple[str, str, int | None, str]]:
    """(severity, file, line, message) of each line of output that GitHub's problem matcher (.github/guide-problems.json)
    shows on a pull request, read as GitHub's runner reads it."""
    [matcher] = json.loads((ROOT / ".github" / "guide-problems.json").read_text("utf-8"))["problemMatcher"]
    [pattern] = matcher["pattern"]
    severity, file, line, message = (pattern[field] for field in ("severity", "file", "line", "message"))
    found = map(re.compile(pattern["regexp"]).match, output.splitlines())
    return [
        (match[severity], match[file], match[line] and int(match[line]), match[message]) for match in found if match
    ]


def printed_problems(project: Path) -> list[str]:
    """The lines the check that both builds run first prints on a project (scripts/check_guide.py), in this process."""
    from scripts.check_guide import guide_problems, report

    with contextlib.chdir(project), contextlib.redirect_stderr(io.StringIO()) as printed:
        report(guide_problems(project / "mkdocs.yml"))
    return printed.getvalue().splitlines()


def whole_guide() -> str:
    """The source of the page that holds the whole guide (mkdocs.yml's extra: whole_guide:)."""
    return site_config()["extra"]["whole_guide"]


def section_pages() -> list[str]:
    """The sources of the pages the whole guide holds, in the order of the navigation: all but its own."""
    return [source for _, source in nav_pages() if source != whole_guide()]


# Every Content-Security-Policy violation of a page, in window.violations (an init script of a browser context).
VIOLATIONS = """window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.violations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample}`);
});"""
