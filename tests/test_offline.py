"""The offline copy in Chromium, on the engine under test. Routing does not reach a service worker's requests, so
the site is served over real HTTP on 127.0.0.1 (a secure context) and the server is stopped to go offline."""

import gzip
import html
import json
import re
import shutil
import socket
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from checklist_model import EXAMPLES, Reader, run
from checklist_page import CHECKLIST, SHARED_KEY, checkbox
from reader import BLOCKED_STORAGE, INSTRUMENT, PAGES, collect_errors, follow, footer_link, search_results
from scripts import offline
from scripts.offline import manifest
from site_build import edit, page_address, page_path, section_pages, site_config, whole_guide
from site_words import word_found_on_one_page

SITE_URL = site_config()["site_url"]
A_PAGE = section_pages()[-1]  # a page of the guide other than the home page, whichever it is
OUR_CACHES = "async () => (await caches.keys()).filter((name) => name.startsWith('/guide/offline-'))"
NO_CACHES = f"async () => (await ({OUR_CACHES})()).length === 0"
# No registration of ours left (another site's may stay): Remove and Forget do not wait for it to go (it can
# queue behind a fetch of sw.js).
NO_COPY = "async () => (await navigator.serviceWorker.getRegistrations()).every((r) => !r.scope.endsWith('/guide/'))"
OURS = "() => navigator.serviceWorker.controller?.scriptURL.endsWith('/guide/sw.js')"  # our worker answers the page
OFFER = re.compile(r"^Keep this guide on this device for offline reading \(about (\d+) KB to download\)$")
KEPT = re.compile("^Kept on this device")
REMOVE, FORGET = "Remove the offline copy", "Forget this guide on this device"
OFFER_OFF = (Path("assets/offline.js"), "const ON = true;", "const ON = false;")  # as the build leaves it on
NO_WORKER = "Object.defineProperty(navigator, 'serviceWorker', {get() { throw new DOMException('', 'SecurityError') }})"
EXTRAHEAD = "overrides/main.html, block extrahead"
# Each text the footer's statuses show, in turn, however briefly.
SEEN = """addEventListener("DOMContentLoaded", () => {
  window.seen = [];
  new MutationObserver(() => {
    for (const found of document.querySelectorAll("[data-forget-status], [data-offline-count]")) {
      if (found.textContent && !window.seen.includes(found.textContent)) window.seen.push(found.textContent);
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
});"""


class Host(ThreadingHTTPServer):
    request_queue_size = 128  # connections waiting to be taken in, as a real host allows (Python's default is 5)


class Server:
    """The site at http://127.0.0.1:PORT/guide/, as GitHub Pages serves it, stopped and started again on the
    same port; `asked` and `received` record each path answered and each that arrived; a path `held` stays
    unanswered until `released` is set; a path in `dropped` has its connection closed unanswered, once."""

    def __init__(self, site: Path, root: Path):
        root.mkdir()
        self.root, self.asked, self.port, self.versions = root, [], 0, 0
        self.held, self.released, self.received, self.dropped = None, threading.Event(), [], set()
        self.start()
        self.publish(site)

    def publish(self, site: Path, worker: bool = True):
        """A version published at once, as a deploy does: its sitemap names this address; its worker follows it."""
        self.versions += 1
        target = self.root / f".version-{self.versions}"
        shutil.copytree(site, target)
        sitemap = target / "sitemap.xml"
        sitemap.write_text(sitemap.read_text("utf-8").replace(SITE_URL, self.url), "utf-8")
        if worker:
            offline.write_worker(target)
        (self.root / ".next").symlink_to(target.name)
        (self.root / ".next").replace(self.root / "guide")

    def start(self):
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, format, *args):
                server.asked.append(self.path)

            def do_GET(self):
                server.received.append(self.path)
                if self.path in server.dropped:
                    server.dropped.discard(self.path)
                    self.close_connection = True
                    return
                if server.held and self.path == server.held:
                    server.released.wait(120)
                super().do_GET()

        self.http = Host(("127.0.0.1", self.port), partial(Handler, directory=str(self.root)))
        self.port = self.http.server_address[1]
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def stop(self):
        self.http.shutdown()
        self.http.server_close()

    def served(self, address: str) -> Path:
        """The file served at an address under the site (a page's, `faq/`, is `faq/index.html`)."""
        return self.root / "guide" / (address + "index.html" if address == "" or address.endswith("/") else address)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/guide/"

    def at(self, source: str) -> str:
        return self.url + page_address(source)


