"""The offline copy, kept once the reader asks, and every page offline then, in Chromium, on the engine under test. Playwright's routing and its
offline switch do not reach a service worker's own requests, so the built site is served over real HTTP on
127.0.0.1 (a secure context) and the server is stopped to go offline."""

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
from checklist_page import CHECKLIST, checkbox
from reader import BLOCKED_STORAGE, INSTRUMENT, collect_errors, search_results
from scripts import offline
from scripts.offline import manifest, write_worker
from site_build import nav_pages, page_address, page_path, section_pages, site_config, whole_guide
from site_words import word_found_on_one_page

# The service worker has taken over the page: it answers this page's requests from now on.
SITE_URL = site_config()["site_url"]
A_PAGE = section_pages()[-1]  # a page of the guide other than the home page, whichever it is
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
OUR_CACHES = "async () => (await caches.keys()).filter((name) => name.startsWith('/guide/offline-'))"


class Host(ThreadingHTTPServer):
    request_queue_size = 128  # connections waiting to be taken in, as a real host allows (Python's default is 5)


class Server:
    """The site at http://127.0.0.1:PORT/guide/, as GitHub Pages serves it; stopped and started again on the
    same port, and given another build (a new version published). Records each path asked for."""

    def __init__(self, site: Path, root: Path):
        self.root, self.asked, self.answers, self.port, self.versions = root, [], [], None, 0
        # A path held unanswered (a stalled network) until `released` is set; paths whose connection is dropped
        # once, unanswered.
        self.held, self.released, self.received, self.dropped = None, threading.Event(), [], set()
        self.start()
        self.publish(site)

    def publish(self, site: Path, worker: bool = True):
        """The site as published at this address: its sitemap (which the theme's instant navigation follows)
        names this address, and the worker's manifest follows (unless `worker` is False: the site's own sw.js).
        A new version replaces the last at once, as a deploy does: nothing asked meanwhile finds it half copied."""
        self.versions += 1
        target = self.root / f".version-{self.versions}"
        shutil.copytree(site, target)
        sitemap = target / "sitemap.xml"
        sitemap.write_text(sitemap.read_text("utf-8").replace(SITE_URL, self.url), "utf-8")
        if worker:
            write_worker(target)
        (self.root / ".next").symlink_to(target.name)
        (self.root / ".next").replace(self.root / "guide")

    def start(self):
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, format, *args):
                server.asked.append(self.path)
                server.answers.append(format % args)

            def do_GET(self):
                server.received.append(self.path)  # on arrival (a held request is logged once answered)
                if self.path in server.dropped:
                    server.dropped.discard(self.path)
                    self.close_connection = True
                    return
                if server.held and self.path == server.held:
                    server.released.wait(120)
                super().do_GET()

        self.http = Host(("127.0.0.1", self.port or 0), partial(Handler, directory=str(self.root)))
        self.port = self.http.server_address[1]
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def stop(self):
        self.http.shutdown()
        self.http.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/guide/"


@pytest.fixture
def server(built_site, tmp_path):
    (tmp_path / "root").mkdir()
    serving = Server(built_site, tmp_path / "root")
    yield serving
    serving.released.set()
    serving.stop()


@pytest.fixture
def reader(browser):
    """A browser context as a reader's: service workers allowed, nothing routed; every other site refused."""
    context = browser.new_context()
    elsewhere = []
    context.route(
        re.compile(r"^(?!http://127\.0\.0\.1:)"), lambda route: elsewhere.append(route.request.url) or route.abort()
    )
    context.problems = collect_errors(context)
    yield context
    assert elsewhere == [], f"a page asked another site for: {elsewhere}"
    context.close()


def wait_until(page, condition: str, timeout: float = 30, seen=lambda: ""):
    """Until an asynchronous condition in the page holds (wait_for_function takes a promise for an answer);
    `seen()` says what else to tell if it never does."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"never came true: {condition} {seen()}"
        page.wait_for_timeout(100)


def replaced_copy(old: str) -> str:
    """The new version's copy, once it has replaced the old one: one copy kept, and not `old`."""
    return f"async () => {{ const kept = await ({OUR_CACHES})(); return kept.length === 1 && kept[0] !== {old!r}; }}"


