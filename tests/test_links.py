"""Every link and anchor of the built site resolves, checked offline by lychee (scripts/check-links.sh)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_build import ROOT, nav_pages, page_address, page_path, site_config

CHECK_LINKS = ROOT / "scripts" / "check-links.sh"
SITE_URL = site_config()["site_url"]


def check_links(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(CHECK_LINKS), str(site)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable},
    )


def errors(result) -> list[str]:
    return sorted(set(re.findall(r"^\[ERROR\] (\S+)", result.stdout, re.M)))


def test_every_link_and_anchor_of_the_built_site_resolves(built_site):
    result = check_links(built_site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 Errors " in result.stdout
    ok = int(re.search(r"(\d+) OK", result.stdout).group(1))
    assert ok >= 100, "the check found fewer links than the site has"
    listed = result.stdout.split("Links to other sites (listed, not fetched):")[1].split()
    assert listed, "no link to another site was listed"
    assert not any(url.startswith(SITE_URL) for url in listed), "the site's own address is not another site"


@pytest.fixture
def broken_site(built_site, tmp_path):
    """A copy of the site whose home page links to a missing anchor and a missing page, both relatively,
    from the site's base path and through the site's own address."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    home = page_path(site, "index.md")
    # Two pages of the guide, and a heading of the first: whichever the guide has today.
    (first, anchor), second = (
        next(
            (source, found[1])
            for _, source in nav_pages()[1:]
            if (found := re.search(r'<h2 id="([^"]+)"', page_path(site, source).read_text("utf-8")))
        ),
        nav_pages()[1][1],
    )
    first, second = page_address(first).rstrip("/"), page_address(second).rstrip("/")
    base = SITE_URL.split("://", 1)[1].split("/", 1)[1]
    links = (
        f'<a href="{first}/#{anchor}">fine</a>'
        f'<a href="{first}/#no-such-anchor">x</a><a href="gone/">y</a>'
        f'<a href="/{base}{second}/#not-in-{second}">z</a><a href="{SITE_URL}vanished/">w</a>'
    )
    broken = [f"{first}#no-such-anchor", "gone", f"{second}#not-in-{second}", "vanished"]
    home.write_text(home.read_text("utf-8").replace("</article>", links + "</article>"), encoding="utf-8")
    return site, broken


def test_the_link_check_catches_broken_anchors_and_missing_pages_the_same_way_every_time(broken_site):
    site, broken = broken_site
    runs = [check_links(site) for _ in range(3)]
    assert all(run.returncode != 0 for run in runs)
    found = errors(runs[0])
    assert sorted(url.rstrip("/").rsplit("/", 1)[1] for url in found) == sorted(broken)
    assert all(errors(run) == found for run in runs[1:])
