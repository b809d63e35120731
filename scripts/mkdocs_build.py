"""Build the site with MkDocs, strictly, and keep the last site if the build fails.

Usage: python scripts/mkdocs_build.py [CONFIG]   (make build; CONFIG is mkdocs.yml by default)

`mkdocs build --strict` empties the site folder first, then stops at a macro error with half a site
written, or at a broken link with the whole broken site written. Its own messages (and on GitHub the
annotations of hooks/github_annotations.py) are printed as they are.
"""

import subprocess
import sys
from pathlib import Path

from last_site import kept_unless_built, site_folder


class BuildFailed(Exception):
    pass


def main() -> int:
    config = Path(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml").resolve()
    if not config.is_file():
        print(f"No {config.name} in {config.parent}: run this from the repository's top folder.", file=sys.stderr)
        return 1
    try:
        with kept_unless_built(site_folder(config)):
            if subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]).returncode:
                raise BuildFailed
    except BuildFailed:
        print("Aborted: the site was not changed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted: the site was not changed.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
