"""The CSE workspace a page at a time: fifty rows a page, the counts and the warnings covering every
page, worked out in SQL, and a fixed number of queries however long the queue."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.clocks import decision_due_on
from csepathway.episodes.models import Episode
from csepathway.episodes.selectors import PER_PAGE

pytestmark = pytest.mark.django_db
WORKSPACE = reverse("episodes:workspace")


def submit(personas, n):
    return [scenarios.submitted(practitioner=personas.practitioner, child=ChildFactory(allocated_team=personas.team))
            for _ in range(n)]


def test_submitting_stores_when_the_decision_is_due(personas):
    [episode] = submit(personas, 1)
    episode.refresh_from_db()
    assert episode.decision_due_on == decision_due_on(episode.submitted_at)
    assert episode.decision_due_on > timezone.localdate()


def test_the_queue_shows_fifty_a_page_and_counts_them_all(personas, client_for):
    submit(personas, PER_PAGE + 1)
    client = client_for(personas.cse_manager)

    first = client.get(WORKSPACE).content.decode()
    second = client.get(WORKSPACE, {"page": 2}).content.decode()

    assert f"{PER_PAGE + 1} episodes" in first and f"{PER_PAGE + 1} episodes" in second
    assert first.count('class="govuk-table__row"') == PER_PAGE + 1  # the rows and the heading row
    assert second.count('class="govuk-table__row"') == 2
    assert "page=2" in first


def test_an_overdue_decision_on_a_later_page_is_still_counted(personas, client_for):
    episodes = submit(personas, PER_PAGE + 1)
    # Submitted last of all, so it sorts onto the second page, and its decision was due yesterday.
    Episode.objects.filter(pk=episodes[0].pk).update(submitted_at=timezone.now() + dt.timedelta(minutes=1),
                                                     decision_due_on=timezone.localdate() - dt.timedelta(days=1))
    first = client_for(personas.cse_manager).get(WORKSPACE).content.decode()
    assert "1 episode is past the decision timescale" in first
    assert "Overdue" not in first.split("govuk-table")[1]  # the overdue row itself is on page 2


def test_the_filters_travel_with_the_pages(personas, client_for):
    submit(personas, PER_PAGE + 1)
    page = client_for(personas.cse_manager).get(WORKSPACE, {"risk_level": "medium"}).content.decode()
    assert "risk_level=medium" in page and "page=2" in page


def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(WORKSPACE, params).status_code == 200
    return len(captured)


def test_the_same_queries_for_a_short_queue_and_a_long_one(personas, client_for):
    client = client_for(personas.cse_manager)
    submit(personas, 3)
    few = _queries(client)
    submit(personas, PER_PAGE + 10)
    assert _queries(client) == few
    assert _queries(client, page=2) == few


def test_a_bad_page_number_shows_the_first_page(personas, client_for):
    submit(personas, 2)
    assert client_for(personas.cse_manager).get(WORKSPACE, {"page": "x"}).status_code == 200
