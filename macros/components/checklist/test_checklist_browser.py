"""The interactive checklist in real Chromium: saving, progress, reset, tabs, faults, privacy, print."""

import io
import json
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from checklist_page import (
    CHECKLIST,
    IDS,
    NEW_ITEM,
    STORAGE_KEY,
    TEXTS,
    checkbox,
    open_checklist,
    stored,
    ticked,
)
from printing import CHROME, assert_black_on_white, chrome_shown
from reader import (
    BLOCKED_STORAGE,
    FULL_STORAGE,
    add_style,
    back,
    collect_errors,
    follow,
    footer_link,
    open_page,
    reload,
    switch_to,
)
from site_build import page_address


@pytest.fixture
def errors(page):
    """Everything the page logs as an error or throws; a quiet page leaves this empty."""
    return collect_errors(page)


def progress(page):
    # The checklist's own: Zensical's theme has a status region of its own on every page.
    return page.locator("[data-checklist]").get_by_role("status")


# 1. Named and operable


def test_each_checkbox_is_found_by_its_role_and_text(page, page_url):
    open_checklist(page, page_url)
    for index in range(len(TEXTS)):
        expect(checkbox(page, index)).to_be_visible()
    assert page.get_by_role("checkbox").count() == len(TEXTS)


def test_tab_follows_the_list_and_space_toggles(page, page_url):
    open_checklist(page, page_url)
    checkbox(page, 0).focus()
    for index in range(1, len(TEXTS)):
        page.keyboard.press("Tab")
        expect(checkbox(page, index)).to_be_focused()
    page.keyboard.press("Space")
    expect(checkbox(page, len(TEXTS) - 1)).to_be_checked()
    page.keyboard.press("Space")
    expect(checkbox(page, len(TEXTS) - 1)).not_to_be_checked()


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rgba(css_colour):
    """(r, g, b, alpha) of a computed colour: rgb(…), rgba(…) or rgb(r g b / a)."""
    values = [float(v) for v in re.findall(r"[\d.]+", css_colour)]
    return (*values[:3], values[3] if len(values) > 3 else 1.0)


def seen_over(css_colour, background):
    """The colour the eye sees: a translucent colour blended over the (opaque) background."""
    *colour, alpha = rgba(css_colour)
    *under, _ = rgba(background)
    return tuple(alpha * c + (1 - alpha) * u for c, u in zip(colour, under, strict=True))


