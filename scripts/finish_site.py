"""What both builds do after their engine, inside their keep-the-last-site step: the components' scripts, from
their folders (macros/components/NAME/), the pages for renamed pages'
old addresses (scripts/redirect_pages.py), the whole guide on one page (scripts/whole_guide.py), the sitemap's
dates (scripts/sitemap_dates.py), the site's search index (scripts/search_index.py), the links that leave the guide marked for paper
(scripts/leaving_links.py), every page's Content-Security-Policy (scripts/content_policy.py), then the
offline copy's service worker (scripts/offline.py). Each reads the
site's one date (`epoch`, scripts/source_date.py), never the clock or a file's time."""

import shutil
from pathlib import Path

from scripts.content_policy import write_content_policy
from scripts.leaving_links import mark_leaving_links
from scripts.offline import write_offline_copy
from scripts.redirect_pages import write_redirect_pages
from scripts.search_index import write_search_index
from scripts.sitemap_dates import date_sitemap
from scripts.source_date import site_date
from scripts.whole_guide import write_whole_guide


def finish_site(site: Path, config_file: Path, settings: dict, epoch: int) -> None:
    project = config_file.parent
    publish_component_scripts(site)
    write_redirect_pages(site, project / (settings.get("docs_dir") or "docs") / "data", settings["site_url"])
    write_whole_guide(site, settings, site_date(epoch))
    write_search_index(site, settings, project / (settings.get("docs_dir") or "docs") / "data")
    date_sitemap(site, epoch)
    mark_leaving_links(site, settings["site_url"])  # after the whole guide: its links too
    write_content_policy(site)  # once every page is written: it allows each inline script of each by its hash
    write_offline_copy(site, settings)  # last: it keeps a hash of every file


def publish_component_scripts(site: Path) -> None:
    """Each component's script, from its folder, at its address in the site (assets/NAME.js): the page that
    shows the component loads it."""
    from macros.components import published_scripts  # the project's own, as the build read them

    for address, source in published_scripts().items():
        if source.is_symlink():  # the check says so first; never publish what a link points at
            raise ValueError(f"{source} is a symbolic link: the build publishes no file it points at")
        (site / address).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site / address)
