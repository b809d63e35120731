"""Where the browser tests and the audit find a Chromium, and the flags it runs with here."""

import os
import shutil

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
  sudo apt-get install chromium         (Debian or Ubuntu)
or point CHROMIUM_PATH at a Chromium or Chrome binary."""


def find_chromium() -> str | None:
    """A system Chromium or Chrome, or None to use Playwright's own download."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    return None
