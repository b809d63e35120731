"""A model of the reader, checked against real Chromium: Hypothesis draws journeys through the site (full loads,
instant navigation, reloads, history, ticking, clearing, undo, printing, two tabs) and after every step compares
what each tab shows with a small Python model of what the reader should see. CI runs a fixed set of journeys (a
pinned seed); `make test-model-long` many more (MODEL_EXAMPLES, MODEL_STEPS). A failure prints the shortest."""

import json
import os
import time
from dataclasses import dataclass, field

from hypothesis import HealthCheck, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

import reader
from checklist_page import (
    CHECKLIST,
    CORRUPTIONS,
    IDS,
    SHARED_KEY,
    STORAGE_KEY,
    STUB_PRINT,
    printed_marks,
    snapshot,
    stored,
    wait_for_ticks,
)
from reader import PAGES, switch_to
from site_build import whole_guide

LONG = "MODEL_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("MODEL_EXAMPLES", 5))
STEPS = int(os.environ.get("MODEL_STEPS", 10))
PROGRESS = os.environ.get("MODEL_PROGRESS")  # a file the long run adds a line to as each journey starts
PROGRESS_PREFIXES = ("", "Ticks cleared. ", "Nothing to clear. ", "Ticks restored. ", "Every item is ticked. ")
CI_SEED = 0
PAGE_OR_CHECKLIST = st.sampled_from(PAGES) | st.just(CHECKLIST)  # any page, the checklist more often
# The pages that show the checklist: its own, with print buttons, and the whole guide, which prints it blank.
HOLDING = (CHECKLIST, whole_guide())


@dataclass
class Tab:
    """What the model knows of one tab: its history, and on the checklist, Undo and the print choice."""

    history: list = field(default_factory=lambda: [None])
    at: int = 0
    undo: tuple | None = None  # what Undo would bring back, when it is offered
    blank: bool = False  # the next print would be blank
    local: frozenset = frozenset()  # the ticks, when storage keeps nothing

    @property
    def page(self):
        return self.history[self.at]

    def arrive(self, history, at):  # a page arrived: nothing to undo, no print choice, ticks as stored
        self.history, self.at = history, at
        self.undo, self.blank, self.local = None, False, frozenset()


