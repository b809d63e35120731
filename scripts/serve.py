"""The preview (`make serve`): MkDocs' live-reload server that never stops at a mistake.

Each change is checked as the builds check it (scripts/check_guide.py), then built strictly. While a
mistake stands, every page answers at once with a page that lists each problem (file, line, what to do,
the words the check and the build print), and the open tab reloads to it; when the file is mended, the
tab reloads to the page. `make build` and CI are as strict as ever: this changes the preview only.

Usage: python scripts/serve.py [CONFIG] [--dev-addr HOST:PORT]   (make serve: mkdocs.yml's dev_addr, 127.0.0.1:8000)
"""

from __future__ import annotations

import argparse
import html
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from check_guide import guide_problems
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hooks.github_annotations import located  # noqa: E402

log = logging.getLogger("mkdocs.serve")

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
        where = located(message)
        first = message.splitlines()[0] if message else record.levelname
        self.lines.append(f"{where[0]}, line {where[1]}: {first}" if where and where[1] else first)


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
    site_dir = tempfile.mkdtemp(prefix="preview-")

    def get_config():
        extra = {"dev_addr": arguments.dev_addr} if arguments.dev_addr else {}
        return load_config(config_file=str(config_file), site_dir=site_dir, **extra)

    config = get_config()
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    def builder(config=None):
        """Check, then build strictly; never raise: a mistake is shown, not fatal."""
        problems = guide_problems(config_file)
        if not problems:
            collect = _Collect()
            logging.getLogger("mkdocs").addHandler(collect)
            try:
                config = get_config()
                config.site_url = serve_url
                build(config, serve_url=serve_url)
            except (Exception, SystemExit) as error:  # the macros plugin exits on a macro error
                if not collect.lines:
                    collect.lines.append(f"{type(error).__name__}: {error}")
            finally:
                logging.getLogger("mkdocs").removeHandler(collect)
            problems = collect.lines if collect.lines else []
        for problem in problems:
            log.error(problem)
        if problems:
            log.error("The preview shows these mistakes in the browser until they are mended.")
        server.problems = problems

    server = Preview(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)
    try:
        builder()
        for path in [config.docs_dir, str(config_file), *config.watch]:
            server.watch(path)
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
