"""The preview (`make serve`): MkDocs' live-reload server that never stops at a mistake.

Each change is checked as the builds check it (scripts/check_guide.py), then built strictly. While a
mistake stands, every page answers at once with a page that lists each problem (file, line, what to do,
the words the check and the build print), and the open tab reloads to it; when the file is mended, the
tab reloads to the page. `make build` and CI are as strict as ever: this changes the preview only.

Usage: python -m scripts.serve [CONFIG] [--dev-addr HOST:PORT]   (make serve: mkdocs.yml's dev_addr, 127.0.0.1:8000)
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from scripts.content_policy import PLACEHOLDER
from scripts.finish_site import publish_component_scripts
from scripts.last_site import one_build_at_a_time
from scripts.python_syntax import python_syntax_problems
from scripts.search_index import write_search_index
from scripts.settings import read_config

log = logging.getLogger("mkdocs.serve")
MACRO_REPORT = re.compile(r"_File_: `(?P<page>[^`]+)`.*?^(?P<problem>_\w+_: .*?)$", re.S | re.M)

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>The preview stopped: {count}</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 50rem; padding: 0 1rem; }}
li {{ margin: 0 0 1rem; }}
code {{ font-size: 0.95em; white-space: pre-wrap; }}
</style>
</head>
<body>
<main>
<h1>The preview stopped: {count}</h1>
<p>Mend {them} and save: this page reloads by itself, and shows the site once nothing stands in the way.</p>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""


class Preview(LiveReloadServer):
    """Serves the last site that built, or, while a mistake stands, the page that lists the mistakes."""

    problems: list[str] = []

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        wants_page = not path.startswith("/livereload/") and (path.endswith("/") or path.endswith(".html"))
        if not (self.problems and wants_page):
            return super()._serve_request(environ, start_response)
        with self._epoch_cond:  # never half a list: wait for the check and build under way
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch, problems = self._visible_epoch, list(self.problems)
        if not problems:  # mended meanwhile
            return super()._serve_request(environ, start_response)
        content = self._inject_js_into_html(error_page(problems).encode("utf-8"), epoch)
        start_response(
            "500 Internal Server Error",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content)))],
        )
        return [content]


def error_page(problems: list[str]) -> str:
    count = f"{len(problems)} mistake{'s' if len(problems) > 1 else ''} to mend"
    items = "\n".join(f"<li><code>{html.escape(problem)}</code></li>" for problem in problems)
    return PAGE.format(count=count, them="it" if len(problems) == 1 else "them", items=items)


class _Collect(logging.Handler):
    """The build's warnings and errors, each as the one line the terminal shows, with its file and line."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        message = record.getMessage().strip()
        if report := MACRO_REPORT.search(message):  # the macros plugin's long report of an error in macros/
            message = f"docs/{report['page']}: {report['problem'].replace('_', '', 2)}"
        self.lines.append(message.splitlines()[0] if message else record.levelname)


def check(config_file: Path) -> list[str]:
    """The problems the check finds, each as its printed line. The check runs as a program of its own, so that
    it reads the macros as they are now; it gives its problems' fields (--json). Python that does not parse in
    macros/ is named by its file and line first: the check cannot start without it."""
    if problems := python_syntax_problems(config_file.parent):
        return [str(problem) for problem in problems]
    result = subprocess.run(
        [sys.executable, "-m", "scripts.check_guide", str(config_file), "--json"], capture_output=True, text=True
    )
    try:
        return [problem["shown"] for problem in json.loads(result.stdout)]
    except ValueError:  # it stopped before it could say: its last words say why
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        return [f"The check stopped: {last}"]


def without_policy(site: Path) -> None:
    """The preview's pages without the Content-Security-Policy's place (filled only after `make build`, over the
    whole site): the live reload's own inline script must run here."""
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        if POLICY_TAG in text:
            page.write_text(text.replace(POLICY_TAG, ""), "utf-8")


POLICY_TAG = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'


