"""The macros package as each engine runs it: imported once per build (MkDocs), or run by its path for
every page, without MkDocs (Zensical); the data loaded once while unchanged; links that fit both."""

import json
import os
import re
import shutil
import subprocess
import sys
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.exceptions import PluginError

from macros.components import COMPONENTS
from macros.page_urls import asset_url, page_address, page_link
from site_build import ROOT, copy_test_data, registrations, site_macros

# Zensical's way (zensical/extensions/macros.py): spec_from_file_location and exec_module, for every
# page, with an env offering conf, project_dir, page and macro(). Run in a new, isolated interpreter:
# nothing on sys.path but the standard library and the virtual environment.
RUN_LIKE_ZENSICAL = r"""
import importlib.util, json, os, sys
from pathlib import Path
from types import SimpleNamespace

root = Path(sys.argv[1])

CONF = {"docs_dir": "docs", "site_url": "https://example.test/guide/", "extra": {"whole_guide": "whole.md"}}

def run_for(url, path):
    spec = importlib.util.spec_from_file_location("macros", root / "macros" / "__init__.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page, macros = SimpleNamespace(url=url, path=path, meta={}), {}
    macro = lambda fn, name=None: macros.__setitem__(name or fn.__name__, fn)
    env = SimpleNamespace(conf=CONF, project_dir=str(root), page=page, macros=macros, macro=macro)
    try:
        module.define_env(env)
    except Exception as error:
        return env, f"{type(error).__name__}: {error}"
    return env, None

loads = []
first, _ = run_for("", "index.md")
cache = sys.modules["macros.data_cache"]
load = cache.load_guide_data
cache.load_guide_data = lambda data_dir: loads.append(1) or load(data_dir)
pages = [run_for(url, path) for url, path in [("steps/", "steps.md"), ("checklist/", "checklist.md")]]
loads_for_two_more_pages = len(loads)
env, _ = pages[-1]
checklist = env.macros["checklist"]()
data_file = root / "docs" / "data" / sys.argv[2]
data_file.write_text(data_file.read_text("utf-8").replace(sys.argv[3], sys.argv[4]), encoding="utf-8")
_, error = run_for("faq/", "faq.md")
_, error_again = run_for("timing/", "timing.md")
print(json.dumps({
    "macros": sorted(first.macros),
    "loads_for_two_more_pages": loads_for_two_more_pages,
    "checklist": checklist,
    "error": error,
    "error_again": error_again,
    "loads_after_the_change": len(loads),
    "engines": sorted(name for name in sys.modules if name.split(".")[0] in ("mkdocs", "material", "zensical")),
}))
"""


def test_run_by_its_path_for_every_page_without_mkdocs_it_loads_the_data_once_and_says_a_data_error_on_each(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    copy_test_data(project / "docs" / "data")
    command = [sys.executable, "-I", "-c", RUN_LIKE_ZENSICAL, project, "checklist.yml", "id: timing", "id: reasons"]
    env = {"PATH": os.environ["PATH"]}
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    run = json.loads(result.stdout)
    assert run["macros"] == sorted(component.name for component in COMPONENTS)
    assert run["engines"] == [], "run as Zensical runs them, the macros import no engine (MkDocs, Material, Zensical)"
    assert 'data-id="reasons"' in run["checklist"]
    assert re.search(r'<a [^>]*href="[./]*whole[^"]*"[^>]*>Print the whole guide', run["checklist"])
    assert run["loads_for_two_more_pages"] == 0, "the data is loaded once while no file changes"
    assert run["loads_after_the_change"] == 1, "and again when one does"
    assert run["error"].startswith("GuideDataError: Guide data error: docs/data/checklist.yml, line ")
    assert 'id "reasons" is already used by item 1' in run["error"]
    assert run["error_again"] == run["error"]


@pytest.mark.parametrize(
    ("source", "expected"), [("index.md", ""), ("faq.md", "faq/"), ("a/index.md", "a/"), ("a/b.md", "a/b/")]
)
def test_a_pages_address_has_directory_urls(source, expected):
    assert page_address(source) == expected


# Under MkDocs, links are relative to the page's address; under Zensical, to its Markdown file, which Zensical then
# rewrites as every link of a page.
@pytest.mark.parametrize(
    ("source", "url", "path", "under_mkdocs", "under_zensical", "asset_under_mkdocs", "asset_under_zensical"),
    [
        ("whole.md", "checklist/", "checklist.md", "../whole/", "whole.md", "../assets/c.js", "assets/c.js"),
        ("whole.md", "", "index.md", "whole/", "whole.md", "assets/c.js", "assets/c.js"),
        ("index.md", "checklist/", "checklist.md", "../", "index.md", "../assets/c.js", "assets/c.js"),
        ("whole.md", "a/b/", "a/b.md", "../../whole/", "../whole.md", "../../assets/c.js", "../assets/c.js"),
        ("whole.md", "a/b.html", "a/b.md", "../whole/", "../whole.md", "../assets/c.js", "../assets/c.js"),
    ],
)
def test_a_link_to_a_page_or_an_asset_is_relative_to_the_page_it_is_written_in(
    source, url, path, under_mkdocs, under_zensical, asset_under_mkdocs, asset_under_zensical
):
    page = SimpleNamespace(url=url, path=path)
    assert page_link(source, page, from_source=False) == under_mkdocs
    assert page_link(source, page, from_source=True) == under_zensical
    assert asset_url("assets/c.js", page, from_source=False) == asset_under_mkdocs
    assert asset_url("assets/c.js", page, from_source=True) == asset_under_zensical


@pytest.mark.parametrize("macro", site_macros())
def test_a_macro_written_without_brackets_is_an_error_that_says_to_add_them(macro):
    """In this process, through Jinja as the macros plugin renders a page: the page's build stops."""
    with pytest.raises(PluginError) as error:
        jinja2.Template(f"{{{{ {macro} }}}}").render({macro: dict(registrations())[macro]})
    assert str(error.value) == (
        f"Page error: docs/faq.md: {{{{ {macro} }}}} shows nothing: write {{{{ {macro}() }}}}, with the brackets"
    )
