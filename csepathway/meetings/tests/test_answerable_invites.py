"""Invites people can answer (issue 13, point 15): the organiser of every calendar invite is the CSE
team's mailbox, and its email's Reply-To too, so an answer from Outlook or a reply reaches someone;
and the links in emails and invites follow the address `make run` serves on (docs/adr/0044)."""

import json
import os
import pathlib
import subprocess
import sys

import icalendar
import pytest
from django.urls import reverse

from csepathway.meetings import ical
from csepathway.meetings.models import MaseMeeting

pytestmark = pytest.mark.django_db

ROOT = pathlib.Path(__file__).resolve().parents[3]
MAILBOX = "cse-team@testshire.test.invalid"


def _invite_emails(smtp_server):
    return [message for message in smtp_server.messages
            if any(part.get_content_type() == "text/calendar" for part in message.walk())]


def test_the_invite_names_the_cse_team_mailbox_as_organiser_and_replies_go_there(
        personas, client_for, episode, schedule_data, smtp_server, settings, django_capture_on_commit_callbacks):
    settings.CSE_TEAM_MAILBOX, settings.CSE_TEAM_NAME = MAILBOX, "Testshire CSE team"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.cse_manager).post(reverse("meetings:schedule", args=[episode.pk]), schedule_data)

    [message] = _invite_emails(smtp_server)
    calendar_text = next(p for p in message.walk() if p.get_content_type() == "text/calendar").get_content()
    [event] = icalendar.Calendar.from_ical(calendar_text).walk("VEVENT")
    assert event["ORGANIZER"] == f"mailto:{MAILBOX}"
    assert event["ORGANIZER"].params["CN"] == "Testshire CSE team"
    assert message["Reply-To"] == MAILBOX
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert f"Replies to this email reach {MAILBOX}." in body
    assert "Do not reply" not in body


def test_by_default_the_organiser_is_a_mailbox_not_the_no_reply_sender(personas, schedule):
    meeting = schedule()
    [event] = ical.invite(meeting, attendees=["someone@example.invalid"]).walk("VEVENT")
    assert "no-reply" not in str(event["ORGANIZER"])
    assert str(event["ORGANIZER"]) == "mailto:cse-team@cse-pathway.invalid"


def test_a_professionals_own_invite_also_has_the_team_as_reply_to(personas, schedule, smtp_server, settings,
                                                                    django_capture_on_commit_callbacks):
    from csepathway.meetings.invitations.services import invitee_add

    settings.CSE_TEAM_MAILBOX = MAILBOX
    meeting = schedule()
    with django_capture_on_commit_callbacks(execute=True):
        invitee_add(actor=personas.practitioner, meeting=meeting, kind="professional", name="Nia Nurse",
                    agency="Testshire Health", email="nia.nurse@health.test.invalid")
    [message] = [m for m in _invite_emails(smtp_server) if m["To"] == "nia.nurse@health.test.invalid"]
    assert message["Reply-To"] == MAILBOX
    assert MaseMeeting.objects.count() == 1


def _settings_under(env_overrides: dict) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SERVICE_BASE_URL", "DJANGO_ALLOWED_HOSTS", "CSEPATHWAY_ADDRESS")}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.dev", **env_overrides}
    code = ("import django, json; django.setup(); from django.conf import settings; "
            "print(json.dumps([settings.SERVICE_BASE_URL, settings.ALLOWED_HOSTS]))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60, check=True)
    base_url, hosts = json.loads(result.stdout.strip().splitlines()[-1])
    return {"base_url": base_url, "hosts": hosts}


def test_make_run_on_another_address_puts_that_address_in_the_links_and_serves_it():
    served = _settings_under({"CSEPATHWAY_ADDRESS": "192.0.2.10:8123"})
    assert served["base_url"] == "http://192.0.2.10:8123"
    assert "192.0.2.10" in served["hosts"]


def test_an_explicit_base_url_still_wins_over_the_address():
    served = _settings_under({"CSEPATHWAY_ADDRESS": "192.0.2.10:8123",
                              "SERVICE_BASE_URL": "https://cse.testshire.test.invalid"})
    assert served["base_url"] == "https://cse.testshire.test.invalid"


def test_by_default_links_point_at_the_default_address():
    assert _settings_under({})["base_url"] == "http://127.0.0.1:8000"
