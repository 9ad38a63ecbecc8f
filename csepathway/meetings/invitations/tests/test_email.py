"""A professional's invitation as it arrives through a real SMTP server: their own calendar invite
with the meeting's UID, themselves as the attendee, two answer links, and no case content; then the
update when the meeting moves and the cancel when it is called off."""

import re

import icalendar
import pytest

from csepathway.meetings import services
from csepathway.meetings.conftest import CHILD_FIRST, CHILD_LAST, local
from csepathway.meetings.invitations import services as invitation_services
from csepathway.meetings.models import Invitee

pytestmark = pytest.mark.django_db

BASE = "https://cse-pathway.test.invalid"
NURSE = "nia.nurse@health.test.invalid"
TEACHER = "tom.teacher@school.test.invalid"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.CSE_TEAM_MAILBOX = "mase-organiser@cse-pathway.test.invalid"
    settings.SERVICE_BASE_URL = BASE


def _invites(smtp_server):
    return [(envelope, message) for envelope, message in zip(smtp_server.envelopes, smtp_server.messages, strict=True)
            if any(part.get_content_type() == "text/calendar" for part in message.walk())]


def _calendar(message):
    [part] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    text = part.get_content()
    return part, text, icalendar.Calendar.from_ical(text)


def _event(calendar):
    [event] = calendar.walk("VEVENT")
    return event


def _attendees(event) -> list:
    value = event.get("ATTENDEE")
    return value if isinstance(value, list) else [value]


def _assert_no_case_content(message, text, episode):
    raw = message.as_string()
    for secret in (CHILD_FIRST, CHILD_LAST, episode.child.lcs_reference, episode.concern, str(episode.child_id),
                   str(episode.pk), "Agreed in joint review", "Hold a multi-agency meeting"):
        assert secret not in raw
        assert secret not in text


@pytest.fixture
def invited_nurse(personas, schedule, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule()
    with django_capture_on_commit_callbacks(execute=True):
        nurse = invitation_services.invitee_add(actor=personas.practitioner, meeting=meeting,
                                                kind=Invitee.Kind.PROFESSIONAL, name="Nia Nurse",
                                                relationship="School nurse", agency="Testshire Health", email=NURSE)
    return meeting, nurse


def test_a_professional_is_emailed_their_own_calendar_invite_with_answer_links(personas, episode, invited_nurse,
                                                                              smtp_server):
    meeting, nurse = invited_nurse
    envelope, message = _invites(smtp_server)[-1]
    assert envelope.rcpt_tos == [NURSE]
    part, text, calendar = _calendar(message)
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert calendar["METHOD"] == "REQUEST"
    event = _event(calendar)
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == meeting.sequence == 0
    [attendee] = _attendees(event)
    assert attendee == f"mailto:{NURSE}"
    assert attendee.params["RSVP"] == "TRUE"
    assert attendee.params["CN"] == "Nia Nurse"
    assert icalendar.Calendar.from_ical(calendar.to_ical()) == calendar

    body = message.get_body(("plain",)).get_content()
    links = re.findall(re.escape(BASE) + r"/meetings/invitations/answer/\S+", body)
    assert len(links) == 2
    answers = {invitation_services.rsvp_read(link.rsplit("/", 1)[1]) for link in links}
    assert answers == {(str(nurse.pk), "accept"), (str(nurse.pk), "decline")}
    assert "Room 2, Civic Centre" in body
    # Answering needs no account; only colleagues with one are pointed at sign-in.
    assert "Sign in to CSE Pathway to read it" not in body
    assert "Colleagues with a CSE Pathway account can sign in to see the meeting:" in body
    _assert_no_case_content(message, text, episode)


def test_moving_the_meeting_sends_the_professional_an_update_one_sequence_higher(personas, episode, invited_nurse,
                                                                                meeting_day, smtp_server,
                                                                                django_capture_on_commit_callbacks):
    meeting, _ = invited_nurse
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_reschedule(actor=personas.cse_worker, meeting=meeting, starts_at=local(meeting_day, 10),
                                    ends_at=local(meeting_day, 11), location="Room 5, Civic Centre")
    envelope, message = _invites(smtp_server)[-1]
    assert sorted(envelope.rcpt_tos) == sorted([NURSE, personas.practitioner.email, personas.police_coordinator.email])
    part, text, calendar = _calendar(message)
    assert part.get_param("method") == "REQUEST"
    event = _event(calendar)
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == local(meeting_day, 10)
    attendees = {str(a): a.params for a in _attendees(event)}
    assert set(attendees) == {f"mailto:{NURSE}", f"mailto:{personas.practitioner.email}",
                              f"mailto:{personas.police_coordinator.email}"}
    assert all(params["RSVP"] == "TRUE" for params in attendees.values())
    assert attendees[f"mailto:{NURSE}"]["CN"] == "Nia Nurse"
    _assert_no_case_content(message, text, episode)


def test_cancelling_sends_a_cancel_with_the_same_uid_to_everyone_invited(personas, episode, invited_nurse,
                                                                         smtp_server,
                                                                         django_capture_on_commit_callbacks):
    meeting, nurse = invited_nurse
    # Someone who declined still has the invite in their calendar: the cancel reaches them too.
    invitation_services.invitee_respond(token=invitation_services.rsvp_token(nurse, "decline"), answer="decline")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Chair unwell (test).")
    envelope, message = _invites(smtp_server)[-1]
    assert sorted(envelope.rcpt_tos) == sorted([NURSE, personas.practitioner.email, personas.police_coordinator.email])
    part, text, calendar = _calendar(message)
    assert part.get_param("method") == "CANCEL"
    assert calendar["METHOD"] == "CANCEL"
    event = _event(calendar)
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 1
    assert icalendar.Calendar.from_ical(calendar.to_ical()) == calendar
    _assert_no_case_content(message, text, episode)


def test_updates_leave_out_those_who_declined(personas, invited_nurse, meeting_day, smtp_server,
                                              django_capture_on_commit_callbacks):
    meeting, nurse = invited_nurse
    invitation_services.invitee_respond(token=invitation_services.rsvp_token(nurse, "decline"), answer="decline")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_reschedule(actor=personas.cse_worker, meeting=meeting, starts_at=local(meeting_day, 10),
                                    ends_at=local(meeting_day, 11), location="Room 5, Civic Centre")
    envelope, message = _invites(smtp_server)[-1]
    assert envelope.rcpt_tos == [personas.practitioner.email, personas.police_coordinator.email]
    assert NURSE not in _calendar(message)[1]


def test_the_child_family_and_professionals_without_email_are_sent_nothing(personas, schedule, smtp_server,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule()
    before = len(smtp_server.envelopes)
    with django_capture_on_commit_callbacks(execute=True):
        for kind, name in ((Invitee.Kind.CHILD, ""), (Invitee.Kind.FAMILY, "Mary Testparent"),
                           (Invitee.Kind.PROFESSIONAL, "Tom Teacher")):
            invitation_services.invitee_add(actor=personas.practitioner, meeting=meeting, kind=kind, name=name,
                                            relationship="Mother" if kind == Invitee.Kind.FAMILY else "Teacher",
                                            agency="Testshire Academy", email="")
    assert len(smtp_server.envelopes) == before
    assert TEACHER not in str([e.rcpt_tos for e in smtp_server.envelopes])
