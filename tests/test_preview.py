"""The preview (`make serve`, scripts/serve.py) in Chromium, on the tests' own project: a mistake shows in the
open tab, naming the file and the line, and the page comes back when it is mended, with nothing restarted."""

import contextlib
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import expect

from site_build import copy_test_project, edit, page_address, read_test_data, whole_guide

STOPPED = re.compile(r"^The preview stopped: \d+ mistakes? to mend$")
SHOWN = 30_000  # ms: a save is seen, checked and built in about a second; a loaded machine takes longer


@contextlib.contextmanager
def serving(project: Path, terminal: Path):
    """The preview of a project, until the block ends: the address of its home page."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with terminal.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "scripts.serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            deadline = time.monotonic() + 60
            while "Serving on" not in terminal.read_text("utf-8"):  # the server says when it listens
                assert server.poll() is None, terminal.read_text("utf-8")
                assert time.monotonic() < deadline, terminal.read_text("utf-8")
                time.sleep(0.1)
            yield f"http://127.0.0.1:{port}/guide/"
        finally:
            server.terminate()
            server.wait(timeout=30)


@contextlib.contextmanager
def mistake(page, path: Path, before: str, after: str):
    """A mistake made in a file: the open tab reloads to the list of mistakes; mended, back to its page. Yields
    the line of the change."""
    title = page.title()
    line = edit(path, before, after)
    expect(page.get_by_role("heading", level=1)).to_have_text(STOPPED, timeout=SHOWN)
    yield line
    edit(path, after, before)
    expect(page).to_have_title(title, timeout=SHOWN)


def test_a_mistake_shows_in_the_open_tab_with_its_file_and_line_and_the_page_comes_back_when_mended(tmp_path, browser):
    project, terminal = copy_test_project(tmp_path / "project"), tmp_path / "terminal.log"
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "  broken: [\n", encoding="utf-8")
    with serving(project, terminal) as address:
        # The preview starts with a broken config: the tab names it, and shows the page once it is mended.
        page = browser.new_page()
        listed = page.get_by_role("listitem")
        page.goto(address + "steps/")
        expect(listed).to_contain_text([re.compile(r"^Guide error: mkdocs\.yml, line \d+: ")])
        edit(config, "  broken: [\n", "")
        expect(page.get_by_role("heading", level=1)).not_to_have_text(STOPPED, timeout=SHOWN)
        # The preview puts no whole guide together: its page names the command that does, and holds no section.
        page.goto(address + page_address(whole_guide()))
        expect(page.locator("article")).to_contain_text("make build")
        expect(page.locator(".whole-guide__section")).to_have_count(0)
        # Search works in the preview as published (the tests' own FAQ asks "Should I apologize…?").
        page.goto(address)
        page.keyboard.press("/")
        page.keyboard.type("apologise")
        search = page.get_by_role("dialog", name="Search the guide")
        expect(search.get_by_role("link").first).to_contain_text("apologize")

        page.goto(address + "timing/")
        timing = project / "docs" / "timing.md"
        with mistake(page, timing, "\n\n", "\n\n{{ stepz() }}\n\n") as line:  # a misspelt macro: one problem
            said = f"Page error: docs/timing.md, line {line + 2}: there is no macro stepz(): did you mean "
            said += "{{ steps() }}?"
            expect(listed).to_have_text([said])
            assert said in terminal.read_text("utf-8")
            response = page.request.get(address + "faq/")  # every page says so, at once
            assert response.status == 500 and said in response.text()
        # A repeated id in a data file: the same, with the data file's line.
        items = read_test_data("checklist.yml")["items"]
        checklist, first, last = project / "docs" / "data" / "checklist.yml", items[0]["id"], items[-1]["id"]
        with mistake(page, checklist, f"id: {last}", f"id: {first}") as line:
            expect(listed).to_contain_text([f"docs/data/checklist.yml, line {line}, "])
        # A broken link: its page and line.
        with mistake(page, timing, "\n\n", "\n\nSee [the rules](no-such-file.pdf).\n\n") as line:
            expect(listed).to_contain_text([f"docs/timing.md, line {line + 2}: the link no-such-file.pdf leads to"])
        assert "Traceback" not in terminal.read_text("utf-8")

        # The macros as they are now: a render function that fails, then one mended.
        page.goto(address + "steps/")
        render = project / "macros" / "render.py"
        failing = "def render_component(*_, **__):\n    raise RuntimeError('a slip')\n\n\ndef _component("
        with mistake(page, render, "def render_component(", failing):
            expect(listed).to_contain_text(["RuntimeError: a slip"])
        expect(page.locator("ol.steps")).to_have_count(1)
        # Python that does not parse: named by its file and line, as the check cannot start without it.
        with mistake(page, render, "def render_component(", "if True\ndef render_component(") as line:
            said = rf"^Guide error: macros/render\.py, line {line}: the Python does not parse"
            expect(listed).to_have_text([re.compile(said)], timeout=SHOWN)
