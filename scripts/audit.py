"""Lighthouse (mobile) on three pages of the built site, served gzipped on loopback: prints the four scores.

Usage: python -m scripts.audit [site]   (make audit builds the site and installs Lighthouse first)
"""

import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scripts.chromium import CHROMIUM_FLAGS, NO_BROWSER, find_chromium

ROOT = Path(__file__).resolve().parents[1]

PAGES = {"home": "", "section": "timing/", "checklist": "checklist/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_FLAGS])


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files gzipped, as GitHub Pages does, so Lighthouse weighs what readers download."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve the site below /guide/, as GitHub Pages does, on a free loopback port."""
    folder = Path(tempfile.mkdtemp())
    (folder / "guide").symlink_to(site.resolve())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/guide/"


def chrome() -> str:
    found = os.environ.get("CHROME_PATH") or find_chromium()
    if not found:
        sys.exit(NO_BROWSER)
    return found


def lighthouse(url: str) -> dict[str, int]:
    result = subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--output=json", "--quiet",
         f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": chrome()},
    )  # fmt: skip
    if result.returncode != 0:
        sys.exit(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    failing = [
        f"    {audit['id']}: {audit['title']} (score {audit['score']})"
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    ]
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    return scores, failing


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    server, base = serve(site)
    print(f"Lighthouse {CATEGORIES} · mobile · {base}")
    print(f"{'page':<10} " + " ".join(f"{c:>15}" for c in CATEGORIES))
    below = False
    for label, path in PAGES.items():
        scores, failing = lighthouse(base + path)
        below |= any(score < 100 for score in scores.values())
        print(f"{label:<10} " + " ".join(f"{scores[c]:>15}" for c in CATEGORIES))
        for line in failing:
            print(line)
    server.shutdown()
    # Scores that depend on timing vary from run to run: this reports, it does not pass or fail.
    print("target (100 everywhere):", "met" if not below else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
