"""The whole guide on paper: how many sheets it takes on A4 and on Letter, and the bytes of its page.

Usage: python -m scripts.paper [site]   (make paper builds the site first; site/ by default)
Prints from Chromium, with the site answered at its real address (links within the guide print no
address there, as published).
"""

import gzip
import sys
from pathlib import Path

import pypdfium2
from playwright.sync_api import sync_playwright

from macros.page_urls import page_address
from scripts.chromium import CHROMIUM_FLAGS, NO_BROWSER, find_chromium
from scripts.projects import ROOT
from scripts.settings import read_config
from scripts.site_routes import route_site


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    settings = read_config(ROOT / "mkdocs.yml")
    whole_guide = (settings.get("extra") or {}).get("whole_guide")
    if not whole_guide:
        print("mkdocs.yml names no whole-guide page (extra: whole_guide:).", file=sys.stderr)
        return 1
    page_file = site / page_address(whole_guide) / "index.html"
    if not page_file.is_file():
        print(f"No {page_file}: run make build first.", file=sys.stderr)
        return 1
    browser_path = find_chromium()
    if not browser_path:
        print(NO_BROWSER, file=sys.stderr)
        return 1
    url = settings["site_url"] + page_address(whole_guide)
    print(f"The whole guide ({url})")
    print(f"  its page: {len(gzip.compress(page_file.read_bytes(), compresslevel=6)):,} bytes gzipped")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=CHROMIUM_FLAGS)
        context = browser.new_context()
        route_site(context, site, settings["site_url"])
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        for paper in ("A4", "Letter"):
            print(f"  on {paper}: {len(pypdfium2.PdfDocument(page.pdf(format=paper)))} sheets")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
