"""Fixtures shared across the test layers."""

import fcntl
import os
import shutil
import warnings
from pathlib import Path

import pytest

from checklist_page import build_with_a_new_item
from reader import INSTRUMENT, late_timers
from scripts.check_guide import guide_problems
from scripts.chromium import CHROMIUM_FLAGS, NO_BROWSER, find_chromium, passed_over
from scripts.finish_site import finish_site
from scripts.site_routes import route_site
from site_build import (
    ENGINES,
    ROOT,
    SITE_ENGINE,
    SITE_EPOCH,
    build_site,
    build_site_with_zensical,
    copy_project,
    copy_test_project,
    page_address,
    run_build,
    site_config,
)


def built_once(tmp_path_factory, name, build) -> Path:
    """build(folder) once per test run, however many xdist workers ask: the first builds (each build is
    seconds of the CPU the workers share) while the others wait on a lock, then all get the site it made."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if "PYTEST_XDIST_WORKER" in os.environ else base  # the run's folder, above each worker's
    done = shared / f"{name}.built"  # holds where the site is
    failed = shared / f"{name}.failed"  # holds why it did not build: said once, not built again for every test
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists() and not failed.exists():
            shutil.rmtree(shared / name, ignore_errors=True)
            try:
                done.write_text(str(build(shared / name)), "utf-8")
            except Exception as error:
                failed.write_text(f"{type(error).__name__}: {error}", "utf-8")
                raise
    if failed.exists():
        pytest.fail(f"{name} did not build (see the first test that needed it): {failed.read_text('utf-8')[:300]}")
    return Path(done.read_text("utf-8"))


def pytest_sessionstart(session):
    """A mistake in the guide's sources stops the run before any test, with the check's own lines: every test that
    builds the guide would fail with it otherwise."""
    if "PYTEST_XDIST_WORKER" in os.environ or session.config.getoption("collectonly"):
        return
    if problems := guide_problems(ROOT / "mkdocs.yml"):
        # Indented: `make check` printed them for GitHub's problem matcher already; each is annotated once.
        report = session.config.pluginmanager.get_plugin("terminalreporter")
        for problem in problems:
            report.write_line(f"  {problem}")
        pytest.exit("the guide's sources do not pass `make check` (above), so no test can build them", returncode=1)


def build_with_mkdocs(folder: Path) -> Path:
    warnings = build_site(ROOT, folder)
    assert warnings == [], f"the strict build logged warnings: {warnings}"
    finish_site(folder, ROOT / "mkdocs.yml", site_config(), SITE_EPOCH)  # as `make build` does after MkDocs
    return folder


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory) -> Path:
    """The site, built once per test run by MkDocs with a strict build into a temporary folder."""
    return built_once(tmp_path_factory, "site", build_with_mkdocs)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The site, built once per test run by Zensical (strictly), from a copy of the project (it writes inside)."""
    return built_once(
        tmp_path_factory, "zensical", lambda folder: build_site_with_zensical(copy_project(folder / "project"))
    )


@pytest.fixture(scope="session")
def built_site(request) -> Path:
    """The built site every build and browser test reads: MkDocs', or Zensical's with SITE_ENGINE=zensical."""
    return request.getfixturevalue(f"{SITE_ENGINE}_site")


@pytest.fixture(scope="session")
def site_with_a_new_item(tmp_path_factory) -> Path:
    """The site built again after a contributor added an item (checklist_page.NEW_ITEM) at the end of the list."""
    return built_once(tmp_path_factory, "with-a-new-item", build_with_a_new_item)


@pytest.fixture(scope="session")
def test_project_site(tmp_path_factory) -> Path:
    """The tests' own small guide (tests/project), built once per test run by the engine under test."""

    def build(folder: Path) -> Path:
        project = copy_test_project(folder / "project")
        result = run_build(project)
        assert result.returncode == 0, f"the tests' project did not build:\n{result.stdout}{result.stderr}"
        return project / "site"

    return built_once(tmp_path_factory, "test-project", build)


