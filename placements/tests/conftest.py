"""Fixtures shared by the placements tests."""

import pytest

from placements.services import work_experience


@pytest.fixture
def references_missing(monkeypatch):
    """A requirement confirming waits for (protocol 3.3.2), unmet: the mechanism, whatever the list holds."""
    unmet = work_experience.Requirement("references", "the references are not in", lambda application: False)
    monkeypatch.setattr(work_experience, "CONFIRM_REQUIREMENTS", (*work_experience.CONFIRM_REQUIREMENTS, unmet))