@pytest.fixture
def server(built_site, tmp_path):
    serving = Server(built_site, tmp_path / "root")
    yield serving
    serving.released.set()
    serving.stop()


@pytest.fixture
def readers(browser):
    """Make a browser context as a reader's: service workers allowed, nothing routed; every other site refused
    (and, after the test, asked for nothing); its pages' errors in `problems`."""
    made = []

    def make(**options):
        context = browser.new_context(**options)
        context.elsewhere, context.problems = [], collect_errors(context)
        context.route(
            re.compile(r"^(?!http://127\.0\.0\.1:)"),
            lambda route: context.elsewhere.append(route.request.url) or route.abort(),
        )
        context.add_init_script(INSTRUMENT)  # for reader.follow
        made.append(context)
        return context

    yield make
    for context in made:
        assert context.elsewhere == [], f"a page asked another site for: {context.elsewhere}"
        context.close()


@pytest.fixture
def reader(readers):
    return readers()


def wait_until(page, condition, timeout: float = 30, seen=lambda: ""):
    """Until a condition holds: JavaScript in the page (its promise's answer counts, unlike wait_for_function's),
    or a Python function."""
    deadline = time.monotonic() + timeout
    while not (condition() if callable(condition) else page.evaluate(condition)):
        assert time.monotonic() < deadline, f"never came true: {condition} {seen()}"
        page.wait_for_timeout(100)  # Chromium's reports and the server's threads go on meanwhile


def edited(site: Path, target: Path, path: Path, old: str, new: str) -> Path:
    """A copy of the site at `target`, its file at `path` edited."""
    shutil.copytree(site, target)
    edit(target / path, old, new)
    return target


def changed_worker(tmp_path, monkeypatch, old: str, new: str):
    """The worker published from here on: scripts/offline-worker.js edited (the worker shipped is untouched)."""
    shutil.copy(offline.WORKER, tmp_path / "offline-worker.js")
    edit(tmp_path / "offline-worker.js", old, new)
    monkeypatch.setattr(offline, "WORKER", tmp_path / "offline-worker.js")


def replaced_copy(old: str) -> str:
    """The new version's copy, once it has replaced the old one: one copy kept, and not `old`."""
    return f"async () => {{ const kept = await ({OUR_CACHES})(); return kept.length === 1 && kept[0] !== {old!r}; }}"


def button(page, name):
    return page.get_by_role("contentinfo").get_by_role("button", name=name)


def status(page):
    return page.get_by_role("contentinfo").locator("[data-offline-status]")


def keep_copy(page):
    """The reader takes the footer's offer and waits until the page says the copy is kept."""
    button(page, OFFER).click()
    expect(status(page)).to_have_text(KEPT, timeout=30_000)
    page.wait_for_function(OURS)


def forget(page):
    button(page, FORGET).click()
    expect(page.get_by_role("contentinfo").locator("[data-forget-status]")).to_contain_text("Done")


def nothing_kept(page):
    assert page.evaluate(OUR_CACHES) == [], "a copy is left"
    wait_until(page, NO_COPY)


