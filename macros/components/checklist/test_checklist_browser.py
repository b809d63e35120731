"""The checklist in real Chromium, what only a page shows: names, keys and focus, progress in words, clear and
undo, without a script or with a late one, narrow screens, and paper. Stored-ticks logic: checklist.test.js."""

import io
import json
import re

import pytest
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from checklist_page import (
    CHECKLIST,
    IDS,
    STORAGE_KEY,
    STUB_PRINT,
    TEXTS,
    button,
    checkbox,
    open_checklist,
    printed_marks,
    progress,
    store,
    stored,
    ticked,
)
from printing import CHROME, assert_black_on_white, chrome_shown
from reader import FULL_STORAGE, add_style, back, follow, footer_link, forward, hold, reload

N = len(TEXTS)


def seen(css_colour, background):
    """(r, g, b) the eye sees of a computed colour (rgb(…), rgba(…), rgb(r g b / a)) over an opaque background."""
    values = [float(v) for v in re.findall(r"[\d.]+", css_colour)]
    alpha = values[3] if len(values) > 3 else 1.0
    under = [float(v) for v in re.findall(r"[\d.]+", background)][:3]
    return [alpha * c + (1 - alpha) * u for c, u in zip(values[:3], under, strict=True)]


def contrast(a, b):
    def luminance(rgb):
        linear = [v / 255 / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_check_sees_through_translucent_colours():
    assert contrast(seen("rgb(0, 0, 0)", "rgb(255, 255, 255)"), (255, 255, 255)) == 21
    assert contrast(seen("rgba(0, 0, 0, 0.1)", "rgb(255, 255, 255)"), (255, 255, 255)) < 1.3


def test_ticks_are_said_and_kept_under_one_key_clear_offers_an_undo_that_takes_the_focus_and_a_blank_print_ends(
    page, page_url
):
    # The model (test_checklist_model.py) checks the ticks, Undo and paper after every step of the journeys it
    # draws; here: the words, the focus, the key, what it does not send (a return from the page cache, a key),
    # and what its journeys in CI do not reach (Undo, the end of a blank print).
    page.add_init_script(STUB_PRINT)
    open_checklist(page, page_url)
    page.evaluate("localStorage.setItem('someone-elses-key', 'kept')")
    keys_before = set(page.evaluate("Object.keys(localStorage)"))
    expect(progress(page)).to_have_text(f"0 of {N} done")
    for index, check, done in ((1, True, 1), (3, True, 2), (1, False, 1), (1, True, 2)):
        checkbox(page, index).set_checked(check)
        expect(progress(page), "progress is said on every change").to_have_text(f"{done} of {N} done")
    subject_words = ("ex", "reconnect", "relationship", "breakup", "love", "partner", "date", "dating")
    assert not any(word in STORAGE_KEY.lower().split("-") for word in subject_words)
    assert not any(word in STORAGE_KEY.lower() for word in subject_words if len(word) > 2)

    for index in range(N):
        checkbox(page, index).check()
    expect(progress(page)).to_have_text(f"Every item is ticked. {N} of {N} done")
    reload(page)
    expect(progress(page), "arriving, the reader did nothing").to_have_text(f"{N} of {N} done")
    checkbox(page, 0).uncheck()
    expect(progress(page)).to_have_text(f"{N - 1} of {N} done")
    checkbox(page, 0).check()
    expect(progress(page), "said each time").to_have_text(f"Every item is ticked. {N} of {N} done")

    clear, undo = button(page, "Clear all ticks"), button(page, "Undo clear")
    clear.click()
    assert stored(page) is None  # the model's checks read storage again only when it changes
    expect(undo).to_be_focused()
    expect(progress(page)).to_have_text(f"Ticks cleared. 0 of {N} done")
    clear.click()
    expect(progress(page)).to_have_text(f"Nothing to clear. 0 of {N} done")
    undo.click()  # brings back what the first clear removed (the model's journeys in CI do not reach Undo)
    assert ticked(page) == list(range(N))
    assert json.loads(stored(page))["ids"] == IDS
    expect(undo).to_be_hidden()
    expect(clear).to_be_focused()
    assert set(page.evaluate("Object.keys(localStorage)")) == keys_before | {STORAGE_KEY}, "one key, others kept"
    # Back from the page cache (which Playwright's Chromium keeps off: the event is sent here), the list shows
    # what storage holds now, a stale Undo is gone, and so is a blank print choice.
    clear.click()
    button(page, "Print a blank copy").click()
    store(page, [IDS[0]])  # as another tab could have meanwhile: no storage event in this one
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))")
    assert ticked(page) == [0]
    expect(undo).to_be_hidden()
    assert printed_marks(page) == [IDS[0]], "a blank print choice outlived a return from the page cache"
    # Printing, which the model's journeys in CI do not reach: a blank copy keeps the ticks and ends with afterprint
    # or, where that never comes (as on some phones), with Print with my ticks, the next touch or key (the
    # browser's own Print), or the list taken off the page.
    blank, with_ticks = button(page, "Print a blank copy"), button(page, "Print with my ticks")
    blank.click()
    assert printed_marks(page) == []
    assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) == 1
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert printed_marks(page) == [IDS[0]], "ticks print again"
    assert ticked(page) == [0], "a blank copy keeps the ticks"
    blank.click()
    with_ticks.dispatch_event("click")  # the button alone, without the touch that would end it too
    assert printed_marks(page) == [IDS[0]]
    blank.click()
    checkbox(page, 3).check()
    assert printed_marks(page) == [IDS[0], IDS[3]]
    blank.click()
    page.keyboard.press("Control+p")
    assert printed_marks(page) == [IDS[0], IDS[3]]
    follow(page, footer_link(page, "next"))
    follow(page, footer_link(page, "previous"))
    blank.click()
    back(page)  # without a touch or a key: the list taken off the page ends the blank print
    forward(page)
    assert printed_marks(page) == [IDS[0], IDS[3]], "a blank print choice outlived the visit"
    assert page.evaluate("window.printed") == 7, "each button opens the print dialog"


