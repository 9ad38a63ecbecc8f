import pytest

from .builders import POLICE_MAILBOX, full_child, second_auditor


@pytest.fixture(autouse=True)
def _mailbox(settings):
    settings.POLICE_INTELLIGENCE_MAILBOX = POLICE_MAILBOX


@pytest.fixture
def due_child(personas):
    return full_child(personas)


@pytest.fixture
def ivy(db):
    """A second person in information governance."""
    return second_auditor()