def attempt_ended(page, versions: dict) -> str:
    """How the worker's attempt at a version not yet in `versions` ended: redundant (given up) or installed."""
    since = set(versions)

    def ended():
        return [status for id, status in versions.items() if id not in since and status not in ("new", "installing")]

    wait_until(page, ended, timeout=60, seen=lambda: f"the worker made no attempt at the new version: {versions}")
    return ended()[0]


def updated_when_idle(page, server, load):
    """A page load, which looks for a new version; the host answers that look (sw.js) once the page is idle. A new
    version takes over once the worker in charge has stopped, idle; a request of the page's reaching it as it stops
    starts it again, and with DevTools attached (Playwright) it is then not stopped for minutes."""
    server.held, server.released = "/guide/sw.js", threading.Event()
    load()
    page.wait_for_load_state("networkidle")
    server.released.set()


def fetched_by_the_worker(page, server):
    """From now on, the paths the server is asked for beyond those the page asks for: the worker's own."""
    server.asked.clear()
    by_the_page = []
    page.on("request", lambda request: by_the_page.append(urlparse(request.url).path))
    return lambda: {path.split("?")[0] for path in server.asked} - set(by_the_page)


def test_kept_only_when_asked_then_every_page_search_and_forget_work_offline_even_on_a_silent_network(
    reader, server, built_site, tmp_path, monkeypatch
):
    # The worker waits 4 s for a network that never answers: here less, or the test waits as long twice.
    changed_worker(tmp_path, monkeypatch, "const PATIENCE = 4000;", "const PATIENCE = 500;")
    server.publish(built_site)
    reader.add_init_script(SEEN)
    dropped = f"/guide/{page_address(A_PAGE)}"
    server.dropped.add(dropped)  # a phone between cells, or a busy host: a connection closes unanswered, once
    page = reader.new_page()
    page.goto(server.url)
    page.wait_for_load_state("networkidle")
    expect(button(page, OFFER)).to_be_visible()
    assert [path for path in server.asked if "sw.js" in path] == [], "the worker was fetched before the tap"
    size = int(OFFER.match(button(page, OFFER).inner_text()).group(1))
    server.asked.clear()
    keep_copy(page)
    files = manifest(server.root / "guide")["files"]
    seen = page.evaluate("window.seen")
    assert f"1 of {len(files)} files" in seen and f"{len(files)} of {len(files)} files" in seen, seen
    assert set(files) <= {urlparse(path).path.removeprefix("/guide/") for path in server.asked}
    assert server.received.count(dropped) == 2, "a connection dropped once is asked again, and the copy kept"
    # What the reader's connection carries: each file as a host that compresses sends it.
    carried = sum(len(gzip.compress(server.served(path).read_bytes(), mtime=0)) for path in files)
    assert abs(size * 1000 - carried) <= carried * 0.05, f"said about {size} KB, carried {carried} bytes"
    response = page.goto(server.at(A_PAGE).rstrip("/"))
    assert response.ok and page.url == server.at(A_PAGE), "online, with the copy: a/ for a"
    server.stop()
    page.goto(server.at(CHECKLIST))
    checkbox(page, 1).check()
    page.reload()
    expect(checkbox(page, 1)).to_be_checked()
    expect(page.locator("[data-checklist-kept]")).to_be_visible()
    source, word = word_found_on_one_page()
    results = search_results(page)
    page.keyboard.type(word)
    expect(results.first).to_have_attribute("href", re.compile(re.escape(page_address(source))))
    page.keyboard.press("Escape")
    follow(page, footer_link(page, "prev"))  # instant navigation
    assert page.url == server.at(PAGES[PAGES.index(CHECKLIST) - 1])
    assert reader.problems == [], reader.problems
    for source in PAGES:
        response = page.goto(server.at(source))
        assert response.status == 200, f"{source}: {response.status} offline"
        built = re.search(r"<title>(.*?)</title>", page_path(built_site, source).read_text("utf-8")).group(1)
        assert page.title() == html.unescape(built), f"{source}: {page.title()}"
        expect(page.locator("article h1").first).to_be_visible()
    assert page.goto(server.url + "no-such-page/").status == 404
    expect(page.locator("article h1")).to_have_count(1)  # the site's own "not here" page, from the copy
    response = page.goto(server.at(A_PAGE).rstrip("/") + "?from=a-note")
    assert response.status == 200 and page.url.startswith(server.at(A_PAGE)), "offline: a/ for a"
    expect(page.locator("article h1").first).to_be_visible()
    with socket.create_server(("127.0.0.1", server.port), backlog=64):  # connections taken in, never answered
        # The page is the reader's once its HTML has come: the worker waits a while, then gives the kept copy.
        response = page.goto(server.at(A_PAGE), timeout=30_000, wait_until="commit")
        assert response.status == 200, "a network that never answers gets the kept copy"
        expect(page.locator("article h1").first).to_be_visible()
    page.goto(server.at(CHECKLIST))
    forget(page)
    assert page.url == server.at(CHECKLIST)
    expect(page.locator("article h1").first).to_be_visible()  # offline, forget keeps the page, not the browser's
    nothing_kept(page)