def settled(page):
    """Until the page has loaded all it asks for (its search index last). Chromium lets a new version take
    over only once the version in charge has no request left in hand; a load cut short by the next one can
    leave one in hand for minutes (CI saw a new version kept waiting for over 120 s)."""
    page.wait_for_load_state("networkidle")


OFFER = re.compile(r"^Keep this guide on this device for offline reading \(about (\d+) KB to download\)$")
# No registration left: Remove and Forget do not wait for it to go (it can queue behind a fetch of sw.js).
NO_COPY = "() => navigator.serviceWorker.getRegistration().then((found) => found === undefined)"


def offline_status(page):
    return page.get_by_role("contentinfo").locator("[data-offline-status]")


def keep_copy(page):
    """The reader takes the footer's offer and waits until the page says the copy is kept."""
    page.get_by_role("contentinfo").get_by_role("button", name=OFFER).click()
    expect(offline_status(page)).to_have_text(re.compile("^Kept on this device"), timeout=30_000)
    page.wait_for_function(CONTROLLED)


def first_visit(context, server, source="index.md"):
    """A first visit, and the offline copy kept: what every test of the copy starts from."""
    page = context.new_page()
    page.goto(server.url + page_address(source))
    try:
        keep_copy(page)
    except AssertionError as failed:
        raise AssertionError(f"{failed}\nThe server answered:\n" + "\n".join(server.answers)) from None
    settled(page)
    return page


def forget(page):
    page.get_by_role("contentinfo").get_by_role("button", name="Forget this guide on this device").click()
    expect(page.get_by_role("contentinfo").locator("[data-forget-status]")).to_contain_text("Done")


def test_after_one_visit_every_page_reads_offline(reader, server, built_site):
    page = first_visit(reader, server)
    server.stop()
    for _, source in nav_pages():
        response = page.goto(server.url + page_address(source))
        assert response.status == 200, f"{source}: {response.status} offline"
        built = re.search(r"<title>(.*?)</title>", page_path(built_site, source).read_text("utf-8")).group(1)
        assert page.title() == html.unescape(built), f"{source}: {page.title()}"
        expect(page.locator("article h1").first).to_be_visible()
    response = page.goto(server.url + "no-such-page/")
    assert response.status == 404
    expect(page.locator("article h1")).to_have_count(1)  # the site's own "not here" page, from the copy


def test_offline_the_checklist_search_dark_mode_and_instant_navigation_work(reader, server):
    page = first_visit(reader, server, CHECKLIST)
    server.stop()
    page.reload()
    checkbox(page, 1).check()
    page.reload()
    expect(checkbox(page, 1)).to_be_checked()
    expect(page.locator("[data-checklist-kept]")).to_be_visible()
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    before = page.evaluate(scheme)
    page.locator("[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => ({scheme})() !== {before!r}")
    source, word = word_found_on_one_page()
    results = search_results(page)
    page.keyboard.type(word)
    expect(results.first).to_have_attribute("href", re.compile(re.escape(page_address(source))))
    page.keyboard.press("Escape")
    page.evaluate("window.samePage = true")
    page.locator(".md-footer__link--prev").click()
    before = [source for _, source in nav_pages()]
    page.wait_for_url(server.url + page_address(before[before.index(CHECKLIST) - 1]))
    assert page.evaluate("window.samePage === true"), "instant navigation fell back to a full load"
    assert reader.problems == [], reader.problems


