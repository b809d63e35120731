"""The whole guide on one page, on the engine under test: the other pages in nav order, linked from each; on paper
(A4 and Letter, light or dark) every sentence, no chrome, no sheet but the last under a third full; its checklist."""

import re
from datetime import date
from urllib.parse import urljoin

import pypdfium2
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from checklist_page import CHECKLIST, IDS, checkbox, printed_marks, wait_for_ticks
from printing import CHROME, assert_black_on_white, chrome_shown
from reader import open_page
from scripts.settings import read_config
from scripts.site_routes import route_site
from scripts.whole_guide import PAGE_PARTS, WholeGuideError, nav_sources, section_name, write_whole_guide
from site_build import nav_pages, page_address, page_path, section_pages, site_config, whole_guide

SITE_URL = site_config()["site_url"]


def article(site, source):
    return BeautifulSoup(page_path(site, source).read_text("utf-8"), "html.parser").select_one("article")


def assert_as_on_its_page(section, site, source):
    """A section of the whole guide holds its page's article, but PAGE_PARTS: its words, texts and elements."""
    page = article(site, source)
    for part in page.select(PAGE_PARTS):
        part.decompose()
    assert section.get_text().split() == page.get_text().split(), f"{source}: its words differ on the whole guide"
    assert list(section.stripped_strings) == list(page.stripped_strings), f"{source}: its texts differ"
    assert shape(section) == shape(page), f"{source}: its elements differ on the whole guide"


def shape(node) -> list[tuple[str, tuple[str, ...]]]:
    """(element, its attributes' names) of every element under node; headings as h* (the guide moves them down)."""
    return [(re.sub(r"^h[1-6]$", "h*", element.name), tuple(sorted(element.attrs))) for element in node.find_all(True)]


def test_the_whole_guide_shows_every_text_exactly_as_its_own_page_does(test_project_site):
    """The tests' own guide holds, on a page and in a data text, markup shown as text (`&lt;img …&gt;`, `<` in
    a sentence, `&amp;amp;`, a code span of a tag): its section of the whole guide is its page."""
    guide = article(test_project_site, whole_guide())
    assert guide.select("img, b") == [], "text became markup"
    for _, source in nav_sources(read_config(test_project_site.parent / "mkdocs.yml")["nav"]):
        if source != whole_guide():
            assert_as_on_its_page(guide.select_one(f"section#{section_name(source)}"), test_project_site, source)
    written = guide.get_text()
    for text in ('<img src=x onerror="window.escapedRan = 1">', "<img src=x onerror=window.escapedRan=2>", "&amp;"):
        assert text in written, f"{text} is not shown as text"


def test_the_whole_guide_holds_every_other_page_in_nav_order_and_every_page_leads_to_it(built_site):
    document = BeautifulSoup(page_path(built_site, whole_guide()).read_text("utf-8"), "html.parser")
    guide = document.select_one("article")
    sections = guide.select("section.whole-guide__section")
    assert [s["id"] for s in sections] == [section_name(source) for source in section_pages()]
    for section, source in zip(sections, section_pages(), strict=True):
        assert_as_on_its_page(section, built_site, source)
    assert len(guide.find_all("h1")) == 1, "one h1, the cover's: each page's headings are one level down"
    ids = [element["id"] for element in document.find_all(id=True)]
    assert sorted({i for i in ids if ids.count(i) > 1}) == [], "ids repeated on the whole guide"
    hrefs = [a["href"] for a in guide.find_all("a", href=True)]
    anchors = [href[1:] for href in hrefs if href.startswith("#")]
    assert anchors, "no link within the page"
    assert [anchor for anchor in anchors if anchor and anchor not in ids] == []  # "#" is the top
    target = urljoin(SITE_URL, page_address(whole_guide()))
    pages = {urljoin(SITE_URL, page_address(source)) for source in section_pages()}
    leading_away = [href for href in hrefs if urljoin(target, href).split("#")[0] in pages]
    assert leading_away == [], "links between the guide's pages must lead within the whole guide"
    listed = [a["href"] for a in guide.select(".whole-guide__contents a")]
    assert listed == [f"#{section_name(source)}" for source in section_pages()]
    for _, source in nav_pages():
        here = urljoin(SITE_URL, page_address(source))
        document = BeautifulSoup(page_path(built_site, source).read_text("utf-8"), "html.parser")
        links = [urljoin(here, a["href"]) for a in document.find_all("a", href=True)]
        assert target in links, f"{source} has no link to the whole guide"
        if source == CHECKLIST:
            controls = document.select_one("[data-checklist-controls]").find_all("a", href=True)
            assert target in [urljoin(here, a["href"]) for a in controls], "the checklist's print controls"


def test_a_page_missing_from_the_built_site_stops_the_build_with_one_line(tmp_path, built_site):
    site = tmp_path / "site"
    page = page_path(site, whole_guide())
    page.parent.mkdir(parents=True)
    page.write_text(page_path(built_site, whole_guide()).read_text("utf-8"), "utf-8")
    with pytest.raises(WholeGuideError, match="^Whole guide error: .*was not built") as raised:
        write_whole_guide(site, site_config(), date(2024, 3, 5))
    assert "\n" not in str(raised.value)


def bare(text: str) -> str:
    """Text without what a line break on paper may add or take: white space, hyphens (pdfium's U+FFFE among them)."""
    return re.sub(r"[\s\-\u00ad\x02\ufffe]+", "", text)


