"""The CSE workspace flags a child who is missing now, or whose return home interview is overdue, in
the same number of queries however many rows carry a flag."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.missing import services

pytestmark = pytest.mark.django_db

WORKSPACE = reverse("episodes:workspace")


def submitted_child(personas, n):
    child = ChildFactory(first_name=f"Flagtest{n}", allocated_team=personas.team,
                         allocated_worker=personas.practitioner)
    scenarios.submitted(practitioner=personas.practitioner, child=child)
    return child


def missing(personas, child, *, hours_ago: int, returned_hours_ago: int | None = None):
    now = timezone.now()
    data = {"missing_from": "home", "started_at": now - dt.timedelta(hours=hours_ago), "reported_by": "Mum (test)"}
    if returned_hours_ago is not None:
        data |= {"returned_at": now - dt.timedelta(hours=returned_hours_ago), "where_found": "Park (test)"}
    return services.missing_episode_record(actor=personas.practitioner, child=child, data=data)


def row_of(page: str, child) -> str:
    return next(row for row in page.split('class="govuk-table__row"') if child.first_name in row)


def test_missing_now_and_an_overdue_interview_are_flagged(personas, client_for):
    gone, late, on_time, settled = (submitted_child(personas, n) for n in range(4))
    missing(personas, gone, hours_ago=5)
    missing(personas, late, hours_ago=100, returned_hours_ago=80)  # due 8 hours ago
    missing(personas, on_time, hours_ago=30, returned_hours_ago=20)  # due in 52 hours
    episode = missing(personas, settled, hours_ago=100, returned_hours_ago=80)
    services.return_interview_record(actor=personas.practitioner, episode=episode, data={
        "offered_on": timezone.localdate(), "outcome": "declined",
        "outcome_at": timezone.now() - dt.timedelta(hours=79)})
    page = client_for(personas.cse_manager).get(WORKSPACE).text
    assert "Missing now" in row_of(page, gone)
    assert "Return home interview overdue" in row_of(page, late)
    assert "Missing" not in row_of(page, on_time) and "interview" not in row_of(page, on_time)
    assert "interview" not in row_of(page, settled)


def test_the_flags_column_is_headed_alerts_not_by_the_meeting(personas, client_for):
    # The column carries missing flags as well as the meeting's timescales, so it is not named "MASE".
    submitted_child(personas, 0)
    page = client_for(personas.cse_manager).get(WORKSPACE).text
    head = page.split('<thead', 1)[1].split('</thead>', 1)[0]
    assert ">Alerts<" in head and "MASE" not in head


def test_the_flags_cost_the_same_queries_for_one_row_or_many(personas, client_for):
    client = client_for(personas.cse_manager)
    missing(personas, submitted_child(personas, 0), hours_ago=5)
    with CaptureQueriesContext(connection) as one:
        client.get(WORKSPACE)
    for n in range(1, 8):
        missing(personas, submitted_child(personas, n), hours_ago=100, returned_hours_ago=80 if n % 2 else None)
    with CaptureQueriesContext(connection) as many:
        page = client.get(WORKSPACE).text
    assert page.count("Missing now") + page.count("Return home interview overdue") == 8
    assert len(many) == len(one)