def test_a_new_version_is_seen_at_once_and_replaces_the_kept_copy_fetching_only_what_changed(
    reader, server, built_site, tmp_path
):
    page = first_visit(reader, server)
    [old] = page.evaluate(OUR_CACHES)
    versions = worker_versions(page)
    newer = tmp_path / "newer"
    shutil.copytree(built_site, newer)
    changed_page = page_path(newer, A_PAGE)
    changed_page.write_text(
        changed_page.read_text("utf-8").replace("</h1>", "</h1><p id='news'>Newly published.</p>", 1), "utf-8"
    )
    write_worker(newer)
    changed = {
        path for path, digest in manifest(newer)["files"].items() if manifest(built_site)["files"].get(path) != digest
    }
    assert changed == {page_address(A_PAGE)}
    server.publish(newer)
    server.asked.clear()
    by_the_page = []
    page.on("request", lambda request: by_the_page.append(request.url.removeprefix(server.url.removesuffix("guide/"))))
    page.goto(server.url + page_address(A_PAGE))
    expect(page.locator("#news")).to_be_visible()  # pages come from the network first: the newest at once
    settled(page)
    page.reload()  # a second load at most, and the new copy has replaced the old
    replaced = replaced_copy(old)
    wait_until(  # the worker's update runs after the load, slower on a busy machine
        page, replaced, timeout=120, seen=lambda: f"; the worker's versions: {versions}; asked: {server.asked}"
    )
    by_the_worker = {path.split("?")[0] for path in server.asked} - {"/" + path.split("?")[0] for path in by_the_page}
    assert by_the_worker <= {f"/guide/{path}" for path in changed} | {"/guide/sw.js"}, (
        f"the new version fetched more than what changed: {sorted(by_the_worker)}"
    )
    server.stop()
    page.goto(server.url + page_address(A_PAGE))
    expect(page.locator("#news")).to_be_visible()  # offline, the new copy


def worker_versions(page) -> dict:
    """Each version of the site's service worker as Chromium reports it, kept up to date: {id: status}, the
    status one of new, installing, installed, activating, activated, redundant. The page is one it controls."""
    versions = {}
    cdp = page.context.new_cdp_session(page)
    cdp.on(
        "ServiceWorker.workerVersionUpdated",
        lambda event: versions.update({found["versionId"]: found["status"] for found in event["versions"]}),
    )
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 30
    while "activated" not in versions.values():  # the version in charge now, reported first
        assert time.monotonic() < deadline, f"Chromium reported no version in charge of this page: {versions}"
        page.wait_for_timeout(50)
    return versions


def attempt_ended(page, versions: dict, since: set, timeout: float = 60) -> str:
    """How the worker's attempt at a version not among `since` ended: redundant (given up) or installed."""
    deadline = time.monotonic() + timeout
    while True:
        ended = [status for id, status in versions.items() if id not in since and status not in ("new", "installing")]
        if ended:
            return ended[0]
        assert time.monotonic() < deadline, f"the worker made no attempt at the new version: {versions}"
        page.wait_for_timeout(100)  # Chromium's reports arrive while Playwright waits


def test_a_file_still_old_on_the_server_keeps_the_last_whole_copy_until_it_is_new(reader, server, built_site, tmp_path):
    """During a deploy a CDN can serve the new worker and an old file: the copy of the new version is not kept
    until every file is what the version names, and the last whole copy stays meanwhile."""
    page = first_visit(reader, server)
    [old] = page.evaluate(OUR_CACHES)
    newer = tmp_path / "newer"
    shutil.copytree(built_site, newer)
    changed_page = page_path(newer, A_PAGE)
    changed_page.write_text(
        changed_page.read_text("utf-8").replace("</h1>", "</h1><p id='news'>Newly published.</p>", 1), "utf-8"
    )
    server.publish(newer)
    served = server.root / "guide" / page_path(newer, A_PAGE).relative_to(newer)
    new_text = served.read_text("utf-8")
    served.write_text(page_path(built_site, A_PAGE).read_text("utf-8"), "utf-8")  # the CDN's old copy
    versions = worker_versions(page)
    since = set(versions)
    page.reload()  # each load looks for a new version
    assert attempt_ended(page, versions, since) == "redundant", "the new version was kept with a file of the old one"
    server.stop()
    page.goto(server.url + page_address(A_PAGE))
    expect(page.locator("article h1").first).to_be_visible()  # offline, the last whole copy
    expect(page.locator("#news")).to_have_count(0)
    server.start()
    served.write_text(new_text, "utf-8")  # the CDN catches up
    settled(page)
    page.reload()
    replaced = replaced_copy(old)
    wait_until(page, replaced, timeout=120)
    server.stop()
    page.goto(server.url + page_address(A_PAGE))
    expect(page.locator("#news")).to_be_visible()  # offline, the new version whole


