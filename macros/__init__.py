"""Macros entry point, for mkdocs-macros and Zensical: load the data once per build, register the renderers.

MkDocs imports this package once per build. Zensical runs this file by its path, for every page,
and has no MkDocs: nothing here imports MkDocs.
"""

import importlib.util
import sys
from pathlib import Path

if __name__ not in sys.modules:
    # Run by its path (Zensical), the package is not registered: register it (unrun), so that the
    # imports below resolve and the submodules, with the data they keep, load once per process.
    sys.modules[__name__] = importlib.util.module_from_spec(__spec__)


def define_env(env):
    # Imported here, not above: a module of this package (macros.problems, say) then imports even while
    # another holds Python that does not parse, so the check can say where (scripts/python_syntax.py).
    from .components import COMPONENTS
    from .data_cache import load_guide_data_once
    from .edit_links import data_edit_urls
    from .guide_data import GuideDataError
    from .page_urls import asset_url, page_link
    from .render import render_component

    try:
        data = load_guide_data_once(Path(env.project_dir) / env.conf["docs_dir"] / "data")
    except GuideDataError as error:
        raise build_error(error.problem) from None

    edit_urls = data_edit_urls(env.conf)
    whole_guide = (env.conf.get("extra") or {}).get("whole_guide")

    def renderer(component):
        def render():
            # A script comes with its component, so only the page that shows it loads it.
            return render_component(
                component,
                data[component.name],
                edit_url=edit_urls[component.name],
                script_url=asset_url(component.published_script, env.page) if component.script else "",
                whole_guide_url=page_link(whole_guide, env.page) if whole_guide else "",
            )

        return render

    for component in COMPONENTS:
        env.macro(Macro(component.name, renderer(component), env), component.name)


class Macro:
    """A macro that must be called: `{{ steps }}` without brackets stops the build instead of publishing Python."""

    def __init__(self, name, render, env):
        self.name, self.render, self.env = name, render, env

    def __call__(self):
        return self.render()

    def __str__(self):
        from .problems import PAGE, Problem

        page = self.env.page  # MkDocs' page names its source file.src_uri; Zensical's, path
        source = getattr(getattr(page, "file", None), "src_uri", None) or getattr(page, "path", "")
        what = f"{{{{ {self.name} }}}} shows nothing"
        todo = f"write {{{{ {self.name}() }}}}, with the brackets"
        raise build_error(Problem(f"{self.env.conf['docs_dir']}/{source}", what, todo=todo, kind=PAGE))


def build_error(problem) -> Exception:
    """The error that stops the build with the problem's line alone: MkDocs' PluginError under MkDocs (found,
    not imported), GuideDataError under Zensical (scripts/zensical_build.py prints its problem)."""
    from .guide_data import GuideDataError

    plugin_error = getattr(sys.modules.get("mkdocs.exceptions"), "PluginError", None)
    return plugin_error(str(problem)) if plugin_error else GuideDataError(problem)
