"""Every page's Content-Security-Policy, on the engine under test: one for all pages, allowing each inline script
and style they hold and nothing wider; in Chromium, the pages work under it without one violation (a renamed page's
old address too: test_build.py's last-site test)."""

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from checklist_page import CHECKLIST, checkbox, wait_for_ticks
from reader import follow, nav_link, open_page, search_results
from scripts.content_policy import content_policy
from scripts.theme_contract import injected_styles
from site_build import VIOLATIONS, whole_guide


def policy_of(page_html: str) -> str:
    head = BeautifulSoup(page_html, "html.parser").head
    first = head.find(True)
    assert first.name == "meta" and first.get("http-equiv") == "Content-Security-Policy", f"first in <head>: {first}"
    return first["content"]


def test_every_page_starts_with_one_policy_that_allows_its_inline_scripts_and_nothing_else(built_site):
    built = {p.relative_to(built_site).as_posix(): p.read_text("utf-8") for p in sorted(built_site.rglob("*.html"))}
    policies = {name: policy_of(page) for name, page in built.items()}
    assert len(set(policies.values())) == 1, "instant navigation keeps the first page's policy: one for all"
    [policy] = set(policies.values())
    # each inline script's and style's hash (and the theme's own stylesheets'), no more
    assert policy == content_policy(list(built.values()), injected_styles(built_site))
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "*" not in policy
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'none'"):
        assert directive in policy.split("; "), directive
    for name, page in built.items():
        document = BeautifulSoup(page, "html.parser")
        handlers = [(tag.name, key) for tag in document.find_all(True) for key in tag.attrs if key.startswith("on")]
        assert handlers == [], f"{name}: inline handlers, which the policy does not allow: {handlers}"
        assert document.find("meta", attrs={"name": "referrer", "content": "no-referrer"}), name
        assert "<meta charset" in page.encode("utf-8")[:1024].decode("utf-8", "ignore"), f"{name}: charset too late"


def test_a_script_a_page_gains_after_the_build_is_not_allowed():
    page = '<html><head><meta http-equiv="Content-Security-Policy" content="x"></head><body>{}</body></html>'
    allowed = content_policy([page.format("<script>ours()</script>")])
    assert content_policy([page.format("<script>theirs()</script>")]) != allowed
    assert content_policy([page.format('<script type="application/json">{"a": 1}</script>')]).count("sha256") == 0


def test_the_theme_search_the_checklist_and_the_whole_guide_work_under_the_policy(context, page_url):
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    open_page(page, page_url, "index.md")
    follow(page, nav_link(page, CHECKLIST))  # instant navigation into the checklist
    checkbox(page, 0).check()
    wait_for_ticks(page, {checkbox(page, 0).get_attribute("data-id")})
    page.evaluate("document.activeElement.blur()")  # "/" opens search from the page, not from a checkbox
    results = search_results(page)
    page.keyboard.type(page.title().split(" ")[0])
    expect(results.first).to_be_visible()
    assert page.evaluate("window.violations") == []
    open_page(page, page_url, whole_guide())
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print the whole guide").click()
    page.wait_for_function("() => window.printed === true")
    assert page.evaluate("window.violations") == []
    with pytest.raises(PlaywrightError, match="Content Security Policy"):  # a script the pages do not hold
        page.add_script_tag(content="window.injected = true")
    assert page.evaluate("window.injected") is None
