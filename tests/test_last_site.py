"""scripts/last_site.py, in this process: a failed build keeps the last site whole, a passed one replaces it,
and a build killed midway is undone by the next. (test_build.py and test_engines.py show it in real builds.)"""

from pathlib import Path

import pytest

from scripts import last_site
from scripts.last_site import kept_unless_built, one_build_at_a_time


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site published before", encoding="utf-8")
    return site


def files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_text("utf-8") for path in folder.rglob("*") if path.is_file()
    }


def half_a_build(site):
    site.mkdir(exist_ok=True)
    (site / "half.html").write_text("half a build", encoding="utf-8")


def test_a_build_that_fails_leaves_the_last_site_as_it_was(site):
    with pytest.raises(RuntimeError), kept_unless_built(site):
        half_a_build(site)
        raise RuntimeError("a broken link")
    assert files(site) == {"index.html": "the site published before"}
    assert not site.with_name("site.previous").exists()


def test_an_interrupted_build_leaves_the_last_site_too(site):
    with pytest.raises(KeyboardInterrupt), kept_unless_built(site):
        half_a_build(site)
        raise KeyboardInterrupt
    assert files(site) == {"index.html": "the site published before"}


def test_a_build_that_passes_replaces_the_last_site(site):
    with kept_unless_built(site):
        site.mkdir()
        (site / "index.html").write_text("the new site", encoding="utf-8")
    assert files(site) == {"index.html": "the new site"}
    assert not site.with_name("site.previous").exists()


def test_a_first_build_that_fails_leaves_no_site(tmp_path):
    site = tmp_path / "site"
    with pytest.raises(RuntimeError), kept_unless_built(site):
        half_a_build(site)
        raise RuntimeError
    assert not site.exists() and not site.with_name("site.previous").exists()


def test_after_a_killed_build_the_next_failure_brings_back_the_last_site_that_built(site):
    site.rename(site.with_name("site.previous"))  # what a killed build leaves: the last site set aside,
    half_a_build(site)  # and half of its own
    with pytest.raises(RuntimeError), kept_unless_built(site):
        raise RuntimeError
    assert files(site) == {"index.html": "the site published before"}


def test_a_run_killed_while_it_deletes_the_site_it_replaced_leaves_nothing_taken_for_the_last_site(site, monkeypatch):
    """That site is renamed away whole before it is deleted: no half of it is left as site.previous, which the
    next build would put back in place of the new site."""
    delete = last_site.shutil.rmtree

    def killed_halfway(path, *arguments, **options):
        if Path(path).name != "site" and Path(path).exists():
            (Path(path) / "index.html").unlink()
            raise SystemExit("killed")
        delete(path, *arguments, **options)

    monkeypatch.setattr(last_site.shutil, "rmtree", killed_halfway)
    with pytest.raises(SystemExit), kept_unless_built(site):
        site.mkdir()
        (site / "index.html").write_text("the new site", encoding="utf-8")
    monkeypatch.undo()
    with one_build_at_a_time(site):  # the next build starts
        assert files(site) == {"index.html": "the new site"}
    assert sorted(p.name for p in site.parent.iterdir()) == [".site.lock", "site"]
