"""Check the guide's sources as both builds do first, with no build: python -m scripts.check_guide [CONFIG]

Every data file, every page's source (scripts/page_sources.py), the components (macros/components/__init__.py) and
the record of what is published (docs/data/published.yml): every problem at once, one line each, in file
and line order, `ERROR   -  Page error: docs/faq.md, line 2: …`. Each is a value (macros/problems.py) until it is
printed, here; on GitHub, the problem matcher .github/guide-problems.json shows each on its line of the pull
request. Exit status 1 when there is any. `--json` prints the problems' fields instead (the preview reads them).
"""

import difflib
import json
import os
import re
import subprocess
import sys
import traceback
from pathlib import Path

import jinja2
import markdown
import yaml
from bs4 import BeautifulSoup

from macros import components
from macros.components import COMPONENTS
from macros.guide_data import SYNONYMS, data_problems, read_data_file, read_data_files
from macros.problems import DATA, GUIDE, PAGE, Problem
from macros.published import PAGE_NAME, RECORD, dropped_from_record, published_problems, read_record, redirects
from macros.render import TEMPLATES, render_component
from macros.yaml_advice import yaml_error_at
from scripts.page_links import link_problems, markdown_converter
from scripts.page_safety import asset_problems, escaped, html_problems, invisible_in_yaml, invisible_problems
from scripts.page_sources import FRONT_MATTER, TEMPLATE_SYNTAX, macro_calls, meant_macros, page_errors, page_meta
from scripts.page_text import as_rendered
from scripts.settings import MKDOCS_KEYS, key_lines, nav_entries, read_config, unknown_keys


