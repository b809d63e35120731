"""Where the browser tests and the audit find a Chromium, and the flags it runs with here.

A browser is accepted only once it has started headless with those flags and loaded a page: a binary
can exist and still not start (a Playwright download without its system libraries, say). Run as a
script (scripts/ensure-browser.sh does), it prints the one it found, or why none would do.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_BROWSER = """No Chromium was found for the browser tests.
Install one, then run the tests again:
  make browser                          (does one of the below for you)
  python -m playwright install chromium (on a machine that can download it)
  sudo apt-get install chromium chromium-headless-shell (Debian; Ubuntu: chromium-browser)
or point CHROMIUM_PATH at a Chromium or Chrome binary."""
# Chromium's headless shell first: the same engine without a browser's window and tabs, as Playwright itself
# runs headless tests; it takes about 40 % less CPU than the whole browser run headless (BENCHMARKS.md).
SYSTEM_NAMES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def candidates():
    """(where it comes from, path) of each browser to try, in order; Playwright's only if it is there."""
    if os.environ.get("CHROMIUM_PATH"):
        yield "CHROMIUM_PATH", os.environ["CHROMIUM_PATH"]
    for name in SYSTEM_NAMES:
        if found := shutil.which(name):
            yield f"{name} on PATH", found
    if found := playwright_chromium():
        yield "Playwright's download", found


def playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if os.path.exists(path) else None


def why_it_does_not_start(path: str) -> str | None:
    """None if the browser starts headless and prints a blank page's DOM; otherwise what happened."""
    with tempfile.TemporaryDirectory() as profile:
        command = [path, "--headless", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", "about:blank"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            return str(error)
    if result.returncode == 0 and "</html>" in result.stdout:
        return None
    last_words = [line for line in result.stderr.splitlines() if line.strip()][-1:]
    return f"exit status {result.returncode}" + "".join(f": {line.strip()}" for line in last_words)


@cache
def search() -> tuple[str | None, tuple[str, ...]]:
    """The first browser that starts, and a line for each one passed over."""
    refused = []
    for source, path in candidates():
        problem = why_it_does_not_start(path)
        if problem is None:
            return path, tuple(refused)
        refused.append(f"{source} ({path}) does not start: {problem}")
    return None, tuple(refused)


def find_chromium() -> str | None:
    return search()[0]


def passed_over() -> list[str]:
    return [f"Passed over {line}" for line in search()[1]]


if __name__ == "__main__":
    print(*passed_over(), sep="\n", file=sys.stderr)
    if find_chromium() is None:
        sys.exit("No Chromium that starts was found.")
    print(find_chromium())
