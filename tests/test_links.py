"""Every link and anchor of the built site resolves, checked offline by linkchecker."""

import shutil
import subprocess
import sys
from pathlib import Path

from site_build import ROOT, page_path

CHECK_LINKS = ROOT / "scripts" / "check-links.sh"


def check_links(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(CHECK_LINKS), str(site)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable},
    )


def test_every_link_and_anchor_of_the_built_site_resolves(built_site):
    result = check_links(built_site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 warnings found. 0 errors found." in result.stdout


def test_the_link_check_catches_a_broken_anchor_and_a_missing_page(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    home = page_path(site, "index.md")
    home.write_text(
        home.read_text("utf-8").replace(
            "</article>", '<a href="faq/#no-such-anchor">x</a><a href="gone/">y</a></article>'
        ),
        encoding="utf-8",
    )
    result = check_links(site)
    assert result.returncode != 0
    assert "no-such-anchor" in result.stdout and "gone/" in result.stdout
