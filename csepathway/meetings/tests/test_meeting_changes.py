"""A chronology people can use (issue 13, point 9): a meeting's scheduling, every move and its
cancellation are events of their own, on the day each happened, beside the meeting on its day."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from csepathway.meetings.conftest import local
from csepathway.meetings.models import MeetingChange
from csepathway.meetings.services import meeting_cancel, meeting_reschedule

pytestmark = pytest.mark.django_db


def _chronology(client, child) -> str:
    return client.get(reverse("casefile:chronology", args=[child.pk])).text


def test_scheduling_moving_and_cancelling_are_each_in_the_chronology(personas, client_for, child, schedule,
                                                                     meeting_day, time_machine):
    time_machine.move_to(timezone.make_aware(dt.datetime(2026, 12, 1, 9, 30)), tick=False)
    meeting = schedule()
    time_machine.move_to(timezone.make_aware(dt.datetime(2026, 12, 2, 11, 15)), tick=False)
    moved_to = meeting_day + dt.timedelta(days=2)
    meeting_reschedule(actor=personas.cse_manager, meeting=meeting, starts_at=local(moved_to, 10),
                       ends_at=local(moved_to, 11), location=meeting.location)
    time_machine.move_to(timezone.make_aware(dt.datetime(2026, 12, 3, 16, 40)), tick=False)
    meeting.refresh_from_db()
    meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="The family moved out of the area (test).")

    kinds = list(MeetingChange.objects.filter(meeting=meeting).values_list("kind", flat=True))
    assert kinds == ["scheduled", "moved", "cancelled"]
    page = _chronology(client_for(personas.practitioner), child)
    assert "Initial MASE: scheduled" in page and "Initial MASE: moved" in page and "Initial MASE: cancelled" in page
    assert "Moved from" in page and "The family moved out of the area (test)." in page
    # In the true order, oldest first: scheduled, then moved, then cancelled.
    assert page.index("Initial MASE: scheduled") < page.index("Initial MASE: moved") < page.index(
        "Initial MASE: cancelled")


def test_a_move_that_keeps_the_time_is_not_a_move(personas, schedule):
    meeting = schedule()
    meeting_reschedule(actor=personas.cse_manager, meeting=meeting, starts_at=meeting.starts_at,
                       ends_at=meeting.ends_at, location="Room 3, Civic Centre (test)")
    assert list(MeetingChange.objects.values_list("kind", flat=True)) == ["scheduled"]


def test_an_outsider_sees_no_meeting_changes(personas, client_for, child, schedule):
    schedule()
    assert client_for(personas.outsider).get(reverse("casefile:chronology", args=[child.pk])).status_code == 404
