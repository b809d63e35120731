"""Each theme internal our code relies on (scripts/theme_contract.py) is in the engine's build: a theme upgrade
that changes one fails here, by name."""

import pytest

from scripts.theme_contract import THEME_INTERNALS
from site_build import SITE_ENGINE


@pytest.mark.parametrize(
    "internal", [i for i in THEME_INTERNALS if SITE_ENGINE in i.engines], ids=lambda internal: internal.text[:40]
)
def test_each_theme_internal_we_rely_on_is_in_the_build(built_site, internal):
    found = [path for path in built_site.glob(internal.files) if internal.text in path.read_text("utf-8")]
    assert found, f"not in {internal.files} of {SITE_ENGINE}'s build: {internal.text!r} ({internal.why})"
