"""What both builds do after their engine, inside their keep-the-last-site step: the pages for renamed pages'
old addresses (scripts/redirect_pages.py), the whole guide on one page (scripts/whole_guide.py), then the
offline copy's service worker (scripts/offline.py)."""

from pathlib import Path

from scripts.offline import write_offline_copy
from scripts.redirect_pages import write_redirect_pages
from scripts.whole_guide import write_whole_guide


def finish_site(site: Path, config_file: Path, settings: dict) -> None:
    project = config_file.parent
    write_redirect_pages(site, project / (settings.get("docs_dir") or "docs") / "data", settings["site_url"])
    write_whole_guide(site, project, settings)
    write_offline_copy(site, settings)  # last: it keeps a hash of every file
