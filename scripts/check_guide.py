"""Check the guide's sources as both builds do first, with no build: python -m scripts.check_guide [CONFIG]

Every data file, every page's source (scripts/page_sources.py), the components (macros/components.py) and
the record of what is published (docs/data/published.yml): every problem at once, one line each, in file
and line order, `ERROR   -  Page error: docs/faq.md, line 2: …`. On GitHub, the problem matcher
.github/guide-problems.json shows each on its line of the pull request. Exit status 1 when there is any.
"""

import os
import re
import subprocess
import sys
import traceback
from pathlib import Path

import jinja2
import markdown
import yaml

from macros import components
from macros.components import COMPONENTS
from macros.guide_data import GuideDataError, data_file_problems, data_problems
from macros.published import PAGE_NAME, RECORD, dropped_from_record, published_problems
from macros.render import TEMPLATES, render_component
from macros.yaml_advice import yaml_error_at
from scripts.page_links import link_problems, markdown_converter
from scripts.page_safety import asset_problems, escaped, html_problems, invisible_in_yaml, invisible_problems
from scripts.page_sources import FRONT_MATTER, TEMPLATE_SYNTAX, macro_calls, page_errors, page_meta


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as far as the check needs (docs_dir, nav): a tag such as !ENV or !!python/name reads
    as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict:
    """mkdocs.yml's settings (raises yaml.YAMLError when it is not YAML)."""
    settings = yaml.load(config_file.read_text("utf-8"), Loader=_ConfigLoader)
    return settings if isinstance(settings, dict) else {}


PLACE = re.compile(r"^[^:]+: (?P<file>[^,:]+)(?:, line (?P<line>\d+))?")


def guide_problems(config_file: Path) -> list[str]:
    """Every problem of the guide's sources, as one line each, in file and line order."""
    try:
        config = read_config(config_file)
    except yaml.YAMLError as error:
        line, problem = yaml_error_at(error)
        return [f"Guide error: {_shown(config_file)}, line {line}: not valid YAML ({problem})"]
    except UnicodeDecodeError as error:
        return [f"Guide error: {_shown(config_file)}, {_not_utf8(config_file, error)}"]
    root = config_file.parent
    docs = root / (config.get("docs_dir") or "docs")
    problems = [f"Guide data error: {problem}" for problem in data_problems(docs / "data")]
    if "site_dir" in config:
        line = _first_line_with(config_file, "site_dir:")
        problems.append(
            f"Guide error: {_shown(config_file)}, line {line}: both builds write the site to site/, "
            "where CI, the preview and the tests look for it: remove site_dir"
        )
    problems += _link_and_config_problems(config_file, config, docs)
    pages = [
        page
        for page in sorted(docs.rglob("*"))
        if page.suffix in MARKDOWN and page.is_file() and "data" not in page.relative_to(docs).parts[:1]
    ]
    converter = markdown_converter(config)
    macros = [component.name for component in COMPONENTS]
    shown_at: dict[str, tuple[str, int]] = {}  # each macro's first call: a list is shown once, on one page
    sources: dict[str, str] = {}
    for page in pages:
        try:
            source = page.read_text("utf-8-sig").replace("\r\n", "\n")  # as MkDocs reads a page
        except UnicodeDecodeError as error:
            problems.append(f"Page error: {_shown(page)}, {_not_utf8(page, error)}")
            continue
        sources[page.relative_to(docs).as_posix()] = source
        if not PAGE_NAME.fullmatch(page.relative_to(docs).as_posix()):
            suggested = re.sub(r"[^a-z0-9/]+", "-", page.relative_to(docs).with_suffix("").as_posix().lower()).strip(
                "-"
            )
            problems.append(
                f"Page error: {_shown(page)}, line 1: a page's file name (its address) holds only lowercase letters, "
                f"digits and hyphens, and ends .md: rename it, such as {suggested or 'page'}.md"
            )
        problems += [
            f"Page error: {_shown(page)}, line {line}: {problem}" for line, problem in _safety(source, converter)
        ]
        problems += page_errors(_shown(page), source, macros)
        for line, macro in macro_calls(source, macros):
            if macro in shown_at:
                first = f"{shown_at[macro][0]}, line {shown_at[macro][1]}"
                problems.append(
                    f"Page error: {_shown(page)}, line {line}: {{{{ {macro}() }}}} is already shown at {first}: "
                    "each list is shown once on the site (its ids and anchors must be unique); remove one"
                )
            else:
                shown_at[macro] = (_shown(page), line)
    problems += _component_problems(docs / "data", shown_at)
    nav = _nav_with_lines(config.get("nav") or [], config_file)
    in_docs = {page.relative_to(docs).as_posix(): page for page in pages}
    for page, line in nav:
        if page not in in_docs:
            problems.append(
                f"Guide error: {_shown(config_file)}, line {line}: the nav lists {page}, and there is no "
                f"{_shown(docs / page)}: mend the name, or remove the line"
            )
    listed = {page for page, _ in nav}
    seen: set[str] = set()
    for page, line in nav:
        if page in seen:
            problems.append(
                f"Guide error: {_shown(config_file)}, line {line}: the nav lists {page} twice; a page has one place "
                "in the guide (and in the whole guide): remove one line"
            )
        seen.add(page)
    for name, page in in_docs.items():
        if name not in listed:
            problems.append(
                f"Page error: {_shown(page)}, line 1: the page is not in the nav, so readers cannot reach it: "
                f'add a line such as "  - Its title: {name}" under nav: in {_shown(config_file)}'
            )
    problems += [
        f"Guide data error: {problem}" for problem in published_problems(docs / "data", nav, _shown(config_file))
    ]
    problems += _whole_guide_problems(config, config_file, docs, listed)
    problems += _offline_problems(config, config_file)
    problems += link_problems(sources, config, docs, _shown)
    return sorted(problems, key=_place)


