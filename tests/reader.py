"""How a reader moves around the site in Chromium (full loads, instant navigation, history), with waits on
conditions, and what a browser can do to the site (site data blocked or full) and say (its errors)."""

import contextlib
import itertools
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from site_build import nav_pages, page_address, site_config

PAGES = [source for _, source in nav_pages()]


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


# A busy phone, for finding tests that race the page (conftest adds it when LATE_TIMERS names a delay in ms):
# every timer of a few milliseconds, which the themes use to debounce focus and input, runs that late. A test
# that waits for what the reader sees passes all the same; one that only hopes a timer has run fails.
def late_timers(delay: int) -> str:
    return f"""
(() => {{
  const late = (set) => (handler, wait, ...rest) => set(handler, (wait || 0) <= 4 ? {delay} : wait, ...rest);
  window.setTimeout = late(window.setTimeout.bind(window));
  window.setInterval = late(window.setInterval.bind(window));
}})();
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
# and the address and the page's canonical link agree (on the path: tests/test_offline.py serves the site
# on loopback, where the canonical link still names the site's own address). Instant navigation changes
# the address before the new content arrives: after a quick Back the page left behind can be the very page
# asked for, whole, at its own address, moments before the theme swaps in a fresh copy whose checklist is
# not set up yet. Every page of the guide has a canonical link (the 404 page has none).
SETTLED = f"""
(token) => {{
  if (location.href === "about:blank") return true;
  const article = document.querySelector("article");
  const canonical = document.querySelector("link[rel=canonical]");
  return article !== null && article.leftBy !== token
    && canonical !== null && new URL(canonical.href).pathname === location.pathname && ({WHOLE})();
}}
"""


# Marks the content a tab shows as left behind by a move (a property of the element: a copy never has it).
LEAVE = "(token) => document.querySelectorAll('article').forEach((article) => { article.leftBy = token; })"


def page_of(page) -> str | None:
    """The source file of the page a tab shows, or None for a blank tab (at the site's path on any address:
    its own, or the loopback server of tests/test_offline.py)."""
    url, prefix = urlsplit(page.url), urlsplit(site_config()["site_url"]).path
    if url.scheme not in ("http", "https") or not url.path.startswith(prefix):
        return None
    return next((source for source in PAGES if page_address(source) == url.path[len(prefix) :]), None)


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


def open_page(page, page_url, source):
    """A full load, as from a bookmark or a shared link."""
    return move(page, lambda: page.goto(page_url(source)))


def follow(page, link):
    """Follow a link inside the site, which the theme turns into instant navigation; assert it did."""
    page.evaluate("window.samePage = true")
    move(page, link.click)
    assert page.evaluate("window.samePage === true"), "following a link reloaded the whole page"


def back_before_arrival(page, link):
    """Follow a link and press Back before the page it leads to has arrived (its answer is held until the
    tab has settled back), as a reader does who taps the wrong link on a slow connection; assert that no
    move reloaded the whole page."""
    address = link.evaluate("(a) => a.href")
    held = []

    def keep(route):
        held.append(route)

    page.route(address, keep)
    page.evaluate("window.samePage = true")
    with page.expect_request(address):
        link.click()
    try:
        back(page)
    finally:
        for route in held:  # answered late, as the site would (unless the theme has dropped the request)
            with contextlib.suppress(PlaywrightError):
                page.context.answer(route)
        page.unroute(address, keep)
    assert page.evaluate("window.samePage === true"), "going back reloaded the whole page"


def hold(page, url):
    """Hold the answer to `url` in the page's browser context, as a slow connection does; returns a function
    that waits for the request, then lets the site answer it, and the next requests too."""
    held = []
    page.context.route(url, lambda route: held.append(route))

    def answer():
        while not held:  # the request reaches the route while Playwright waits on anything: wait on a tick of it
            page.wait_for_timeout(50)
        page.context.unroute(url)
        page.context.answer(held[0])

    return answer


def footer_link(page, direction):
    return page.locator(f"a.md-footer__link--{'next' if direction == 'next' else 'prev'}")


def nav_link(page, source):
    title = next(title for title, page_source in nav_pages() if page_source == source)
    return page.locator(".md-nav--primary").get_by_role("link", name=title, exact=True)


def collect_errors(target) -> list[str]:
    """Everything a page, or every page of a browser context, logs as an error or throws: a quiet site
    leaves the list empty."""
    found = []
    target.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    if hasattr(target, "pages"):  # a context
        target.on("weberror", lambda error: found.append(str(error.error)))
    else:
        target.on("pageerror", lambda error: found.append(str(error)))
    return found


def search_results(page):
    """Open the guide's search with its key, "/", and return where its results will be."""
    page.keyboard.press("/")
    expect(page.get_by_role("searchbox", name="Search the guide")).to_be_focused()
    return page.get_by_role("dialog", name="Search the guide").get_by_role("link")


def add_style(page, css: str) -> None:
    """A stylesheet added to the page as a reader's setting would (text at 200 %, say): constructed, not a <style>
    element, which the site's Content-Security-Policy refuses."""
    page.evaluate(
        "(css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);"
        " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }",
        css,
    )


def another_pages_title(page) -> str:
    """The title of another page than this one (in the menu, not its contents), as the reader would look for it."""
    found = page.evaluate(
        "() => [...document.querySelectorAll('.md-sidebar--primary a.md-nav__link')]"
        ".find((link) => new URL(link.href).pathname !== location.pathname).textContent"
    )
    return " ".join(found.split())
