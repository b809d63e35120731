"""Build the site with Zensical as `make build` does with MkDocs: strictly, and a failure costs nothing.

Usage: python -m scripts.zensical_build [CONFIG]   (make build-zensical; CONFIG is mkdocs.yml by default)

Zensical writes into the site folder as it goes (scripts/last_site.py keeps the last site if the
build fails), and reports an error raised by a macro as a Python traceback. This prints the error's
message alone, as MkDocs does: "Guide data error: docs/data/…, line …".
"""

import re
import sys

from click import ClickException
from zensical import build

from scripts.check_guide import config_or_exit, guide_problems, report
from scripts.finish_site import finish_site
from scripts.last_site import kept_unless_built, one_build_at_a_time
from scripts.settings import read_config
from scripts.source_date import SourceDateError, set_source_date


def main() -> int:
    config = config_or_exit()
    with one_build_at_a_time(config.parent / "site"):
        return build_site(config)


def build_site(config) -> int:
    if problems := guide_problems(config):  # the same checks as before MkDocs' build, which Zensical runs none of
        report(problems)
        print("Aborted: the site was not changed.", file=sys.stderr)
        return 1
    settings, site = read_config(config), config.parent / "site"
    try:
        epoch = set_source_date(config.parent, settings.get("docs_dir") or "docs")  # the site's one date
    except SourceDateError as error:
        print(f"{'ERROR':<8}-  {error}", file=sys.stderr)
        print("Aborted: the site was not changed.", file=sys.stderr)
        return 1
    try:
        with kept_unless_built(site):
            build(str(config), {"strict": True, "clean": False})
            finish_site(site, config, settings, epoch)
    except KeyboardInterrupt:
        print("Interrupted: the site was not changed.", file=sys.stderr)
        return 130
    except Exception as error:
        print(f"{'ERROR':<8}-  {one_line(error)}", file=sys.stderr)  # MkDocs' layout, which the problem matcher reads
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