# What MkDocs takes for a page (a .markdown page is rendered, macros and all, like a .md one).
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def _safety(source: str, converter) -> list[tuple[int, str]]:
    """Invisible characters, and HTML a guide does not need (scripts/page_safety.py), in a page's source."""
    front = FRONT_MATTER.match(source)
    body = source[front.end() :] if front else source
    offset = source[: front.end()].count("\n") if front else 0
    body = re.sub(r"^\{\{.*\}\}[ \t]*$", "", body, flags=re.M)  # a macro call: our template, which escapes its data
    found = [(offset + line, problem) for line, problem in html_problems(body, converter.reset().convert(body))]
    return invisible_problems(source) + found


def _link_and_config_problems(config_file: Path, config: dict, docs: Path) -> list[str]:
    """Symbolic links under docs/ (a build would publish what they point at, wherever it is), invisible
    characters in mkdocs.yml and the data, and template code in mkdocs.yml (the macros plugin renders nav
    titles)."""
    problems = []
    for folder, folders, files in os.walk(docs):
        for name in sorted(folders + files):
            path = Path(folder) / name
            if path.is_symlink():
                problems.append(
                    f"Guide error: {_shown(path)}, line 1: a symbolic link, which a build would follow wherever it "
                    "points: put the file itself here"
                )
            elif path.is_file() and path.suffix not in MARKDOWN and "data" not in path.relative_to(docs).parts[:1]:
                problems += [
                    f"Guide error: {_shown(path)}, line {line}: {problem}"
                    for line, problem in asset_problems(path.name, path.read_bytes())
                ]
    for path in [config_file, *sorted((docs / "data").glob("*.yml"))]:
        kind = "Guide error" if path == config_file else "Guide data error"
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeError):
            continue  # said by the check of that file
        found = invisible_problems(text) or invisible_in_yaml(text)  # as written, or written as an escape
        problems += [f"{kind}: {_shown(path)}, line {line}: {problem}" for line, problem in found]
    for number, row in enumerate(config_file.read_text("utf-8").split("\n"), 1):
        if TEMPLATE_SYNTAX.search(row.split(" #", 1)[0]) and not row.lstrip().startswith("#"):
            problems.append(
                f"Guide error: {_shown(config_file)}, line {number}: {TEMPLATE_SYNTAX.search(row)[0]} starts template "
                "code, which the macros plugin would run: write the words themselves, without {{, {% or {#"
            )
    return problems


def _offline_problems(config: dict, config_file: Path) -> list[str]:
    """extra: offline: is true or false: a quoted "false" is a text, which would turn the offline copy on."""
    extra = config.get("extra")
    if not isinstance(extra, dict) or "offline" not in extra or isinstance(extra["offline"], bool):
        return []
    line = _first_line_with(config_file, "offline:")
    return [f"Guide error: {_shown(config_file)}, line {line}: offline is true or false, written without quotes"]


