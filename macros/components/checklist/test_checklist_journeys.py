"""Journeys readers take through the checklist, one reader's sequence each: the defects found by trying the
site as a reader would, by a QA session, in CI, and by the model-based test (test_checklist_model.py)."""

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
    assert_working,
    button,
    checkbox,
    open_checklist,
    progress,
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
    back_before_arrival,
    collect_errors,
    follow,
    footer_link,
    nav_link,
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


def test_the_ticks_show_after_every_way_of_moving_around_the_site(page, page_url, problems):
    open_page(page, page_url, "index.md")
    follow(page, page.locator(f'article a[href$="{page_address(CHECKLIST)}"]').first)  # instant navigation
    checkbox(page, 0).check()
    expect(progress(page)).to_have_text(f"1 of {len(IDS)} done")
    follow(page, footer_link(page, "next"))
    back(page)
    assert page.evaluate("window.samePage") is True, "going back reloaded the whole page"
    assert ticked(page) == [0]

    open_checklist(page, page_url)  # a bookmark, then next and previous, and the navigation
    follow(page, footer_link(page, "next"))
    follow(page, footer_link(page, "previous"))
    assert_working(page, {IDS[0]})
    checkbox(page, 2).check()
    assert stored_ids(page) == [IDS[0], IDS[2]]
    follow(page, nav_link(page, "index.md"))
    follow(page, nav_link(page, CHECKLIST))
    assert_working(page, {IDS[0], IDS[2]})
    # The theme changes the address at the click and swaps the content in when it arrives. A Back before
    # then finds the checklist still on screen, then swaps in a fresh copy of it: that copy shows the ticks.
    back_before_arrival(page, footer_link(page, "next"))
    assert_working(page, {IDS[0], IDS[2]})

    # Full loads all along (bookmarks, typed addresses), then Back to the earlier visit: what is stored shows.
    open_page(page, page_url, "index.md")
    open_checklist(page, page_url)
    checkbox(page, 0).uncheck()
    checkbox(page, 4).check()
    open_page(page, page_url, next(p for p in PAGES if p not in ("index.md", CHECKLIST)))
    for _ in range(3):
        back(page)
    assert_working(page, {IDS[2], IDS[4]})
    checkbox(page, 5).check()
    assert stored_ids(page) == [IDS[2], IDS[4], IDS[5]], "a tick on the earlier visit lost a later one"

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
    assert ticked(page) == [2, 4, 5]
    page.unroute_all(behavior="ignoreErrors")
    assert problems == []


def test_tabs_show_the_same_ticks_and_undo_never_overwrites_another_tabs(context, page_url, problems):
    first, second = context.new_page(), context.new_page()
    open_checklist(switch_to(first), page_url)
    checkbox(first, 0).check()
    button(first, "Clear all ticks").click()
    open_checklist(switch_to(second), page_url)  # a second tab opens the list, and changes nothing
    button(second, "Clear all ticks").click()
    expect(button(first, "Undo clear"), "a change that left the ticks as they were withdrew Undo").to_be_visible()
    button(switch_to(first), "Undo clear").click()
    assert_working(second, {IDS[0]})
    checkbox(first, 2).check()
    expect(checkbox(second, 2)).to_be_checked()
    expect(progress(second)).to_have_text(f"2 of {len(IDS)} done")

    button(first, "Clear all ticks").press("Enter")
    expect(button(first, "Undo clear")).to_be_focused()
    wait_for_ticks(second, set())
    checkbox(switch_to(second), 4).check()
    expect(button(first, "Undo clear"), "Undo would overwrite the other tab's tick").to_be_hidden()
    expect(button(first, "Clear all ticks"), "a keyboard user on Undo keeps their place").to_be_focused()
    assert_working(first, {IDS[4]})
    assert stored_ids(first) == [IDS[4]]

    cannot = context.new_page()
    cannot.add_init_script(FULL_STORAGE)  # as when only this tab's writes fail
    open_checklist(switch_to(cannot), page_url)
    checkbox(cannot, 0).check()
    assert snapshot(cannot)["note"]
    checkbox(switch_to(second), 2).check()
    wait_for_ticks(cannot, {IDS[2], IDS[4]})
    assert snapshot(cannot)["note"], "the tab still cannot save, yet stopped saying so"
    assert problems == []


def test_lists_of_two_versions_keep_the_ticks_of_items_they_do_not_know(
    site_context, page_url, built_site, site_with_a_new_item
):
    """GitHub Pages may serve a copy cached before the last publication: its load must not delete a newer tick."""
    context = site_context(site=site_with_a_new_item)
    newer, older = context.new_page(), context.new_page()
    open_checklist(newer, page_url)
    assert newer.get_by_role("checkbox").count() == len(IDS) + 1
    store(newer, ["elsewhere", IDS[0], IDS[2]])  # saved by a version this page does not know
    reload(newer)
    assert ticked(newer) == [0, 2]
    expect(newer.get_by_role("checkbox", name=NEW_ITEM), "a new item starts unticked").not_to_be_checked()
    assert stored_ids(newer) == ["elsewhere", IDS[0], IDS[2]], "an id is forever: kept as it was"
    older.route(page_url(CHECKLIST), lambda route: route.fulfill(path=str(page_path(built_site, CHECKLIST))))
    open_checklist(switch_to(older), page_url)
    assert older.get_by_role("checkbox").count() == len(IDS)
    switch_to(newer).get_by_role("checkbox", name=NEW_ITEM).check()
    wait_for_ticks(older, {IDS[0], IDS[2]})
    checkbox(switch_to(older), 1).check()
    expect(checkbox(newer, 1)).to_be_checked()  # the older tab's save has reached this tab
    expect(newer.get_by_role("checkbox", name=NEW_ITEM)).to_be_checked()
    assert sorted(stored_ids(newer)) == sorted(["elsewhere", IDS[0], IDS[1], IDS[2], "added-later"])
    reload(older)  # the older copy, loaded again
    assert "added-later" in stored_ids(older)
    reload(switch_to(newer))
    expect(newer.get_by_role("checkbox", name=NEW_ITEM)).to_be_checked()


def test_where_storage_fails_no_page_throws_and_ticking_works_with_a_quiet_note(context, page_url, problems):
    blocked, full = context.new_page(), context.new_page()
    open_page(full, page_url, "index.md")
    store(full, [IDS[1]], SHARED_KEY)  # ticks kept under the key every site of the origin once shared
    blocked.add_init_script(BLOCKED_STORAGE)
    full.add_init_script(FULL_STORAGE)  # full or read-only: what was kept reads back, nothing is written
    for source in PAGES:
        open_page(switch_to(blocked), page_url, source)
    assert blocked.evaluate("(() => { try { localStorage; return 'readable'; } catch (e) { return e.name; } })()") == (
        "SecurityError"
    )
    follow(blocked, nav_link(blocked, CHECKLIST))
    open_checklist(switch_to(full), page_url)
    for page, carried in ((blocked, set()), (full, {IDS[1]})):
        seen = assert_working(page, carried)  # the shared key's ticks show, though they cannot be moved
        assert seen["note"] and not seen["kept"], "on arrival, the reader is not told that ticks are not kept"
        checkbox(switch_to(page), 3).check()
        assert assert_working(page, carried | {IDS[3]})["note"]
    assert problems == []