def test_the_contrast_check_sees_through_translucent_colours():
    assert contrast(seen_over("rgb(0, 0, 0)", "rgb(255, 255, 255)"), (255, 255, 255)) == 21
    assert contrast(seen_over("rgba(0, 0, 0, 0.1)", "rgb(255, 255, 255)"), (255, 255, 255)) < 1.3


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_clearly_visible_in_both_schemes(site_context, page_url, scheme):
    page = site_context(color_scheme=scheme).new_page()
    open_checklist(page, page_url)
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected_scheme
    checkbox(page, 0).focus()
    page.keyboard.press("Tab")
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [s.outlineStyle, s.outlineWidth, s.outlineColor,
                           getComputedStyle(document.body).backgroundColor]; }"""
    )
    outline_style, width, colour, background = style
    assert outline_style == "solid" and float(width.removesuffix("px")) >= 2
    assert rgba(background)[3] == 1, "the page background is not opaque"
    assert contrast(seen_over(colour, background), seen_over(background, background)) >= 3, style


# 2. Saved on this device only


def test_ticks_survive_a_reload_as_ids_under_one_discreet_key(page, page_url):
    open_checklist(page, page_url)
    keys_before = set(page.evaluate("Object.keys(localStorage)"))
    checkbox(page, 1).check()
    checkbox(page, 3).check()
    reload(page)
    assert ticked(page) == [1, 3]
    assert set(page.evaluate("Object.keys(localStorage)")) - keys_before == {STORAGE_KEY}
    value = stored(page)
    assert json.loads(value) == {"v": 1, "ids": [IDS[1], IDS[3]]}
    assert not any(text in value for text in TEXTS)
    subject_words = ("ex", "reconnect", "relationship", "breakup", "love", "partner", "date", "dating")
    assert not any(word in STORAGE_KEY.lower().split("-") for word in subject_words)
    assert not any(word in STORAGE_KEY.lower() for word in subject_words if len(word) > 2)


# 3. Survives edits to the list


def test_saved_ids_the_page_does_not_know_are_kept_and_new_items_start_unticked(
    site_context, page_url, site_with_a_new_item
):
    page = site_context(site=site_with_a_new_item).new_page()
    open_checklist(page, page_url)
    assert page.get_by_role("checkbox").count() == len(IDS) + 1
    # Ticks saved by a version this page does not know ("elsewhere"), and none yet for "added-later".
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [STORAGE_KEY, json.dumps({"v": 1, "ids": ["elsewhere", IDS[0], IDS[2]]})],
    )
    reload(page)
    assert ticked(page) == [0, 2]
    expect(page.get_by_role("checkbox", name=NEW_ITEM)).not_to_be_checked()
    assert json.loads(stored(page))["ids"] == ["elsewhere", IDS[0], IDS[2]], "an id is forever: kept as it was"
    checkbox(page, 1).check()
    assert sorted(json.loads(stored(page))["ids"]) == sorted(["elsewhere", IDS[0], IDS[1], IDS[2]])


# 4. Progress in words


def test_progress_is_said_in_a_status_region_on_every_change(page, page_url):
    open_checklist(page, page_url)
    total = len(TEXTS)
    expect(progress(page)).to_have_text(f"0 of {total} done")
    checkbox(page, 0).check()
    expect(progress(page)).to_have_text(f"1 of {total} done")
    checkbox(page, 4).check()
    expect(progress(page)).to_have_text(f"2 of {total} done")
    checkbox(page, 0).uncheck()
    expect(progress(page)).to_have_text(f"1 of {total} done")


def test_ticking_the_last_item_says_so_each_time_and_never_on_arrival(page, page_url):
    open_checklist(page, page_url)
    total = len(TEXTS)
    for index in range(total):
        checkbox(page, index).check()
    expect(progress(page)).to_have_text(f"Every item is ticked. {total} of {total} done")
    reload(page)
    expect(progress(page)).to_have_text(f"{total} of {total} done")  # arriving, the reader did nothing
    checkbox(page, 0).uncheck()
    expect(progress(page)).to_have_text(f"{total - 1} of {total} done")
    checkbox(page, 0).check()
    expect(progress(page)).to_have_text(f"Every item is ticked. {total} of {total} done")


# 5. Reset without regret


def test_clearing_keeps_other_keys_offers_undo_and_moves_focus(page, page_url):
    open_checklist(page, page_url)
    page.evaluate("localStorage.setItem('someone-elses-key', 'kept')")
    checkbox(page, 1).check()
    checkbox(page, 2).check()
    page.get_by_role("button", name="Clear all ticks").click()
    assert ticked(page) == []
    assert stored(page) is None
    assert page.evaluate("localStorage.getItem('someone-elses-key')") == "kept"
    undo = page.get_by_role("button", name="Undo clear")
    expect(undo).to_be_focused()
    expect(progress(page)).to_have_text(f"Ticks cleared. 0 of {len(TEXTS)} done")
    undo.click()
    assert ticked(page) == [1, 2]
    assert json.loads(stored(page))["ids"] == [IDS[1], IDS[2]]
    expect(undo).to_be_hidden()
    expect(page.get_by_role("button", name="Clear all ticks")).to_be_focused()


def test_undo_is_withdrawn_once_the_reader_ticks_again(page, page_url):
    open_checklist(page, page_url)
    checkbox(page, 0).check()
    page.get_by_role("button", name="Clear all ticks").click()
    checkbox(page, 5).check()
    expect(page.get_by_role("button", name="Undo clear")).to_be_hidden()
    assert ticked(page) == [5]


# 6. Tabs agree


def test_a_tick_in_one_tab_shows_in_another(context, page_url):
    first, second = context.new_page(), context.new_page()
    open_checklist(first, page_url)
    open_checklist(second, page_url)
    checkbox(switch_to(first), 2).check()
    expect(checkbox(second, 2)).to_be_checked()
    expect(progress(second)).to_have_text(f"1 of {len(TEXTS)} done")
    first.get_by_role("button", name="Clear all ticks").click()
    expect(checkbox(second, 2)).not_to_be_checked()


# 7. Faults are quiet


@pytest.mark.parametrize("fault", [BLOCKED_STORAGE, FULL_STORAGE], ids=["blocked", "full"])
def test_storage_that_throws_leaves_ticking_working_with_a_quiet_note(page, page_url, errors, fault):
    page.add_init_script(fault)
    open_checklist(page, page_url)
    checkbox(page, 0).check()
    checkbox(page, 3).check()
    assert ticked(page) == [0, 3]
    expect(progress(page)).to_have_text(f"2 of {len(TEXTS)} done")
    expect(page.locator("[data-checklist-note]")).to_be_visible()
    assert errors == []


# 8. Without JavaScript


def test_without_javascript_checkboxes_work_and_script_controls_are_hidden(site_context, page_url):
    context = site_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url(CHECKLIST))
    assert page.get_by_role("checkbox").count() == len(TEXTS)
    checkbox(page, 1).click()
    expect(checkbox(page, 1)).to_be_checked()
    checkbox(page, 1).click()
    expect(checkbox(page, 1)).not_to_be_checked()
    for name in ("Clear all ticks", "Print with my ticks", "Print a blank copy"):
        expect(page.get_by_role("button", name=name)).to_have_count(0)
    expect(progress(page)).to_have_count(0)
    expect(page.locator(".checklist__fallback")).to_be_visible()


@pytest.mark.parametrize("storage", ["", FULL_STORAGE], ids=["kept", "not-kept"])
def test_while_the_script_is_on_its_way_its_room_is_kept_and_nothing_below_moves_when_it_comes(
    site_context, page_url, storage
):
    context = site_context()
    context.add_init_script(storage)
    held = []
    context.route("**/checklist.js", lambda route: held.append(route))  # held back, as on a slow network
    page = context.new_page()
    page.goto(page_url(CHECKLIST), wait_until="commit")
    page.wait_for_selector(".data-edit", state="attached")  # what follows the list
    # The note kept for a script that is slow to come waits a few seconds: hold that wait where it is.
    page.evaluate("() => document.getAnimations().forEach((animation) => animation.pause())")
    expect(page.locator(".checklist__fallback")).to_be_hidden()
    below = page.locator(".data-edit").bounding_box()["y"]
    while not held:  # the request reaches the route while Playwright waits on anything: wait on a tick of it
        page.wait_for_timeout(50)
    context.answer(held[0])
    expect(page.locator("[data-checklist-ready]")).to_be_attached()
    expect(page.locator("[data-checklist-note]" if storage else "[data-checklist-kept]")).to_be_visible()
    assert page.locator(".data-edit").bounding_box()["y"] == below


def test_a_script_slow_to_come_gets_a_note_after_a_while(site_context, page_url):
    context = site_context()
    context.route("**/checklist.js", lambda route: None)  # never answered, never failed
    page = context.new_page()
    page.goto(page_url(CHECKLIST), wait_until="commit")
    # The page's other scripts do not wait for it: keyboard.js, run after the theme's, has made its buttons.
    expect(page.locator(".md-header [role=button]").first).to_be_attached()
    expect(page.locator(".checklist__fallback")).to_be_visible(timeout=15_000)
    assert page.locator("[data-checklist-failed]").count() == 0
    controls = page.locator("[data-checklist-controls]").bounding_box()
    assert controls is None or controls["height"] == 0, f"an empty gap stays where the controls were: {controls}"


def test_when_the_script_fails_to_load_a_note_takes_the_controls_place_at_once(site_context, page_url):
    context = site_context()
    context.route("**/checklist.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(page_url(CHECKLIST))
    note = page.locator(".checklist__fallback")
    page.wait_for_selector("[data-checklist-failed]", state="attached")
    # Not after the wait kept for a slow script: shown the moment the load failed, no empty room meanwhile.
    assert note.evaluate("(note) => getComputedStyle(note).visibility") == "visible"
    expect(note).to_be_visible()
    assert "ticks are gone when you leave the page" in note.inner_text()
    controls = page.locator("[data-checklist-controls]").bounding_box()
    assert controls is None or controls["height"] == 0, f"an empty gap stays where the controls were: {controls}"
    assert page.get_by_role("checkbox").count() == len(TEXTS)


def test_at_320_px_with_text_at_200_percent_every_item_wraps_within_the_screen(page, page_url):
    page.set_viewport_size({"width": 320, "height": 568})
    open_checklist(page, page_url)
    add_style(page, "html { font-size: 250% !important; }")  # the theme's 125 %, doubled
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll(".checklist__item label")]
          .filter((label) => label.getBoundingClientRect().right > innerWidth + 0.5 || label.scrollWidth > label.clientWidth)
          .map((label) => label.textContent.trim().slice(0, 40))"""
    )
    assert overflowing == []
    # and no indent from the theme's lists: the boxes start where the text above starts
    indent = page.evaluate(
        """() => document.querySelector(".checklist__input").getBoundingClientRect().left
          - document.querySelector("article p").getBoundingClientRect().left"""
    )
    assert abs(indent) < 1, f"the list is indented by {indent} px"


