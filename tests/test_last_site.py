"""scripts/last_site.py, in this process: a failed build keeps the last site whole, a passed one replaces it,
and a build killed midway is undone by the next. (test_build.py shows it in real builds, on both engines.)"""

from contextlib import nullcontext
from pathlib import Path

import pytest

from scripts import last_site
from scripts.last_site import kept_unless_built, one_build_at_a_time
from site_build import files

OLD, NEW = {"index.html": b"the site published before"}, {"index.html": b"the new site"}


@pytest.mark.parametrize(
    ("before", "raised", "after"),
    [
        ("a site", RuntimeError, OLD),  # a build that fails (a broken link, say)
        ("a site", KeyboardInterrupt, OLD),  # one interrupted
        ("a killed build's half", RuntimeError, OLD),  # the last site that built is brought back
        ("no site", RuntimeError, None),  # a first build that fails leaves no site
        ("a site", None, NEW),  # one that passes replaces the last site
    ],
)
def test_a_build_leaves_the_last_site_whole_unless_it_passes(tmp_path, before, raised, after):
    site, previous = tmp_path / "site", tmp_path / "site.previous"
    if before != "no site":
        site.mkdir()
        (site / "index.html").write_bytes(OLD["index.html"])
    if before == "a killed build's half":  # what a killed build leaves: the last site set aside, and half its own
        site.rename(previous)
        site.mkdir()
        (site / "half.html").write_text("half a build", encoding="utf-8")
    with pytest.raises(raised) if raised else nullcontext(), kept_unless_built(site):
        site.mkdir()  # the last site was moved aside
        (site / "index.html").write_bytes(NEW["index.html"])
        if raised:
            raise raised
    assert (files(site) if site.exists() else None) == after
    assert not previous.exists()


def test_a_run_killed_while_it_deletes_the_site_it_replaced_leaves_nothing_taken_for_the_last_site(
    tmp_path, monkeypatch
):
    """That site is renamed away whole before it is deleted: no half of it is left as site.previous, which the
    next build would put back in place of the new site."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(OLD["index.html"])
    delete = last_site.shutil.rmtree

    def killed_halfway(path, *arguments, **options):
        if Path(path).name != "site" and Path(path).exists():
            (Path(path) / "index.html").unlink()
            raise SystemExit("killed")
        delete(path, *arguments, **options)

    monkeypatch.setattr(last_site.shutil, "rmtree", killed_halfway)
    with pytest.raises(SystemExit), kept_unless_built(site):
        site.mkdir()
        (site / "index.html").write_bytes(NEW["index.html"])
    monkeypatch.undo()
    with one_build_at_a_time(site):  # the next build starts
        assert files(site) == NEW
    assert sorted(p.name for p in site.parent.iterdir()) == [".site.lock", "site"]


def test_the_next_build_puts_the_last_site_back_before_anything_reads_a_killed_builds_half(tmp_path):
    site, previous = tmp_path / "site", tmp_path / "site.previous"
    previous.mkdir()  # what a killed build leaves: the last site set aside, and half its own
    (previous / "index.html").write_bytes(OLD["index.html"])
    (site / "half").mkdir(parents=True)
    with one_build_at_a_time(site):
        assert files(site) == OLD and not previous.exists()
