"""mkdocs-macros entry point: load the data once per build and register the render functions."""

from pathlib import Path

from .edit_links import data_edit_urls
from .guide_data import GuideDataError, load_guide_data
from .render import render_checklist, render_dos_and_donts, render_steps

CHECKLIST_SCRIPT = "assets/checklist.js"


def define_env(env):
    try:
        data = load_guide_data(Path(env.conf["docs_dir"]) / "data")
    except GuideDataError as error:
        from mkdocs.exceptions import PluginError  # here, so the package imports without MkDocs

        # PluginError makes MkDocs print the message alone and exit 1, before any page is written.
        raise PluginError(f"Guide data error: {error}") from None

    edit_urls = data_edit_urls(env.conf)
    env.macro(lambda: render_dos_and_donts(data.dos_and_donts, edit_urls["dos_and_donts"]), "dos_and_donts")
    env.macro(lambda: render_steps(data.steps, edit_urls["steps"]), "steps")

    def checklist():
        from mkdocs.utils import get_relative_url

        # The script comes with the checklist, so only pages that show one load it.
        script_url = get_relative_url(CHECKLIST_SCRIPT, env.page.url)
        return render_checklist(data.checklist, script_url, env.page.canonical_url or "", edit_urls["checklist"])

    env.macro(checklist)
