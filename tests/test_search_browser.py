"""The guide's search in Chromium, on the engine under test, with queries made from the built pages and
docs/data/synonyms.yml (never a list of today's words): every heading and data text as a keyboard types it, without
its apostrophes or hyphens; its rarest word with a slip of a key, in another form, asked as a question, in the other
spelling (British or American); each member of a synonym group. Each finds its page among the first three."""

import json
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from macros.components import COMPONENTS
from macros.guide_data import SYNONYMS, load_data_file
from macros.page_urls import page_address
from reader import another_pages_title, hold, open_page
from scripts.projects import ROOT
from scripts.search_index import INDEX
from site_build import nav_pages, read_data

# What a keyboard types for what the pages print: a straight apostrophe and quotes, a hyphen for a dash.
TYPED = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
QUESTIONS = ["should I", "what should I do about", "how do I", "when should I", "what if they", "is it"]
NO_VERB = re.compile(r"(ion|ment|ness|ity|ism|um|al|ic|ous|ful|ive|er|or|ant|ent|ance|ence)$")  # no verb ends so
AMERICAN_OR = ["behavior", "color", "favor", "honor", "humor", "labor", "neighbor", "rumor", "endeavor", "flavor"]


def pages(site):
    """{address: (headings, the words of the page)} of every page search leads to, as built."""
    found = {}
    for _, source in nav_pages():
        page = BeautifulSoup((site / page_address(source) / "index.html").read_text("utf-8"), "html.parser")
        if page.select_one('meta[name="robots"][content~="noindex"]'):  # the whole guide: its pages are searched
            continue
        article = page.select_one("article")
        headings = [" ".join(h.get_text(" ").split()) for h in article.select("h1, h2, h3")]
        found[page_address(source)] = (headings, " ".join(article.get_text(" ").translate(TYPED).lower().split()))
    return found


def holders(site_pages, words: str) -> set[str]:
    """The pages that hold these words, as words (not inside others)."""
    pattern = re.compile(r"(?<![\w'])" + re.escape(words.translate(TYPED).lower()) + r"(?![\w'])")
    return {address for address, (_, text) in site_pages.items() if pattern.search(text)}


def slips(word: str) -> list[str]:
    """One slip of a key in the middle of a word: a letter left out, doubled, changed, or swapped with the next."""
    at, changed = len(word) // 2, "a" if word[len(word) // 2] != "a" else "e"
    swapped = [word[:at] + word[at + 1] + word[at] + word[at + 2 :]] if word[at] != word[at + 1] else []
    return [
        word[:at] + word[at + 1 :],
        word[:at] + word[at] + word[at:],
        word[:at] + changed + word[at + 1 :],
        *swapped,
    ]


def other_forms(word: str) -> list[str]:
    """The word in other forms: singular or plural, and with -ing where it may be a verb."""
    if word.endswith(("ly", "ed", "ing", "ss", "us", "is")):
        return []
    if word.endswith("s"):
        return [word[:-3] + "y"] if word.endswith("ies") else [word[:-1]]
    if word.endswith("y"):
        return [word[:-1] + "ies"] if word[-2] not in "aeiou" else [word + "s"]
    return [word + "s"] + ([] if NO_VERB.search(word) else [word.removesuffix("e") + "ing"])


# Endings the two spellings write differently (-ize and -ise, -yze and -yse, -og and -ogue), either way round.
RESPELLED = {r"iz(e|es|ed|ing|ation)$": r"is\1", r"is(e|es|ed|ing|ation)$": r"iz\1", r"yz(e|ed|ing)$": r"ys\1"}
RESPELLED[r"ogue(s?)$"] = r"og\1"


def other_spelling(word: str) -> str | None:
    """The British spelling of an American word, or the American of a British one."""
    if len(word) > 5 and (pattern := next((p for p in RESPELLED if re.search(p, word)), None)):
        return re.sub(pattern, RESPELLED[pattern], word)
    stem = next((american for american in AMERICAN_OR if word.startswith(american)), None)
    return word.replace(stem, stem[:-1] + "ur", 1) if stem else None