def test_a_release_of_the_worker_alone_carries_the_copy_over_and_never_touches_the_one_in_use(
    reader, server, built_site, tmp_path, monkeypatch
):
    """The same files and a new worker: a new version, whose copy is made beside the one in use from the files
    kept, asking the host for none (here one is failing to be served at that moment)."""
    page = first_visit(reader, server)
    [old] = page.evaluate(OUR_CACHES)
    versions = worker_versions(page)
    since = set(versions)
    released = tmp_path / "offline-worker.js"
    released.write_text(offline.WORKER.read_text("utf-8") + "// a fix to the worker alone\n", "utf-8")
    monkeypatch.setattr(offline, "WORKER", released)
    server.publish(built_site)
    served = server.root / "guide" / page_path(built_site, A_PAGE).relative_to(built_site)
    served.unlink()  # the host fails to serve it
    server.asked.clear()
    by_the_page = []
    page.on("request", lambda request: by_the_page.append(urlparse(request.url).path))
    page.reload()
    assert attempt_ended(page, versions, since) in ("installed", "activating", "activated")
    replaced = replaced_copy(old)
    wait_until(page, replaced, timeout=120)
    by_the_worker = {path.split("?")[0] for path in server.asked} - set(by_the_page)
    assert by_the_worker <= {"/guide/sw.js"}, f"files were fetched again: {sorted(by_the_worker)}"
    server.stop()
    for source in ("index.md", A_PAGE):
        assert page.goto(server.url + page_address(source)).status == 200, f"{source}: not in the new copy"


# Each text the footer's statuses show, in turn, however briefly.
SEEN = """addEventListener("DOMContentLoaded", () => {
  window.seen = [];
  new MutationObserver(() => {
    for (const found of document.querySelectorAll("[data-forget-status], [data-offline-count]")) {
      if (found.textContent && !window.seen.includes(found.textContent)) window.seen.push(found.textContent);
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
});"""


def test_forget_leaves_nothing_of_the_guide_on_the_device_and_says_at_once_that_it_works(reader, server):
    reader.add_init_script(SEEN)
    page = first_visit(reader, server, CHECKLIST)
    checkbox(page, 0).check()
    forget(page)
    said = [text for text in page.evaluate("window.seen") if "Forget" in text or "Done" in text]
    assert len(said) == 2 and "Done" not in said[0], f"nothing said while Forget works: {said}"
    # Nothing but the theme's note of the colour scheme, which it writes again on every page it shows.
    assert page.evaluate("Object.keys(localStorage)") in ([], ["/guide/.__palette"])
    assert page.evaluate(OUR_CACHES) == []
    wait_until(page, NO_COPY)
    expect(checkbox(page, 0)).not_to_be_checked()  # the page stays, as the device now holds it
    expect(page.get_by_role("contentinfo").get_by_role("button", name=OFFER)).to_be_visible()
    page.goto(server.url)  # the rest of this visit keeps no new copy
    wait_until(page, NO_COPY)


def test_forget_says_what_the_browser_itself_still_keeps_and_how_to_clear_it(reader, server):
    """The browser's history (and its cache) hold titled pages whatever the site does: Forget says so."""
    page = reader.new_page()
    page.goto(server.url)
    forget(page)
    said = page.get_by_role("contentinfo").locator("[data-forget-status]").inner_text()
    assert re.search(r"\bhistory\b", said) and re.search(r"settings|private window", said), said


def test_forget_while_offline_keeps_the_page_and_leaves_no_copy(reader, server):
    page = first_visit(reader, server, CHECKLIST)
    server.stop()
    page.reload()
    checkbox(page, 0).check()
    forget(page)
    assert page.url == server.url + page_address(CHECKLIST)
    expect(page.locator("article h1").first).to_be_visible()  # not the browser's own offline page
    expect(checkbox(page, 0)).not_to_be_checked()
    assert page.evaluate(OUR_CACHES) == []
    wait_until(page, NO_COPY)


def served_file(root: Path, address: str) -> Path:
    return root / (address + "index.html" if address == "" or address.endswith("/") else address)


