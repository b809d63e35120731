"""The bytes a reader downloads: a first visit (the page and what it loads), a first search (its script and
index come only then), the offline copy where the reader takes the footer's offer (where the build turns it
on), then an unchanged repeat visit (revalidations only).

Usage: python -m scripts.visits [site]   (make audit runs it before Lighthouse; site/ by default)
The site is served on loopback as GitHub Pages serves it: gzipped, with Last-Modified and a ten-minute
max-age, answering a revalidation of an unchanged file with 304 and no body.
"""

import gzip
import io
import sys
import tempfile
import threading
from email.utils import formatdate, parsedate_to_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.chromium import CHROMIUM_FLAGS, NO_BROWSER, find_chromium
from scripts.projects import ROOT


class PagesHandler(SimpleHTTPRequestHandler):
    sent: list[int] = []  # body bytes of each answer, in order

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.sent.append(0)
            return super().send_head()
        modified = int(path.stat().st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since and parsedate_to_datetime(since).timestamp() >= modified:
            self.send_response(304)
            self.end_headers()
            self.sent.append(0)
            return None
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", formatdate(modified, usegmt=True))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.sent.append(len(body))
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    browser_path = find_chromium()
    if not browser_path:
        print(NO_BROWSER, file=sys.stderr)
        return 1
    folder = Path(tempfile.mkdtemp())
    (folder / "guide").symlink_to(site.resolve())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(PagesHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/guide/"
    offline = "const ON = true;" in (site / "assets" / "offline.js").read_text("utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=CHROMIUM_FLAGS)
        context = browser.new_context()
        page = context.new_page()
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(url, wait_until="networkidle")
        icon = page.evaluate("() => document.querySelector('link[rel=icon]').href")
        if icon not in asked:  # a browser shows it in its tab; a headless shell, without tabs, fetches none
            page.evaluate("(icon) => fetch(icon).then((response) => response.blob()).then(() => true)", icon)
        first = list(PagesHandler.sent)
        PagesHandler.sent.clear()
        page.keyboard.press("/")
        page.keyboard.type("apology")
        page.locator("#guide-search-results a").first.wait_for()
        query = list(PagesHandler.sent)
        page.keyboard.press("Escape")
        PagesHandler.sent.clear()
        copy = []
        if offline:  # the reader takes the offer; the copy is whole once the worker has taken over the page
            page.locator("[data-offline] button").click()
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
            page.wait_for_load_state("networkidle")
            copy = list(PagesHandler.sent)
            PagesHandler.sent.clear()
        repeat = context.new_page()
        repeat.goto(url, wait_until="networkidle")
        again = list(PagesHandler.sent)
        browser.close()
    server.shutdown()
    print(f"Bytes downloaded, gzipped, home page {url}")
    print(f"  first visit:  {sum(first):>8,} bytes in {len(first)} requests")
    print(f"  first search: {sum(query):>8,} bytes in {len(query)} requests (search's script and index)")
    if offline:
        print(f"  offline copy: {sum(copy):>8,} bytes in {len(copy)} requests (once the reader takes the offer)")
    print(f"  repeat visit: {sum(again):>8,} bytes in {len(again)} requests ({again.count(0)} answered 304 or empty)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