def guide_problems(config_file: Path) -> list[Problem]:
    """Every problem of the guide's sources, in file and line order."""
    try:
        config = read_config(config_file)
    except yaml.YAMLError as error:
        line, problem = yaml_error_at(error)
        return [Problem(_shown(config_file), f"not valid YAML ({problem})", line)]
    except UnicodeDecodeError as error:
        return [_not_utf8(config_file, error, GUIDE)]
    root = config_file.parent
    docs = root / (config.get("docs_dir") or "docs")
    files = read_data_files(docs / "data")  # each data file read and checked once, for every check below
    problems = data_problems(files) + read_data_file(docs / "data", SYNONYMS).problems
    for key, line in unknown_keys(config_file):
        close = difflib.get_close_matches(key, MKDOCS_KEYS, n=1)
        problems.append(
            Problem(
                _shown(config_file),
                f'"{key}" is not a setting MkDocs knows, so the build would stop',
                line,
                todo=f"did you mean {close[0]}?" if close else "remove it (a theme's own settings go under theme:)",
            )
        )
    if "site_dir" in config:
        line = key_lines(config_file)["site_dir"]
        problems.append(
            Problem(
                _shown(config_file),
                "both builds write the site to site/, where CI, the preview and the tests look for it",
                line,
                todo="remove site_dir",
            )
        )
    problems += _link_and_config_problems(config_file, config, docs)
    pages = [
        page
        for page in sorted(docs.rglob("*"))
        if page.suffix in MARKDOWN and page.is_file() and "data" not in page.relative_to(docs).parts[:1]
    ]
    converter, own = markdown_converter(config), config.get("site_url") or ""
    macros = [component.name for component in COMPONENTS]
    shown_at: dict[str, tuple[str, int]] = {}  # each macro's first call: a list is shown once, on one page
    meant: set[str] = set()  # the macros pages mean to show, slips included
    sources: dict[str, str] = {}
    headings: dict[str, str | None] = {}  # each page's title: its first heading, as the reader sees it
    for page in pages:
        try:
            source = page.read_text("utf-8-sig").replace("\r\n", "\n")  # as MkDocs reads a page
        except UnicodeDecodeError as error:
            problems.append(_not_utf8(page, error, PAGE))
            continue
        sources[page.relative_to(docs).as_posix()] = source
        if not PAGE_NAME.fullmatch(page.relative_to(docs).as_posix()):
            suggested = re.sub(r"[^a-z0-9/]+", "-", page.relative_to(docs).with_suffix("").as_posix().lower()).strip(
                "-"
            )
            problems.append(
                Problem(
                    _shown(page),
                    "a page's file name (its address) holds only lowercase letters, digits and hyphens, and ends .md",
                    1,
                    todo=f"rename it, such as {suggested or 'page'}.md",
                    kind=PAGE,
                )
            )
        shown = _as_html(source, converter)
        headings[page.relative_to(docs).as_posix()] = first_heading(shown[2])
        problems += [Problem(_shown(page), what, line, kind=PAGE) for line, what in _safety(source, *shown, own)]
        problems += page_errors(_shown(page), source, macros)
        meant |= meant_macros(source, macros)
        for line, macro in macro_calls(source, macros):
            if macro in shown_at:
                first = f"{shown_at[macro][0]}, line {shown_at[macro][1]}"
                problems.append(
                    Problem(
                        _shown(page),
                        f"{{{{ {macro}() }}}} is already shown at {first}: each list is shown once on the site (its "
                        "ids and anchors must be unique)",
                        line,
                        todo="remove one",
                        kind=PAGE,
                    )
                )
            else:
                shown_at[macro] = (_shown(page), line)
    problems += _component_problems(docs / "data", files, shown_at, meant)
    entries = nav_entries(config.get("nav") or [], config_file.read_text("utf-8"))
    nav = [(entry.source, entry.line) for entry in entries]
    in_docs = {page.relative_to(docs).as_posix(): page for page in pages}
    for page, line in nav:
        if page not in in_docs:
            problems.append(
                Problem(
                    _shown(config_file),
                    f"the nav lists {page}, and there is no {_shown(docs / page)}",
                    line,
                    todo="mend the name, or remove the line",
                )
            )
    listed = {page for page, _ in nav}
    seen: set[str] = set()
    for page, line in nav:
        if page in seen:
            problems.append(
                Problem(
                    _shown(config_file),
                    f"the nav lists {page} twice; a page has one place in the guide (and in the whole guide)",
                    line,
                    todo="remove one line",
                )
            )
        seen.add(page)
    has_nav = isinstance(config.get("nav"), list)
    misspelt = any("nav" in difflib.get_close_matches(key, MKDOCS_KEYS, n=1) for key, _ in unknown_keys(config_file))
    if not has_nav and not misspelt:  # a misspelt nav: is said once, by its own problem
        problems.append(
            Problem(
                _shown(config_file),
                "there is no nav:, the list of the guide's pages in their order",
                key_lines(config_file).get("nav", 1),
                todo="write nav: with a line for each page under it, such as   - Its heading: page.md",
            )
        )
    for name, page in in_docs.items() if has_nav else ():  # no nav: its one problem says so, not every page
        if name not in listed:
            title = _yaml_key(headings.get(name) or "Its heading")
            problems.append(
                Problem(
                    _shown(page),
                    "the page is not in the nav, so readers cannot reach it",
                    1,
                    todo=f'add a line such as "  - {title}: {name}" under nav: in {_shown(config_file)}',
                    kind=PAGE,
                )
            )
    problems += _title_problems(entries, sources, headings, config_file, docs)
    record = read_record(docs / "data")
    if has_nav:  # without one, every published page would seem gone
        problems += published_problems(record, docs / "data", nav, files, _shown(config_file))
        problems += _whole_guide_problems(config, config_file, docs, listed)
    problems += _offline_problems(config, config_file)
    problems += link_problems(sources, config, docs, files, _shown, redirects(record[0]))
    return sorted(problems, key=lambda problem: problem.place)


# What MkDocs takes for a page (a .markdown page is rendered, macros and all, like a .md one).
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def _as_html(source: str, converter) -> tuple[str, int, str]:
    """A page's text as the macros plugin renders it (without its front matter and its macro calls: our templates,
    which escape their data), the number of lines before it, and its HTML as the engines make it (mkdocs.yml's
    Markdown extensions)."""
    front = FRONT_MATTER.match(source)
    body = re.sub(r"^\{\{.*\}\}[ \t]*$", "", as_rendered(source, None)[0], flags=re.M)
    return body, source[: front.end()].count("\n") if front else 0, converter.reset().convert(body)