def test_nothing_is_kept_before_the_reader_takes_the_offer_which_says_its_size_and_shows_its_progress(reader, server):
    reader.add_init_script(SEEN)
    page = reader.new_page()
    page.goto(server.url)
    settled(page)
    offer = page.get_by_role("contentinfo").get_by_role("button", name=OFFER)
    expect(offer).to_be_visible()
    assert [path for path in server.asked if "sw.js" in path] == [], "the worker was fetched before the tap"
    assert page.evaluate(OUR_CACHES) == []
    wait_until(page, NO_COPY)
    size = int(OFFER.match(offer.inner_text()).group(1))
    server.asked.clear()
    keep_copy(page)
    files = manifest(server.root / "guide")["files"]
    seen = page.evaluate("window.seen")
    assert f"1 of {len(files)} files" in seen and f"{len(files)} of {len(files)} files" in seen, seen
    fetched = {urlparse(path).path.removeprefix("/guide/") for path in server.asked}
    assert set(files) <= fetched
    # What the reader's connection carries: each file as a host that compresses sends it.
    carried = sum(len(gzip.compress(served_file(server.root / "guide", path).read_bytes(), mtime=0)) for path in files)
    assert abs(size * 1000 - carried) <= carried * 0.05, f"said about {size} KB, carried {carried} bytes"
    page.reload()
    expect(offline_status(page)).to_have_text(re.compile("^Kept on this device"))
    expect(page.get_by_role("contentinfo").get_by_role("button", name="Remove the offline copy")).to_be_visible()


def test_a_copy_kept_unasked_by_an_earlier_version_shows_as_kept_and_the_reader_can_remove_it(reader, server):
    page = reader.new_page()
    page.goto(server.url + page_address(CHECKLIST))
    checkbox(page, 0).check()
    page.evaluate(
        "navigator.serviceWorker.register(new URL('../sw.js', document.querySelector('script[src*=offline]').src), "
        "{ scope: new URL('../', document.querySelector('script[src*=offline]').src).pathname })"
    )
    wait_until(page, f"async () => (await ({OUR_CACHES})()).length === 1")
    page.reload()
    expect(offline_status(page)).to_have_text(re.compile("^Kept on this device"))
    page.get_by_role("contentinfo").get_by_role("button", name="Remove the offline copy").click()
    expect(offline_status(page)).to_have_text(re.compile("removed"))
    assert page.evaluate(OUR_CACHES) == []
    wait_until(page, NO_COPY)
    expect(page.get_by_role("contentinfo").get_by_role("button", name=OFFER)).to_be_visible()
    page.reload()
    expect(checkbox(page, 0)).to_be_checked()  # the ticks are not the copy: they stay


def test_a_copy_removed_then_kept_again_in_the_same_tab_is_kept_whole(reader, server):
    """Removed, the worker still serves the open page; kept again, the same worker comes back, and must make
    its copy again rather than say "Kept" over nothing."""
    page = first_visit(reader, server)
    for way in ("Remove the offline copy", "Forget this guide on this device"):
        page.get_by_role("contentinfo").get_by_role("button", name=way).click()
        expect(page.get_by_role("contentinfo").get_by_role("button", name=OFFER)).to_be_visible()
        assert page.evaluate(OUR_CACHES) == [], way
        keep_copy(page)
        assert len(page.evaluate(OUR_CACHES)) == 1, way
    server.stop()
    for source in ("index.md", A_PAGE):
        assert page.goto(server.url + page_address(source)).status == 200, f"{source}: not in the copy"


def test_a_worker_whose_copy_failed_after_a_remove_goes_rather_than_keep_one_unasked(reader, server):
    """Kept, removed and kept again in one tab, the worker that comes back makes the copy; when that fails, it
    unregisters itself: left in place without a copy, it would keep the next version unasked."""
    page = first_visit(reader, server)
    page.get_by_role("contentinfo").get_by_role("button", name="Remove the offline copy").click()
    held = "/guide/" + page_address(A_PAGE)
    server.held = held
    page.get_by_role("contentinfo").get_by_role("button", name=OFFER).click()
    deadline = time.monotonic() + 30
    while held not in server.received:
        assert time.monotonic() < deadline, "the worker never asked for the held file"
        page.wait_for_timeout(100)
    page_path(server.root / "guide", A_PAGE).unlink()  # the host fails to serve it
    server.released.set()
    expect(offline_status(page)).to_have_text(re.compile("failed"), timeout=30_000)
    wait_until(page, NO_COPY)
    assert page.evaluate(OUR_CACHES) == []