def test_without_javascript_the_boxes_tick_and_the_page_promises_no_saving(site_context, page_url):
    page = site_context(java_script_enabled=False).new_page()
    page.goto(page_url(CHECKLIST))
    assert page.get_by_role("checkbox").count() == N
    checkbox(page, 1).click()
    expect(checkbox(page, 1)).to_be_checked()
    checkbox(page, 1).click()
    expect(checkbox(page, 1)).not_to_be_checked()
    for name in ("Clear all ticks", "Print with my ticks", "Print a blank copy"):
        expect(button(page, name)).to_have_count(0)
    expect(progress(page)).to_have_count(0)
    expect(page.locator(".checklist__fallback")).to_be_visible()
    sentences = re.split(r"(?<=[.:])\s+", page.locator("article").inner_text())
    promises = [s for s in sentences if re.search(r"\bkept\b|\bsaved?\b|\bstay\b", s)]
    assert all(re.search(r"\bnot\b", sentence) for sentence in promises), f"nothing is kept: {promises}"


@pytest.mark.parametrize("storage", ["", FULL_STORAGE], ids=["kept", "not-kept"])
def test_while_the_script_is_on_its_way_its_room_is_kept_and_nothing_below_moves_when_it_comes(
    site_context, page_url, storage
):
    context = site_context()
    context.add_init_script(storage)
    page = context.new_page()
    answer = hold(page, "**/checklist.js")  # held back, as on a slow network
    page.goto(page_url(CHECKLIST), wait_until="commit")
    page.wait_for_selector(".data-edit", state="attached")  # what follows the list
    # The note kept for a script that is slow to come waits a few seconds: hold that wait where it is.
    page.evaluate("() => document.getAnimations().forEach((animation) => animation.pause())")
    expect(page.locator(".checklist__fallback")).to_be_hidden()
    below = page.locator(".data-edit").bounding_box()["y"]
    answer()
    expect(page.locator("[data-checklist-ready]")).to_be_attached()
    expect(page.locator("[data-checklist-note]" if storage else "[data-checklist-kept]")).to_be_visible()
    assert page.locator(".data-edit").bounding_box()["y"] == below


