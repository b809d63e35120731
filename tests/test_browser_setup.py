"""Without a browser, the browser tests fail and say how to install one; they never skip."""

import os
import subprocess
import sys
from pathlib import Path

from site_build import ROOT


def test_browser_tests_fail_with_instructions_when_no_chromium_exists(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
         "tests/test_checklist_browser.py::test_each_checkbox_is_found_by_its_role_and_text"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={
            "PATH": str(Path(sys.executable).parent),  # no system Chromium on this PATH
            "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path),  # and no Playwright download
            "HOME": os.environ.get("HOME", str(tmp_path)),
            "NO_MKDOCS_2_WARNING": "1",
        },
    )  # fmt: skip
    assert result.returncode != 0
    assert "No Chromium was found" in result.stdout
    assert "apt-get install chromium" in result.stdout and "playwright install chromium" in result.stdout
    assert "skipped" not in result.stdout.splitlines()[-1]