def build_problems(config_file: Path, site_dir: str, serve_url: str, dev_addr: str | None) -> list[str]:
    """Build strictly into site_dir, with the macros as they are now; the problems, or none."""
    for name in [name for name in sys.modules if name == "macros" or name.startswith("macros.")]:
        del sys.modules[name]  # a change to macros/ takes effect at the next build
    collect = _Collect()
    logging.getLogger("mkdocs").addHandler(collect)
    config = None
    try:
        config = load_config(
            config_file=str(config_file), site_dir=site_dir, **({"dev_addr": dev_addr} if dev_addr else {})
        )
        config.plugins.on_startup(command="serve", dirty=False)  # the hooks place each warning on its line
        config.site_url = serve_url
        build(config, serve_url=serve_url)
        publish_component_scripts(Path(site_dir))
        write_search_index(Path(site_dir), read_config(config_file), Path(config.docs_dir) / "data")
        without_policy(Path(site_dir))
    except (Exception, SystemExit) as error:  # the macros plugin exits on a macro error
        if not collect.lines:
            where = f"{config_file.name}: " if config is None else ""  # a setting MkDocs refused
            collect.lines.append(f"{where}{type(error).__name__}: {error}".splitlines()[0])
    finally:
        if config is not None:
            config.plugins.on_shutdown()
        logging.getLogger("mkdocs").removeHandler(collect)
    return collect.lines


def main() -> int:
    parser = argparse.ArgumentParser(description="Preview the site; every mistake is shown in the browser.")
    parser.add_argument("config", nargs="?", default="mkdocs.yml")
    parser.add_argument("--dev-addr", help="HOST:PORT to serve on (mkdocs.yml's dev_addr by default)")
    arguments = parser.parse_args()
    config_file = Path(arguments.config).resolve()
    if not config_file.is_file():
        print(
            f"No {config_file.name} in {config_file.parent}: run this from the repository's top folder.",
            file=sys.stderr,
        )
        return 1
    with one_build_at_a_time(config_file.parent / "site"):
        pass  # the preview builds elsewhere; but a killed `make build` left half a site: put the last whole one back
    # Where to listen and what to watch, even while mkdocs.yml itself is broken.
    try:
        settings = read_config(config_file)
    except (ValueError, yaml.YAMLError):  # the page will say what is wrong; the address is read as it stands
        text = config_file.read_text("utf-8", errors="replace")
        settings = {
            key: found[1] for key in ("site_url", "docs_dir") if (found := re.search(rf"^{key}:\s*(\S+)", text, re.M))
        }
    host, port = (arguments.dev_addr or settings.get("dev_addr") or "127.0.0.1:8000").rsplit(":", 1)
    mount_path = urlsplit(settings.get("site_url") or "/").path
    serve_url = _serve_url(host, int(port), mount_path)
    site_dir = tempfile.mkdtemp(prefix="preview-")

    def builder(config=None):
        """Check, then build strictly; never raise: a mistake is shown, not fatal."""
        try:
            problems = check(config_file)
            for problem in problems:
                log.error(problem)  # the build prints its own
            if not problems:
                problems = build_problems(config_file, site_dir, serve_url, arguments.dev_addr)
        except Exception as error:  # whatever happens, the preview answers and says so
            problems = [f"The preview could not build: {type(error).__name__}: {error}"]
            log.error(problems[0])
        if problems:
            log.error("The preview shows these mistakes in the browser until they are mended.")
        server.problems = problems

    server = Preview(builder=builder, host=host, port=int(port), root=site_dir, mount_path=mount_path)

    def not_found(code):  # the site's own 404 page, as `mkdocs serve` shows it
        page = Path(site_dir) / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    server.error_handler = not_found
    try:
        builder()
        docs = config_file.parent / (settings.get("docs_dir") or "docs")
        watched = {config_file.parent / path for path in settings.get("watch") or []}
        watched |= {config_file.parent / "macros"} & {path for path in config_file.parent.iterdir() if path.is_dir()}
        for path in [docs, config_file, *sorted(watched)]:  # (macros/ even while mkdocs.yml cannot be read)
            server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")
    sys.exit(main())
