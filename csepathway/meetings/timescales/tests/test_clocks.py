"""The MASE clocks: the practitioner's invitations within 2 working days of scheduling, the initial
meeting within 10 working days of the decision, bank holidays left out; shown on the meeting page
and flagged in the CSE workspace in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.children.tests.factories import ChildFactory
from csepathway.core.configuration import configuration_publish
from csepathway.episodes import scenarios
from csepathway.episodes.clocks import initial_mase_due_on
from csepathway.episodes.models import Episode
from csepathway.meetings.actions.tests.test_actions import publish_minutes
from csepathway.meetings.conftest import local
from csepathway.meetings.models import Invitee, MaseMeeting
from csepathway.meetings.services import meeting_cancel, meeting_schedule
from csepathway.meetings.timescales import clocks as timescales

pytestmark = pytest.mark.django_db

# Thursday 24 December 2026: Christmas Day (Friday) and the Boxing Day substitute (Monday 28th) do not count.
CHRISTMAS_EVE = dt.datetime(2026, 12, 24, 10, 0)


def at(time_machine, moment: dt.datetime):
    time_machine.move_to(timezone.make_aware(moment), tick=False)


def invite(meeting, personas, *, automatically=False) -> Invitee:
    return Invitee.objects.create(meeting=meeting, kind=Invitee.Kind.PROFESSIONAL, name="Sol Schoolnurse",
                                  relationship="School nurse", agency="Testshire Health",
                                  email="sol@health.example.invalid", invited_by=personas.practitioner,
                                  added_automatically=automatically)


def decided_on(episode, moment: dt.datetime) -> Episode:
    """As if the decision had been made at `moment`: its time and the initial MASE's due date."""
    decided_at = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    Episode.objects.filter(pk=episode.pk).update(decided_at=decided_at,
                                                 initial_mase_due_on=initial_mase_due_on(decided_at))
    episode.refresh_from_db()
    return episode


def schedule_on(personas, episode, day: dt.date, kind: str = "initial") -> MaseMeeting:
    return meeting_schedule(actor=personas.cse_manager, episode=episode, kind=kind, starts_at=local(day, 14),
                            ends_at=local(day, 15), location="Room 2, Civic Centre", chair=personas.mase_chair)


# The calculations, across Christmas

def test_invitations_are_due_two_working_days_after_scheduling_not_counting_christmas(personas, episode,
                                                                                      time_machine):
    at(time_machine, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 6))
    invite(meeting, personas, automatically=True)  # the practitioner, invited by the scheduling itself
    clock = timescales.invitations_clock(meeting, today=dt.date(2026, 12, 30))
    assert clock.due_on == dt.date(2026, 12, 30)
    assert not clock.breached
    late = timescales.invitations_clock(meeting, today=dt.date(2026, 12, 31))
    assert late.breached and not late.met


def test_the_practitioners_own_invitation_meets_the_invitations_clock(personas, episode, time_machine):
    at(time_machine, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 6))
    invite(meeting, personas)
    clock = timescales.invitations_clock(meeting, today=dt.date(2027, 1, 4))
    assert clock.met and not clock.breached


def test_a_cancelled_meeting_is_never_late_with_its_invitations(personas, episode, time_machine):
    at(time_machine, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 6))
    meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Moved to another date.")
    meeting.refresh_from_db()
    assert not timescales.invitations_clock(meeting, today=dt.date(2027, 1, 4)).breached


def test_the_initial_mase_is_due_ten_working_days_after_the_decision_not_counting_bank_holidays(personas, episode):
    episode = decided_on(episode, CHRISTMAS_EVE)
    waiting = timescales.initial_mase_clock(episode, [], today=dt.date(2027, 1, 12))
    assert waiting.due_on == dt.date(2027, 1, 12)  # 25, 28 December and 1 January do not count
    assert not waiting.breached
    assert timescales.initial_mase_clock(episode, [], today=dt.date(2027, 1, 13)).breached


def test_an_initial_mase_booked_by_the_due_date_meets_the_clock(personas, episode):
    episode = decided_on(episode, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 12))
    clock = timescales.initial_mase_clock(episode, [meeting], today=dt.date(2027, 1, 20))
    assert clock.met and not clock.breached


def test_an_initial_mase_booked_after_the_due_date_is_flagged_at_once(personas, episode):
    episode = decided_on(episode, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 13))
    clock = timescales.initial_mase_clock(episode, [meeting], today=dt.date(2026, 12, 29))
    assert clock.breached and not clock.met


def test_a_cancelled_initial_mase_does_not_meet_the_clock(personas, episode):
    episode = decided_on(episode, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 5))
    meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Chair unwell.")
    meeting.refresh_from_db()
    assert timescales.initial_mase_clock(episode, [meeting], today=dt.date(2027, 1, 13)).breached


def test_an_episode_not_needing_a_mase_runs_no_initial_clock(personas, child):
    episode = scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                                police=personas.police_coordinator, mase_required=False)
    assert timescales.initial_mase_clock(episode, []) is None


def test_the_timescales_come_from_published_configuration(personas, episode):
    configuration_publish(kind="timescales", title="Longer MASE clocks (test)",
                          data={"cse_decision_working_days": 3, "mase_invitations_working_days": 5,
                                "initial_mase_working_days": 15})
    assert timescales.invitations_working_days() == 5
    assert timescales.initial_mase_working_days() == 15
    episode = decided_on(episode, CHRISTMAS_EVE)
    assert timescales.initial_mase_clock(episode, []).due_on == dt.date(2027, 1, 19)


