"""iCalendar invitations (RFC 5545, with the iTIP methods of RFC 5546) for MASE meetings.

An invite leaves the secure system, so it carries no case content: no child, no episode, only that a
multi-agency meeting takes place, when and where, and a link to sign in for the details."""

import datetime as dt
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from csepathway.core.wording import say

PRODID = "-//CSE Pathway//MASE meetings//EN"
SUMMARY = "MASE meeting"
DESCRIPTION = "Multi-agency meeting. Sign in to CSE Pathway for details."
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def organizer_email() -> str:
    """The CSE team's mailbox: Outlook sends accept and decline replies to the organiser, so it must
    be a mailbox someone reads, never the no-reply sender (docs/adr/0044)."""
    return settings.CSE_TEAM_MAILBOX or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def organizer_name() -> str:
    return settings.CSE_TEAM_NAME or "CSE team"


def meeting_link(meeting) -> str:
    return settings.SERVICE_BASE_URL.rstrip("/") + reverse("meetings:detail", args=[meeting.pk])


def _utc(value: dt.datetime) -> dt.datetime:
    # iCalendar has whole seconds only; dropping the rest keeps a parsed invite equal to the one built.
    return value.astimezone(dt.UTC).replace(microsecond=0)


Attendee = str | tuple[str, str]


def _address_and_name(attendee: Attendee) -> tuple[str, str]:
    return attendee if isinstance(attendee, tuple) else (attendee, "")


def invite(meeting, *, attendees: list[Attendee], method: str = REQUEST, stamp: dt.datetime | None = None) -> Calendar:
    """The calendar object for this meeting as it now stands: METHOD:REQUEST for an invite or an
    update (SEQUENCE tells them apart), METHOD:CANCEL once the meeting is cancelled.

    Each attendee is an email address, or (address, name): the name becomes CN so calendars show
    who is coming. Names only, never a role in the case or anything about the child."""
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"Unsupported iTIP method {method!r}")
    calendar = Calendar()
    calendar.add("prodid", say(PRODID))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", _utc(stamp or timezone.now()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", say(SUMMARY))
    link = meeting_link(meeting)
    event.add("description", f"{DESCRIPTION}\n{link}")
    event.add("url", link)
    location = meeting.location + (f" ({meeting.online_link})" if meeting.online_link else "")
    event.add("location", location)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")

    event.add("organizer", vCalAddress(f"mailto:{organizer_email()}"), parameters={"CN": organizer_name()})
    for attendee in attendees:
        address, name = _address_and_name(attendee)
        parameters = {"CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"}
        if name:
            parameters["CN"] = name
        event.add("attendee", vCalAddress(f"mailto:{address}"), parameters=parameters)
    calendar.add_component(event)
    return calendar


def invite_text(meeting, *, attendees: list[Attendee], method: str = REQUEST) -> str:
    return invite(meeting, attendees=attendees, method=method).to_ical().decode()
