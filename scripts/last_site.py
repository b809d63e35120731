"""A build that fails costs nothing: the last site that built stays in place, whole.

Both builds (`scripts/mkdocs_build.py`, `scripts/zensical_build.py`) write into the site folder as
they go, so a broken link, a macro error or bad data would leave a half-built or a broken site there.
"""

import shutil
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def kept_unless_built(site: Path):
    """Move the last site aside; put it back if the block raises, drop it if the block completes."""
    previous = site.with_name(site.name + ".previous")
    if previous.exists():  # left by a build that was killed: it is the last site that built, not site/
        shutil.rmtree(site, ignore_errors=True)
        previous.rename(site)
    if site.exists():
        site.rename(previous)
    try:
        yield
    except BaseException:
        shutil.rmtree(site, ignore_errors=True)
        if previous.exists():
            previous.rename(site)
        raise
    shutil.rmtree(previous, ignore_errors=True)
