"""Load the guide's data once per build, even where the engine calls define_env once per page.

MkDocs calls define_env once per build; Zensical calls it for every page, and `zensical serve`
keeps one process across rebuilds. The outcome (data or error) is kept for as long as no file
under the data folder changes: the key is every file's path, modification time and size.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .guide_data import GuideDataError, load_guide_data

_lock = threading.Lock()
_kept: dict[tuple, dict | GuideDataError] = {}


def load_guide_data_once(data_dir: Path) -> dict:
    """load_guide_data, reusing the last outcome while the data files are unchanged."""
    key = _state_of(Path(data_dir))
    with _lock:
        if key not in _kept:
            _kept.clear()  # only the current state is worth keeping
            try:
                _kept[key] = load_guide_data(data_dir)
            except GuideDataError as error:
                _kept[key] = error
        outcome = _kept[key]
    if isinstance(outcome, GuideDataError):
        raise GuideDataError(outcome.problem)  # a new error each time: the kept one gathers no tracebacks
    return outcome


def _state_of(data_dir: Path) -> tuple:
    files = sorted(path for path in data_dir.rglob("*") if path.is_file())
    return (str(data_dir.resolve()), *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
