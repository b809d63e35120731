"""What the browser tests know about the checklist page: its data and how to reach its parts."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
STORAGE_KEY = "checklist-state"
ITEMS = yaml.safe_load((ROOT / "docs" / "data" / "checklist.yml").read_text("utf-8"))["items"]
IDS = [item["id"] for item in ITEMS]
TEXTS = [item["text"] for item in ITEMS]
SITE_NAME = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["site_name"]  # shown in the site header


def open_checklist(page, page_url):
    page.goto(page_url("checklist.md"))
    page.wait_for_selector("[data-checklist-ready]", state="attached")


def checkbox(page, index):
    return page.get_by_role("checkbox", name=TEXTS[index], exact=True)


def ticked(page):
    return [i for i, text in enumerate(TEXTS) if checkbox(page, i).is_checked()]


def stored(page):
    return page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})")
