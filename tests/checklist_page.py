"""What the browser tests know of the checklist page: its data, how to reach and read its parts, and the
states its storage can be left in."""

import json
from urllib.parse import urlsplit

from playwright.sync_api import expect

from reader import open_page
from site_build import copy_project, edit, page_calling, read_data, run_build, site_config

# The key of the site's ticks, under its path; before, one key every site of the origin shared.
STORAGE_KEY = urlsplit(site_config()["site_url"]).path + "checklist-state"
SHARED_KEY = "checklist-state"
ITEMS = read_data("checklist.yml")["items"]
IDS = [item["id"] for item in ITEMS]
TEXTS = [item["text"] for item in ITEMS]
CHECKLIST = page_calling("checklist")
NEW_ITEM = "An item added since the reader last came."  # in the site built with a new item
# What a browser can be left holding under the checklist's key: each reads as nothing ticked.
CORRUPTIONS = ["not json {", '{"v": 1, "ids": "reasons"}', "[1, 2]", '{"v": 99, "ids": []}', "null"]

# A stub for the print dialog: counts calls, and fires afterprint only when the test says so.
STUB_PRINT = """
window.printed = 0;
window.print = () => {
  window.printed += 1;
  if (window.afterprintFires) window.dispatchEvent(new Event("afterprint"));
};
"""

# What a reader sees of the checklist: the words of the progress line, which parts show.
SNAPSHOT = """
() => {
  const list = document.querySelector("[data-checklist]");
  if (!list) return null;
  const shown = (selector) => {
    const element = list.querySelector(selector);
    return element !== null && !element.closest("[hidden]") && element.getClientRects().length > 0;
  };
  return {
    progress: list.querySelector("[data-checklist-progress]").textContent,
    controls: shown("[data-checklist-controls]"),
    undo: shown('[data-checklist-action="undo"]'),
    note: shown("[data-checklist-note]"),
    kept: shown("[data-checklist-kept]"),
  };
}
"""

# With print media emulated: the ids whose printed box shows a tick mark.
PRINTED_MARKS = """
() => [...document.querySelectorAll("[data-checklist] input[data-id]")]
  .filter((box) => {
    const mark = getComputedStyle(box.parentElement.querySelector(".checklist__box"), "::after");
    return mark.display !== "none" && mark.content !== "none";
  })
  .map((box) => box.dataset.id)
"""


def open_checklist(page, page_url):
    open_page(page, page_url, CHECKLIST)


def snapshot(page):
    return page.evaluate(SNAPSHOT)


def wait_for_ticks(page, ids):
    """Wait until the page's checklist shows exactly these ids ticked (another tab may still be passing its
    change on), then return what it shows."""
    ticked_items = page.locator("[data-checklist] input[data-id]:checked + label")
    expect(ticked_items).to_have_text([text for item, text in zip(IDS, TEXTS, strict=True) if item in ids])
    seen = snapshot(page)
    assert seen is not None, "no checklist on the page"
    return seen


def printed_marks(page):
    page.emulate_media(media="print")
    try:
        return page.evaluate(PRINTED_MARKS)
    finally:
        page.emulate_media(media="null")  # no emulation: screen, and print when printing


def checkbox(page, index):
    return page.get_by_role("checkbox", name=TEXTS[index], exact=True)


def button(page, name):
    return page.get_by_role("button", name=name)


def progress(page):
    # The checklist's own: Zensical's theme has a status region of its own on every page.
    return page.locator("[data-checklist]").get_by_role("status")


def ticked(page):
    return [i for i, text in enumerate(TEXTS) if checkbox(page, i).is_checked()]


def stored(page, key=STORAGE_KEY):
    """What storage holds under the key, or the error's name where reading it throws (site data blocked)."""
    return page.evaluate(
        f"(() => {{ try {{ return localStorage.getItem({key!r}); }} catch (e) {{ return e.name; }} }})()"
    )


def store(page, ids, key=STORAGE_KEY):
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps({"v": 1, "ids": ids})])


def build_with_a_new_item(folder):
    """The site built again (as `make build` does, by the engine under test) after a contributor added an item
    ("added-later") at the end of the checklist, and recorded its id as the check asks; returns the site's folder."""
    project = copy_project(folder / "project")
    data = project / "docs" / "data" / "checklist.yml"
    data.write_text(data.read_text("utf-8") + f'  - id: added-later\n    text: "{NEW_ITEM}"\n', encoding="utf-8")
    mark = "\nchecklist:\n  published:\n"
    edit(project / "docs" / "data" / "published.yml", mark, mark + "    - added-later\n")
    result = run_build(project)
    assert result.returncode == 0, f"the build with a new item failed:\n{result.stdout}{result.stderr}"
    return project / "site"