def test_its_checklist_shares_ticks_with_the_checklist_page_and_on_paper_light_or_dark_it_holds_every_sentence(
    site_context, page_url
):
    context = site_context()
    expected, page = [], context.new_page()  # (page, sentence) of every page as it prints, but its address
    for source in section_pages():
        open_page(page, page_url, source)
        page.emulate_media(media="print")
        text = page.locator("article").inner_text()  # what is laid out: nothing the print styles hide
        page.emulate_media(media="null")
        for line in (line.strip() for line in text.splitlines() if not line.startswith("Printed from ")):
            expected += [(source, s) for s in re.split(r"(?<=[.?!:])\s+", line) if s]
    open_page(page, page_url, whole_guide())
    checkbox(page, 2).check()
    expect(page.locator("[data-checklist-kept]")).to_be_visible()
    assert printed_marks(page) == [], "the whole guide prints empty boxes, to tick with a pen"
    other = context.new_page()
    open_page(other, page_url, CHECKLIST)
    wait_for_ticks(other, {IDS[2]})
    checkbox(other, 4).check()
    wait_for_ticks(page, {IDS[2], IDS[4]})
    checklist = page.locator("[data-checklist]")  # its print buttons are the checklist page's: here, the guide's
    for name in ("Print with my ticks", "Print a blank copy", "Print the whole guide"):
        control = checklist.get_by_role("button", name=name).or_(checklist.get_by_role("link", name=name))
        expect(control).to_have_count(0)
    for scheme in ("light", "dark"):
        page = site_context(color_scheme=scheme).new_page()
        open_page(page, page_url, whole_guide())
        shown = [name for name in chrome_shown(page, "print") if CHROME[name] != ".checklist-intro"]
        assert shown == [], f"{scheme}: site chrome on the paper"
        headings = [bare(text) for text in page.locator("article :is(h2, h3, h4, h5, h6)").all_inner_texts()]
        for paper in ("A4", "Letter"):
            pdf, texts, sheets = page.pdf(format=paper), [], []
            for sheet in pypdfium2.PdfDocument(pdf):
                text = sheet.get_textpage()
                texts.append(text.get_text_range())
                boxes = [text.get_rect(i) for i in range(text.count_rects())]
                sheets.append((sheet.get_height(), max(box[3] for box in boxes), min(box[1] for box in boxes)))
            margin = min(height - top for height, top, _ in sheets)
            fill = [(top - bottom) / (height - 2 * margin) for height, top, bottom in sheets]  # how full each is
            whole = bare("".join(texts))
            missing = [f"{source}: {s}" for source, s in expected if bare(s) not in whole]
            assert missing == [], f"{scheme}, {paper}: not on paper:\n" + "\n".join(missing)
            assert bare(SITE_URL) in whole, f"{scheme}, {paper}: the site's address is not printed"
            thin = [n + 1 for n, full in enumerate(fill[:-1]) if full < 1 / 3]
            assert thin == [], f"{scheme}, {paper}: sheets {thin} of {len(fill)} are less than a third full ({fill})"
            alone = [(n + 1, h) for n, text in enumerate(texts[:-1]) for h in headings if bare(text).endswith(h)]
            assert alone == [], f"{scheme}, {paper}: a heading at the foot of a sheet, away from its text: {alone}"
            assert_black_on_white(pdf, f"{scheme}, {paper}")


@pytest.mark.parametrize(
    ("served_at", "scheme"),
    [(SITE_URL, "light"), ("https://someone.github.io/a-fork/", "dark")],
    ids=["its-own", "a-forks"],
)
def test_every_page_prints_its_address_and_where_a_link_leaving_the_guide_leads_and_notes_black_on_white(
    new_context, test_project_site, served_at, scheme
):
    """On the tests' own guide served at its own address or a fork's: a link within the guide prints no address;
    no script written as text runs; its timing page holds a tip, a warning and a footnote (each coloured on screen)."""
    context = new_context(service_workers="block", color_scheme=scheme)
    elsewhere = route_site(context, test_project_site, served_at)
    page = context.new_page()
    for _, source in nav_pages():
        if not (test_project_site / page_address(source) / "index.html").is_file():
            continue
        page.goto(served_at + page_address(source))
        assert page.evaluate("window.escapedRan") is None, f"{source}: a script written as text ran"
        assert page.locator("article img[src=x], article b:text-is('not bold')").count() == 0, f"{source}: markup"
        if source in ("timing.md", "steps.md", whole_guide()):  # the pages that show markup as text
            expect(page.locator("article").get_by_text("onerror=").first).to_be_visible()
        if source in ("timing.md", whole_guide()):
            expect(page.locator("article").get_by_text("<b>not bold</b>")).to_be_visible()
        page.emulate_media(media="print")
        address = page.locator(".page-address")
        expect(address).to_be_visible()
        expect(address).to_contain_text(SITE_URL + page_address(source))  # where the guide lives
        shown_after = page.evaluate(
            """() => [...document.querySelectorAll("article a[href]")].map((a) => [a.href,
                 getComputedStyle(a, "::after").content]).filter(([, content]) => content !== "none")"""
        )
        for href, content in shown_after:
            assert not href.startswith((served_at, SITE_URL)), f"{source}: a link within the guide prints {href}"
            assert href in content, f"{source}: {content} for {href}"
        if source == "faq.md":
            assert shown_after, "the link to another site"
        page.emulate_media(media="null")
    page.goto(served_at + page_address("timing.md"))
    expect(page.locator(".admonition").first).to_be_visible()
    for paper in ("A4", "Letter"):
        document = page.pdf(format=paper)
        for sheet in range(len(pypdfium2.PdfDocument(document))):
            assert_black_on_white(document, f"{scheme}, {paper}, sheet {sheet + 1}", sheet)
    assert elsewhere == [] and context.cookies() == [], "a page asked another site for something, or set a cookie"