def _whole_guide_problems(config: dict, config_file: Path, docs: Path, listed: set[str]) -> list[str]:
    """The page named to hold the whole guide (extra: whole_guide:) is in the nav, and out of search: its
    text is the other pages', which search already leads to."""
    extra = config.get("extra")
    page = extra.get("whole_guide") if isinstance(extra, dict) else None
    if page is None:
        return []
    line = _first_line_with(config_file, "whole_guide:")
    if not isinstance(page, str):
        return [f"Guide error: {_shown(config_file)}, line {line}: whole_guide names one page, such as whole-guide.md"]
    if page not in listed:
        return [
            f"Guide error: {_shown(config_file)}, line {line}: whole_guide names {page}, which is not in the nav: "
            "name a page listed under nav:"
        ]
    if not (docs / page).is_file():
        return []  # the nav's own check says the page is missing
    meta = page_meta((docs / page).read_text("utf-8-sig", errors="replace"))
    if meta is None:
        return []  # the page's own check says where its front matter goes wrong
    search = meta.get("search")
    if not (isinstance(search, dict) and search.get("exclude") is True):
        return [
            f"Page error: {_shown(docs / page)}, line 1: this page holds the whole guide (whole_guide: in "
            f"{_shown(config_file)}), so search would find every sentence twice: add search: exclude: true "
            "to its front matter"
        ]
    return []


def _component_problems(data_dir: Path, shown_at: dict) -> list[str]:
    """The components as macros/components.py declares them: each with its template (which must parse and
    show its data), the field of its list in its schema, and a page that shows it; and no data file that is
    no component's."""
    registry = Path(components.__file__)
    problems = []
    for component in COMPONENTS:
        entry = _first_line_with(registry, '"' + component.name + '"')
        at = f"Guide error: {_shown(registry)}, line {entry}"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", component.name):
            problems.append(
                f'{at}: "{component.name}" cannot be a macro\'s name: use lowercase letters, digits and _ '
                "(such as questions or dos_and_donts)"
            )
            continue
        template = TEMPLATES / component.template
        if component.output not in ("html", "markdown"):
            problems.append(f'{at}: output="{component.output}" is not "html" or "markdown"')
        elif not template.is_file():
            problems.append(f'{at}: the component "{component.name}" has no template: write {_shown(template)}')
        if component.name not in shown_at:
            problems.append(
                f"{at}: no page shows {{{{ {component.name}() }}}}: write it, on a line of its own, on the page "
                "that should show the list, or remove the component"
            )
        try:
            document, _, found = data_file_problems(data_dir, component.name)
        except GuideDataError:
            continue  # the data check says what is wrong with the file
        fields = document if isinstance(document, dict) else {}
        if component.items not in fields:
            problems.append(
                f'{at}: items="{component.items}" is not a field of {component.data_file} (its fields: '
                f"{', '.join(fields) or 'none'}): name the field that holds the list"
            )
        elif not found and template.is_file() and component.output in ("html", "markdown"):
            problems += _template_problems(component, document, template)
    registered = {component.data_file for component in COMPONENTS} | {RECORD}
    for path in sorted(data_dir.glob("*.yml")):
        if path.name not in registered:
            problems.append(
                f"Guide data error: {_shown(path)}, line 1: no component shows this file: add its entry to "
                f'{_shown(registry)} (CONTRIBUTING.md, "Add a component"), or remove the file'
            )
    return problems


def _template_problems(component, document, template: Path) -> list[str]:
    """A template that does not parse, or cannot show the data it is given, named by its file and line; one that
    shows Markdown's escapes as text, or leaves out an anchor readers depend on."""
    where = f"Guide error: {_shown(template)}"
    items = document.get(component.items) or []
    fields = sorted({field for item in items if isinstance(item, dict) for field in item})
    try:
        shown = render_component(
            component, document, edit_url="https://example.test/", whole_guide_url="https://example.test/"
        )
    except jinja2.TemplateSyntaxError as error:
        return [f"{where}, line {error.lineno}: {error.message}; mend the {{{{ }}}}, {{% %}} or {{# #}} there"]
    except (jinja2.TemplateError, ValueError) as error:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == str(template)]
        line = f", line {frames[-1].lineno}" if frames else ""
        missing = re.search(r"has no attribute '([^']+)'", str(error))
        if missing:
            problem = f'the data has no field "{missing[1]}"; its items\' fields are: {", ".join(fields)}'
        elif "is not an id" in str(error):
            problem = f"{error}: every item needs an id, as its schema should require"
        else:
            problem = str(error)
        return [f"{where}{line}: it cannot show {component.data_file}: {problem}"]
    html = shown
    if component.output == "markdown":
        html = markdown.markdown(shown, extensions=["attr_list", "toc", "tables", "md_in_html"])
        texts = "".join(str(value) for item in items if isinstance(item, dict) for value in item.values())
        if "<pre>" in html and "<pre>" not in shown:
            return [
                f"{where}: its Markdown shows as code: a line indented by four spaces or a tab is code in Markdown; "
                "start its lines at the left edge"
            ]
        if "\\" in html and "\\" not in texts:
            return [
                f"{where}: it shows Markdown's escapes (\\) as text: write its text as Markdown, never inside an "
                "HTML tag"
            ]
    if component.kept_ids:
        lost = [item["id"] for item in items if not re.search(rf'id="[^"]*\b{re.escape(item["id"])}"', html)]
        if lost:
            return [
                f'{where}: readers link to its items by id, and its output has no anchor for "{lost[0]}": give each '
                "item an id made from its id (in Markdown, a heading's { #prefix-{{ item.id | anchor }} })"
            ]
    return []


