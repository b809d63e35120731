"""A build that fails costs nothing: the last site that built stays in place, whole.

Both builds (`scripts/mkdocs_build.py`, `scripts/zensical_build.py`) write into the site folder as
they go, so a broken link, a macro error or bad data would leave a half-built or a broken site there.
"""

import fcntl
import shutil
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def one_build_at_a_time(site: Path):
    """Hold the site's lock for a whole build (check, engine, steps after it): a second build waits for the
    first instead of moving its half-written site around. Then, if a killed run left half a site, put the last
    whole one back first, before anything can read or report on the half."""
    site.parent.mkdir(parents=True, exist_ok=True)
    with open(site.with_name(f".{site.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or when the process dies
        shutil.rmtree(site.with_name(site.name + ".discarded"), ignore_errors=True)  # a killed run's leftover
        restore_last_site(site)
        yield


def restore_last_site(site: Path) -> None:
    """A site.previous is the last site that built whole: left by a killed run, it replaces the half in site/."""
    previous = site.with_name(site.name + ".previous")
    if previous.exists():
        shutil.rmtree(site, ignore_errors=True)
        previous.rename(site)


@contextmanager
def kept_unless_built(site: Path):
    """Move the last site aside; put it back if the block raises, drop it if the block completes."""
    previous = site.with_name(site.name + ".previous")
    restore_last_site(site)  # left by a build that was killed: it is the last site that built, not site/
    if site.exists():
        site.rename(previous)
    try:
        yield
    except BaseException:
        shutil.rmtree(site, ignore_errors=True)
        if previous.exists():
            previous.rename(site)
        raise
    _discard(previous)


def _discard(folder: Path) -> None:
    """Delete a folder that is no longer the last site: renamed first (at once, whole), so that a run killed
    while deleting leaves no half of it where restore_last_site would take it for the last site."""
    if folder.exists():
        discarded = folder.with_name(folder.name.split(".")[0] + ".discarded")
        shutil.rmtree(discarded, ignore_errors=True)
        folder.rename(discarded)
        shutil.rmtree(discarded, ignore_errors=True)
