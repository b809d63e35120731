"""Journeys readers take through the checklist, one reader's sequence each: the defects found by trying the
site as a reader would, by a QA session, in CI, and by the model-based test (test_checklist_model.py), where its
journeys in CI do not reach: a link in the text, Back through full loads, the moment a quick Back leaves behind,
tabs of which one cannot save, and two versions of the list."""

import contextlib
import json

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from checklist_page import (
    CHECKLIST,
    IDS,
    NEW_ITEM,
    SHARED_KEY,
    button,
    checkbox,
    open_checklist,
    snapshot,
    store,
    stored,
    ticked,
    wait_for_ticks,
)
from reader import (
    BLOCKED_STORAGE,
    FULL_STORAGE,
    LEAVE,
    PAGES,
    SETTLED,
    back,
    collect_errors,
    follow,
    footer_link,
    open_page,
    reload,
    settle,
    switch_to,
)
from site_build import page_address, page_path


@pytest.fixture
def problems(context):
    """Console errors and uncaught errors from every page of the browser context."""
    return collect_errors(context)


def stored_ids(page):
    return json.loads(stored(page))["ids"]


def test_the_ticks_show_after_a_link_in_the_text_a_back_through_full_loads_and_a_quick_back(page, page_url, problems):
    open_page(page, page_url, "index.md")
    follow(page, page.locator(f'article a[href$="{page_address(CHECKLIST)}"]').first)  # instant navigation
    checkbox(page, 0).check()
    follow(page, footer_link(page, "next"))
    back(page)
    assert page.evaluate("window.samePage") is True, "going back reloaded the whole page"
    assert ticked(page) == [0]

    # Full loads all along (bookmarks, typed addresses), then Back to the earlier visit: what is stored shows.
    open_page(page, page_url, "index.md")
    open_checklist(page, page_url)
    checkbox(page, 0).uncheck()
    checkbox(page, 4).check()
    open_page(page, page_url, next(p for p in PAGES if p not in ("index.md", CHECKLIST)))
    for _ in range(3):
        back(page)
    wait_for_ticks(page, {IDS[4]})
    checkbox(page, 5).check()
    assert stored_ids(page) == [IDS[4], IDS[5]], "a tick on the earlier visit lost a later one"

    # The answers held, to stop at the moment a quick Back leaves behind: the page left is still on screen, set
    # up, at the very address asked for, while the theme waits for a fresh copy. A check for "a checklist set up"
    # passed there, then read the fresh copy before its script had run (no ticks: CI, under load).
    held = []
    next_page, fresh = footer_link(page, "next").evaluate("(a) => a.href"), page_url(CHECKLIST)
    for address in (next_page, fresh):
        page.route(address, lambda route: held.append(route))
    with page.expect_request(next_page):
        footer_link(page, "next").click()
    token = 0  # a move of this test's own
    page.evaluate(LEAVE, token)
    with page.expect_request(fresh):
        page.go_back()
    assert page.locator("[data-checklist-ready]").count() == 1, "the page left behind is not on screen"
    assert not page.evaluate(SETTLED, token), "the page left behind passed for the page arrived at"
    for route in held:  # the fresh copy, and the next page, which the theme no longer wants
        with contextlib.suppress(PlaywrightError):
            page.context.answer(route)
    settle(page, token)
    assert ticked(page) == [4, 5]
    page.unroute_all(behavior="ignoreErrors")
    assert problems == []


def test_tabs_where_one_cannot_save_or_storage_is_blocked_and_undo_withdrawn_keeps_the_focus(
    context, page_url, problems
):
    cannot, blocked, first, second = (context.new_page() for _ in range(4))
    open_page(cannot, page_url, "index.md")
    store(cannot, [IDS[1]], SHARED_KEY)  # ticks kept under the key every site of the origin once shared
    cannot.add_init_script(FULL_STORAGE)  # as when only this tab's writes fail: what was kept reads back
    open_checklist(cannot, page_url)
    seen = wait_for_ticks(cannot, {IDS[1]})  # the shared key's ticks show, though they cannot be moved
    assert seen["note"] and not seen["kept"], "on arrival, the reader is not told that ticks are not kept"
    blocked.add_init_script(BLOCKED_STORAGE)
    for source in PAGES:  # no page throws
        open_page(switch_to(blocked), page_url, source)

    open_checklist(switch_to(first), page_url)
    open_checklist(switch_to(second), page_url)
    checkbox(switch_to(first), 0).check()
    button(first, "Clear all ticks").press("Enter")
    expect(button(first, "Undo clear")).to_be_focused()
    wait_for_ticks(second, set())
    checkbox(switch_to(second), 4).check()
    expect(button(first, "Undo clear"), "Undo would overwrite the other tab's tick").to_be_hidden()
    expect(button(first, "Clear all ticks"), "a keyboard user on Undo keeps their place").to_be_focused()

    checkbox(switch_to(cannot), 0).check()
    assert snapshot(cannot)["note"]
    checkbox(switch_to(second), 2).check()
    wait_for_ticks(cannot, {IDS[2], IDS[4]})
    assert snapshot(cannot)["note"], "the tab still cannot save, yet stopped saying so"
    second.evaluate("localStorage.clear()")  # storage emptied in another tab: an event that names no key
    wait_for_ticks(first, set())
    assert problems == []


def test_lists_of_two_versions_keep_the_ticks_of_items_they_do_not_know(
    site_context, page_url, built_site, site_with_a_new_item
):
    """GitHub Pages may serve a copy cached before the last publication: its saves must not delete a newer tick.
    (How stored ids merge: checklist.test.js; that each page saves with its own items as the ones it knows: here.)"""
    context = site_context(site=site_with_a_new_item)
    newer, older = context.new_page(), context.new_page()
    open_checklist(newer, page_url)
    store(newer, ["elsewhere", IDS[0], IDS[2]])  # saved by a version this page does not know
    reload(newer)
    assert ticked(newer) == [0, 2]
    expect(newer.get_by_role("checkbox", name=NEW_ITEM), "a new item starts unticked").not_to_be_checked()
    older.route(page_url(CHECKLIST), lambda route: route.fulfill(path=str(page_path(built_site, CHECKLIST))))
    open_checklist(switch_to(older), page_url)
    assert older.get_by_role("checkbox").count() == len(IDS)
    switch_to(newer).get_by_role("checkbox", name=NEW_ITEM).check()
    wait_for_ticks(older, {IDS[0], IDS[2]})
    checkbox(switch_to(older), 1).check()
    expect(checkbox(newer, 1)).to_be_checked()  # the older tab's save has reached this tab
    expect(newer.get_by_role("checkbox", name=NEW_ITEM)).to_be_checked()
    assert sorted(stored_ids(newer)) == sorted(["elsewhere", IDS[0], IDS[1], IDS[2], "added-later"])
