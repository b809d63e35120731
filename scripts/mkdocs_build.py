"""Build the site with MkDocs into site/, strictly, and keep the last site if the build fails.

Usage: python -m scripts.mkdocs_build [CONFIG]   (make build; CONFIG is mkdocs.yml by default)

The guide's sources are checked first (scripts/check_guide.py: every mistake at once); then
`mkdocs build --strict` empties the site folder first, then stops at a macro error with half a site
written, or at a broken link with the whole broken site written. Renamed pages' old addresses are
written last, and the whole guide on one page (scripts/finish_site.py).
"""

import subprocess
import sys

from scripts.check_guide import config_or_exit, guide_problems, report
from scripts.content_policy import ContentPolicyError
from scripts.finish_site import finish_site
from scripts.last_site import kept_unless_built, one_build_at_a_time
from scripts.offline import OfflineError
from scripts.redirect_pages import RedirectError
from scripts.settings import read_config
from scripts.source_date import SourceDateError, set_source_date
from scripts.whole_guide import WholeGuideError


def main() -> int:
    config = config_or_exit()
    with one_build_at_a_time(config.parent / "site"):
        return build_site(config)


def build_site(config) -> int:
    if problems := guide_problems(config):  # every mistake in the sources at once, before any build
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
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    try:
        with kept_unless_built(site):
            if subprocess.run(build).returncode:
                raise BuildFailed
            finish_site(site, config, settings, epoch)
    except BuildFailed:
        print("Aborted: the site was not changed.", file=sys.stderr)
        return 1
    except (WholeGuideError, OfflineError, RedirectError, ContentPolicyError) as error:
        print(f"{'ERROR':<8}-  {error}", file=sys.stderr)
        print("Aborted: the site was not changed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted: the site was not changed.", file=sys.stderr)
        return 130
    return 0


class BuildFailed(Exception):
    pass


if __name__ == "__main__":
    sys.exit(main())
