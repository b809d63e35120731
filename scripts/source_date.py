"""The site's one date, so that the same commit builds the same bytes whoever builds it, wherever and whenever.

SOURCE_DATE_EPOCH (reproducible-builds.org) wins where it is set. Otherwise the date is that of the last commit
that changed the guide's text (its pages and data, not its assets), and the build sets SOURCE_DATE_EPOCH to it,
so that MkDocs (its sitemap) and our own steps after either engine (the whole guide's cover, the sitemap)
read the same date. Never the clock, never a file's time: with neither Git nor the variable, the build stops.
"""

import os
import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

HOW = (
    "set SOURCE_DATE_EPOCH to the date of the text in seconds, "
    "e.g. SOURCE_DATE_EPOCH=$(date -d 2026-11-30 +%s) make build"
)


LATEST = 253402300799  # 9999-12-31T23:59:59Z, the last second a date of four digits can name


class SourceDateError(Exception):
    def __str__(self):
        return f"Source date error: {self.args[0]}"


def source_date_epoch(project: Path, docs_dir: str = "docs") -> int:
    """SOURCE_DATE_EPOCH if set, else the time of the last commit to the pages and data (seconds, UTC)."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        if not re.fullmatch(r"[0-9]{1,12}", given) or int(given) > LATEST:
            raise SourceDateError(f"SOURCE_DATE_EPOCH={given!r} is not a whole number of seconds before 10000: {HOW}")
        return int(given)
    docs = (project / docs_dir).resolve()
    try:
        shallow = _git(project, "rev-parse", "--is-shallow-repository")
        found = _git(project, "log", "-1", "--format=%ct", "--", str(docs), f":(exclude){docs / 'assets'}")
    except (OSError, subprocess.CalledProcessError):
        raise SourceDateError(
            f"the text has no date, as this folder ({project}) is not a Git checkout: {HOW}"
        ) from None
    if shallow == "true":
        raise SourceDateError(
            f"the text's last commit may be missing from this shallow clone ({project}): fetch the whole history, or {HOW}"
        )
    if not found:
        raise SourceDateError(f"no commit has changed {docs_dir}/ yet: commit it, or {HOW}")
    return int(found)


def _git(project: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=project, capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


def set_source_date(project: Path, docs_dir: str = "docs") -> int:
    """The site's date, also put in SOURCE_DATE_EPOCH for the engine and every step that runs in this process."""
    epoch = source_date_epoch(project, docs_dir)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    return epoch


def site_date(epoch: int) -> date:
    """The day of a SOURCE_DATE_EPOCH, in UTC (whatever the time zone of the machine that builds)."""
    return datetime.fromtimestamp(epoch, UTC).date()
