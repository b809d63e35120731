"""The model of the reader (tests/checklist_model.py, which test_offline.py extends too) against real Chromium."""

import pytest

from checklist_model import EXAMPLES, Reader, run


def test_the_checklist_agrees_with_the_model_in_any_journey(site_context, page_url):
    run(Reader, site_context, page_url)


@pytest.mark.parametrize("storage", ["blocked", "full", "corrupted", "carried"])
def test_the_checklist_agrees_with_the_model_when_storage_fails_from_the_start(site_context, page_url, storage):
    machine = type(f"Reader_{storage}", (Reader,), {"storage": storage})
    run(machine, site_context, page_url, max_examples=max(2, EXAMPLES // 3))