def _safety(source: str, body: str, offset: int, shown: str, own: str) -> list[tuple[int, str]]:
    """Invisible characters, and HTML a guide does not need (scripts/page_safety.py), in a page's source."""
    return invisible_problems(source) + [(offset + line, problem) for line, problem in html_problems(body, shown, own)]


def first_heading(shown: str) -> str | None:
    """The text of the first <h1> of a page's HTML, as the reader sees it, or None."""
    first = re.search(r"<h1[\s>].*?</h1>", shown, flags=re.S | re.I)  # headings do not nest: parse that one alone
    heading = BeautifulSoup(first[0], "html.parser").find("h1") if first else None
    if heading is None:
        return None
    for permalink in heading.select(".headerlink"):
        permalink.decompose()
    return " ".join(heading.get_text(" ", strip=True).split()) or None


def heading_of(source: str, settings: dict) -> str | None:
    """A page's title: its first heading, as the reader sees it."""
    return first_heading(_as_html(source, markdown_converter(settings))[2])


def _link_and_config_problems(config_file: Path, config: dict, docs: Path) -> list[Problem]:
    """Symbolic links under docs/ (a build would publish what they point at, wherever it is), invisible
    characters in mkdocs.yml and the data, and template code in mkdocs.yml (the macros plugin renders nav
    titles)."""
    problems = []
    for folder, folders, files in os.walk(docs):
        for name in sorted(folders + files):
            path = Path(folder) / name
            if path.is_symlink():
                problems.append(
                    Problem(
                        _shown(path),
                        "a symbolic link, which a build would follow wherever it points",
                        1,
                        todo="put the file itself here",
                    )
                )
            elif path.is_file() and path.suffix not in MARKDOWN and "data" not in path.relative_to(docs).parts[:1]:
                problems += [
                    Problem(_shown(path), what, line) for line, what in asset_problems(path.name, path.read_bytes())
                ]
    for path in [config_file, *sorted((docs / "data").glob("*.yml"))]:
        kind = GUIDE if path == config_file else DATA
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeError):
            continue  # said by the check of that file
        found = invisible_problems(text) or invisible_in_yaml(text)  # as written, or written as an escape
        problems += [Problem(_shown(path), what, line, kind=kind) for line, what in found]
    for number, row in enumerate(config_file.read_text("utf-8").split("\n"), 1):
        if TEMPLATE_SYNTAX.search(row.split(" #", 1)[0]) and not row.lstrip().startswith("#"):
            problems.append(
                Problem(
                    _shown(config_file),
                    f"{TEMPLATE_SYNTAX.search(row)[0]} starts template code, which the macros plugin would run",
                    number,
                    todo="write the words themselves, without {{, {% or {#",
                )
            )
    return problems


def _title_problems(entries, sources: dict, headings: dict, config_file: Path, docs: Path) -> list[Problem]:
    """A page has one title, its heading: the nav, the browser's tab, link previews, search and the whole guide
    all show it. A nav title that says otherwise, or a page with no heading to say it, is a problem."""
    problems = []
    for entry in entries:
        if entry.source not in sources:
            continue  # the nav's own check says the page is missing (or not UTF-8)
        heading, source = headings[entry.source], sources[entry.source]
        meta = page_meta(source) or {}
        if heading is not None and "title" in meta and str(meta["title"]) != heading:
            problems.append(
                Problem(
                    _shown(docs / entry.source),
                    f'its front matter\'s title says "{meta["title"]}", and its heading "{heading}": a page has one '
                    "title, its heading",
                    _front_matter_line(source, "title"),
                    todo="remove title: from its front matter",
                    kind=PAGE,
                )
            )
        if heading is None:
            problems.append(
                Problem(
                    _shown(docs / entry.source),
                    "the page has no heading to give it its title",
                    _body_line(source),
                    todo=f"start its text with a line such as # {entry.title or 'Its title'}",
                    kind=PAGE,
                )
            )
        elif (
            entry.title is not None
            and (entry.title != heading or not isinstance(entry.title, str))
            and not re.search(r"\{[{%#]", str(entry.title))  # template code in a title: its own problem
        ):
            problems.append(
                Problem(
                    _shown(config_file),
                    f'the nav calls {entry.source} "{entry.title}"'
                    + ("" if isinstance(entry.title, str) else ", which YAML reads as a number or the like")
                    + f', and its heading says "{heading}": a page has one title, which the menu, the browser\'s '
                    "tab, link previews and the whole guide show",
                    entry.line,
                    todo=f'write "- {_yaml_key(heading)}: {entry.source}", or change the heading',
                )
            )
    return problems


