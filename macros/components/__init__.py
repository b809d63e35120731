"""The guide's components, declared once: each is a list the guide shows from a data file.

A component named NAME is a folder, macros/components/NAME/, with everything of its own side by side: the
shape of its data, schema.json; how it is shown, template.html (HTML) or template.md (Markdown, whose headings
reach the table of contents); its script, if it has one, published at assets/ and loaded with it alone (and
in the whole guide); and its own tests (test_*.py, *.test.js). Its data, docs/data/NAME.yml, stays with the
other data contributors edit, and `{{ NAME() }}` on the one page that shows it. The data loader, the macros,
the edit links, the checks, the build, the bench and the generic tests read this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).parent  # macros/components: a folder each


@dataclass(frozen=True)
class Component:
    name: str  # the macro's name, and the name of its data file, schema and template
    items: str  # the data file's field that holds the list of items
    edit_text: str  # the words of the link, under the component, to edit its data file
    output: str = "html"  # "html", or "markdown" so that the template's headings reach the table of contents
    script: str | None = None  # a script in its folder, loaded with it alone (pages without it load none)
    kept_ids: str | None = None  # why readers depend on its items' ids, when they do (docs/data/published.yml)

    @property
    def data_file(self) -> str:
        return f"{self.name}.yml"

    @property
    def folder(self) -> Path:
        return FOLDER / self.name

    @property
    def schema(self) -> Path:
        return self.folder / "schema.json"

    @property
    def template(self) -> str:
        """Its template, as the Jinja loader (rooted at macros/components) names it."""
        return f"{self.name}/template.{'md' if self.output == 'markdown' else 'html'}"

    @property
    def published_script(self) -> str | None:
        """Where its script is published in the site (None: it has none)."""
        return f"assets/{self.script}" if self.script else None


COMPONENTS = (
    Component("dos_and_donts", items="pairs", edit_text="Edit the do’s and don’ts"),
    Component("steps", items="steps", edit_text="Edit the steps", kept_ids="it is the step's address, #step-ID"),
    Component(
        "checklist",
        items="items",
        edit_text="Edit the checklist items",
        script="checklist.js",
        kept_ids="readers' saved ticks use it",
    ),
)

BY_NAME = {component.name: component for component in COMPONENTS}


def published_scripts() -> dict[str, Path]:
    """Each component's script: where the site publishes it (assets/NAME.js) → its file."""
    return {
        component.published_script: component.folder / component.script for component in COMPONENTS if component.script
    }
