"""Build the site with Zensical as `make build` does with MkDocs: strictly, and a failure costs nothing.

Usage: python scripts/zensical_build.py [CONFIG]   (make build-zensical; CONFIG is mkdocs.yml by default)

Zensical writes into the site folder as it goes (scripts/last_site.py keeps the last site if the
build fails), and reports an error raised by a macro as a Python traceback. This prints the error's
message alone, as MkDocs does: "Guide data error: docs/data/…, line …".
"""

import re
import sys
from pathlib import Path

from check_guide import guide_problems, report
from click import ClickException
from last_site import kept_unless_built, read_config, site_folder
from redirect_pages import write_redirect_pages
from zensical import build

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hooks.github_annotations import annotations, running_on_github  # noqa: E402


def main() -> int:
    config = Path(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml").resolve()
    if problems := guide_problems(config):  # the same checks as before MkDocs' build, which Zensical runs none of
        report(problems, config)
        print("Aborted: the site was not changed.", file=sys.stderr)
        return 1
    settings, site = read_config(config), site_folder(config)
    try:
        with kept_unless_built(site):
            build(str(config), {"strict": True, "clean": False})
            write_redirect_pages(site, config.parent / settings.get("docs_dir", "docs") / "data", settings["site_url"])
    except KeyboardInterrupt:
        print("Interrupted: the site was not changed.", file=sys.stderr)
        return 130
    except Exception as error:
        message = one_line(error)
        print(f"{'ERROR':<8}-  {message}", file=sys.stderr)  # MkDocs' layout
        if running_on_github():  # the same annotation on the pull request's line as MkDocs' hook prints
            print(*annotations(message, str(config.parent / "docs"), str(config)), sep="\n")
        print("Aborted: the site was not changed. `zensical build` shows Zensical's full report.", file=sys.stderr)
        return 1
    return 0


def one_line(error: Exception) -> str:
    """ "Python error: GuideDataError: Guide data error: …" (and a traceback) → "Guide data error: …"."""
    report = (error.format_message() if isinstance(error, ClickException) else str(error)).strip()
    first = report.splitlines()[0] if report else type(error).__name__
    return re.sub(r"^GuideDataError: ", "", first.removeprefix("Python error: "))


if __name__ == "__main__":
    sys.exit(main())