def test_a_page_loaded_while_the_copy_is_made_follows_it_and_another_tab_sees_it_kept_and_removed(reader, server):
    server.held = "/guide/" + page_address(A_PAGE)  # one file stalls: the copy is under way meanwhile
    other = reader.new_page()
    other.goto(server.url + page_address(CHECKLIST))
    page = reader.new_page()
    page.goto(server.url)
    page.get_by_role("contentinfo").get_by_role("button", name=OFFER).click()
    expect(page.get_by_role("contentinfo").locator("[data-offline-count]")).to_contain_text(" of ")
    page.reload()
    expect(offline_status(page)).to_have_text(re.compile("^Keeping"))  # not "Kept" over half a copy
    server.released.set()
    expect(offline_status(page)).to_have_text(re.compile("^Kept on this device"), timeout=30_000)
    expect(offline_status(other)).to_have_text(re.compile("^Kept on this device"))
    page.get_by_role("contentinfo").get_by_role("button", name="Remove the offline copy").click()
    expect(other.get_by_role("contentinfo").get_by_role("button", name=OFFER)).to_be_visible()


def test_forget_while_the_worker_itself_is_held_up_is_done_at_once_and_no_copy_follows(reader, server):
    """A bad network holds sw.js: Forget does not wait for it, and the Keep it overtook keeps nothing."""
    server.held = "/guide/sw.js"
    page = reader.new_page()
    page.goto(server.url)
    page.get_by_role("contentinfo").get_by_role("button", name=OFFER).click()
    deadline = time.monotonic() + 30
    while server.held not in server.received:
        assert time.monotonic() < deadline, "the page never asked for the worker"
        page.wait_for_timeout(100)
    forget(page)
    expect(page.get_by_role("contentinfo").get_by_role("button", name=OFFER)).to_be_visible()
    server.released.set()
    wait_until(page, NO_COPY)
    wait_until(page, f"async () => (await ({OUR_CACHES})()).length === 0")
    expect(page.get_by_role("contentinfo").get_by_role("button", name=OFFER)).to_be_visible()


def test_forget_while_the_copy_is_made_stops_it_at_once_and_says_nothing_failed(reader, server):
    held = "/guide/" + page_address(A_PAGE)
    server.held = held  # never answered until the test ends: only stopping ends the copy
    page = reader.new_page()
    page.goto(server.url + page_address(CHECKLIST))
    checkbox(page, 0).check()
    page.get_by_role("contentinfo").get_by_role("button", name=OFFER).click()
    deadline = time.monotonic() + 30
    while held not in server.received:
        assert time.monotonic() < deadline, "the worker never asked for the stalled file"
        page.wait_for_timeout(100)
    forget(page)
    expect(checkbox(page, 0)).not_to_be_checked()
    expect(page.get_by_role("contentinfo").get_by_role("button", name=OFFER)).to_be_visible()
    expect(offline_status(page)).to_have_text("")  # not "the connection broke": the reader stopped it
    assert page.evaluate(OUR_CACHES) == []
    wait_until(page, NO_COPY)


def test_where_the_copy_cannot_be_made_the_footer_says_why_and_nothing_stays(reader, server):
    page = reader.new_page()
    cdp = reader.new_cdp_session(page)
    origin = server.url.removesuffix("/guide/")
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": origin, "quotaSize": 20_000})
    page.goto(server.url)
    page.get_by_role("contentinfo").get_by_role("button", name=OFFER).click()
    expect(offline_status(page)).to_have_text(re.compile("storage is full"), timeout=30_000)
    assert page.evaluate(OUR_CACHES) == []
    wait_until(page, NO_COPY)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": origin})
    server.stop()
    page.get_by_role("contentinfo").get_by_role("button", name=OFFER).click()  # offered again: tried offline
    expect(offline_status(page)).to_have_text(re.compile("connection"), timeout=30_000)
    assert page.evaluate(OUR_CACHES) == []
    wait_until(page, NO_COPY)


def test_the_preview_keeps_no_copy_and_takes_away_one_an_earlier_build_left(reader, server, built_site, tmp_path):
    first_visit(reader, server)
    preview = tmp_path / "preview"
    shutil.copytree(built_site, preview)
    registration = preview / "assets" / "offline.js"
    registration.write_text(registration.read_text("utf-8").replace("const ON = true;", "const ON = false;"), "utf-8")
    (preview / "sw.js").unlink()
    server.publish(preview)
    page = reader.new_page()
    page.goto(server.url)
    wait_until(page, f"async () => (await ({OUR_CACHES})()).length === 0")
    expect(page.locator("[data-offline]")).to_be_hidden()  # the preview offers no copy
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((found) => found === undefined)")


