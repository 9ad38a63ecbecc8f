"""The workspace counts episodes late for a meeting in SQL and flags its rows in Python: the two
must agree on every kind of case, on every day."""

import datetime as dt

import pytest
from django.utils import timezone

from csepathway.children.tests.factories import ChildFactory
from csepathway.core.working_days import add_working_days, latest_start_overdue_by
from csepathway.episodes import scenarios, workspace_flags
from csepathway.episodes.models import Episode
from csepathway.meetings.actions.tests.test_actions import publish_minutes
from csepathway.meetings.models import MaseMeeting
from csepathway.meetings.services import meeting_cancel
from csepathway.meetings.timescales.overdue import late_for_a_meeting

from .test_clocks import decided_on, invite, schedule_on

pytestmark = pytest.mark.django_db


def _decided(personas, *, days_ago: int, mase_required: bool = True) -> Episode:
    episode = scenarios.decided(practitioner=personas.practitioner, child=ChildFactory(allocated_team=personas.team),
                                cse_manager=personas.cse_manager, police=personas.police_coordinator,
                                mase_required=mase_required)
    return decided_on(episode, timezone.now() - dt.timedelta(days=days_ago))


def _scheduled_days_ago(meeting, days: int) -> None:
    MaseMeeting.objects.filter(pk=meeting.pk).update(created_at=timezone.now() - dt.timedelta(days=days))


def _cases(personas) -> dict:
    today = timezone.localdate()
    cases = {"waiting, no meeting": _decided(personas, days_ago=30),
             "decided today": _decided(personas, days_ago=0),
             "no MASE needed": _decided(personas, days_ago=30, mase_required=False)}
    episode = cases["booked in time, invited"] = _decided(personas, days_ago=1)
    invite(schedule_on(personas, episode, today + dt.timedelta(days=3)), personas)
    episode = cases["booked late"] = _decided(personas, days_ago=0)
    invite(schedule_on(personas, episode, today + dt.timedelta(days=40)), personas)
    episode = cases["booked in time, nobody invited"] = _decided(personas, days_ago=1)
    _scheduled_days_ago(schedule_on(personas, episode, today + dt.timedelta(days=5)), 8)
    episode = cases["held late"] = _decided(personas, days_ago=40)
    publish_minutes(schedule_on(personas, episode, today + dt.timedelta(days=1)), chair=personas.mase_chair)
    episode = cases["cancelled"] = _decided(personas, days_ago=30)
    meeting = schedule_on(personas, episode, today + dt.timedelta(days=2))
    meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Chair unwell.")
    for name, review_on, book_review in [("review passed", -3, False), ("review booked", -3, True),
                                         ("review to come", 20, False)]:
        episode = cases[name] = _decided(personas, days_ago=2)
        held = schedule_on(personas, episode, today + dt.timedelta(days=1))
        invite(held, personas)
        publish_minutes(held, chair=personas.mase_chair, next_review_on=today + dt.timedelta(days=review_on))
        if book_review:
            invite(schedule_on(personas, episode, today + dt.timedelta(days=10), kind="review"), personas)
    return cases


@pytest.mark.parametrize("days_ahead", [0, 1, 4, 9, 16, 30, 60])
def test_the_workspace_count_and_the_row_flags_agree_on_every_case(personas, days_ahead):
    cases = _cases(personas)
    today = timezone.localdate() + dt.timedelta(days=days_ahead)
    episodes = list(Episode.objects.filter(pk__in=[episode.pk for episode in cases.values()]))
    flags = workspace_flags.flags_for(episodes, today)
    flagged = {pk for pk, found in flags.items() if any(flag.breach for flag in found)}
    counted = set(Episode.objects.filter(late_for_a_meeting(today)).values_list("pk", flat=True))
    names = {episode.pk: name for name, episode in cases.items()}
    assert {names[pk] for pk in counted} == {names[pk] for pk in flagged}


def test_the_cases_cover_both_sides(personas):
    cases = _cases(personas)
    late = set(Episode.objects.filter(late_for_a_meeting(timezone.localdate())).values_list("pk", flat=True))
    assert {name for name, episode in cases.items() if episode.pk in late} == {
        "waiting, no meeting", "booked late", "booked in time, nobody invited", "cancelled", "review passed"}


def test_every_start_up_to_the_cutoff_is_overdue_and_none_after():
    for today in [dt.date(2026, 12, 29), dt.date(2027, 1, 4), dt.date(2027, 4, 6), dt.date(2027, 6, 12)]:
        cutoff = latest_start_overdue_by(today, 2)
        assert add_working_days(cutoff, 2) < today
        assert add_working_days(cutoff + dt.timedelta(days=1), 2) >= today
