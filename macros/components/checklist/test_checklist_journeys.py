"""Journeys readers take through the checklist, one test each: the defects found by trying the site as a
reader would, and by the model-based test (test_checklist_model.py), kept as plain regression tests."""

import contextlib
import json
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from checklist_page import (
    CHECKLIST,
    IDS,
    NEW_ITEM,
    SHARED_KEY,
    STUB_PRINT,
    checkbox,
    open_checklist,
    printed_marks,
    snapshot,
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
from site_build import page_path


@pytest.fixture
def problems(context):
    """Console errors and uncaught errors from every page of the browser context."""
    return collect_errors(context)


def assert_working(page, ids):
    """The checklist shows these ticks, with its progress and buttons, and saves a new tick."""
    seen = wait_for_ticks(page, ids)
    assert seen["controls"], "the buttons and progress are gone"
    assert seen["progress"].endswith(f"{len(ids)} of {len(IDS)} done")


def test_a_bookmarked_checklist_keeps_working_after_next_and_previous(page, page_url, problems):
    open_checklist(page, page_url)
    checkbox(page, 0).check()
    follow(page, footer_link(page, "next"))
    follow(page, footer_link(page, "previous"))
    assert_working(page, {IDS[0]})
    checkbox(page, 2).check()
    assert json.loads(stored(page))["ids"] == [IDS[0], IDS[2]]
    follow(page, nav_link(page, "index.md"))
    follow(page, nav_link(page, CHECKLIST))
    assert_working(page, {IDS[0], IDS[2]})
    assert problems == []


def test_undo_after_pressing_clear_twice_brings_back_the_first_clears_ticks(page, page_url):
    open_checklist(page, page_url)
    checkbox(page, 1).check()
    checkbox(page, 3).check()
    clear = page.get_by_role("button", name="Clear all ticks")
    clear.click()
    clear.click()
    expect(page.locator("[data-checklist]").get_by_role("status")).to_have_text(
        f"Nothing to clear. 0 of {len(IDS)} done"
    )
    page.get_by_role("button", name="Undo clear").click()
    assert_working(page, {IDS[1], IDS[3]})
    assert json.loads(stored(page))["ids"] == [IDS[1], IDS[3]]


def test_printing_with_ticks_after_a_blank_copy_shows_the_ticks_even_without_afterprint(page, page_url):
    page.add_init_script(STUB_PRINT)  # afterprint never fires, as on some phones or with the dialog still open
    open_checklist(page, page_url)
    checkbox(page, 2).check()
    page.get_by_role("button", name="Print a blank copy").click()
    assert printed_marks(page) == []
    page.get_by_role("button", name="Print with my ticks").click()
    assert printed_marks(page) == [IDS[2]]
    assert page.evaluate("window.printed") == 2


def test_a_blank_print_choice_does_not_outlive_the_visit(page, page_url):
    page.add_init_script(STUB_PRINT)
    open_checklist(page, page_url)
    checkbox(page, 2).check()
    page.get_by_role("button", name="Print a blank copy").click()
    follow(page, footer_link(page, "next"))
    follow(page, footer_link(page, "previous"))
    assert printed_marks(page) == [IDS[2]]


def test_undo_in_one_tab_never_overwrites_a_tick_made_in_another(context, page_url):
    first, second = context.new_page(), context.new_page()
    open_checklist(first, page_url)
    open_checklist(second, page_url)
    switch_to(first)
    checkbox(first, 0).check()
    first.get_by_role("button", name="Clear all ticks").click()
    expect(first.get_by_role("button", name="Undo clear")).to_be_visible()
    wait_for_ticks(second, set())
    switch_to(second)
    checkbox(second, 4).check()
    expect(first.get_by_role("button", name="Undo clear")).to_be_hidden()
    assert_working(first, {IDS[4]})
    assert json.loads(stored(first))["ids"] == [IDS[4]]


def test_undo_survives_a_change_in_another_tab_that_leaves_the_ticks_as_they_were(context, page_url):
    first, second = context.new_page(), context.new_page()
    open_checklist(switch_to(first), page_url)
    checkbox(first, 0).check()
    first.get_by_role("button", name="Clear all ticks").click()
    open_checklist(switch_to(second), page_url)  # a second tab opens the list and changes nothing
    second.get_by_role("button", name="Clear all ticks").click()
    expect(first.get_by_role("button", name="Undo clear")).to_be_visible()
    switch_to(first).get_by_role("button", name="Undo clear").click()
    assert_working(second, {IDS[0]})


def test_where_the_browser_blocks_site_data_no_page_throws_and_ticking_still_works(site_context, page_url):
    context = site_context()
    problems = collect_errors(context)
    context.add_init_script(BLOCKED_STORAGE)
    page = context.new_page()
    for source in PAGES:
        open_page(page, page_url, source)
    assert page.evaluate("(() => { try { localStorage; return 'readable'; } catch (e) { return e.name; } })()") == (
        "SecurityError"
    )
    follow(page, nav_link(page, CHECKLIST))
    checkbox(page, 1).check()
    assert snapshot(page)["note"], "the reader is not told that ticks are not kept"
    assert_working(page, {IDS[1]})
    assert problems == []


# Found by a reader trying to break the checklist (QA session), after the model-based test existed.


def test_back_to_an_earlier_visit_shows_what_is_stored_and_a_tick_there_loses_nothing(page, page_url):
    open_checklist(page, page_url)  # bookmarks and typed addresses: full loads all along
    checkbox(page, 0).check()
    open_page(page, page_url, "index.md")
    open_checklist(page, page_url)
    checkbox(page, 0).uncheck()
    checkbox(page, 4).check()
    open_page(page, page_url, next(p for p in PAGES if p not in ("index.md", CHECKLIST)))
    for _ in range(3):
        back(page)
    assert_working(page, {IDS[4]})
    checkbox(page, 5).check()
    assert json.loads(stored(page))["ids"] == [IDS[4], IDS[5]]


def test_a_tab_left_open_on_an_older_list_keeps_the_ticks_of_items_it_does_not_know(
    site_context, page_url, built_site, site_with_a_new_item
):
    context = site_context(site=site_with_a_new_item)
    older, newer = context.new_page(), context.new_page()
    older.route(page_url(CHECKLIST), lambda route: route.fulfill(path=str(page_path(built_site, CHECKLIST))))
    open_checklist(older, page_url)
    open_checklist(newer, page_url)
    assert older.get_by_role("checkbox").count() == len(IDS)
    newer.get_by_role("checkbox", name=NEW_ITEM).check()
    checkbox(newer, 0).check()
    wait_for_ticks(older, {IDS[0]})
    checkbox(switch_to(older), 1).check()
    expect(checkbox(newer, 1)).to_be_checked()  # the older tab's save has reached this tab
    expect(newer.get_by_role("checkbox", name=NEW_ITEM)).to_be_checked()
    assert sorted(json.loads(stored(newer))["ids"]) == sorted([IDS[0], IDS[1], "added-later"])


def test_a_keyboard_user_on_undo_keeps_their_place_when_another_tab_withdraws_it(context, page_url):
    first, second = context.new_page(), context.new_page()
    open_checklist(switch_to(first), page_url)
    checkbox(first, 0).check()
    first.get_by_role("button", name="Clear all ticks").press("Enter")
    expect(first.get_by_role("button", name="Undo clear")).to_be_focused()
    open_checklist(switch_to(second), page_url)
    checkbox(second, 3).check()
    expect(first.get_by_role("button", name="Undo clear")).to_be_hidden()
    expect(first.get_by_role("button", name="Clear all ticks")).to_be_focused()


def test_a_blank_print_ends_at_the_readers_next_touch_or_key_without_afterprint(page, page_url):
    page.add_init_script(STUB_PRINT)
    open_checklist(page, page_url)
    checkbox(page, 2).check()
    page.get_by_role("button", name="Print a blank copy").click()
    assert printed_marks(page) == []
    checkbox(page, 3).check()  # then the browser's own Print
    assert printed_marks(page) == [IDS[2], IDS[3]]
    page.get_by_role("button", name="Print a blank copy").click()
    page.keyboard.press("Control+p")
    assert printed_marks(page) == [IDS[2], IDS[3]]


def test_without_javascript_the_page_says_ticks_are_not_kept_and_promises_no_saving(site_context, page_url):
    page = site_context(java_script_enabled=False).new_page()
    page.goto(page_url(CHECKLIST))
    text = page.locator("article").inner_text()
    assert page.get_by_role("checkbox").count() == len(IDS), "without a script the list still shows"
    promises = [s for s in re.split(r"(?<=[.:])\s+", text) if re.search(r"\bkept\b|\bsaved?\b|\bstay\b", s)]
    assert all(re.search(r"\bnot\b", sentence) for sentence in promises), (
        f"without a script nothing is kept: {promises}"
    )
    expect(page.locator(".checklist__fallback")).to_be_visible()  # and the page says so


def test_a_tab_that_cannot_save_keeps_saying_so_when_another_tab_saves(context, page_url):
    cannot, can = context.new_page(), context.new_page()
    cannot.add_init_script(FULL_STORAGE)  # as when only this tab's writes fail
    open_checklist(cannot, page_url)
    open_checklist(can, page_url)
    checkbox(switch_to(cannot), 0).check()
    assert snapshot(cannot)["note"]
    checkbox(switch_to(can), 2).check()
    wait_for_ticks(cannot, {IDS[2]})
    assert snapshot(cannot)["note"], "the tab still cannot save, yet stopped saying so"


# Found in CI under load (a Back pressed while the next page was still on its way).


def test_a_quick_back_before_the_next_page_arrives_shows_the_ticks(page, page_url, problems):
    """The theme changes the address at the click and swaps the content in when it arrives. A Back before
    then finds the checklist still on screen, then swaps in a fresh copy of it: that copy shows the ticks."""
    open_checklist(page, page_url)
    checkbox(page, 3).check()
    page.evaluate("window.samePage = true")
    back_before_arrival(page, footer_link(page, "next"))
    assert page.evaluate("window.samePage") is True, "going back reloaded the whole page"
    assert_working(page, {IDS[3]})
    assert problems == []


def test_after_a_quick_back_the_tab_counts_as_arrived_only_once_the_fresh_copy_is_set_up(page, page_url):
    """The answers are held, to stop at the moment a quick Back leaves behind: the page left is still on screen,
    set up, at the very address asked for, while the theme waits for a fresh copy. A check for "a checklist set
    up" passed there, then read the fresh copy before its script had run (no ticks: CI, under load)."""
    open_checklist(page, page_url)
    checkbox(page, 3).check()
    held = []

    def hold(route):
        held.append(route)

    next_page, fresh = footer_link(page, "next").evaluate("(a) => a.href"), page_url(CHECKLIST)
    for address in (next_page, fresh):
        page.route(address, hold)
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
    assert ticked(page) == [3]
    page.unroute_all(behavior="ignoreErrors")


def test_an_older_copy_of_the_page_keeps_a_tick_of_an_item_it_does_not_know(
    site_context, page_url, built_site, site_with_a_new_item
):
    """GitHub Pages may serve a copy cached before the last publication: its load must not delete a newer tick."""
    context = site_context(site=site_with_a_new_item)
    page = context.new_page()
    open_checklist(page, page_url)
    page.get_by_role("checkbox", name=NEW_ITEM).check()
    page.route(page_url(CHECKLIST), lambda route: route.fulfill(path=str(page_path(built_site, CHECKLIST))))
    reload(page)  # the older copy, without the new item
    assert page.get_by_role("checkbox", name=NEW_ITEM).count() == 0
    assert "added-later" in json.loads(stored(page))["ids"]
    page.unroute(page_url(CHECKLIST))
    reload(page)
    expect(page.get_by_role("checkbox", name=NEW_ITEM)).to_be_checked()


def test_a_browser_that_reads_but_cannot_write_says_so_on_arrival_and_still_shows_carried_ticks(page, page_url):
    """Full storage: what was kept reads back, nothing new is written. The page says ticks are not being kept
    before the reader ticks anything, and the ticks under the shared key show though they cannot be moved."""
    open_page(page, page_url, "index.md")
    shared = json.dumps({"v": 1, "ids": [IDS[1]]})
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [SHARED_KEY, shared])
    page.add_init_script(FULL_STORAGE)
    open_checklist(page, page_url)
    assert ticked(page) == [1]
    expect(page.locator("[data-checklist-note]")).to_be_visible()
    expect(page.locator("[data-checklist-kept]")).to_be_hidden()