@pytest.mark.parametrize("fails", [False, True], ids=["never-answered", "failed"])
def test_a_script_slow_to_come_gets_a_note_after_a_while_one_that_failed_at_once(site_context, page_url, fails):
    context = site_context()
    context.route("**/checklist.js", (lambda route: route.abort()) if fails else (lambda route: None))
    page = context.new_page()
    page.goto(page_url(CHECKLIST), wait_until="commit")
    note = page.locator(".checklist__fallback")
    if fails:
        page.wait_for_selector("[data-checklist-failed]", state="attached")
        # Not after the wait kept for a slow script: shown the moment the load failed, no empty room meanwhile.
        assert note.evaluate("(note) => getComputedStyle(note).visibility") == "visible"
    else:
        # The page's other scripts do not wait for it: keyboard.js, run after the theme's, has made its buttons.
        expect(page.locator(".md-header [role=button]").first).to_be_attached()
        expect(note).to_be_visible(timeout=15_000)
        assert page.locator("[data-checklist-failed]").count() == 0
    expect(note).to_be_visible()
    assert "ticks are gone when you leave the page" in note.inner_text()
    controls = page.locator("[data-checklist-controls]").bounding_box()
    assert controls is None or controls["height"] == 0, f"an empty gap stays where the controls were: {controls}"
    assert page.get_by_role("checkbox").count() == N


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_boxes_named_reached_by_tab_focus_shown_clearly_print_on_one_page_and_fit_a_narrow_screen(
    site_context, page_url, scheme
):
    page = site_context(color_scheme=scheme).new_page()
    open_checklist(page, page_url)
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    for index in range(N):
        expect(checkbox(page, index)).to_be_visible()
    assert page.get_by_role("checkbox").count() == N
    checkbox(page, 0).focus()
    for index in range(1, N):
        page.keyboard.press("Tab")
        expect(checkbox(page, index), "Tab follows the list").to_be_focused()
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [s.outlineStyle, s.outlineWidth, s.outlineColor,
                           getComputedStyle(document.body).backgroundColor]; }"""
    )
    outline_style, width, colour, background = style
    assert outline_style == "solid" and float(width.removesuffix("px")) >= 2, "focus outline"
    assert re.findall(r"[\d.]+", background)[3:] in ([], ["1"]), "the page background is not opaque"
    assert contrast(seen(colour, background), seen(background, background)) >= 3, style
    page.keyboard.press("Space")
    expect(checkbox(page, N - 1)).to_be_checked()
    page.keyboard.press("Space")
    expect(checkbox(page, N - 1)).not_to_be_checked()

    assert chrome_shown(page, "screen") == list(CHROME), "so the print check can fail: all chrome is on screen"
    checkbox(page, 0).check()
    checkbox(page, 4).check()
    page.emulate_media(media="print")
    for index, box in enumerate(page.locator(".checklist__box").all()):  # read from the rendered page
        area = box.bounding_box()
        assert area and area["width"] >= 10 and area["height"] >= 10
        image = Image.open(io.BytesIO(box.screenshot())).convert("L")
        w, h = image.size
        border = [image.getpixel((x, h // 2)) for x in range(0, max(2, w // 8))]
        centre = [image.getpixel((x, y)) for x in range(w // 4, 3 * w // 4) for y in range(h // 4, 3 * h // 4)]
        assert min(border) < 100, f"box {index}: no border on paper"
        assert (min(centre) < 128) == (index in (0, 4)), f"box {index}: a mark only when ticked"
    page.emulate_media(media="null")  # no emulation: screen, and print when printing
    assert chrome_shown(page, "print") == [], "site chrome on the paper"
    for paper in ("A4", "Letter"):
        document = page.pdf(format=paper, print_background=False)
        pdf = PdfReader(io.BytesIO(document))
        assert len(pdf.pages) == 1, f"{paper}: {len(pdf.pages)} pages"
        text = " ".join(pdf.pages[0].extract_text().split())
        for item in TEXTS:
            assert item in text, f"{paper}: {item!r} not printed"
        assert page_url(CHECKLIST) in text, f"{paper}: the address not printed"
        assert_black_on_white(document, paper)
    # At 320 px with text at 200 %, every item wraps within the screen
    page.set_viewport_size({"width": 320, "height": 568})
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
