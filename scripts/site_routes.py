"""The built site answered at its real address inside a Playwright browser context, so that the theme behaves
as it does when published (instant navigation only follows links on its own origin, say): for the browser
tests and for scripts that look at the site as readers get it (scripts/paper.py)."""

from pathlib import Path
from urllib.parse import unquote, urlsplit


def route_site(context, site: Path, site_url: str) -> list[str]:
    """Answer every request of `context` from `site` at `site_url`; refuse any other address, and list it in
    the list returned, so that a caller can prove the site asks nothing of anyone else."""
    elsewhere: list[str] = []
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    prefix = urlsplit(site_url).path

    def answer(route):
        url = urlsplit(route.request.url)
        if f"{url.scheme}://{url.netloc}" != origin or not url.path.startswith(prefix):
            elsewhere.append(route.request.url)
            return route.abort()
        path = site / unquote(url.path[len(prefix) :])
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            return route.fulfill(path=str(path))
        return route.fulfill(status=404, path=str(site / "404.html"))

    context.route("**/*", answer)
    context.answer = answer  # for a test that holds a request back, then lets the site answer it
    return elsewhere
