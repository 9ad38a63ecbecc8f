"""The invites as they arrive: through a real SMTP server in the test process, parsed with the
icalendar library. One stable UID, SEQUENCE one higher on every change, REQUEST then CANCEL, UTC
times, the right MIME type, and no case content anywhere."""

import datetime as dt
import pathlib

import icalendar
import pytest
from django.db import transaction
from django.urls import reverse

from csepathway.meetings import ical, services
from csepathway.meetings.conftest import CHILD_FIRST, CHILD_LAST, local
from csepathway.meetings.models import MaseMeeting
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

ORGANIZER = "mase-organiser@cse-pathway.test.invalid"


@pytest.fixture(autouse=True)
def _organizer(settings):
    settings.CSE_TEAM_MAILBOX = ORGANIZER
    settings.SERVICE_BASE_URL = "https://cse-pathway.test.invalid"


def _calendar_part(message):
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0]


def _event(calendar):
    [event] = calendar.walk("VEVENT")
    return event


def _invites(smtp_server):
    """The emails carrying an invite (the decision note's notification is relayed in the same run)."""
    return [(envelope, message) for envelope, message in zip(smtp_server.envelopes, smtp_server.messages, strict=True)
            if any(part.get_content_type() == "text/calendar" for part in message.walk())]


def _received(smtp_server, index=-1):
    message = _invites(smtp_server)[index][1]
    part = _calendar_part(message)
    text = part.get_content()
    return message, part, text, icalendar.Calendar.from_ical(text)


def _no_case_content(message, text, episode):
    raw = message.as_string()
    for secret in (CHILD_FIRST, CHILD_LAST, episode.child.lcs_reference, episode.concern, str(episode.child_id),
                   str(episode.pk), "Agreed in joint review", "High"):
        assert secret not in raw
        assert secret not in text


def test_scheduling_emails_the_practitioner_a_request_invite(personas, client_for, episode, schedule_data,
                                                             meeting_day, smtp_server,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.cse_manager).post(reverse("meetings:schedule", args=[episode.pk]),
                                                         schedule_data)
    assert response.status_code == 302
    [(envelope, _)] = _invites(smtp_server)
    # The practitioner, and the police coordinator who joined in the decision (docs/adr/0041).
    assert envelope.rcpt_tos == [personas.practitioner.email, personas.police_coordinator.email]
    message, part, text, calendar = _received(smtp_server)
    meeting = MaseMeeting.objects.get()

    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "invite.ics"
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == ical.PRODID
    event = _event(calendar)
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 0
    assert str(event["SUMMARY"]) == "MASE meeting"
    assert event["STATUS"] == "CONFIRMED"
    assert "Room 2, Civic Centre" in str(event["LOCATION"])
    assert f"https://cse-pathway.test.invalid/meetings/{meeting.pk}" in str(event["DESCRIPTION"])
    assert event["ORGANIZER"] == f"mailto:{ORGANIZER}"
    attendee, police = event["ATTENDEE"]
    assert attendee == f"mailto:{personas.practitioner.email}"
    assert police == f"mailto:{personas.police_coordinator.email}"
    assert attendee.params["RSVP"] == "TRUE"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.utcoffset() == dt.timedelta(0)
    assert start.tzname() == "UTC"  # parsed from the Z form
    assert start == local(meeting_day, 14)
    assert end == local(meeting_day, 15, 30)
    assert event.decoded("DTSTAMP").tzname() == "UTC"
    # In the file itself: UTC form with Z, no TZID.
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z" in text
    assert "TZID" not in text
    _no_case_content(message, text, episode)
    body = message.get_body(("plain",)).get_content()
    assert f"https://cse-pathway.test.invalid/meetings/{meeting.pk}" in body


def test_moving_then_cancelling_keep_the_uid_and_raise_the_sequence(personas, episode, schedule, meeting_day,
                                                                    smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_reschedule(actor=personas.cse_worker, meeting=meeting, starts_at=local(meeting_day, 9),
                                    ends_at=local(meeting_day, 10), location="Room 5, Civic Centre")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="The chair is unwell (test).")
    assert len(_invites(smtp_server)) == 3
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT, kind="email",
                                        payload__has_key="ics").count() == 3

    _, _, _, first = _received(smtp_server, 0)
    message, part, text, update = _received(smtp_server, 1)
    assert part.get_param("method") == "REQUEST"
    assert update["METHOD"] == "REQUEST"
    assert str(_event(update)["UID"]) == str(_event(first)["UID"]) == meeting.uid
    assert _event(update)["SEQUENCE"] == 1
    assert _event(update).decoded("DTSTART") == local(meeting_day, 9)
    assert "Room 5" in str(_event(update)["LOCATION"])
    _no_case_content(message, text, episode)

    message, part, text, cancel = _received(smtp_server, 2)
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "CANCEL"
    assert cancel["METHOD"] == "CANCEL"
    event = _event(cancel)
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 2
    assert event["STATUS"] == "CANCELLED"
    assert event["ATTENDEE"] == [f"mailto:{personas.practitioner.email}", f"mailto:{personas.police_coordinator.email}"]
    _no_case_content(message, text, episode)
    assert "unwell" not in message.as_string()


def test_nothing_is_sent_when_scheduling_rolls_back(personas, episode, schedule, smtp_server,
                                                     django_capture_on_commit_callbacks):
    class Boom(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Boom), transaction.atomic():
        schedule()
        raise Boom
    assert _invites(smtp_server) == []
    assert not OutboxMessage.objects.filter(payload__has_key="ics").exists()


def test_the_ics_round_trips_and_reads_back_from_a_file(personas, schedule, tmp_path):
    meeting = schedule()
    calendar = ical.invite(meeting, attendees=[personas.practitioner.email])
    data = calendar.to_ical()
    assert icalendar.Calendar.from_ical(data) == calendar
    path = pathlib.Path(tmp_path) / "invite.ics"
    path.write_bytes(data)
    again = icalendar.Calendar.from_ical(path.read_bytes())
    assert again == calendar
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    cancelled = ical.invite(meeting, attendees=[personas.practitioner.email], method=ical.CANCEL)
    assert icalendar.Calendar.from_ical(cancelled.to_ical()) == cancelled