def _first_line_with(path: Path, text: str) -> int:
    return next((n for n, row in enumerate(path.read_text("utf-8").splitlines(), 1) if text in row), 1)


def _not_utf8(path: Path, error: UnicodeDecodeError) -> str:
    line = path.read_bytes()[: error.start].count(b"\n") + 1
    return f"line {line}: the file is not UTF-8 text (byte 0x{error.object[error.start]:02x}); save it as UTF-8"


def _nav_with_lines(nav, config_file: Path) -> list[tuple[str, int]]:
    """(page, line in mkdocs.yml) of every page in the nav, nested sections included."""
    text = config_file.read_text("utf-8").splitlines()
    pages = []

    def walk(entry):
        if isinstance(entry, list):
            for item in entry:
                walk(item)
        elif isinstance(entry, dict):
            for value in entry.values():
                walk(value)
        elif isinstance(entry, str) and not re.match(r"^[a-z]+://", entry):
            taken = {line for _, line in pages}  # a page listed twice: each entry its own line
            line = next(
                (
                    n
                    for n, row in enumerate(text, 1)
                    if n not in taken and re.search(rf"(:|-)\s+{re.escape(entry)}\s*$", row)
                ),
                0,
            )
            pages.append((entry, line))

    walk(nav)
    return pages


def _shown(path: Path) -> str:
    """A file's path as the other messages name it: from the working directory when inside it."""
    try:
        return (path if path.is_symlink() else path.resolve()).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _place(problem: str):
    match = PLACE.match(problem)
    return (match["file"], int(match["line"] or 0)) if match else ("", 0)


def report(problems: list[str]) -> None:
    """Print each problem as one line, in MkDocs' layout."""
    for problem in problems:
        print(f"{'ERROR':<8}-  {escaped(problem)}", file=sys.stderr)


def config_or_exit() -> Path:
    """The settings file named on the command line (mkdocs.yml by default); exit with advice where there is none."""
    named = [argument for argument in _arguments()[0] if not argument.startswith("-")]
    config_file = Path(named[0] if named else "mkdocs.yml").resolve()
    if not config_file.is_file():
        sys.exit(f"No {config_file.name} in {config_file.parent}: run this from the repository's top folder.")
    return config_file


def _arguments() -> tuple[list[str], str | None]:
    """The command line's arguments but --against REF, and REF (None when not given)."""
    arguments, against = sys.argv[1:], None
    if "--against" in arguments:
        at = arguments.index("--against")
        against = arguments[at + 1] if at + 1 < len(arguments) else ""
        arguments = arguments[:at] + arguments[at + 2 :]
    return arguments, against


def record_problems_against(config_file: Path, ref: str) -> list[str]:
    """What the record of what is published held at `ref` (the target branch of a pull request) and no longer
    holds; nothing where `ref` has no record yet."""
    config = read_config(config_file)
    data_dir = config_file.parent / (config.get("docs_dir") or "docs") / "data"
    relative = (data_dir / RECORD).relative_to(config_file.parent).as_posix()
    try:
        found = subprocess.run(
            ["git", "show", f"{ref}:./{relative}"], cwd=config_file.parent, capture_output=True, text=True, timeout=60
        )
    except OSError as error:
        return [f"Guide error: {_shown(data_dir / RECORD)}: Git cannot be run to read {ref}'s record ({error})"]
    if found.returncode:
        if "exists on disk, but not in" in found.stderr or "does not exist in" in found.stderr:
            return []  # the target branch has no record yet
        problem = (found.stderr.strip().splitlines() or ["git show failed"])[0]
        return [f"Guide error: {_shown(data_dir / RECORD)}: {ref}'s record cannot be read ({problem}): fetch it"]
    return [f"Guide data error: {problem}" for problem in dropped_from_record(data_dir, found.stdout, ref)]


def main() -> int:
    config_file = config_or_exit()
    problems = guide_problems(config_file)
    against = _arguments()[1]
    if against is not None:
        problems = sorted(problems + record_problems_against(config_file, against or "origin/main"), key=_place)
    report(problems)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} to mend; nothing was built.", file=sys.stderr)
        return 1
    print("The guide's data, pages and published addresses and ids: all as they should be.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
