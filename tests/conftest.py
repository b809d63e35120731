"""Fixtures shared across the test layers."""

from pathlib import Path

import pytest

from site_build import ROOT, build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test session with a strict build into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    warnings = build_site(ROOT, site)
    assert warnings == [], f"the strict build logged warnings: {warnings}"
    return site