def test_each_new_version_replaces_the_copy_once_whole_fetching_only_what_changed_until_offline_off_takes_it_back(
    reader, server, built_site, tmp_path, monkeypatch
):
    """During a deploy a CDN can serve the new worker and an old file; caches belong to the origin (github.io,
    shared by every project site there), so the worker checks each kept file against its hash whenever it
    serves it or carries it into a new version's copy."""
    page = reader.new_page()
    page.goto(server.url)
    keep_copy(page)
    [old] = page.evaluate(OUR_CACHES)
    versions = {}  # {id: status} of each version of the worker, as Chromium reports it, kept up to date
    cdp = reader.new_cdp_session(page)
    cdp.on(
        "ServiceWorker.workerVersionUpdated",
        lambda event: versions.update({found["versionId"]: found["status"] for found in event["versions"]}),
    )
    cdp.send("ServiceWorker.enable")
    wait_until(page, lambda: "activated" in versions.values(), seen=lambda: f"no version in charge: {versions}")
    newer = edited(
        built_site, tmp_path / "newer", page_path(Path(), A_PAGE), "</h1>", "</h1><p id='news'>Newly published.</p>"
    )
    files, files_before = manifest(newer)["files"], manifest(built_site)["files"]
    changed = {path for path, digest in files.items() if files_before.get(path) != digest}
    assert changed == {page_address(A_PAGE)}
    server.publish(newer)
    served = server.served(page_address(A_PAGE))
    served.write_text(page_path(built_site, A_PAGE).read_text("utf-8"), "utf-8")  # the CDN's old copy
    page.reload()  # each load looks for a new version
    assert attempt_ended(page, versions) == "redundant", "the new version was kept with a file of the old one"
    server.stop()
    page.goto(server.at(A_PAGE))
    expect(page.locator("article h1").first).to_be_visible()  # offline, the last whole copy
    expect(page.locator("#news")).to_have_count(0)
    server.start()
    served.write_text(page_path(newer, A_PAGE).read_text("utf-8"), "utf-8")  # the CDN catches up
    by_the_worker = fetched_by_the_worker(page, server)
    updated_when_idle(page, server, lambda: page.goto(server.at(A_PAGE)))
    expect(page.locator("#news")).to_be_visible()  # pages come from the network first: the newest at once
    wait_until(  # the worker's update runs after the load, slower on a busy machine
        page, replaced_copy(old), 120, seen=lambda: f"; the worker's versions: {versions}; asked: {server.asked}"
    )
    assert by_the_worker() <= {f"/guide/{path}" for path in changed} | {"/guide/sw.js"}, (
        f"the new version fetched more than what changed: {sorted(by_the_worker())}"
    )
    server.stop()
    url = server.at(A_PAGE)
    page.goto(url)
    expect(page.locator("#news")).to_be_visible()  # offline, the new copy
    [old] = page.evaluate(OUR_CACHES)
    page.evaluate(  # another site of the origin writes into our copy
        "async ([name, url, body]) => (await caches.open(name))"
        ".put(url, new Response(body, { headers: { 'content-type': 'text/html' } }))",
        [old, url, "<h1 id='forged'>Forged</h1><script>window.forged = true</script>"],
    )
    response = page.goto(url)
    assert page.locator("#forged").count() == 0 and response.status == 404  # the copy's "not here" page instead
    server.start()
    # A new version in which the poisoned page is unchanged: carried over only if whole.
    server.publish(edited(newer, tmp_path / "newest", Path("assets/guide.css"), "", "/* a new version */\n"))
    updated_when_idle(page, server, lambda: page.goto(server.url))
    wait_until(page, replaced_copy(old), 120)
    server.stop()
    page.goto(url)
    expect(page.locator("#news")).to_be_visible()
    assert page.locator("#forged").count() == 0
    server.start()
    # A new worker alone: its copy is made from the files kept, asking the host for none (here one fails to be
    # served).
    [old] = page.evaluate(OUR_CACHES)
    changed_worker(tmp_path, monkeypatch, "", "// a fix to the worker alone\n")
    server.publish(tmp_path / "newest")
    server.served(page_address(A_PAGE)).unlink()  # the host fails to serve it
    by_the_worker = fetched_by_the_worker(page, server)
    updated_when_idle(page, server, lambda: page.goto(server.url))
    assert attempt_ended(page, versions) in ("installed", "activating", "activated")
    wait_until(page, replaced_copy(old), 120)
    assert by_the_worker() <= {"/guide/sw.js"}, f"files were fetched again: {sorted(by_the_worker())}"
    server.stop()
    for source in ("index.md", A_PAGE):
        assert page.goto(server.at(source)).status == 200, f"{source}: not in the new copy"
    server.start()
    # offline: false publishes at sw.js a worker that deletes the copy and unregisters itself.
    release = edited(built_site, tmp_path / "release", *OFFER_OFF)
    offline.write_offline_copy(release, {"extra": {"offline": False}})
    server.publish(release, worker=False)
    page.wait_for_load_state("networkidle")  # see updated_when_idle
    page.evaluate("navigator.serviceWorker.getRegistration().then((found) => found.update())")

    def gone():
        try:
            return page.evaluate(f"async () => (await ({NO_CACHES})()) && ({NO_COPY})()")
        except PlaywrightError:  # the kill switch reloads the page as it goes: ask again after the navigation
            return False

    wait_until(page, gone, 60, seen=lambda: "the copy was not taken back")
    server.publish(built_site)
    page.goto(server.url)
    keep_copy(page)
    preview = edited(built_site, tmp_path / "preview", *OFFER_OFF)
    (preview / "sw.js").unlink()
    server.publish(preview, worker=False)  # the preview runs no step after its build
    page = reader.new_page()
    page.goto(server.url)
    wait_until(page, NO_CACHES)  # the preview takes away the copy an earlier build left, and keeps none
    expect(page.locator("[data-offline]")).to_be_hidden()
    assert page.evaluate(NO_COPY)


