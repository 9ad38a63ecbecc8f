import datetime as dt

import pytest

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios

from . import services

CHILD_FIRST, CHILD_LAST = "Rosalind", "Testchild"
SUBJECT = "Darren Testperson, seen collecting children from school"
INFORMATION = "Seen twice this month waiting outside the school gates in a silver car (test)."
POLICE_MAILBOX = "fib-intelligence@police.test.invalid"


@pytest.fixture
def child(personas):
    return ChildFactory(first_name=CHILD_FIRST, last_name=CHILD_LAST, allocated_team=personas.team,
                        lcs_reference="LCS-777005")


@pytest.fixture
def episode(personas, child):
    """An episode the CSE team and the police can see (submitted)."""
    return scenarios.submitted(practitioner=personas.practitioner, child=child)


@pytest.fixture(autouse=True)
def _mailbox(settings):
    settings.POLICE_INTELLIGENCE_MAILBOX = POLICE_MAILBOX
    settings.SERVICE_BASE_URL = "https://cse-pathway.test.invalid"


REPORT_DATA = {"subject": SUBJECT, "information": INFORMATION, "how_learned": "told_by_child",
               "happened_on": dt.date(2026, 1, 5), "learned_on": None}


@pytest.fixture
def draft(personas, episode):
    """A draft written by the practitioner, naming a person and a vehicle."""

    def make(author=None, **overrides):
        report = services.report_create(actor=author or personas.practitioner, episode=episode,
                                        data={**REPORT_DATA, **overrides})
        actor = author or personas.practitioner
        services.piece_add(actor=actor, report=report, kind="person", data={
            "full_name": "Darren Testperson", "date_of_birth": dt.date(1990, 4, 2), "aliases": "Daz",
            "description": "Tall, shaved head (test)", "how_learned": "told_by_child"})
        services.piece_add(actor=actor, report=report, kind="vehicle", data={
            "registration": "AB12CDE", "make": "Ford", "model": "Focus", "colour": "Silver", "how_learned": "seen"})
        report.refresh_from_db()
        return report

    return make


@pytest.fixture
def sent(personas, draft, django_capture_on_commit_callbacks):
    def make(author=None, **overrides):
        report = draft(author=author, **overrides)
        with django_capture_on_commit_callbacks(execute=True):
            services.report_send(actor=author or personas.practitioner, report=report,
                                 expected_version=report.version)
        report.refresh_from_db()
        return report

    return make


def grade(personas, report, handling_code="P"):
    return services.report_grade(actor=personas.police_coordinator, report=report, expected_version=report.version,
                                 data={"police_reference": "FIB/2026/0042", "source_evaluation": "2",
                                       "intelligence_assessment": "B", "handling_code": handling_code})