def generated_queries(site) -> list[tuple[str, str, set[str]]]:
    """(what the query is, the query, the pages any of which it must find among the first three)."""
    site_pages = pages(site)
    base = [("heading", h.translate(TYPED), {a}) for a, (headings, _) in site_pages.items() for h in headings]
    items = [item for component in COMPONENTS for item in read_data(component.data_file)[component.items]]
    texts = [value for item in items for key, value in item.items() if isinstance(value, str) and key != "id"]
    base += [("data text", text.translate(TYPED), holders(site_pages, text)) for text in texts]
    base = [(kind, query, found) for kind, query, found in base if found]
    queries = list(base)
    for kind, query, found in base:
        if "'" in query:
            queries.append((f"{kind} without apostrophes", query.replace("'", ""), found))
        if re.search(r"\w-\w", query):
            queries.append((f"{kind} without hyphens", re.sub(r"(?<=\w)-(?=\w)", "", query), found))
            queries.append((f"{kind}, hyphens as spaces", re.sub(r"(?<=\w)-(?=\w)", " ", query), found))
        words = [word for word in WORD.findall(query) if len(word) >= 5 and word.isalpha()]
        if not words:
            continue
        rarest = min(words, key=lambda word: (len(holders(site_pages, word)), -len(word)))
        for slip in slips(rarest.lower()):
            queries.append(("one slip", slip, holders(site_pages, rarest)))
        for form in other_forms(rarest.lower()):
            queries.append(("another form", query.replace(rarest, form), found))
        # Asked as a worried reader asks: the question's own words ("should", "I") say nothing of the page.
        queries.append(("as a question", f"{QUESTIONS[len(queries) % len(QUESTIONS)]} {rarest}", found))
    for word in sorted({word for _, text in site_pages.values() for word in WORD.findall(text)}):
        if other := other_spelling(word):
            queries.append(("other spelling", other, holders(site_pages, word)))
    for group in load_data_file(ROOT / "docs" / "data", SYNONYMS)["groups"]:
        found = set().union(*(holders(site_pages, member) for member in group))  # a page holding any of them
        queries += [("synonym", member, found) for member in group if found]
    return queries


def said(page, name: str) -> str:
    """What search's dialog says (its words are the partial's, overrides/partials/search.html)."""
    return page.locator("[data-search-dialog]").get_attribute(f"data-say-{name}")


# Search's own code as built, in Node (ranking needs no page): the first three results of each query.
FIRST_THREE = """import { readFileSync } from "node:fs";
const search = await import(process.argv[1]);
const index = search.makeIndex(JSON.parse(readFileSync(process.argv[2], "utf-8")));
const queries = JSON.parse(readFileSync(0, "utf-8"));
console.log(JSON.stringify(queries.map((query) => search.search(index, query).slice(0, 3).map((found) => found.url))));
"""


def test_every_generated_query_finds_its_page_among_the_first_three(built_site):
    queries = generated_queries(built_site)
    kinds = {kind.split(" without")[0].split(",")[0] for kind, _, _ in queries}
    assert {"heading", "data text", "one slip", "another form", "as a question", "other spelling", "synonym"} <= kinds
    script = (built_site / "assets" / "search.js").as_uri()  # as a page imports it, with its stemmer
    node = ["node", "--input-type=module", "-e", FIRST_THREE, script, built_site / INDEX]
    asked = json.dumps([query for _, query, _ in queries])
    answers = json.loads(subprocess.run(node, input=asked, capture_output=True, text=True, check=True).stdout)
    site = built_site.as_uri() + "/"
    missed = [
        f"{kind}: {query!r} finds {[url.removeprefix(site) for url in urls]}, not one of {sorted(found)}"
        for (kind, query, found), urls in zip(queries, answers, strict=True)
        if not {url.removeprefix(site).split("#")[0] for url in urls} & found
    ]
    assert missed == [], f"{len(missed)} of {len(queries)} queries missed:\n" + "\n".join(missed)


