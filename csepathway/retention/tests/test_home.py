"""Information governance's home page: "Disposals due" (issue 12, point 1). Counts and a date only,
the same as the retention queue finds; nobody else gets the section."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.children.tests.factories import ChildFactory
from csepathway.core.configuration import configuration_publish
from csepathway.core.formatting import govuk_date
from csepathway.episodes import scenarios
from csepathway.retention import schedule, selectors, services

from .builders import make_due

pytestmark = pytest.mark.django_db
CHILD_YEARS = 25  # the child's own details' default rule: 25 years from birth


def _home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.text


def _section(page: str) -> str:
    return page.split('data-home="disposals"')[1].split("</section>")[0].replace("\n", "")


def _due_child(name):
    child = ChildFactory(first_name=name, last_name="Disposalhometestchild")
    make_due(child)
    return child


def _coming_of_age(days: int):
    """A child with only their details, whose record falls due in `days` days."""
    due = timezone.localdate() + dt.timedelta(days=days)
    return ChildFactory(first_name="Coming", last_name="Disposalhometestchild",
                        date_of_birth=schedule.add_years(due, -CHILD_YEARS)), due


def test_the_auditor_sees_how_many_are_due_proposed_and_when_the_next_falls_due(personas, client_for):
    proposed = _due_child("Proposed")
    _due_child("Unproposed")
    services.disposal_propose(actor=personas.auditor, child=proposed)
    _coming_of_age(40)
    _, soonest = _coming_of_age(30)
    page = _home(client_for(personas.auditor))
    section = _section(page)
    assert "Disposals due" in section and f'href="{reverse("retention:queue")}"' in section
    rows = section.replace(" ", "")
    assert "Duefordisposal" in rows and "govuk-tag--red" in rows and ">2<" in rows
    assert "Proposed,waitingforasecondperson" in rows and ">1<" in rows
    assert govuk_date(soonest) in section
    assert "Unproposed" not in page and "Disposalhometestchild" not in page  # counts only: no child named


def test_the_counts_are_the_queues(personas, client_for):
    for name in ("One", "Two", "Three"):
        _due_child(name)
    counts = selectors.home_disposal_counts(actor=personas.auditor, today=timezone.localdate())
    assert counts["due"] == len(selectors.disposal_queue(actor=personas.auditor, today=timezone.localdate())) == 3


def test_with_nothing_due_or_coming_it_says_so(personas, client_for):
    section = _section(_home(client_for(personas.auditor)))
    assert ">0<" in section.replace(" ", "") and "None coming" in section


def test_beyond_the_look_ahead_the_date_is_given_as_a_bound(personas, client_for, monkeypatch):
    monkeypatch.setattr(selectors, "LOOK_AHEAD", 1)
    _coming_of_age(30)
    _, later = _coming_of_age(60)
    assert "None coming" not in _section(_home(client_for(personas.auditor)))
    counts = selectors.home_disposal_counts(actor=personas.auditor, today=timezone.localdate())
    assert (counts["next_due_bound"], counts["next_due"]) == ("", timezone.localdate() + dt.timedelta(days=30))
    monkeypatch.setattr(selectors, "LOOK_AHEAD", 2)
    assert selectors.home_disposal_counts(actor=personas.auditor, today=timezone.localdate())["next_due_bound"] == ""
    assert later > counts["next_due"]


def test_a_first_child_with_open_work_makes_the_next_date_a_bound(personas, monkeypatch):
    # The CSE work kept from its closure: while it is open, the child has no date yet.
    configuration_publish(kind="retention", title="Pathway from closure (test)",
                          data={"rules": [{"record_type": "pathway", "trigger": "closure", "years": 6}]})
    monkeypatch.setattr(selectors, "LOOK_AHEAD", 1)
    first, _ = _coming_of_age(10)
    scenarios.draft_episode(practitioner=personas.practitioner, child=first)
    _coming_of_age(20)
    counts = selectors.home_disposal_counts(actor=personas.auditor, today=timezone.localdate())
    assert (counts["next_due"], counts["next_due_bound"]) == (timezone.localdate() + dt.timedelta(days=10), "after")


def test_nobody_else_gets_the_section(personas, client_for):
    _due_child("Due")
    for role in ("practitioner", "outsider", "team_manager", "cse_manager", "police_coordinator", "system_admin"):
        assert 'data-home="disposals"' not in _home(client_for(getattr(personas, role))), role


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _home(client)
    return len(captured)


def test_the_auditors_home_takes_the_same_queries_for_one_record_due_and_five(personas, client_for):
    client = client_for(personas.auditor)
    _due_child("Count0")
    _coming_of_age(10)
    one = _queries(client)
    for number in range(1, 5):
        _due_child(f"Count{number}")
        _coming_of_age(10 + number)
    assert _queries(client) == one
