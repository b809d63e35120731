"""Each theme internal our code relies on (scripts/theme_contract.py) is in the engine's build: a theme upgrade
that changes one fails here, by name."""

import pytest
from bs4 import BeautifulSoup

from scripts.theme_contract import THEME_INTERNALS
from site_build import SITE_ENGINE


@pytest.mark.parametrize(
    "internal", [i for i in THEME_INTERNALS if SITE_ENGINE in i.engines], ids=lambda internal: internal.text[:40]
)
def test_each_theme_internal_we_rely_on_is_in_the_build(built_site, internal):
    def holds(text: str) -> bool:
        if internal.selector:
            return BeautifulSoup(text, "html.parser").select_one(internal.text) is not None
        return internal.text in text

    found = [path for path in built_site.glob(internal.files) if holds(path.read_text("utf-8"))]
    assert found, f"not in {internal.files} of {SITE_ENGINE}'s build: {internal.text!r} ({internal.why})"
