import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.meetings.conftest import CHILD_FIRST, local
from csepathway.meetings.services import meeting_schedule

pytestmark = pytest.mark.django_db


def _week(day: dt.date) -> str:
    return (day - dt.timedelta(days=day.weekday())).isoformat()


def test_cse_manager_sees_the_meeting_in_its_week(personas, client_for, schedule, meeting_day):
    schedule()
    content = client_for(personas.cse_manager).get(reverse("meetings:calendar"), {"week": _week(meeting_day)}).content
    content = content.decode()
    assert "Week beginning" in content and CHILD_FIRST in content and "Room 2, Civic Centre" in content


def test_the_calendar_opens_on_the_current_week_and_shows_four_weeks(personas, client_for, schedule, meeting_day):
    schedule()
    content = client_for(personas.cse_worker).get(reverse("meetings:calendar")).content.decode()
    assert content.count("Week beginning") == 4
    assert CHILD_FIRST in content  # three weeks ahead falls inside the four shown


def test_cancelled_meetings_are_not_shown(personas, client_for, schedule, meeting_day):
    from csepathway.meetings.services import meeting_cancel

    meeting_cancel(actor=personas.cse_manager, meeting=schedule(), reason="Chair unwell (test).")
    content = client_for(personas.cse_manager).get(reverse("meetings:calendar"), {"week": _week(meeting_day)})
    assert CHILD_FIRST not in content.content.decode()


def test_the_chair_sees_their_meetings(personas, client_for, schedule, meeting_day):
    schedule()
    content = client_for(personas.mase_chair).get(reverse("meetings:calendar"), {"week": _week(meeting_day)})
    assert CHILD_FIRST in content.content.decode()


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "police_coordinator", "auditor"])
def test_the_calendar_is_for_the_cse_team_and_chairs(personas, client_for, role):
    assert client_for(getattr(personas, role)).get(reverse("meetings:calendar")).status_code == 403


def test_a_nonsense_week_falls_back_to_this_week(personas, client_for):
    assert client_for(personas.cse_manager).get(reverse("meetings:calendar"), {"week": "soon"}).status_code == 200


def test_the_calendar_is_in_the_cse_teams_navigation(personas, client_for):
    assert reverse("meetings:calendar") in client_for(personas.cse_worker).get("/").content.decode()


def _calendar_queries(client, week) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("meetings:calendar"), {"week": week}).status_code == 200
    return len(captured)


def test_calendar_query_count_does_not_grow_with_meetings(personas, client_for, meeting_day):
    client = client_for(personas.cse_manager)

    def add_meetings(count):
        for index in range(count):
            episode = scenarios.decided(practitioner=personas.practitioner,
                                        child=ChildFactory(allocated_team=personas.team),
                                        cse_manager=personas.cse_manager, police=personas.police_coordinator)
            meeting_schedule(actor=personas.cse_manager, episode=episode, kind="initial",
                             starts_at=local(meeting_day, 9 + index % 8), ends_at=local(meeting_day, 10 + index % 8),
                             location="Room 1 (test)", online_link="", chair=personas.mase_chair)

    add_meetings(2)
    few = _calendar_queries(client, _week(meeting_day))
    add_meetings(6)
    assert _calendar_queries(client, _week(meeting_day)) == few
