"""Build the site with MkDocs, strictly, and keep the last site if the build fails.

Usage: python scripts/mkdocs_build.py [CONFIG]   (make build; CONFIG is mkdocs.yml by default)

The guide's sources are checked first (scripts/check_guide.py: every mistake at once); then
`mkdocs build --strict` empties the site folder first, then stops at a macro error with half a site
written, or at a broken link with the whole broken site written. Its own messages (and on GitHub the
annotations of hooks/github_annotations.py) are printed as they are. Renamed pages' old addresses are
written last (scripts/redirect_pages.py).
"""

import subprocess
import sys
from pathlib import Path

from check_guide import guide_problems, report
from last_site import kept_unless_built, read_config, site_folder
from redirect_pages import write_redirect_pages


class BuildFailed(Exception):
    pass


def main() -> int:
    config = Path(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml").resolve()
    if not config.is_file():
        print(f"No {config.name} in {config.parent}: run this from the repository's top folder.", file=sys.stderr)
        return 1
    if problems := guide_problems(config):  # every mistake in the sources at once, before any build
        report(problems, config)
        print("Aborted: the site was not changed.", file=sys.stderr)
        return 1
    settings, site = read_config(config), site_folder(config)
    try:
        with kept_unless_built(site):
            if subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]).returncode:
                raise BuildFailed
            write_redirect_pages(site, config.parent / settings.get("docs_dir", "docs") / "data", settings["site_url"])
    except BuildFailed:
        print("Aborted: the site was not changed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted: the site was not changed.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
