"""After a build (either engine): every address of the sitemap dated with the site's one date (SOURCE_DATE_EPOCH).

MkDocs dates each address with SOURCE_DATE_EPOCH, and gzips a twin (sitemap.xml.gz); Zensical writes no date.
Both end the same here: each <url> with <lastmod> of the site's date, the twin (where there is one) written
again with that date in its header, so that neither holds the clock.
"""

import gzip
import re
from pathlib import Path

from scripts.source_date import site_date

URL = re.compile(r"<url>(.*?)</url>", re.S)
LASTMOD = re.compile(r"\s*<lastmod>[^<]*</lastmod>")


def date_sitemap(site: Path, epoch: int) -> Path | None:
    """Set every <lastmod> of site/sitemap.xml to the site's date; the sitemap, or None where there is none."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return None
    day = site_date(epoch).isoformat()

    def dated(url: re.Match) -> str:
        inner = LASTMOD.sub("", url[1]).replace("</loc>", f"</loc><lastmod>{day}</lastmod>", 1)
        return f"<url>{inner}</url>"

    text = URL.sub(dated, sitemap.read_text("utf-8"))
    sitemap.write_text(text, "utf-8")
    twin = site / "sitemap.xml.gz"
    if twin.exists():
        with twin.open("wb") as raw, gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=raw, mtime=epoch) as gz:
            gz.write(text.encode("utf-8"))
    return sitemap
