"""What the browser tests know about the checklist page: its data and how to reach its parts."""

from site_build import read_data, site_config

STORAGE_KEY = "checklist-state"
ITEMS = read_data("checklist.yml")["items"]
IDS = [item["id"] for item in ITEMS]
TEXTS = [item["text"] for item in ITEMS]
SITE_NAME = site_config()["site_name"]  # shown in the site header


def open_checklist(page, page_url):
    page.goto(page_url("checklist.md"))
    page.wait_for_selector("[data-checklist-ready]", state="attached")


def checkbox(page, index):
    return page.get_by_role("checkbox", name=TEXTS[index], exact=True)


def ticked(page):
    return [i for i, text in enumerate(TEXTS) if checkbox(page, i).is_checked()]


def stored(page):
    return page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})")
