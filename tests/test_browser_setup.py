"""Finding a browser: only one that starts is accepted; without one, the tests fail and say how to install it."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.chromium import SYSTEM_NAMES
from site_build import ROOT, SITE_EPOCH


def test_browser_tests_fail_with_instructions_when_no_chromium_exists(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
         "macros/components/checklist/test_checklist_browser.py::test_each_checkbox_is_found_by_its_role_and_text"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={
            "PATH": str(Path(sys.executable).parent),  # no system Chromium on this PATH
            "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path),  # and no Playwright download
            "HOME": os.environ.get("HOME", str(tmp_path)),
            "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": str(SITE_EPOCH),  # no Git on this PATH either
        },
    )  # fmt: skip
    assert result.returncode != 0
    assert "No Chromium was found" in result.stdout
    assert "apt-get install chromium" in result.stdout and "playwright install chromium" in result.stdout
    assert "skipped" not in result.stdout.splitlines()[-1]


def executable(path: Path, script: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path


def real_chromium() -> str:
    """The first system browser, in the order the search takes them."""
    found = next(filter(None, map(shutil.which, SYSTEM_NAMES)), None)
    assert found, "these tests need the Chromium that `make browser` provides"
    return found


def test_a_chromium_path_that_does_not_start_is_passed_over_for_the_next_source(tmp_path):
    broken = executable(tmp_path / "broken-chromium", "exit 1\n")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.chromium"], cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "CHROMIUM_PATH": str(broken)},
    )  # fmt: skip
    assert result.returncode == 0
    assert Path(result.stdout.strip()).resolve() == Path(real_chromium()).resolve()
    assert f"Passed over CHROMIUM_PATH ({broken}) does not start: exit status 1" in result.stderr


@pytest.fixture(scope="module")
def broken_playwright_download(tmp_path_factory):
    """A finished Playwright download, so that `playwright install` has nothing to fetch, whose browser
    fails as one does without its system libraries: (PLAYWRIGHT_BROWSERS_PATH, the browser)."""
    browsers = tmp_path_factory.mktemp("playwright-browsers")
    env = {**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(browsers)}
    dry_run = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "--dry-run", "chromium"],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    for location in re.findall(r"Install location:\s+(\S+)", dry_run.stdout):
        Path(location).mkdir(parents=True)
        (Path(location) / "INSTALLATION_COMPLETE").touch()
    where = "from playwright.sync_api import sync_playwright as s\nwith s() as p: print(p.chromium.executable_path)"
    browser = Path(
        subprocess.run(
            [sys.executable, "-c", where], capture_output=True, text=True, check=True, env=env
        ).stdout.strip()
    )
    executable(browser, "echo 'chrome: error while loading shared libraries: libnss3.so' >&2\nexit 127\n")
    return browsers, browser


@pytest.fixture
def bare_machine(tmp_path, broken_playwright_download):
    """A PATH with no browser, a CHROMIUM_PATH that exits 1 and a Playwright download that cannot start;
    the test puts a stand-in apt-get in tmp_path/bin. Returns (tmp_path, environment, Playwright's browser)."""
    browsers, browser = broken_playwright_download
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("dirname", "timeout", "cat", "env", "sh"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    executable(bin_dir / "id", "echo 0\n")  # root, as in CI
    env = {
        "PATH": f"{bin_dir}:{Path(sys.executable).parent}",
        "PYTHON": sys.executable,
        "PLAYWRIGHT_BROWSERS_PATH": str(browsers),
        "CHROMIUM_PATH": str(executable(tmp_path / "broken-chromium", "exit 1\n")),
        "HOME": str(tmp_path),
    }
    return tmp_path, env, browser


def run_ensure_browser(env):
    return subprocess.run(
        ["/bin/bash", str(ROOT / "scripts" / "ensure-browser.sh")],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip


def test_ensure_browser_passes_over_what_does_not_start_and_installs_with_apt(bare_machine):
    home, env, download = bare_machine
    log = home / "apt.log"
    # apt-get "installs" chromium: the machine's real one appears on PATH.
    executable(
        home / "bin" / "apt-get",
        f'echo "$*" >> {log}\ncase "$*" in *install*) {shutil.which("ln")} -s {real_chromium()} {home / "bin" / "chromium"};; esac\n',
    )
    result = run_ensure_browser(env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"Passed over CHROMIUM_PATH ({env['CHROMIUM_PATH']}) does not start: exit status 1" in output
    assert f"Passed over Playwright's download ({download}) does not start: exit status 127" in output
    assert "libnss3.so" in output
    assert "install" in log.read_text() and "chromium" in log.read_text()
    assert (home / "bin" / "chromium").exists()


def test_ensure_browser_fails_with_instructions_when_nothing_starts(bare_machine):
    home, env, download = bare_machine
    executable(home / "bin" / "apt-get", "exit 100\n")  # no package to be had
    result = run_ensure_browser(env)
    assert result.returncode == 1
    assert f"Passed over Playwright's download ({download})" in result.stderr
    assert "No Chromium could be found, installed or started" in result.stderr
    assert "apt-get install chromium" in result.stderr and "CHROMIUM_PATH" in result.stderr
