"""The meetings' home sections for the CSE team, Team Managers, chairs and the police (issue 12,
point 1): each sees the meeting work and the actions their role answers for, scoped like the pages;
nobody else sees a number of it; the page's queries do not grow with the work."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from csepathway.children.restrictions.services import restriction_create
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.meetings.actions.tests.test_actions import add_action, publish_minutes
from csepathway.meetings.services import meeting_schedule

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.text


def _section(page: str, name: str) -> str:
    return page.split(f'data-home="{name}"')[1].split("</section>")[0] if f'data-home="{name}"' in page else ""


def _decided(personas, name, team=None):
    child = ChildFactory(first_name=name, last_name="Meetinghomechild", allocated_team=team or personas.team)
    return scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator)


def _meeting(personas, episode, starts=None, chair=None):
    starts = starts or timezone.localtime() + dt.timedelta(days=3)
    return meeting_schedule(actor=personas.cse_manager, episode=episode, kind="initial", starts_at=starts,
                            ends_at=starts + dt.timedelta(hours=1), location="Room 3 (test)",
                            chair=chair or personas.mase_chair)


def test_the_cse_team_sees_the_meetings_to_schedule_but_not_those_booked(personas, client_for):
    _decided(personas, "Unbooked")
    _meeting(personas, _decided(personas, "Booked"))
    for role in ("cse_worker", "cse_manager"):
        section = _section(_home(client_for(getattr(personas, role))), "to-schedule")
        assert "Meetings to schedule (1)" in section
        assert "Unbooked Meetinghomechild" in section and "Booked Meetinghomechild" not in section
    for role in ("practitioner", "team_manager", "police_coordinator", "mase_chair", "auditor"):
        assert 'data-home="to-schedule"' not in _home(client_for(getattr(personas, role)))


def test_the_cse_team_sees_minutes_to_publish_and_reviews_coming_due(personas, client_for, time_machine):
    held = _meeting(personas, _decided(personas, "Reviewed"), starts=timezone.localtime() + dt.timedelta(hours=1))
    _meeting(personas, _decided(personas, "Waiting"), starts=timezone.localtime() + dt.timedelta(hours=1))
    time_machine.move_to(timezone.localtime() + dt.timedelta(hours=3))
    publish_minutes(held, chair=personas.mase_chair, next_review_on=timezone.localdate() + dt.timedelta(days=10))
    page = _home(client_for(personas.cse_manager))
    assert "Minutes to publish (1)" in _section(page, "minutes")
    reviews = _section(page, "reviews-due")
    assert "Reviews due (1)" in reviews and "Reviewed Meetinghomechild" in reviews


def test_a_restricted_child_is_not_in_the_cse_lists_of_someone_outside_it(personas, client_for):
    hidden = _decided(personas, "Hidden")
    restriction_create(actor=personas.team_manager, child=hidden.child, reason="staff")
    section = _section(_home(client_for(personas.cse_manager)), "to-schedule")
    assert "Meetings to schedule (0)" in section and "Hidden" not in section


def test_a_team_manager_sees_their_teams_overdue_actions_and_another_team_does_not(personas, client_for):
    meeting = _meeting(personas, _decided(personas, "Teamaction"))
    add_action(meeting, created_by=personas.mase_chair, due_on=timezone.localdate() - dt.timedelta(days=2),
               description="Late visit (test)")
    add_action(meeting, created_by=personas.mase_chair, description="Not yet due (test)")
    section = _section(_home(client_for(personas.team_manager)), "actions-team_overdue")
    assert "Your team&#39;s overdue MASE actions (1)" in section or "Your team's overdue MASE actions (1)" in section
    assert "Late visit (test)" in section and "Not yet due (test)" not in section
    assert 'data-home="actions-team_overdue"' not in _home(client_for(personas.other_team_manager))


def test_a_chair_sees_the_overdue_actions_of_the_meetings_they_chair(personas, client_for, django_user_model):
    meeting = _meeting(personas, _decided(personas, "Chairaction"))
    add_action(meeting, created_by=personas.mase_chair, due_on=timezone.localdate() - dt.timedelta(days=1),
               description="Overdue disruption (test)")
    assert "Overdue disruption (test)" in _section(_home(client_for(personas.mase_chair)), "actions-chaired_overdue")
    second = django_user_model.objects.create_user(username="second.chair", role="mase_chair",
                                                   team=personas.mase_chair.team)
    assert "Overdue disruption (test)" not in _home(client_for(second))


def test_the_police_coordinator_sees_the_actions_the_police_own(personas, client_for):
    meeting = _meeting(personas, _decided(personas, "Policeaction"))
    add_action(meeting, created_by=personas.mase_chair, owner=personas.police_coordinator,
               description="Visit the address (test)")
    add_action(meeting, created_by=personas.mase_chair, agency="Testshire Police", owner_name="PC Test",
               description="Check the vehicle (test)")
    add_action(meeting, created_by=personas.mase_chair, description="School support (test)")
    section = _section(_home(client_for(personas.police_coordinator)), "actions-police")
    assert "MASE actions the police own (2)" in section
    assert "Check the vehicle (test)" in section and "School support (test)" not in section


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _home(client)
    return len(captured)


@pytest.mark.parametrize("role", ["cse_manager", "team_manager", "mase_chair", "police_coordinator"])
def test_the_page_takes_the_same_queries_for_one_item_or_many(personas, client_for, role):
    client = client_for(getattr(personas, role))

    def add(name):
        meeting = _meeting(personas, _decided(personas, name))
        add_action(meeting, created_by=personas.mase_chair, due_on=timezone.localdate() - dt.timedelta(days=1),
                   agency="Testshire Police", description=f"{name} (test)")
        _decided(personas, f"{name}unbooked")

    add("First")
    few = _queries(client)
    for number in range(4):
        add(f"More{number}")
    assert _queries(client) == few


def test_the_practitioner_sees_the_meetings_they_are_invited_to(personas, client_for):
    _meeting(personas, _decided(personas, "Invited"))
    section = _section(_home(client_for(personas.practitioner)), "invitations")
    assert "Meetings you are invited to (1)" in section and "Invited Meetinghomechild" in section
    assert 'data-home="invitations"' not in _home(client_for(personas.same_team_practitioner))
    assert 'data-home="invitations"' not in _home(client_for(personas.outsider))