def _front_matter_line(source: str, key: str) -> int:
    """The line of a key of the page's front matter, however it is written (title:, "title" :, …)."""
    written = re.compile(rf"^[\"']?{re.escape(key)}[\"']?\s*:")
    front = FRONT_MATTER.match(source)
    rows = source[: front.end()].split("\n") if front else []
    return next((n for n, row in enumerate(rows, 1) if written.match(row)), 1)


def _yaml_key(text: str) -> str:
    """A text as a key of mkdocs.yml: as it is where YAML reads it so, else in double quotes."""
    try:
        plain = text.isprintable() and yaml.safe_load(f"{text}: x") == {text: "x"}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=not text.isprintable())


def _body_line(source: str) -> int:
    front = FRONT_MATTER.match(source)
    return source[: front.end()].count("\n") + 1 if front else 1


def _offline_problems(config: dict, config_file: Path) -> list[Problem]:
    """extra: offline: is true or false: a quoted "false" is a text, which would turn the offline copy on."""
    extra = config.get("extra")
    if not isinstance(extra, dict) or "offline" not in extra or isinstance(extra["offline"], bool):
        return []
    line = _first_line_with(config_file, "offline:")
    return [Problem(_shown(config_file), "offline is true or false, written without quotes", line)]


def _whole_guide_problems(config: dict, config_file: Path, docs: Path, listed: set[str]) -> list[Problem]:
    """The page named to hold the whole guide (extra: whole_guide:) is in the nav, and out of search: its
    text is the other pages', which search already leads to."""
    extra = config.get("extra")
    page = extra.get("whole_guide") if isinstance(extra, dict) else None
    if page is None:
        return []
    line = _first_line_with(config_file, "whole_guide:")
    if not isinstance(page, str):
        return [Problem(_shown(config_file), "whole_guide names one page, such as whole-guide.md", line)]
    if page not in listed:
        return [
            Problem(
                _shown(config_file),
                f"whole_guide names {page}, which is not in the nav",
                line,
                todo="name a page listed under nav:",
            )
        ]
    if not (docs / page).is_file():
        return []  # the nav's own check says the page is missing
    meta = page_meta((docs / page).read_text("utf-8-sig", errors="replace"))
    if meta is None:
        return []  # the page's own check says where its front matter goes wrong
    search = meta.get("search")
    if not (isinstance(search, dict) and search.get("exclude") is True):
        return [
            Problem(
                _shown(docs / page),
                f"this page holds the whole guide (whole_guide: in {_shown(config_file)}), so search would find every "
                "sentence twice",
                1,
                todo="add search: exclude: true to its front matter",
                kind=PAGE,
            )
        ]
    return []


