"""Every link and anchor of the built site resolves, checked offline by lychee (scripts/check-links.sh)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from site_build import ROOT, edit, nav_pages, page_address, page_path, site_config

CHECK_LINKS = ROOT / "scripts" / "check-links.sh"
SITE_URL = site_config()["site_url"]


def check_links(site: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PYTHON": sys.executable}
    return subprocess.run(["bash", CHECK_LINKS, site], capture_output=True, text=True, timeout=120, env=env)


def errors(result) -> list[str]:
    return sorted(set(re.findall(r"^\[ERROR\] (\S+)", result.stdout, re.M)))


def test_every_link_and_anchor_of_the_built_site_resolves_and_a_broken_one_is_caught_every_time(built_site, tmp_path):
    result = check_links(built_site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 Errors " in result.stdout
    assert int(re.search(r"(\d+) OK", result.stdout).group(1)) >= 100, "the check found fewer links than the site has"
    listed = result.stdout.split("Links to other sites (listed, not fetched):")[1].split()
    assert listed, "no link to another site was listed"
    assert not any(url.startswith(SITE_URL) for url in listed), "the site's own address is not another site"

    # A copy whose home page links to a missing anchor and a missing page, both relatively, from the site's base
    # path and through the site's own address; to two pages of the guide and a heading of the first, whichever.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    first, anchor = next(
        (source, found[1])
        for _, source in nav_pages()[1:]
        if (found := re.search(r'<h2 id="([^"]+)"', page_path(site, source).read_text("utf-8")))
    )
    first, second = page_address(first).rstrip("/"), page_address(nav_pages()[1][1]).rstrip("/")
    base = SITE_URL.split("://", 1)[1].split("/", 1)[1]
    links = (
        f'<a href="{first}/#{anchor}">fine</a>'
        f'<a href="{first}/#no-such-anchor">x</a><a href="gone/">y</a>'
        f'<a href="/{base}{second}/#not-in-{second}">z</a><a href="{SITE_URL}vanished/">w</a>'
    )
    edit(page_path(site, "index.md"), "</article>", links + "</article>")
    runs = [check_links(site) for _ in range(3)]
    assert all(run.returncode != 0 for run in runs)
    found = errors(runs[0])
    broken = [f"{first}#no-such-anchor", "gone", f"{second}#not-in-{second}", "vanished"]
    assert sorted(url.rstrip("/").rsplit("/", 1)[1] for url in found) == sorted(broken)
    assert all(errors(run) == found for run in runs[1:]), "the check found other errors on another run"