def test_where_the_browser_blocks_site_data_or_service_workers_nothing_throws(browser, server):
    no_workers = "Object.defineProperty(navigator, 'serviceWorker', { get() { throw new DOMException('no', 'SecurityError'); } });"
    for blocked in (BLOCKED_STORAGE, no_workers):
        context = browser.new_context()
        context.add_init_script(blocked)
        problems = collect_errors(context)
        page = context.new_page()
        page.goto(server.url + page_address(CHECKLIST))
        page.wait_for_load_state("load")
        if blocked == no_workers:
            expect(offline_status(page)).to_have_text(re.compile("cannot keep"))
        forget(page)
        assert problems == [], problems
        context.close()


def test_the_offer_and_forget_add_under_2_kib_gzipped_to_a_page(built_site):
    script = built_site / "assets" / "offline.js"
    assert len(gzip.compress(script.read_bytes(), compresslevel=6, mtime=0)) < 2048  # as the page-weight test counts


def test_the_kept_copy_holds_every_page_and_what_pages_load_and_nothing_outside_the_site(built_site):
    files = manifest(built_site)["files"]
    assert {page_address(source) for _, source in nav_pages()} <= set(files)
    assert page_address(whole_guide()) in files
    assert {"404.html", "search/index.json", "assets/search.js", "assets/vendor/stemmer.js"} <= set(files)
    worker = (built_site / "sw.js").read_text("utf-8")
    assert json.dumps(manifest(built_site)) in worker, "the worker holds the manifest of the site as built"


class ReaderWithOfflineCopy(Reader):
    worker = True


