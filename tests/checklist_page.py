"""What the browser tests know about the checklist page: its data, how to reach its parts, and how a
reader moves around the site (full loads, instant navigation, history) with waits on conditions."""

import contextlib
import itertools

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from site_build import nav_pages, page_address, page_calling, read_data, site_config

STORAGE_KEY = "checklist-state"
ITEMS = read_data("checklist.yml")["items"]
IDS = [item["id"] for item in ITEMS]
TEXTS = [item["text"] for item in ITEMS]
SITE_NAME = site_config()["site_name"]  # shown in the site header
PAGES = [source for _, source in nav_pages()]
CHECKLIST = page_calling("checklist")
NEW_ITEM = "An item added since the reader last came."  # in the site built with a new item

# Run in every page before the site's scripts (conftest adds it to every browser context). The theme's
# instant navigation only intercepts clicks once it has read the sitemap: record when that has happened,
# in a task queued after the theme's own handler of the same response.
INSTRUMENT = """
(() => {
  const read = () => setTimeout(() => { window.sitemapRead = true; }, 0);
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (String(url).endsWith("/sitemap.xml")) this.addEventListener("load", read);
    return open.apply(this, arguments);
  };
  const text = Response.prototype.text;
  Response.prototype.text = function () {
    const body = text.call(this);
    if (this.url.endsWith("/sitemap.xml")) body.then(read);
    return body;
  };
})();
"""

# A stub for the print dialog: counts calls, and fires afterprint only when the test says so.
STUB_PRINT = """
window.printed = 0;
window.print = () => {
  window.printed += 1;
  if (window.afterprintFires) window.dispatchEvent(new Event("afterprint"));
};
"""

# Where the browser blocks site data, merely reading window.localStorage throws.
BLOCKED_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
  });
}
"""
FULL_STORAGE = "Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };"

# Whole: loaded, the theme's scripts done (they read the sitemap last, for instant navigation; INSTRUMENT
# records it) and a checklist on the page set up by its script. Enough after a full load of any page.
WHOLE = """
() => document.readyState === "complete"
  && window.sitemapRead === true
  && (document.querySelector("[data-checklist]") === null || document.querySelector("[data-checklist-ready]") !== null)