def _component_problems(data_dir: Path, files: dict, shown_at: dict, meant: set[str]) -> list[Problem]:
    """The components as macros/components/__init__.py declares them: each with its template (which must parse and
    show its data), the field of its list in its schema, and a page that shows it (or means to: `meant`, whose
    slips are the page's problems); and no data file that is no component's."""
    registry = Path(components.__file__)
    problems = []
    for component in COMPONENTS:
        entry = _first_line_with(registry, '"' + component.name + '"')

        def at(what: str, todo: str = "", entry=entry) -> Problem:
            return Problem(_shown(registry), what, entry, todo=todo)

        if not re.fullmatch(r"[a-z][a-z0-9_]*", component.name):
            problems.append(
                at(
                    f'"{component.name}" cannot be a macro\'s name',
                    "use lowercase letters, digits and _ (such as questions or dos_and_donts)",
                )
            )
            continue
        template = TEMPLATES / component.template
        if component.output not in ("html", "markdown"):
            problems.append(at(f'output="{component.output}" is not "html" or "markdown"'))
        elif not template.is_file():
            problems.append(at(f'the component "{component.name}" has no template', f"write {_shown(template)}"))
        if component.script:
            problems += [at(what, todo) for what, todo in _script_problems(component, data_dir.parent)]
        if component.name not in shown_at and component.name not in meant:
            problems.append(
                at(
                    f"no page shows {{{{ {component.name}() }}}}",
                    "write it, on a line of its own, on the page that should show the list, or remove the component",
                )
            )
        document, found = files[component.name].document, files[component.name].problems
        if document is None:
            continue  # the data check says what is wrong with the file
        fields = document if isinstance(document, dict) else {}
        if component.items not in fields:
            problems.append(
                at(
                    f'items="{component.items}" is not a field of {component.data_file} (its fields: '
                    f"{', '.join(fields) or 'none'})",
                    "name the field that holds the list",
                )
            )
        elif not found and template.is_file() and component.output in ("html", "markdown"):
            problems += _template_problems(component, document, template)
    registered = {component.data_file for component in COMPONENTS} | {RECORD, f"{SYNONYMS}.yml"}
    for path in sorted(data_dir.glob("*.yml")):
        if path.name not in registered:
            problems.append(
                Problem(
                    _shown(path),
                    "no component shows this file",
                    1,
                    todo=f'add its entry to {_shown(registry)} (CONTRIBUTING.md, "Add a component"), or remove the file',
                    kind=DATA,
                )
            )
    names = {component.name for component in COMPONENTS}
    for folder in sorted(path for path in registry.parent.iterdir() if path.is_dir() and path.name != "__pycache__"):
        if folder.name not in names:
            todo = f'add its entry to {_shown(registry)} (CONTRIBUTING.md, "Add a component"), or remove the folder'
            problems.append(Problem(_shown(folder), "this folder is no component's", todo=todo))
    return problems


def _script_problems(component, docs: Path) -> list[tuple[str, str]]:
    """(what, todo) for a component's script that is not a file of its folder named plainly, or that would be
    published over a file of docs/."""
    script, address = component.folder / component.script, component.published_script
    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*\.js", component.script):
        what = f'script="{component.script}" is not the name of a .js file in {_shown(component.folder)}'
        return [(what, f'name the file alone, such as script="{component.name}.js"')]
    if script.is_symlink():
        what = f"its script, {_shown(script)}, is a symbolic link: the build would publish what it points at"
        return [(what, "put the script itself there")]
    if not script.is_file():
        return [(f"its script, {_shown(script)}, is missing", "write it, or remove script= from the entry")]
    if (docs / address).exists():
        return [(f"its script would be published at {address}, over {_shown(docs / address)}", "name it otherwise")]
    return []


