"""Each change overrides/main.html makes to the theme, checked in the built pages: a theme update that
makes an override stop matching fails here, by the override's name. (Block extrahead's guard of the theme's
storage helpers is tried where the browser blocks site data: tests/test_offline.py.)"""

import re

from bs4 import BeautifulSoup

OVERRIDES = "overrides/main.html"


def test_every_page_defers_its_scripts_offers_forget_once_and_colours_the_browser_bar_in_each_scheme(built_site):
    """Scripts deferred (the theme's and ours, in order) or async (the checklist's: one slow to come holds up none
    of the others). Readers' issue: Forget twice on the checklist page; one white bar in dark mode too."""
    for path in sorted(built_site.rglob("*.html")):
        name, page = path.relative_to(built_site).as_posix(), path.read_text("utf-8")
        document = BeautifulSoup(page, "html.parser")
        if document.find("link", rel="canonical") is None or 'http-equiv="refresh"' in page:
            continue  # the 404 page and an old address's page are not pages of the guide
        scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page)
        assert any("bundle" in tag for tag in scripts), f"{OVERRIDES}, block scripts: {name} has no theme bundle"
        for tag in scripts:
            assert re.search(r"\b(defer|async)\b", tag), f"{OVERRIDES}, block scripts: {name} loads {tag} at once"
        assert len(document.select("[data-forget-guide]")) == 1, f"{name}: Forget is offered once, in the footer"
        colours = {meta.get("media"): meta["content"] for meta in document.find_all("meta", {"name": "theme-color"})}
        assert set(colours) == {"(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"}, name
        assert len(set(colours.values())) == 2, f"{name}: the same bar colour in both schemes"