"""

# Settled: whole, on content this move brought (not the article marked as left behind by the move `token`),
# and the address and the page's canonical link agree. Instant navigation changes the address before the new
# content arrives: after a quick Back the page left behind can be the very page asked for, whole, at its own
# address, moments before the theme swaps in a fresh copy whose checklist is not set up yet. Every page of
# the guide has a canonical link (the 404 page has none).
SETTLED = f"""
(token) => {{
  if (location.href === "about:blank") return true;
  const article = document.querySelector("article");
  const canonical = document.querySelector("link[rel=canonical]");
  return article !== null && article.leftBy !== token
    && canonical !== null && canonical.href === location.href.split("#")[0] && ({WHOLE})();
}}
"""
# Marks the content a tab shows as left behind by a move (a property of the element: a copy never has it).
LEAVE = "(token) => document.querySelectorAll('article').forEach((article) => { article.leftBy = token; })"

# What a reader sees of the checklist: the ticked ids, the words of the progress line, which parts show.
SNAPSHOT = """
() => {
  const list = document.querySelector("[data-checklist]");
  if (!list) return null;
  const shown = (selector) => {
    const element = list.querySelector(selector);
    return element !== null && !element.closest("[hidden]") && element.getClientRects().length > 0;
  };
  return {
    ticked: [...list.querySelectorAll("input[data-id]")].filter((box) => box.checked).map((box) => box.dataset.id),
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


def page_of(page) -> str | None:
    """The source file of the page a tab shows, or None for a blank tab."""
    base = site_config()["site_url"]
    if not page.url.startswith(base):
        return None
    path = page.url[len(base) :].split("#")[0]
    return next((source for source in PAGES if page_address(source) == path), None)


def settle(page, token=None):
    """Wait until the page a tab shows is whole (and, after move `token`, is not what that move left behind);
    if it never is, say which part is missing."""
    try:
        page.wait_for_function(SETTLED, arg=token, timeout=10_000)
    except PlaywrightTimeoutError:
        state = page.evaluate(
            """(token) => ({address: location.href, ready: document.readyState, sitemapRead: window.sitemapRead === true,
                      canonical: (document.querySelector("link[rel=canonical]") || {}).href || null,
                      leftBehind: (document.querySelector("article") || {}).leftBy === token,
                      checklist: !!document.querySelector("[data-checklist]"),
                      checklistSetUp: !!document.querySelector("[data-checklist-ready]")})""",
            token,
        )
        raise AssertionError(f"the page never settled: {state}") from None


_moves = itertools.count(1)


def move(page, action):
    """Move the tab (a link, Back, Forward, a reload, an address), then wait until it shows, whole, the
    content the move brought: the content it leaves is marked first, so that it cannot pass for the page
    arrived at while the new content is still on its way. For moves to a page of the guide at its own
    address: a move that brings no new content (a link to the page shown, an #anchor) never settles."""
    token = next(_moves)
    page.evaluate(LEAVE, token)
    result = action()
    settle(page, token)
    return result


def back(page):
    return move(page, page.go_back)


def forward(page):
    return move(page, page.go_forward)


def reload(page):
    return move(page, page.reload)


def switch_to(page):
    """The reader turns to this tab, to act in it: it comes in front. Chromium draws frames only for the tab
    in front, and Playwright waits for frames before it clicks: in a tab left behind, each click waited 2 s."""
    page.bring_to_front()
    return page


def open_page(page, page_url, source=CHECKLIST):
    """A full load, as from a bookmark or a shared link."""
    return move(page, lambda: page.goto(page_url(source)))


def open_checklist(page, page_url):
    open_page(page, page_url, CHECKLIST)


def follow(page, link):
    """Follow a link inside the site, which the theme turns into instant navigation; assert it did."""
    page.evaluate("window.samePage = true")
    move(page, link.click)
    assert page.evaluate("window.samePage === true"), "following a link reloaded the whole page"


def back_before_arrival(page, link):
    """Follow a link and press Back before the page it leads to has arrived (its answer is held until the
    tab has settled back), as a reader does who taps the wrong link on a slow connection."""
    address = link.evaluate("(a) => a.href")
    held = []

    def hold(route):
        held.append(route)

    page.route(address, hold)
    with page.expect_request(address):
        link.click()
    try:
        back(page)
    finally:
        for route in held:  # answered late, as the site would (unless the theme has dropped the request)
            with contextlib.suppress(PlaywrightError):
                page.context.answer(route)
        page.unroute(address, hold)


def footer_link(page, direction):
    return page.locator(f"a.md-footer__link--{'next' if direction == 'next' else 'prev'}")


def nav_link(page, source):
    title = next(title for title, page_source in nav_pages() if page_source == source)
    return page.locator(".md-nav--primary").get_by_role("link", name=title, exact=True)


def snapshot(page):
    return page.evaluate(SNAPSHOT)


def wait_for_ticks(page, ids):
    """Wait until the checklist on the page shows exactly these ids ticked (another tab may still be
    passing its change on), then return what it shows."""
    expected = [item for item in IDS if item in ids]
    with contextlib.suppress(PlaywrightTimeoutError):  # the assertion below says what differs
        page.wait_for_function(
            f"(expected) => {{ const s = ({SNAPSHOT})(); return s && JSON.stringify(s.ticked) === JSON.stringify(expected); }}",
            arg=expected,
            timeout=5000,
        )
    seen = snapshot(page)
    assert seen is not None and seen["ticked"] == expected, f"shown {seen and seen['ticked']}, expected {expected}"
    return seen


def printed_marks(page):
    page.emulate_media(media="print")
    try:
        return page.evaluate(PRINTED_MARKS)
    finally:
        page.emulate_media(media="null")  # no emulation: screen, and print when printing


def checkbox(page, index):
    return page.get_by_role("checkbox", name=TEXTS[index], exact=True)


def ticked(page):
    return [i for i, text in enumerate(TEXTS) if checkbox(page, i).is_checked()]


def stored(page):
    return page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})")


def build_with_a_new_item(folder, text=NEW_ITEM):
    """The site built again, in folder, after a contributor added an item ("added-later") at the end of the
    checklist, and recorded its id as the check asks; returns the site's folder."""
    from site_build import SITE_ENGINE, build_site, build_site_with_zensical, copy_project

    project = copy_project(folder / "project")
    data = project / "docs" / "data" / "checklist.yml"
    data.write_text(data.read_text("utf-8") + f'  - id: added-later\n    text: "{text}"\n', encoding="utf-8")
    record = project / "docs" / "data" / "published.yml"
    mark = "\nchecklist:\n  published:\n"
    record.write_text(record.read_text("utf-8").replace(mark, mark + "    - added-later\n", 1), encoding="utf-8")
    if SITE_ENGINE == "zensical":
        return build_site_with_zensical(project)
    assert build_site(project, folder / "site") == []
    return folder / "site"
