"""Draw the PNG icons from docs/assets/favicon.svg, in Chromium: python -m scripts.make_icons (after a change to
the SVG; the PNGs are committed, so that neither build needs a browser).

A browser tab uses the 32 px icon where it does not take the SVG; phones use the 180 px one for the home
screen (apple-touch-icon), and a web app manifest lists 192 and 512 px, drawn on a white square with a margin
(a phone may crop an icon to a circle).
"""

from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from scripts.chromium import CHROMIUM_FLAGS, find_chromium

ASSETS = Path(__file__).resolve().parents[1] / "docs" / "assets"
SIZES = {"icon-32.png": (32, False), "apple-touch-icon.png": (180, True), "icon-192.png": (192, True), "icon-512.png": (512, True)}  # fmt: skip


def main() -> None:
    svg = (ASSETS / "favicon.svg").read_text("utf-8")
    (ASSETS / "icons").mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        for name, (size, square) in SIZES.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            margin = size // 8 if square else 0
            background = "#fff" if square else "transparent"
            page.set_content(
                f'<body style="margin:0;background:{background}"><div style="padding:{margin}px;line-height:0">'
                f'<img src="data:image/svg+xml,{quote(svg)}" width="{size - 2 * margin}" '
                f'height="{size - 2 * margin}"></div></body>'
            )
            page.screenshot(path=ASSETS / "icons" / name, omit_background=not square)
            page.close()
        browser.close()
    print("Drew", ", ".join(SIZES), "in docs/assets/icons/")


if __name__ == "__main__":
    main()