# 9. Private


def test_loading_ticking_clearing_and_printing_stay_on_the_site(page, page_url, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script("window.print = () => {};")
    open_checklist(page, page_url)
    checkbox(page, 0).check()
    page.get_by_role("button", name="Clear all ticks").click()
    page.get_by_role("button", name="Print with my ticks").click()
    page.pdf()
    assert requests and all(url.startswith(site_url) or url.startswith("data:") for url in requests), requests
    assert page.context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    assert page.context.elsewhere == []


# 10. Print


def test_every_piece_of_chrome_shows_on_screen(page, page_url):
    """So the print check can fail: each selector finds something that takes up room on screen."""
    open_checklist(page, page_url)
    assert chrome_shown(page, "screen") == list(CHROME)


def pdf_of(page, paper):
    document = page.pdf(format=paper, print_background=False)
    return document, PdfReader(io.BytesIO(document))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_checklist_prints_on_one_page_without_chrome(site_context, page_url, scheme):
    page = site_context(color_scheme=scheme).new_page()
    open_checklist(page, page_url)
    checkbox(page, 1).check()
    assert chrome_shown(page, "print") == [], "site chrome on the paper"
    for paper in ("A4", "Letter"):
        document, pdf = pdf_of(page, paper)
        assert len(pdf.pages) == 1, f"{paper}: {len(pdf.pages)} pages"
        text = " ".join(pdf.pages[0].extract_text().split())
        for item in TEXTS:
            assert item in text, f"{paper}: {item!r} not printed"
        assert page_url(CHECKLIST) in text, f"{paper}: the address not printed"
        assert_black_on_white(document, paper)


def box_states(page):
    """For each printed box: (border is dark, centre is inked), read from the rendered page."""
    from PIL import Image

    page.emulate_media(media="print")
    states = []
    for box in page.locator(".checklist__box").all():
        area = box.bounding_box()
        assert area and area["width"] >= 10 and area["height"] >= 10
        image = Image.open(io.BytesIO(box.screenshot())).convert("L")
        w, h = image.size
        border = [image.getpixel((x, h // 2)) for x in range(0, max(2, w // 8))]
        centre = [image.getpixel((x, y)) for x in range(w // 4, 3 * w // 4) for y in range(h // 4, 3 * h // 4)]
        states.append((min(border) < 100, min(centre) < 128))
    page.emulate_media(media="null")  # no emulation: screen, and print when printing
    return states


def test_printed_boxes_show_a_mark_when_ticked_and_an_empty_border_otherwise(page, page_url):
    open_checklist(page, page_url)
    checkbox(page, 0).check()
    checkbox(page, 4).check()
    expected = [(True, i in (0, 4)) for i in range(len(TEXTS))]
    assert box_states(page) == expected


def test_the_reader_can_print_with_ticks_or_a_blank_copy(page, page_url):
    page.add_init_script("window.printed = 0; window.print = () => { window.printed += 1; };")
    open_checklist(page, page_url)
    checkbox(page, 2).check()
    page.get_by_role("button", name="Print with my ticks").click()
    assert page.evaluate("window.printed") == 1
    assert [centre for _, centre in box_states(page)] == [i == 2 for i in range(len(TEXTS))]
    page.get_by_role("button", name="Print a blank copy").click()
    assert page.evaluate("window.printed") == 2
    assert box_states(page) == [(True, False)] * len(TEXTS)
    _, pdf = pdf_of(page, "A4")
    assert len(pdf.pages) == 1
    # After printing, the page goes back to printing the ticks; the ticks themselves were kept.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert [centre for _, centre in box_states(page)] == [i == 2 for i in range(len(TEXTS))]
    assert ticked(page) == [2]


# 11. Instant navigation


def test_the_checklist_works_after_instant_navigation(page, page_url):
    open_page(page, page_url, "index.md")
    follow(page, page.locator(f'article a[href$="{page_address(CHECKLIST)}"]').first)
    checkbox(page, 3).check()
    expect(progress(page)).to_have_text(f"1 of {len(TEXTS)} done")
    follow(page, footer_link(page, "next"))
    back(page)
    assert page.evaluate("window.samePage") is True, "going back reloaded the whole page"
    assert ticked(page) == [3]
