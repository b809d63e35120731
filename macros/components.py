"""The guide's components, declared once: each is a list the guide shows from a data file.

A component named NAME is four files and one call: its data, docs/data/NAME.yml; the data's shape,
docs/data/schemas/NAME.schema.json; how it is shown, macros/templates/NAME.html (HTML) or NAME.md
(Markdown, whose headings reach the table of contents); and `{{ NAME() }}` on the one page that shows
it. The data loader, the macros, the edit links, the checks, the bench and the tests read this list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Component:
    name: str  # the macro's name, and the name of its data file, schema and template
    items: str  # the data file's field that holds the list of items
    edit_text: str  # the words of the link, under the component, to edit its data file
    output: str = "html"  # "html", or "markdown" so that the template's headings reach the table of contents
    script: str | None = None  # a script in docs/ the component loads with itself (pages without it load none)
    kept_ids: str | None = None  # why readers depend on its items' ids, when they do (docs/data/published.yml)

    @property
    def data_file(self) -> str:
        return f"{self.name}.yml"

    @property
    def schema_file(self) -> str:
        return f"schemas/{self.name}.schema.json"

    @property
    def template(self) -> str:
        return f"{self.name}.{'md' if self.output == 'markdown' else 'html'}"


COMPONENTS = (
    Component("dos_and_donts", items="pairs", edit_text="Edit the do’s and don’ts"),
    Component("steps", items="steps", edit_text="Edit the steps", kept_ids="it is the step's address, #step-ID"),
    Component(
        "checklist",
        items="items",
        edit_text="Edit the checklist items",
        script="assets/checklist.js",
        kept_ids="readers' saved ticks use it",
    ),
)

BY_NAME = {component.name: component for component in COMPONENTS}
