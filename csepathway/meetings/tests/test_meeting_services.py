"""The services' own rules, whatever view calls them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from csepathway.core.refusals import Refused
from csepathway.meetings import services
from csepathway.meetings.conftest import local
from csepathway.meetings.models import MaseMeeting
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "police_coordinator", "mase_chair"])
def test_only_cse_roles_schedule_move_or_cancel(personas, schedule, meeting_day, role):
    actor = getattr(personas, role)
    with pytest.raises(PermissionDenied):
        schedule(actor=actor)
    meeting = schedule()
    with pytest.raises(PermissionDenied):
        services.meeting_reschedule(actor=actor, meeting=meeting, starts_at=local(meeting_day, 9),
                                    ends_at=local(meeting_day, 10), location="Elsewhere")
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(actor=actor, meeting=meeting, reason="No.")
    meeting.refresh_from_db()
    assert (meeting.state, meeting.sequence) == (MaseMeeting.State.SCHEDULED, 0)


def test_the_chair_must_hold_the_mase_chair_role(personas, schedule):
    with pytest.raises(Refused):
        schedule(chair=personas.cse_manager)
    assert not MaseMeeting.objects.exists()


def test_a_cancelled_meeting_cannot_be_moved_and_cancelling_twice_sends_once(personas, schedule, meeting_day):
    meeting = schedule()
    services.meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Chair unwell.")
    services.meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Again.")
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert OutboxMessage.objects.filter(payload__ics_method="CANCEL").count() == 1
    with pytest.raises(Refused):
        services.meeting_reschedule(actor=personas.cse_worker, meeting=meeting, starts_at=local(meeting_day, 9),
                                    ends_at=local(meeting_day, 10), location="Elsewhere")


def test_times_must_be_aware_and_in_order(personas, schedule, meeting_day):
    with pytest.raises(ValueError, match="aware"):
        schedule(starts_at=local(meeting_day, 9).replace(tzinfo=None))
    with pytest.raises(ValidationError):
        schedule(starts_at=local(meeting_day, 10), ends_at=local(meeting_day, 9))
    assert not MaseMeeting.objects.exists()


def test_uid_is_stable_and_unique_per_meeting(personas, schedule, meeting_day):
    first, second = schedule(), schedule(kind="review")
    assert first.uid != second.uid
    uid = first.uid
    services.meeting_reschedule(actor=personas.cse_worker, meeting=first, starts_at=local(meeting_day, 9),
                                ends_at=local(meeting_day, 10), location="Elsewhere")
    first.refresh_from_db()
    assert (first.uid, first.sequence) == (uid, 1)


def test_the_relay_refuses_an_unknown_calendar_method():
    from csepathway.outbox.email import calendar_part

    assert calendar_part("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "CANCEL").get_param("method") == "CANCEL"
    with pytest.raises(ValueError, match="Unsupported"):
        calendar_part("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "PUBLISH")