# What of search's dialog reaches past the screen's right edge, or scrolls it sideways (its field scrolls the
# words in it, as fields do).
WIDER = """() => [...document.querySelectorAll("[data-search-dialog], [data-search-dialog] *:not(input)")]
  .filter((element) => element.getBoundingClientRect().right > innerWidth + 1
    || (element.matches("dialog") && element.scrollWidth > element.clientWidth + 1))
  .map((element) => element.className)"""


@pytest.mark.parametrize("width", [320, 1280])
def test_search_on_a_slow_connection_then_with_no_result_a_long_word_and_taps_inside_and_beside_it(
    context, page_url, site_url, width
):
    """On a slow connection, Enter pressed before search's index has come follows the first result once it has; a
    letter typed on a result joins the words; no result is said; a long word stays inside at 320 px; a tap beside
    the dialog closes it, but not one inside or a drag that ends beside it."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 700})
    script, index = hold(page, f"{site_url}assets/search.js"), hold(page, f"{site_url}search/index.json")
    open_page(page, page_url, "index.md")
    open_search = page.locator(".md-header").get_by_role("button", name="Search")
    open_search.click()
    dialog, field = page.get_by_role("dialog", name="Search the guide"), page.get_by_role("searchbox")
    status, results = page.locator("#guide-search-status"), page.locator("#guide-search-results a")
    expect(status).to_have_text(said(page, "loading"))  # before its script has come
    script()
    query = page.locator(".md-sidebar--primary a.md-nav__link").last.text_content()
    page.keyboard.type(" ".join(query.split()))
    page.keyboard.press("Enter")
    expect(status).to_have_text(said(page, "loading"))  # before its index has come
    index()
    expect(dialog).to_be_hidden()  # only a result followed (or Escape) closes it
    page.keyboard.press("/")  # the same words, and their first result is where the reader is now
    expect(results.first).to_have_attribute("href", page.url)
    page.keyboard.press("Escape")
    open_search.click()  # where focus would go back as it closes
    field.fill("")
    query = another_pages_title(page)
    page.keyboard.type(query[:-1])
    expect(results.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(results.first).to_be_focused()
    page.keyboard.type(query[-1])
    expect(field).to_be_focused()
    expect(field).to_have_value(query)
    for query, says in (("x", None), ("", r"^$"), ("zzqx", r"^Nothing found for “zzqx”\.")):
        field.fill(query)
        if says:
            expect(status).to_have_text(re.compile(says))
            expect(page.locator("#guide-search-results li")).to_have_count(0)
    if width == 320:
        field.fill("qz" * 150)
        expect(status).to_contain_text(said(page, "none").split("{query}")[0])  # the words said again
        assert page.evaluate(WIDER) == [], "a long word reaches past the dialog at 320 px"
        field.fill("zzqx")
    box, field_box = dialog.bounding_box(), field.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 5)  # inside, on nothing
    page.mouse.move(field_box["x"] + 30, field_box["y"] + field_box["height"] / 2)
    page.mouse.down()
    page.mouse.move(width - 2, 690)  # selecting the words typed, let go beside the dialog (or on its edge)
    page.mouse.up()
    expect(dialog).to_be_visible()
    if width >= 960:  # on a phone the dialog fills the screen: there is nothing beside it
        page.mouse.move(5, 690)
        page.mouse.down()
        page.mouse.move(field_box["x"] + 30, field_box["y"] + field_box["height"] / 2)  # a drag from beside into it
        page.mouse.up()
        expect(dialog).to_be_visible()
        page.mouse.click(5, 690)
        expect(dialog).to_be_hidden()