def test_the_checklist_agrees_with_the_model_with_the_offline_copy_on(browser, server):
    """The model-based test's journeys, over HTTP, with the service worker answering the pages it keeps."""
    made = []

    def make(**options):
        context = browser.new_context(**options)
        context.elsewhere = []
        context.route(
            re.compile(r"^(?!http://127\.0\.0\.1:)"),
            lambda route: context.elsewhere.append(route.request.url) or route.abort(),
        )
        context.add_init_script(INSTRUMENT)
        made.append(context)
        page = context.new_page()
        page.goto(server.url)
        keep_copy(page)
        page.close()
        return context

    run(
        ReaderWithOfflineCopy,
        make,
        lambda source: server.url + page_address(source),
        max_examples=max(2, EXAMPLES // 3),
    )
    assert all(context.elsewhere == [] for context in made)


def test_with_the_copy_a_page_asked_without_its_slash_is_redirected_as_without_it(reader, server):
    page = first_visit(reader, server)
    response = page.goto(server.url + page_address(A_PAGE).rstrip("/"))
    assert response.ok and page.url == server.url + page_address(A_PAGE)


def test_offline_a_page_asked_without_its_slash_is_redirected_as_online(reader, server):
    page = first_visit(reader, server)
    server.stop()
    response = page.goto(server.url + page_address(A_PAGE).rstrip("/") + "?from=a-note")
    assert response.status == 200 and page.url.startswith(server.url + page_address(A_PAGE))
    expect(page.locator("article h1").first).to_be_visible()


def test_a_connection_dropped_once_while_the_copy_is_made_is_asked_again_and_the_copy_kept(reader, server):
    """A phone between cells, or a busy host: one file's connection closes unanswered; the copy is kept all
    the same, that file asked for twice."""
    path = f"/guide/{page_address(A_PAGE)}"
    server.dropped.add(path)
    first_visit(reader, server)
    assert server.received.count(path) == 2


def test_a_network_that_never_answers_gets_the_kept_copy(reader, server):
    page = first_visit(reader, server)
    server.stop()
    silent = socket.socket()
    silent.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    silent.bind(("127.0.0.1", server.port))
    silent.listen(64)  # connections are taken in and never answered
    try:
        # The page is the reader's once its HTML has come (the worker waits a few seconds, then gives the
        # kept copy); its styles and scripts each wait as long, and add nothing to this test.
        response = page.goto(server.url + page_address(A_PAGE), timeout=30_000, wait_until="commit")
        assert response.status == 200
        expect(page.locator("article h1").first).to_be_visible()
    finally:
        silent.close()
        server.start()


def test_forget_and_the_preview_leave_another_sites_worker_alone(reader, server):
    """A site above this one on the same origin (a GitHub user site, say) keeps its own service worker."""
    (server.root / "other-worker.js").write_text("self.addEventListener('fetch', () => {});\n", "utf-8")
    (server.root / "index.html").write_text("<!doctype html><title>Another site</title>", "utf-8")
    page = reader.new_page()
    page.goto(server.url.removesuffix("guide/"))
    page.evaluate(
        "navigator.serviceWorker.register('/other-worker.js', { scope: '/' }).then(() => navigator.serviceWorker.ready)"
    )
    page.goto(server.url + page_address(CHECKLIST))
    keep_copy(page)
    page.wait_for_function("() => navigator.serviceWorker.controller?.scriptURL.endsWith('/guide/sw.js')")
    forget(page)
    scopes = page.evaluate("navigator.serviceWorker.getRegistrations().then((all) => all.map((r) => r.scope))")
    assert scopes == [server.url.removesuffix("guide/")], scopes


POISON = """async ([url, body]) => {
  const [name] = await (OUR_CACHES)();
  await (await caches.open(name)).put(url, new Response(body, { headers: { "content-type": "text/html" } }));
}""".replace("OUR_CACHES", OUR_CACHES)


def test_a_kept_file_another_site_of_the_origin_changed_is_never_served_nor_carried_into_a_new_copy(
    reader, server, built_site, tmp_path
):
    """Caches belong to the origin (github.io, shared by every project site there): the worker checks each kept
    file against its hash whenever it serves it or carries it into a new version's copy."""
    page = first_visit(reader, server)
    url = server.url + page_address(A_PAGE)
    forged = "<h1 id='forged'>Forged</h1><script>window.forged = true</script>"
    page.evaluate(POISON, [url, forged])
    server.stop()
    response = page.goto(url)
    assert page.locator("#forged").count() == 0 and response.status == 404  # the copy's "not here" page instead
    server.start()
    page.goto(server.url)
    settled(page)
    page.evaluate(POISON, [url, forged])
    [old] = page.evaluate(OUR_CACHES)
    newer = tmp_path / "newer"
    shutil.copytree(built_site, newer)
    (newer / "assets" / "guide.css").write_text((newer / "assets" / "guide.css").read_text("utf-8") + "\n", "utf-8")
    server.publish(newer)  # a new version in which the poisoned page is unchanged: carried over only if whole
    page.reload()
    settled(page)
    page.reload()
    wait_until(page, replaced_copy(old), timeout=120)
    server.stop()
    page.goto(url)
    expect(page.locator("article h1").first).to_be_visible()
    assert page.locator("#forged").count() == 0


def test_a_release_with_offline_off_takes_the_copy_back_from_readers_devices(reader, server, built_site, tmp_path):
    """offline: false publishes, at the worker's address, a worker that deletes the copy and unregisters itself
    (a missing sw.js would leave the old worker in place). Here it is found by the browser's own check of the
    worker, with no page's script running again."""
    page = first_visit(reader, server)
    assert page.evaluate(OUR_CACHES) != []
    release = tmp_path / "release"
    shutil.copytree(built_site, release)
    registration = release / "assets" / "offline.js"
    registration.write_text(registration.read_text("utf-8").replace("const ON = true;", "const ON = false;"), "utf-8")
    offline.write_offline_copy(release, {"extra": {"offline": False}})
    server.publish(release, worker=False)
    page.evaluate("navigator.serviceWorker.getRegistration().then((found) => found.update())")
    gone = f"async () => (await ({OUR_CACHES})()).length === 0 && !(await navigator.serviceWorker.getRegistration())"
    deadline = time.monotonic() + 60
    while True:  # the kill switch reloads the page as it goes: ask again after a navigation
        try:
            if page.evaluate(gone):
                break
        except PlaywrightError:
            pass
        assert time.monotonic() < deadline, "the copy was not taken back"
        page.wait_for_timeout(100)