def _template_problems(component, document, template: Path) -> list[Problem]:
    """A template that does not parse, or cannot show the data it is given, named by its file and line; one that
    shows Markdown's escapes as text, or leaves out an anchor readers depend on."""
    where = _shown(template)
    items = document.get(component.items) or []
    fields = sorted({field for item in items if isinstance(item, dict) for field in item})
    try:
        shown = render_component(
            component, document, edit_url="https://example.test/", whole_guide_url="https://example.test/"
        )
    except jinja2.TemplateSyntaxError as error:
        return [Problem(where, f"{error.message}; mend the {{{{ }}}}, {{% %}} or {{# #}} there", error.lineno)]
    except (jinja2.TemplateError, ValueError) as error:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == str(template)]
        line = frames[-1].lineno if frames else None
        missing = re.search(r"has no attribute '([^']+)'", str(error))
        if missing:
            problem = f'the data has no field "{missing[1]}"; its items\' fields are: {", ".join(fields)}'
        elif "is not an id" in str(error):
            problem = f"{error}: every item needs an id, as its schema should require"
        else:
            problem = str(error)
        return [Problem(where, f"it cannot show {component.data_file}: {problem}", line)]
    html = shown
    if component.output == "markdown":
        html = markdown.markdown(shown, extensions=["attr_list", "toc", "tables", "md_in_html"])
        texts = "".join(str(value) for item in items if isinstance(item, dict) for value in item.values())
        if "<pre>" in html and "<pre>" not in shown:
            return [
                Problem(
                    where,
                    "its Markdown shows as code: a line indented by four spaces or a tab is code in Markdown",
                    todo="start its lines at the left edge",
                )
            ]
        if "\\" in html and "\\" not in texts:
            return [
                Problem(
                    where,
                    "it shows Markdown's escapes (\\) as text",
                    todo="write its text as Markdown, never inside an HTML tag",
                )
            ]
    if component.kept_ids:
        lost = [item["id"] for item in items if not re.search(rf'id="[^"]*\b{re.escape(item["id"])}"', html)]
        if lost:
            return [
                Problem(
                    where,
                    f'readers link to its items by id, and its output has no anchor for "{lost[0]}"',
                    todo="give each item an id made from its id (in Markdown, a heading's "
                    "{ #prefix-{{ item.id | anchor }} })",
                )
            ]
    return []


def _first_line_with(path: Path, text: str) -> int:
    return next((n for n, row in enumerate(path.read_text("utf-8").splitlines(), 1) if text in row), 1)


def _not_utf8(path: Path, error: UnicodeDecodeError, kind: str) -> Problem:
    line = path.read_bytes()[: error.start].count(b"\n") + 1
    what = f"the file is not UTF-8 text (byte 0x{error.object[error.start]:02x})"
    return Problem(_shown(path), what, line, todo="save it as UTF-8", kind=kind)


def _shown(path: Path) -> str:
    """A file's path as the other messages name it: from the working directory when inside it."""
    try:
        return (path if path.is_symlink() else path.resolve()).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def report(problems: list[Problem]) -> None:
    """Print each problem as one line, in MkDocs' layout, which GitHub's problem matcher reads."""
    for problem in problems:
        print(f"{'ERROR':<8}-  {escaped(str(problem))}", file=sys.stderr)


def as_json(problems: list[Problem]) -> str:
    """The problems' fields, and each one's printed line, for a program that shows them (the preview)."""
    return json.dumps([{**vars(problem), "shown": str(problem)} for problem in problems])


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


def record_problems_against(config_file: Path, ref: str) -> list[Problem]:
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
        return [Problem(_shown(data_dir / RECORD), f"Git cannot be run to read {ref}'s record ({error})")]
    if found.returncode:
        if "exists on disk, but not in" in found.stderr or "does not exist in" in found.stderr:
            return []  # the target branch has no record yet
        problem = (found.stderr.strip().splitlines() or ["git show failed"])[0]
        return [Problem(_shown(data_dir / RECORD), f"{ref}'s record cannot be read ({problem})", todo="fetch it")]
    return dropped_from_record(data_dir, found.stdout, ref)


def all_problems(config_file: Path, against: str | None = None) -> list[Problem]:
    """The guide's problems, and (`against` a branch, "" for origin/main) what its record lost since that branch."""
    problems = guide_problems(config_file)
    if against is not None:
        problems += record_problems_against(config_file, against or "origin/main")
        problems.sort(key=lambda problem: problem.place)
    return problems


def main() -> int:
    config_file = config_or_exit()
    problems = all_problems(config_file, _arguments()[1])
    if "--json" in sys.argv[1:]:
        print(as_json(problems))
        return 1 if problems else 0
    report(problems)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} to mend; nothing was built.", file=sys.stderr)
        return 1
    print("The guide's data, pages and published addresses and ids: all as they should be.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