class Reader(RuleBasedStateMachine):
    """Two tabs of one browser, driven by a reader; `storage` says how the browser keeps site data."""

    storage = "ok"  # ok, blocked, full, corrupted, or carried (ticks kept under the key all sites once shared)
    worker = False  # the site served over HTTP with its offline copy's service worker on (test_offline.py)
    make_context = None
    page_url = None

    def __init__(self):
        super().__init__()
        self.context = type(self).make_context()
        self.problems = reader.collect_errors(self.context)
        self.context.add_init_script(STUB_PRINT)
        failing = {"blocked": reader.BLOCKED_STORAGE, "full": reader.FULL_STORAGE}
        self.context.add_init_script(failing.get(self.storage, ""))
        type(self).journeys_run += 1
        if PROGRESS:
            with open(PROGRESS, "a") as log:
                print(f"{type(self).__name__}: journey {self.journeys_run}, {self.steps_run} steps before it", file=log)
        type(self).steps_run -= 1  # the first check follows the opening of the tabs, not a step
        self.pages = [self.context.new_page(), self.context.new_page()]
        self.checker = self.context.new_page()  # a fresh full load after every step: what is stored
        self.tabs = [Tab(), Tab()]
        self.stored = frozenset()
        self.verified = None  # the stored value a fresh load was last seen to show as the model says

    def teardown(self):
        self.context.close()

    # --- the model ---

    @property
    def shared(self):  # ticks live in storage and every tab shows the same
        return self.storage in ("ok", "corrupted", "carried")

    def shown(self, tab):
        return self.stored if self.shared else self.tabs[tab].local

    def set_shown(self, tab, ids):
        if self.shared:
            self.stored = frozenset(ids)
            for other in self.tabs:  # a change anywhere: no Undo could bring back the old state whole
                other.undo = None
        else:
            self.tabs[tab].local = frozenset(ids)
            self.tabs[tab].undo = None

    def on_checklist(self):
        return [i for i, tab in enumerate(self.tabs) if tab.page in HOLDING]

    def on_checklist_page(self):
        return [i for i, tab in enumerate(self.tabs) if tab.page == CHECKLIST]

    # --- rules: moving around ---

    @initialize(
        first=PAGE_OR_CHECKLIST,
        second=PAGE_OR_CHECKLIST,
        corrupt=st.sampled_from(CORRUPTIONS),
        carried=st.sets(st.sampled_from(IDS)),
    )
    def open_two_tabs(self, first, second, corrupt, carried):
        # Corrupted: the site's key left holding something else. Carried: this guide's ticks, and another site's,
        # under the key every site of the origin once shared.
        shared = json.dumps({"v": 1, "ids": [*sorted(carried), "another-sites-item"]})
        seeded = {"corrupted": [STORAGE_KEY, corrupt], "carried": [SHARED_KEY, shared]}
        if self.storage in seeded:
            reader.open_page(self.checker, type(self).page_url, "index.md")
            self.checker.evaluate("([key, value]) => localStorage.setItem(key, value)", seeded[self.storage])
        if self.storage == "carried":
            self.stored = frozenset(carried)
        for tab, source in ((0, first), (1, second)):
            self.open_page(tab, source)

    @rule(tab=st.sampled_from([0, 1]), source=PAGE_OR_CHECKLIST)
    def open_page(self, tab, source):
        """A bookmark or a shared link: a full load."""
        reader.open_page(switch_to(self.pages[tab]), type(self).page_url, source)
        model = self.tabs[tab]
        if source == model.page:  # the browser loads the same address again in place, as a reload
            model.arrive(model.history, model.at)
        else:
            model.arrive(model.history[: model.at + 1] + [source], model.at + 1)

    @rule(tab=st.sampled_from([0, 1]), data=st.data())
    def follow_link(self, tab, data):
        """Next, previous, or a page in the navigation: instant navigation."""
        model = self.tabs[tab]
        if model.page is None:
            return
        here = PAGES.index(model.page)
        choices = [("next", here + 1)] if here + 1 < len(PAGES) else []
        choices += [("previous", here - 1)] if here > 0 else []
        choices += [(source, PAGES.index(source)) for source in PAGES if source != model.page]
        how, to = data.draw(st.sampled_from(choices), label="link")
        page = switch_to(self.pages[tab])
        link = reader.footer_link(page, how) if how in ("next", "previous") else reader.nav_link(page, how)
        reader.follow(page, link)
        model.arrive(model.history[: model.at + 1] + [PAGES[to]], model.at + 1)

    # Holding the next page back needs Playwright's routing, which the offline copy's worker passes by.
    @precondition(lambda self: not self.worker)
    @rule(tab=st.sampled_from([0, 1]), direction=st.sampled_from(["next", "previous"]))
    def back_before_arrival(self, tab, direction):
        """Next or previous, then Back before that page has arrived (a slow connection, a wrong tap)."""
        model = self.tabs[tab]
        if model.page is None:
            return
        to = PAGES.index(model.page) + (1 if direction == "next" else -1)
        if not 0 <= to < len(PAGES):
            return
        page = switch_to(self.pages[tab])
        reader.back_before_arrival(page, reader.footer_link(page, direction))
        model.arrive(model.history[: model.at + 1] + [PAGES[to]], model.at)

    @rule(tab=st.sampled_from([0, 1]))
    def reload(self, tab):
        if self.tabs[tab].page is None:
            return
        reader.reload(switch_to(self.pages[tab]))
        self.tabs[tab].arrive(self.tabs[tab].history, self.tabs[tab].at)

    @rule(tab=st.sampled_from([0, 1]))
    def back(self, tab):
        model = self.tabs[tab]
        if model.at == 0:
            return
        reader.back(switch_to(self.pages[tab]))
        model.arrive(model.history, model.at - 1)

    @rule(tab=st.sampled_from([0, 1]))
    def forward(self, tab):
        model = self.tabs[tab]
        if model.at == len(model.history) - 1:
            return
        reader.forward(switch_to(self.pages[tab]))
        model.arrive(model.history, model.at + 1)

    # --- rules: using the checklist ---

    @precondition(lambda self: self.on_checklist())
    @rule(data=st.data(), item=st.sampled_from(IDS))
    def tick_or_untick(self, data, item):
        tab = data.draw(st.sampled_from(self.on_checklist()), label="tab")
        switch_to(self.pages[tab]).locator(f'input[data-id="{item}"]').click()
        self.tabs[tab].blank = False  # a touch after a blank print: that print is over
        self.set_shown(tab, self.shown(tab) ^ {item})

    @precondition(lambda self: self.on_checklist())
    @rule(data=st.data())
    def clear(self, data):
        tab = data.draw(st.sampled_from(self.on_checklist()), label="tab")
        switch_to(self.pages[tab]).get_by_role("button", name="Clear all ticks").click()
        self.tabs[tab].blank = False
        removed = self.shown(tab)
        if removed:
            self.set_shown(tab, frozenset())
            self.tabs[tab].undo = tuple(sorted(removed))

    @precondition(lambda self: any(self.tabs[tab].undo is not None for tab in self.on_checklist()))
    @rule(data=st.data())
    def undo(self, data):
        offered = [tab for tab in self.on_checklist() if self.tabs[tab].undo is not None]
        tab = data.draw(st.sampled_from(offered), label="tab")
        switch_to(self.pages[tab]).get_by_role("button", name="Undo clear").click()
        self.tabs[tab].blank = False
        self.set_shown(tab, self.tabs[tab].undo)

    @precondition(lambda self: self.on_checklist_page())
    @rule(data=st.data(), blank=st.booleans(), afterprint_fires=st.booleans())
    def print(self, data, blank, afterprint_fires):
        tab = data.draw(st.sampled_from(self.on_checklist_page()), label="tab")
        page = switch_to(self.pages[tab])
        page.evaluate(f"window.afterprintFires = {json.dumps(afterprint_fires)}")
        name = "Print a blank copy" if blank else "Print with my ticks"
        before = page.evaluate("window.printed")
        page.get_by_role("button", name=name).click()
        assert page.evaluate("window.printed") == before + 1, "the print dialog did not open"
        self.tabs[tab].blank = blank and not afterprint_fires

    # --- invariants, after every step ---

    journeys_run = steps_run = 0  # how much a run covered, printed at its end

    @invariant()
    def nothing_went_wrong(self):
        type(self).steps_run += 1
        assert self.problems == [], self.problems
        assert self.context.elsewhere == [], f"a page asked another site for: {self.context.elsewhere}"
        assert self.context.cookies() == [], "a page set a cookie"

    @invariant()
    def every_tab_shows_what_the_model_says(self):
        for tab, model in enumerate(self.tabs):
            page = self.pages[tab]
            assert reader.page_of(page) == model.page, f"tab {tab} shows {page.url}"
            if model.page not in HOLDING:
                assert snapshot(page) is None
                continue
            ids = self.shown(tab)
            seen = wait_for_ticks(page, ids)
            assert seen["controls"], f"tab {tab}: the checklist's buttons and progress are missing"
            count = f"{len(ids)} of {len(IDS)} done"
            said = [prefix + count for prefix in PROGRESS_PREFIXES]
            assert seen["progress"] in said, f"tab {tab} says {seen['progress']!r}, expected {count!r}"
            assert seen["undo"] == (model.undo is not None), f"tab {tab}: Undo offered is {seen['undo']}"
            note_expected = self.storage in ("blocked", "full")  # a browser that cannot write, from arrival on
            assert seen["note"] == note_expected, f"tab {tab}: the not-saving note shows is {seen['note']}"
            assert seen["kept"] == (not note_expected), f"tab {tab}: the ticks-are-kept line shows is {seen['kept']}"
            marks = printed_marks(page)
            blank = model.blank or model.page != CHECKLIST  # the whole guide's list is to tick with a pen
            expected_marks = [] if blank else [item for item in IDS if item in ids]
            assert marks == expected_marks, f"tab {tab}: on paper {marks}, expected {expected_marks}"

    @invariant()
    def a_fresh_load_shows_what_is_stored(self):
        # What a fresh load shows follows from the stored value alone: load again only when it changed.
        value = stored(self.checker) if self.checker.url != "about:blank" else "(not read yet)"
        if value != self.verified:
            reader.open_page(self.checker, type(self).page_url, CHECKLIST)
            wait_for_ticks(self.checker, self.stored if self.shared else frozenset())
            self.verified = stored(self.checker)


def run(machine, site_context, page_url, **overrides):
    machine.make_context = staticmethod(site_context)
    machine.page_url = staticmethod(page_url)
    machine.journeys_run = machine.steps_run = 0  # this machine's own count, not one it inherited
    if not LONG:
        # derandomize alone draws from a digest of this file's source (any edit gave CI other journeys); a seed,
        # which Hypothesis lets take precedence, keeps the same ones until the rules or strategies change.
        seed(CI_SEED)(machine)
    start = time.monotonic()
    chosen = {"max_examples": EXAMPLES, "stateful_step_count": STEPS, "derandomize": not LONG, "database": None}
    chosen |= {"deadline": None, "suppress_health_check": list(HealthCheck), "print_blob": LONG}
    run_state_machine_as_test(machine, settings=settings(**chosen | overrides))
    took = time.monotonic() - start
    print(f"{machine.__name__}: {machine.journeys_run} journeys, {machine.steps_run} steps, {took:.0f} s")
