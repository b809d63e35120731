"""Finding a browser: only one that starts is accepted; without one, the tests fail and say how to install it."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.chromium import SYSTEM_NAMES
from site_build import ROOT, SITE_EPOCH


def executable(path: Path, script: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path


def test_ensure_browser_passes_over_what_does_not_start_and_installs_with_apt_or_says_how(tmp_path):
    """No browser on PATH, a CHROMIUM_PATH that exits 1 and a Playwright download that cannot start, as root:
    first with no package to be had, then with apt-get installing one."""
    system = {name: path for name in SYSTEM_NAMES if (path := shutil.which(name))}  # in the search's order
    assert system, "these tests need the Chromium that `make browser` provides"
    # A finished Playwright download (nothing for `playwright install` to fetch) whose browser fails as one does
    # without its system libraries.
    browsers = tmp_path / "playwright-browsers"
    playwright_env = {**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(browsers)}
    dry_run = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "--dry-run", "chromium"],
        capture_output=True, text=True, check=True, env=playwright_env,
    )  # fmt: skip
    for location in re.findall(r"Install location:\s+(\S+)", dry_run.stdout):
        Path(location).mkdir(parents=True)
        (Path(location) / "INSTALLATION_COMPLETE").touch()
    where = "from playwright.sync_api import sync_playwright as s\nwith s() as p: print(p.chromium.executable_path)"
    browser = subprocess.run(
        [sys.executable, "-c", where], capture_output=True, text=True, check=True, env=playwright_env
    )
    unstarted = "chrome: error while loading shared libraries: libnss3.so"
    download = executable(Path(browser.stdout.strip()), f"echo '{unstarted}' >&2\nexit 127\n")
    bin_dir, log = tmp_path / "bin", tmp_path / "apt.log"
    bin_dir.mkdir()
    for tool in ("dirname", "timeout", "cat", "env", "sh"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    executable(bin_dir / "id", "echo 0\n")  # root, as in CI
    broken = executable(tmp_path / "broken-chromium", "exit 1\n")
    env = {
        "PATH": f"{bin_dir}:{Path(sys.executable).parent}",
        "PYTHON": sys.executable,
        "PLAYWRIGHT_BROWSERS_PATH": str(browsers),
        "CHROMIUM_PATH": str(broken),
        "HOME": str(tmp_path),
    }
    passed_over = [
        f"Passed over CHROMIUM_PATH ({broken}) does not start: exit status 1",
        f"Passed over Playwright's download ({download}) does not start: exit status 127: {unstarted}",
    ]

    def ensure_browser(apt_get: str) -> subprocess.CompletedProcess:
        executable(bin_dir / "apt-get", f'echo "$*" >> {log}\n' + apt_get)
        result = subprocess.run(
            ["/bin/bash", str(ROOT / "scripts" / "ensure-browser.sh")],
            cwd=ROOT, capture_output=True, text=True, timeout=600, env=env,
        )  # fmt: skip
        assert all(line in result.stderr for line in passed_over), result.stderr
        return result

    result = ensure_browser("exit 100\n")  # apt-get has no package to be had
    assert result.returncode == 1
    assert "No Chromium could be found, installed or started" in result.stderr
    assert "apt-get install chromium" in result.stderr and "CHROMIUM_PATH" in result.stderr
    # Without a browser, the browser tests fail (they do not skip) and say how to install one.
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly", "-q", "-x",
         "macros/components/checklist/test_checklist_browser.py"],  # stops at the first browser test
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**env, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(SITE_EPOCH)},  # no Git on this PATH
    )  # fmt: skip
    assert tests.returncode != 0 and "No Chromium was found" in tests.stdout
    assert "apt-get install chromium" in tests.stdout and "playwright install chromium" in tests.stdout
    assert "skipped" not in tests.stdout.splitlines()[-1]

    # apt-get "installs" chromium: the machine's real ones appear on PATH.
    links = "; ".join(f"{shutil.which('ln')} -s {path} {bin_dir / name}" for name, path in system.items())
    result = ensure_browser(f'case "$*" in *install*) {links};; esac\n')
    assert result.returncode == 0, result.stdout + result.stderr
    assert "install" in log.read_text() and "chromium" in log.read_text()
    # The browser search passes over what does not start for the next source, and prints the one it found.
    found = subprocess.run(
        [sys.executable, "-m", "scripts.chromium"], cwd=ROOT, capture_output=True, text=True, timeout=300, env=env
    )
    assert passed_over[0] in found.stderr
    assert Path(found.stdout.strip()).resolve() == Path(next(iter(system.values()))).resolve()