# What makes a test slow: a built site, a browser, or builds of a project of its own. `make check` runs the rest.
SITES = {"built_site", "mkdocs_site", "zensical_site", "site_with_a_new_item", "test_project_site"}
SLOW_FIXTURES = SITES | {"page", "context", "site_context"}
# The modules whose every test is slow: builds of a project of their own, a browser or the preview. `make check`
# (-m "not slow") does not even import them; a module left off this list is imported, and runs its fast tests.
SLOW_MODULES = {
    "test_build.py",
    "test_reproducible.py",
    "test_engines.py",
    "test_problem_matcher.py",
    "test_components.py",
    "test_links.py",
    "test_browser_setup.py",
    "test_preview.py",
    "test_previews.py",
    "test_offline.py",
    "test_keyboard_browser.py",
    "test_search_browser.py",
    "test_theme_contract.py",
    "test_theme_overrides.py",
    "test_whole_guide.py",
    "test_checklist_model.py",
    "test_checklist_journeys.py",
}


def pytest_ignore_collect(collection_path, config):  # None, not False: pytest's own ignoring (--ignore, …) goes on
    return True if collection_path.name in SLOW_MODULES and config.getoption("markexpr") == "not slow" else None


def pytest_configure(config):
    if SITE_ENGINE not in ENGINES:
        raise pytest.UsageError(f"SITE_ENGINE={SITE_ENGINE!r}: it must be one of {', '.join(ENGINES)}")
    config.addinivalue_line("markers", "zensical: needs Zensical's environment; run by `make test-zensical`")
    config.addinivalue_line("markers", "slow: builds a site, opens a browser or runs the suite; `make check` skips it")


def pytest_report_header(config):
    return f"site engine: {SITE_ENGINE} (SITE_ENGINE)"


def pytest_collection_modifyitems(config, items):
    """`make test` runs everything but the tests that need Zensical; `make test-zensical` runs those, and
    every test that reads the built site (the others do not depend on the engine)."""
    for item in items:
        if SLOW_FIXTURES & set(item.fixturenames) or item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
    if SITE_ENGINE == "zensical":
        keep = [item for item in items if "built_site" in item.fixturenames or item.get_closest_marker("zensical")]
    else:
        keep = [item for item in items if not item.get_closest_marker("zensical")]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    # The model's journeys are the longest tests: queued first, they run early (one after another, on the
    # worker whose share starts the queue) rather than last, and the other worker steals tests around them.
    items[:] = sorted(keep, key=lambda item: item.path.name != "test_checklist_model.py")


# --- Browser tests: Chromium through Playwright, served the built site at its real address. ---


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = find_chromium()
    if executable is None:
        pytest.fail("\n".join([NO_BROWSER, *passed_over()]), pytrace=False)
    for line in passed_over():
        warnings.warn(line, stacklevel=1)  # a CHROMIUM_PATH that does not start, say
    return {**browser_type_launch_args, "args": CHROMIUM_FLAGS, "executable_path": executable}


SITE_URL = site_config()["site_url"]


@pytest.fixture
def site_context(new_context, built_site):
    """Make a browser context (any Playwright options) served the built site, or another build of it. After the
    test, each must have asked no other site for anything, ever, and hold no cookie: the site's promise to readers
    (a beacon sent as a page is left never shows here: test_quality_browser looks for those)."""
    made = []

    def make(site: Path | None = None, **options):
        # Routing does not reach a service worker's own requests: where the site is answered this way, the
        # offline copy stays off (tests/test_offline.py serves the site over HTTP to try it).
        context = new_context(**{"service_workers": "block", **options})
        context.elsewhere = route_site(context, site or built_site, SITE_URL)  # requests to other sites: refused
        context.add_init_script(INSTRUMENT)
        if os.environ.get("LATE_TIMERS"):
            context.add_init_script(late_timers(int(os.environ["LATE_TIMERS"])))
        context.open = True
        context.on("close", lambda _: setattr(context, "open", False))
        made.append(context)
        return context

    yield make
    for context in made:
        assert context.elsewhere == [], f"a page asked another site for: {context.elsewhere}"
        if context.open:  # a closed one was checked before it closed (the model's journeys close theirs)
            assert context.cookies() == [], f"a page set a cookie: {context.cookies()}"


@pytest.fixture
def context(site_context):
    return site_context()


@pytest.fixture(scope="session")
def site_url() -> str:
    return SITE_URL


@pytest.fixture(scope="session")
def page_url():
    """The address of the page built from a source file: page_url("checklist.md")."""
    return lambda source: SITE_URL + page_address(source)