def test_without_configuration_the_defaults_apply():
    assert timescales.invitations_working_days() == 2
    assert timescales.initial_mase_working_days() == 10


# The meeting page

def test_the_meeting_page_shows_both_timescales(personas, client_for, episode, time_machine):
    at(time_machine, CHRISTMAS_EVE)
    episode = decided_on(episode, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 8))
    page = client_for(personas.practitioner).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "Timescales" in page
    assert "Due by 30 December 2026 (2 working days after scheduling)" in page
    assert "Not sent yet" in page
    assert "Due by 12 January 2027 (10 working days after the decision)" in page
    assert "On time" in page
    assert "govuk-warning-text" not in page


def test_the_meeting_page_warns_when_the_invitations_are_late(personas, client_for, episode, time_machine):
    at(time_machine, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 8))
    at(time_machine, dt.datetime(2026, 12, 31, 9, 0))
    page = client_for(personas.cse_worker).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "govuk-warning-text" in page
    assert "invitations to the child, family and professionals were due by 30 December 2026" in page
    invite(meeting, personas)
    page = client_for(personas.cse_worker).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "were due by" not in page
    assert "Sent" in page


def test_the_meeting_page_warns_when_the_initial_mase_is_late(personas, client_for, episode, time_machine):
    at(time_machine, CHRISTMAS_EVE)
    episode = decided_on(episode, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 14))
    invite(meeting, personas)
    page = client_for(personas.mase_chair).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "The initial MASE was due by 12 January 2027" in page


# The CSE workspace

def _workspace(client) -> str:
    return client.get(reverse("episodes:workspace")).text


def test_the_workspace_flags_late_invitations_and_a_late_initial_mase(personas, client_for, episode, time_machine):
    # Signed in again after each jump in time: the idle session limit would sign the user out.
    def workspace() -> str:
        return _workspace(client_for(personas.cse_manager))

    at(time_machine, CHRISTMAS_EVE)
    episode = decided_on(episode, CHRISTMAS_EVE)
    assert "Initial MASE overdue" not in workspace()
    at(time_machine, dt.datetime(2027, 1, 13, 9, 0))
    page = workspace()
    assert "Initial MASE overdue" in page
    assert "1 episode is past a MASE timescale" in page
    at(time_machine, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 8))
    at(time_machine, dt.datetime(2026, 12, 31, 9, 0))
    page = workspace()
    assert "Invitations overdue" in page
    assert "Initial MASE overdue" not in page
    invite(meeting, personas)
    assert "Invitations overdue" not in workspace()


def test_the_workspace_shows_the_review_the_minutes_propose(personas, client_for, episode, schedule):
    meeting = schedule()
    invite(meeting, personas)
    publish_minutes(meeting, chair=personas.mase_chair, next_review_on=dt.date(2027, 3, 3))
    page = _workspace(client_for(personas.police_coordinator))
    assert "Review MASE due 3 March 2027" in page


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("episodes:workspace")).status_code == 200
    return len(captured)


def _episode_with_meetings(personas, index: int):
    """A decided episode with a held initial meeting (review proposed) or a scheduled one, invited or not."""
    child = ChildFactory(allocated_team=personas.team)
    episode = scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                                police=personas.police_coordinator)
    meeting = schedule_on(personas, episode, timezone.localdate() + dt.timedelta(days=30 + index % 7))
    if index % 2:
        invite(meeting, personas)
    if index % 3 == 0:
        publish_minutes(meeting, chair=personas.mase_chair,
                        next_review_on=timezone.localdate() + dt.timedelta(weeks=6))
    decided_on(episode, timezone.now() - dt.timedelta(days=30))
    MaseMeeting.objects.filter(pk=meeting.pk).update(created_at=timezone.now() - dt.timedelta(days=10))


def test_workspace_query_count_is_the_same_for_5_and_50_episodes_with_meetings(personas, client_for):
    client = client_for(personas.cse_manager)
    for index in range(5):
        _episode_with_meetings(personas, index)
    five = _queries(client)
    page = _workspace(client)
    assert "Invitations overdue" in page and "Initial MASE overdue" in page and "Review MASE due" in page
    for index in range(5, 50):
        _episode_with_meetings(personas, index)
    assert _queries(client) == five


def test_a_late_initial_mase_once_held_is_no_longer_flagged_in_the_workspace(personas, client_for, episode,
                                                                             time_machine):
    at(time_machine, CHRISTMAS_EVE)
    episode = decided_on(episode, CHRISTMAS_EVE)
    meeting = schedule_on(personas, episode, dt.date(2027, 1, 14))
    invite(meeting, personas)
    at(time_machine, dt.datetime(2027, 1, 13, 9, 0))
    assert "Initial MASE overdue" in _workspace(client_for(personas.cse_manager))
    publish_minutes(meeting, chair=personas.mase_chair)
    assert "Initial MASE overdue" not in _workspace(client_for(personas.cse_manager))
    [held] = timescales.initial_meetings_for([episode.pk])[episode.pk]
    assert timescales.initial_mase_clock(episode, [held]).breached  # still shown as late on the meeting page