def test_keep_remove_and_forget_leave_nothing_half_made_spare_another_sites_worker_and_reach_every_tab(reader, server):
    # A site above this one on the same origin (a GitHub user site, say) has its own service worker.
    (server.root / "other-worker.js").write_text("self.addEventListener('fetch', () => {});\n", "utf-8")
    (server.root / "index.html").write_text("<!doctype html><title>Another site</title>", "utf-8")
    theirs = server.url.removesuffix("guide/")
    theirs_only = (
        f"async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope).join() === '{theirs}'"
    )
    reader.add_init_script(SEEN)
    page = reader.new_page()
    page.goto(server.at(CHECKLIST))
    checkbox(page, 0).check()
    # A copy an earlier version kept unasked.
    page.evaluate("(url) => navigator.serviceWorker.register(url + 'sw.js', { scope: url })", server.url)
    wait_until(page, f"async () => (await ({OUR_CACHES})()).length === 1")
    page.reload()
    expect(status(page)).to_have_text(KEPT)
    button(page, REMOVE).click()
    expect(status(page)).to_have_text(re.compile("removed"))
    nothing_kept(page)
    expect(button(page, OFFER)).to_be_visible()
    page.reload()
    expect(checkbox(page, 0)).to_be_checked()  # the ticks are not the copy: they stay
    keep_copy(page)
    other = reader.new_page()
    other.goto(theirs)
    other.evaluate("navigator.serviceWorker.register('/other-worker.js').then(() => navigator.serviceWorker.ready)")
    other.goto(server.at(CHECKLIST))
    # Removed, the worker still serves the open page; kept again, the same worker comes back, and must make its
    # copy again rather than say "Kept" over nothing. So with Forget.
    page.evaluate(f"localStorage.setItem({SHARED_KEY!r}, 'ticks an earlier version kept for every site')")
    for way in (REMOVE, FORGET):
        button(page, way).click()
        expect(button(page, OFFER)).to_be_visible()
        assert page.evaluate(OUR_CACHES) == [], way
        if way == FORGET:
            said = [text for text in page.evaluate("window.seen") if "Forget" in text or "Done" in text]
            assert len(said) == 2 and "Done" not in said[0], f"nothing said while Forget works: {said}"
            # The browser's history (and its cache) hold titled pages whatever the site does: Forget says so.
            said = page.get_by_role("contentinfo").locator("[data-forget-status]").inner_text()
            assert re.search(r"\bhistory\b", said) and re.search(r"settings|private window", said), said
            # Nothing but the theme's note of the colour scheme, which it writes again on every page it shows.
            assert page.evaluate("Object.keys(localStorage)") in ([], ["/guide/.__palette"])
            wait_until(page, theirs_only)
            expect(checkbox(page, 0)).not_to_be_checked()  # the page stays, as the device now holds it
        keep_copy(page)
        assert len(page.evaluate(OUR_CACHES)) == 1, way
    server.stop()
    for source in ("index.md", A_PAGE):
        assert page.goto(server.at(source)).status == 200, f"{source}: not in the copy"
    expect(status(page)).to_have_text(KEPT)  # a page loaded with the copy whole says so
    server.start()
    button(page, REMOVE).click()
    page.goto(server.at(CHECKLIST))  # a load the removed worker no longer answers
    nothing_kept(page)
    forget(page)  # with no copy of ours to forget, the other site's worker stays (theirs_only, below)
    # A copy that cannot be made leaves nothing: no room, then no connection.
    cdp = reader.new_cdp_session(page)
    origin = server.url.removesuffix("/guide/")
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": origin, "quotaSize": 20_000})
    button(page, OFFER).click()
    expect(status(page)).to_have_text(re.compile("storage is full"), timeout=30_000)
    nothing_kept(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": origin})
    server.stop()
    button(page, OFFER).click()  # offered again: tried offline
    expect(status(page)).to_have_text(re.compile("connection"), timeout=30_000)
    nothing_kept(page)
    server.start()
    server.held = "/guide/sw.js"  # a bad network holds the worker: Forget does not wait for it
    button(page, OFFER).click()
    wait_until(page, lambda: server.held in server.received)
    forget(page)
    expect(button(page, OFFER)).to_be_visible()
    server.released.set()
    wait_until(page, NO_COPY)  # and the Keep it overtook keeps nothing
    wait_until(page, NO_CACHES)
    expect(button(page, OFFER)).to_be_visible()
    server.received.clear()
    server.held, server.released = "/guide/" + page_address(A_PAGE), threading.Event()  # one file stalls
    button(page, OFFER).click()
    wait_until(page, lambda: server.held in server.received)
    forget(page)
    expect(button(page, OFFER)).to_be_visible()
    expect(status(page)).to_have_text("")  # not "the connection broke": the reader stopped it
    nothing_kept(page)
    page.goto(server.url)
    wait_until(page, theirs_only)  # the rest of this visit keeps no new copy unasked
    button(page, OFFER).click()  # the same file stalls again: the copy is under way meanwhile
    expect(page.get_by_role("contentinfo").locator("[data-offline-count]")).to_contain_text(" of ")
    page.reload()
    expect(status(page)).to_have_text(re.compile("^Keeping"))  # a page loaded meanwhile: not "Kept" over half
    server.released.set()
    expect(status(page)).to_have_text(KEPT, timeout=30_000)
    expect(status(other)).to_have_text(KEPT)
    page.wait_for_function(OURS)
    button(page, REMOVE).click()
    expect(button(other, OFFER)).to_be_visible()
    # When the copy the worker comes back to make fails, it goes: left in place without a copy, it would keep
    # the next version unasked.
    server.held, server.released = "/guide/" + page_address(A_PAGE), threading.Event()
    server.received.clear()
    button(page, OFFER).click()
    wait_until(page, lambda: server.held in server.received)
    server.served(page_address(A_PAGE)).unlink()  # the host fails to serve it
    server.released.set()
    expect(status(page)).to_have_text(re.compile("failed"), timeout=30_000)
    wait_until(page, NO_COPY)
    assert page.evaluate(OUR_CACHES) == []
    # Where the browser blocks site data or service workers, nothing throws.
    for blocked in (NO_WORKER, BLOCKED_STORAGE):
        page = reader.new_page()
        page.add_init_script(blocked)
        page.goto(server.at(CHECKLIST))
        if blocked == NO_WORKER:
            expect(status(page)).to_have_text(re.compile("cannot keep"))
        forget(page)
    built = server.served(page_address(CHECKLIST)).read_text("utf-8")
    helpers = sorted(set(re.findall(r"(__md_\w+)=\([^)]*=localStorage", built)))  # the theme's, by name
    assert {"__md_get", "__md_set"} <= set(helpers), f"{EXTRAHEAD}: the theme now has {helpers}"
    for helper in helpers:
        outcome = page.evaluate(
            f"() => {{ try {{ {helper}('probe', 1); return 'no error'; }} catch (e) {{ return String(e); }} }}"
        )
        assert outcome == "no error", f"{EXTRAHEAD}: {helper} throws where storage is blocked"
    assert reader.problems == [], reader.problems


def test_the_copy_holds_every_page_and_what_pages_load_only_and_the_offer_adds_under_2_kib(built_site):
    files = manifest(built_site)["files"]
    assert {page_address(source) for source in PAGES} <= set(files)
    assert page_address(whole_guide()) in files
    assert {"404.html", "search/index.json", "assets/search.js", "assets/vendor/stemmer.js"} <= set(files)
    assert json.dumps(manifest(built_site)) in (built_site / "sw.js").read_text("utf-8"), "the worker's manifest"
    script = built_site / "assets" / "offline.js"  # the offer and Forget, gzipped as the page-weight test counts
    assert len(gzip.compress(script.read_bytes(), compresslevel=6, mtime=0)) < 2048


def test_the_checklist_agrees_with_the_model_with_the_offline_copy_on(readers, server):
    """The model-based test's journeys, over HTTP, with the service worker answering the pages it keeps."""

    def make(**options):
        context = readers(**options)
        page = context.new_page()
        page.goto(server.url)
        keep_copy(page)
        page.close()
        return context

    with_copy = type("ReaderWithOfflineCopy", (Reader,), {"worker": True})
    run(with_copy, make, server.at, max_examples=max(2, EXAMPLES // 3))
