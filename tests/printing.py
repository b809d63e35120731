"""What the tests share about paper: the site's chrome, which never prints, and a sheet that prints black on white."""

import pypdfium2

# The theme's chrome and the components' on-screen controls (data-screen-only): none of it belongs on paper.
CHROME = {
    "header": ".md-header",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".guide-search",
    "edit button": ".md-content__button",
    "previous and next": ".md-footer__inner",
    "footer": ".md-footer",
    "checklist controls": "[data-checklist-controls]",
    "a component's controls for the screen": "[data-screen-only]",
    "introduction for the screen": ".checklist-intro",
}


def chrome_shown(page, media):
    """The names of chrome elements that take up room on the page, on screen or on paper."""
    page.emulate_media(media=media)
    try:
        return page.evaluate(
            """(chrome) => Object.entries(chrome).filter(([, selector]) =>
                 [...document.querySelectorAll(selector)].some((element) => {
                   const style = getComputedStyle(element);
                   return element.getClientRects().length > 0 && style.visibility !== "hidden";
                 })).map(([name]) => name)""",
            CHROME,
        )
    finally:
        page.emulate_media(media="null")  # no emulation: screen, and print when printing


def assert_black_on_white(document, paper, sheet=0):
    image = pypdfium2.PdfDocument(document)[sheet].render(scale=1).to_pil().convert("RGB")
    width, height = image.size
    colours = image.getcolors(maxcolors=width * height)
    assert max(colours)[1] == (255, 255, 255), f"{paper}: the paper is not white"
    inked = [(count, c) for count, c in colours if c != (255, 255, 255)]
    assert inked, f"{paper}: nothing printed"
    assert all(max(c) - min(c) <= 12 for _, c in inked), f"{paper}: something prints in colour"
    darkest = min(sum(c) for _, c in inked)
    assert darkest <= 60, f"{paper}: the text is not black"
