"""The same commit builds the same bytes anywhere, any day: the site's one date comes from SOURCE_DATE_EPOCH, or else
from the last commit to the text; never from the clock or a file's time (scripts/source_date.py)."""

import io
import os
import re
import subprocess
import tarfile
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.source_date import SourceDateError, site_date, source_date_epoch
from site_build import copy_project, files, page_address, run_build, whole_guide

WHO = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@a", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@a"}


def git(folder: Path, *arguments: str, when: str = "2024-03-05T23:30:00+00:00") -> bytes:
    env = {**os.environ, **WHO, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", *arguments], cwd=folder, env=env, check=True, capture_output=True).stdout


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


def built(engine: str, project: Path, epoch: int | None) -> dict[str, bytes]:
    result = run_build(project, epoch, engine)
    assert result.returncode == 0, result.stdout + result.stderr
    return files(project / "site")


@pytest.mark.parametrize("engine", ["mkdocs", pytest.param("zensical", marks=pytest.mark.zensical)])
def test_the_same_commit_builds_the_same_bytes_anywhere_any_day(tmp_path, engine):
    checkout = copy_project(tmp_path / "checkout")
    git(checkout, "init", "-q")
    git(checkout, "add", "-A")
    git(checkout, "commit", "-qm", "the guide")  # late on 5 March in UTC: 6 March east of Greenwich
    # (a) in the Git checkout, with no date given
    first = built(engine, checkout, None)
    # (b) the same checkout, every file's time another day
    day = 86400 * 1000
    for path in checkout.rglob("*"):
        os.utime(path, (day, day), follow_symlinks=False)
    again = built(engine, checkout, None)
    # (c) a copy without Git, from `git archive`, with the date (a) used
    archive = tmp_path / "archive"
    with tarfile.open(fileobj=io.BytesIO(git(checkout, "archive", "--format=tar", "HEAD"))) as tar:
        tar.extractall(archive, filter="data")
    epoch = int(git(checkout, "log", "-1", "--format=%ct"))
    elsewhere = built(engine, archive, epoch)

    assert differences(first, again) == [], "file times changed the site"
    assert differences(first, elsewhere) == [], "a copy without Git, given the same date, built another site"
    assert "sitemap.xml" in first and "sw.js" in first
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", first["sitemap.xml"].decode())) == {"2024-03-05"}
    cover = BeautifulSoup(first[page_address(whole_guide()) + "index.html"].decode(), "html.parser").time
    assert (cover["datetime"], cover.string) == ("2024-03-05", "5 March 2024")


def test_the_date_is_the_last_commit_to_the_pages_and_data_not_to_the_assets(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    (tmp_path / "docs" / "page.md").write_text("text\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "text", when="2023-05-06T10:00:00+00:00")
    (tmp_path / "docs" / "assets" / "style.css").write_text("a {}\n")
    (tmp_path / "README.md").write_text("not the guide\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "asset", when="2025-01-01T10:00:00+00:00")
    assert site_date(source_date_epoch(tmp_path)) == date(2023, 5, 6)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")  # given, it wins
    assert source_date_epoch(tmp_path) == 86400


# A build without a date stops with one line and keeps the last site: test_build.py's last-site test.
@pytest.mark.parametrize("given", [None, "", "yesterday", "-5", "\u00b2", "99999999999999999"])
def test_with_neither_git_nor_a_date_given_there_is_no_date(tmp_path, monkeypatch, given):
    if given is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", given)
    (tmp_path / "docs").mkdir()
    with pytest.raises(SourceDateError) as raised:
        source_date_epoch(tmp_path)
    assert "\n" not in str(raised.value) and "SOURCE_DATE_EPOCH=" in str(raised.value)
