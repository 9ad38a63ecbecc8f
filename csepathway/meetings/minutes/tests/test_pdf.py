"""The minutes PDF: what it holds, who may download it signed in, and the signed link for attendees
without an account (valid for an attendee, refused when tampered, expired or not attended)."""

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from csepathway.audit.models import AuditEvent
from csepathway.meetings.conftest import CHILD_FIRST, CHILD_LAST
from csepathway.meetings.minutes import selectors as minutes_selectors
from csepathway.meetings.minutes.services import download_token, minutes_publish
from csepathway.meetings.models import Action

from .conftest import ACTION_ONE, ACTION_TWO, INFORMATION, INTERVENTION, NEED, RATIONALE

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    # Words wrap across lines in a table cell: compare with the whitespace collapsed.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _pdf_url(meeting):
    return reverse("meetings:minutes_pdf", args=[meeting.pk])


def test_the_minutes_pdf_has_the_attendees_by_agency_the_actions_and_the_risk_level(personas, client_for, meeting,
                                                                                    published):
    response = client_for(personas.practitioner).get(_pdf_url(meeting))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=\"mase-minutes-")
    assert CHILD_LAST not in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    text = _text(response)
    assert "OFFICIAL-SENSITIVE" in text
    assert "Initial MASE" in text and "Room 2, Civic Centre" in text and "14:00 to 15:30" in text
    assert "Chris" in text  # the chair
    assert "Testshire NHS Trust Hana Health (School nurse)" in text
    assert "Testshire Police Paul Police" in text
    assert "The child and family Fay Testparent (Mother)" in text
    assert "Testshire Academy Eddie School" in text  # apologies
    assert "Noah Declined" not in text
    assert f"Item 1: {CHILD_FIRST} {CHILD_LAST}" in text
    for content in (INFORMATION, RATIONALE, ACTION_ONE, ACTION_TWO, "PC Dee Disrupt", NEED, INTERVENTION):
        assert content in text
    assert "Changed from High to Medium" in text


def test_downloading_the_minutes_is_audited_with_the_child(personas, client_for, meeting, item, published):
    client_for(personas.police_coordinator).get(_pdf_url(meeting))
    event = AuditEvent.objects.get(verb="meeting.minutes_downloaded", actor=personas.police_coordinator)
    assert event.child_id == item.episode.child_id
    assert event.outcome == AuditEvent.Outcome.ALLOWED


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager", "police_coordinator",
                                  "mase_chair", "cse_worker"])
def test_everyone_who_may_see_the_meeting_downloads_published_minutes(personas, client_for, meeting, published,
                                                                      role):
    assert client_for(getattr(personas, role)).get(_pdf_url(meeting)).status_code == 200


def test_an_outsider_and_another_chair_get_404_and_the_refusal_is_audited(personas, client_for, meeting, published,
                                                                          other_chair):
    assert client_for(personas.outsider).get(_pdf_url(meeting)).status_code == 404
    assert client_for(other_chair).get(_pdf_url(meeting)).status_code == 404
    assert client_for(personas.auditor).get(_pdf_url(meeting)).status_code == 404
    denied = AuditEvent.objects.filter(verb="meeting.minutes_downloaded", outcome=AuditEvent.Outcome.DENIED)
    assert denied.filter(actor=personas.outsider).exists()


def test_there_is_no_pdf_before_the_minutes_are_published(personas, client_for, meeting, record_minutes):
    record_minutes()
    assert client_for(personas.mase_chair).get(_pdf_url(meeting)).status_code == 404


def test_the_pdf_takes_the_same_number_of_queries_however_many_actions(personas, meeting, item, published):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            minutes_selectors.minutes_for_download(actor=personas.practitioner, meeting_id=meeting.pk)
        return len(captured)

    before = queries()
    # Added directly: the minutes are published, so the service (rightly) refuses more.
    for number in range(3):
        Action.objects.create(agenda_item=item, episode=item.episode, description=f"Extra {number} (test)",
                              kind="support", owner_name="Someone", agency="Council", due_on=dt.date(2030, 1, 1),
                              created_by=personas.mase_chair)
    assert queries() == before


def _external_url(invitee, token=None):
    return reverse("meetings:minutes_external_download", args=[token or download_token(invitee)])


def test_an_attendee_without_an_account_downloads_the_minutes_by_the_signed_link(client, attendees, published, item):
    response = client.get(_external_url(attendees["health"]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert ACTION_ONE in _text(response)
    event = AuditEvent.objects.get(verb="meeting.minutes_downloaded", object_type="meetings.invitee")
    assert event.object_id == str(attendees["health"].pk)
    assert event.child_id == item.episode.child_id


def test_a_tampered_link_is_refused(client, attendees, published):
    token = download_token(attendees["health"])
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    assert client.get(_external_url(None, tampered)).status_code == 404
    assert AuditEvent.objects.filter(verb="meeting.minutes_downloaded", outcome=AuditEvent.Outcome.DENIED).exists()


def test_a_link_older_than_14_days_has_expired(client, attendees, published):
    url = _external_url(attendees["health"])
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=15)):
        response = client.get(url)
    assert response.status_code == 410
    assert "This link has expired" in response.text


def test_a_link_within_14_days_still_works(client, attendees, published):
    url = _external_url(attendees["health"])
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=13)):
        assert client.get(url).status_code == 200


def test_someone_who_did_not_attend_cannot_use_a_link(client, attendees, published):
    assert client.get(_external_url(attendees["school"])).status_code == 404
    assert client.get(_external_url(attendees["declined"])).status_code == 404


def test_a_link_gives_nothing_before_the_minutes_are_published(client, attendees, record_minutes):
    record_minutes()
    assert client.get(_external_url(attendees["health"])).status_code == 404


def test_a_family_member_gets_only_their_childs_item(personas, client, attendees, meeting, item, record_minutes,
                                                    meeting_day):
    from csepathway.children.tests.factories import ChildFactory
    from csepathway.episodes import scenarios
    from csepathway.meetings.minutes.services import item_minutes_save
    from csepathway.meetings.models import AgendaItem

    second_child = ChildFactory(first_name="Bethany", last_name="Secondchild", allocated_team=personas.team)
    second_episode = scenarios.decided(practitioner=personas.practitioner, child=second_child,
                                       cse_manager=personas.cse_manager, police=personas.police_coordinator)
    second = AgendaItem.objects.create(meeting=meeting, episode=second_episode, order=2)
    item_minutes_save(actor=personas.mase_chair, agenda_item=second, information_shared="Second child's news (test)",
                      risk_level="high", risk_level_rationale="Still at risk (test)",
                      next_review_on=meeting_day + dt.timedelta(weeks=4), version=0)
    record_minutes()
    minutes_publish(actor=personas.mase_chair, meeting=meeting)

    text = _text(client.get(_external_url(attendees["family"])))

    assert f"Item 1: {CHILD_FIRST} {CHILD_LAST}" in text
    assert "Hana Health" in text  # professionals for the whole meeting are listed
    assert "Secondchild" not in text
    assert "Second child's news" not in text
    # A professional who attended the whole meeting gets both items.
    assert "Second child's news (test)" in _text(client.get(_external_url(attendees["health"])))
