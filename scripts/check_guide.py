"""Check the guide's sources as both builds do first, with no build: python scripts/check_guide.py [CONFIG]

Every data file, every page's source (hooks/page_sources.py) and the record of what is published
(docs/data/published.yml): every problem at once, one line each, in file and line order; on GitHub
Actions each is also annotated on its line. Exit status 1 when there is any.
"""

import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from last_site import read_config  # noqa: E402

from hooks.github_annotations import annotations, running_on_github  # noqa: E402
from hooks.page_sources import macro_calls, page_errors  # noqa: E402
from macros.components import COMPONENTS  # noqa: E402
from macros.guide_data import data_problems  # noqa: E402
from macros.published import published_problems  # noqa: E402
from macros.yaml_advice import yaml_error_at  # noqa: E402

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
    pages = [page for page in sorted(docs.rglob("*.md")) if "data" not in page.relative_to(docs).parts[:1]]
    macros = [component.name for component in COMPONENTS]
    shown_at: dict[str, tuple[str, int]] = {}  # each macro's first call: a list is shown once, on one page
    for page in pages:
        try:
            source = page.read_text("utf-8-sig").replace("\r\n", "\n")  # as MkDocs reads a page
        except UnicodeDecodeError as error:
            problems.append(f"Page error: {_shown(page)}, {_not_utf8(page, error)}")
            continue
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
    nav = _nav_with_lines(config.get("nav") or [], config_file)
    in_docs = {page.relative_to(docs).as_posix(): page for page in pages}
    for page, line in nav:
        if page not in in_docs:
            problems.append(
                f"Guide error: {_shown(config_file)}, line {line}: the nav lists {page}, and there is no "
                f"{_shown(docs / page)}: mend the name, or remove the line"
            )
    listed = {page for page, _ in nav}
    for name, page in in_docs.items():
        if name not in listed:
            problems.append(
                f"Page error: {_shown(page)}, line 1: the page is not in the nav, so readers cannot reach it: "
                f'add a line such as "  - Its title: {name}" under nav: in {_shown(config_file)}'
            )
    problems += [
        f"Guide data error: {problem}" for problem in published_problems(docs / "data", nav, _shown(config_file))
    ]
    return sorted(problems, key=_place)


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
            line = next((n for n, row in enumerate(text, 1) if re.search(rf"(:|-)\s+{re.escape(entry)}\s*$", row)), 0)
            pages.append((entry, line))

    walk(nav)
    return pages


def _shown(path: Path) -> str:
    """A file's path as the other messages name it: from the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _place(problem: str):
    match = PLACE.match(problem)
    return (match["file"], int(match["line"] or 0)) if match else ("", 0)


def report(problems: list[str], config_file: Path) -> None:
    """Print each problem (and on GitHub Actions, its annotation)."""
    for problem in problems:
        print(f"{'ERROR':<8}-  {problem}", file=sys.stderr)  # as MkDocs prints an error
        if running_on_github():
            print(*annotations(problem, str(config_file.parent / "docs"), str(config_file)), sep="\n")


def main() -> int:
    config_file = Path(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml").resolve()
    if not config_file.is_file():
        print(
            f"No {config_file.name} in {config_file.parent}: run this from the repository's top folder.",
            file=sys.stderr,
        )
        return 1
    problems = guide_problems(config_file)
    report(problems, config_file)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} to mend; nothing was built.", file=sys.stderr)
        return 1
    print("The guide's data, pages and published addresses and ids: all as they should be.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
