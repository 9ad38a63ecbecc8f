"""Every invitation page with the personas, the public answer page, and the printed letter."""

import datetime as dt
import io

import pypdf
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.meetings.conftest import CHILD_FIRST, CHILD_LAST
from csepathway.meetings.invitations import services as invitation_services
from csepathway.meetings.models import Invitee

pytestmark = pytest.mark.django_db

NURSE = {"kind": "professional", "name": "Nia Nurse", "relationship": "School nurse", "agency": "Testshire Health",
         "email": "nia.nurse@health.test.invalid"}


@pytest.fixture
def meeting(schedule):
    return schedule()


def _invite(meeting, personas, **overrides):
    data = {**NURSE, **overrides}
    return invitation_services.invitee_add(actor=personas.practitioner, meeting=meeting, **data)


@pytest.fixture
def nurse(meeting, personas):
    return _invite(meeting, personas)


@pytest.fixture
def mother(meeting, personas):
    return _invite(meeting, personas, kind="family", name="Mary Testparent", relationship="Mother", agency="",
                   email="")


@pytest.fixture
def young_person(meeting, personas):
    return _invite(meeting, personas, kind="child", name="", relationship="", agency="", email="")


# Adding an invitee ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker",
                                  "cse_manager"])
def test_case_holders_and_the_cse_team_invite_someone(personas, client_for, meeting, role):
    client = client_for(getattr(personas, role))
    url = reverse("meetings:invitee_add", args=[meeting.pk])
    assert "Invite someone to the meeting" in client.get(url).text
    response = client.post(url, NURSE)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.invitees.filter(name="Nia Nurse", invited_by=getattr(personas, role)).exists()
    page = client.get(response["Location"])
    assert "Nia Nurse has been invited and sent the calendar invitation." in page.text


def test_an_outsider_gets_404_and_the_refusal_is_audited(personas, client_for, meeting):
    client = client_for(personas.outsider)
    url = reverse("meetings:invitee_add", args=[meeting.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, NURSE).status_code == 404
    assert not meeting.invitees.filter(name="Nia Nurse").exists()
    assert AuditEvent.objects.filter(object_id=str(meeting.pk), outcome=AuditEvent.Outcome.DENIED).exists()


@pytest.mark.parametrize("role", ["police_coordinator", "mase_chair", "auditor"])
def test_other_roles_cannot_invite(personas, client_for, meeting, role):
    response = client_for(getattr(personas, role)).post(reverse("meetings:invitee_add", args=[meeting.pk]), NURSE)
    assert response.status_code == 403
    assert not meeting.invitees.filter(name="Nia Nurse").exists()


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"kind": ""}, "kind", "Select who you are inviting"),
    ({"name": ""}, "name", "Enter the name of the person you are inviting"),
    ({"agency": ""}, "agency", "agency or organisation"),
    ({"email": "not-an-address"}, "email", "Enter an email address in the correct format"),
    ({"kind": "family", "relationship": ""}, "relationship", "Enter their relationship to the child"),
])
def test_the_invite_form_explains_what_is_wrong_beside_the_field(personas, client_for, meeting, changes, field,
                                                                 message):
    response = client_for(personas.practitioner).post(reverse("meetings:invitee_add", args=[meeting.pk]),
                                                      {**NURSE, **changes})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert f'id="id_{field}-error"' in response.text
    assert message in response.text
    assert 'value="Testshire Health"' in response.text or field == "agency"  # nothing typed is lost
    assert meeting.invitees.filter(added_automatically=False).count() == 0


def test_a_double_submitted_invitation_is_recorded_once(personas, client_for, meeting):
    client = client_for(personas.practitioner)
    url = reverse("meetings:invitee_add", args=[meeting.pk])
    assert client.post(url, NURSE).status_code == 302
    assert client.post(url, NURSE).status_code == 302
    assert meeting.invitees.filter(name="Nia Nurse").count() == 1


def test_a_cancelled_meeting_takes_no_new_invitations(personas, client_for, meeting):
    from csepathway.meetings.services import meeting_cancel

    meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Chair unwell (test).")
    response = client_for(personas.practitioner).post(reverse("meetings:invitee_add", args=[meeting.pk]), NURSE)
    assert response.status_code == 200
    assert "This meeting has been cancelled, so nobody new can be invited to it." in response.text


# The meeting page's section ---------------------------------------------------------------------

def test_the_meeting_page_lists_invitees_in_two_groups_with_status_tags(personas, client_for, meeting, nurse,
                                                                       mother, young_person):
    page = client_for(personas.practitioner).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "The child and family" in page and "Professionals" in page
    family, professionals = page.split("The child and family", 1)[1].split("Professionals", 1)
    assert "Mary Testparent" in family and f"{CHILD_FIRST} {CHILD_LAST}" in family
    assert "Nia Nurse" in professionals and personas.practitioner.get_full_name() in professionals
    assert "govuk-tag--blue" in page and "Invited" in page
    assert reverse("meetings:invitee_add", args=[meeting.pk]) in page
    assert reverse("meetings:invitee_letter", args=[mother.pk]) in page
    assert reverse("meetings:invitee_letter", args=[nurse.pk]) not in page
    assert reverse("meetings:invitee", args=[nurse.pk]) in page


def test_the_police_coordinator_sees_who_is_invited_but_cannot_invite(personas, client_for, meeting, mother):
    page = client_for(personas.police_coordinator).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "Mary Testparent" in page
    assert reverse("meetings:invitee_add", args=[meeting.pk]) not in page
    assert reverse("meetings:invitee_letter", args=[mother.pk]) not in page


def _page_queries(client, meeting) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    return len(captured)


def test_the_meeting_page_query_count_does_not_grow_with_invitees(personas, client_for, meeting):
    client = client_for(personas.practitioner)
    _invite(meeting, personas, name="First Professional", email="")
    few = _page_queries(client, meeting)
    for index in range(5):
        _invite(meeting, personas, name=f"Professional {index}", email="")
        _invite(meeting, personas, kind="family", name=f"Relative {index}", relationship="Aunt", email="")
    assert _page_queries(client, meeting) == few


# An invitee's page --------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker",
                                  "cse_manager", "mase_chair"])
def test_case_holders_the_cse_team_and_the_chair_change_a_status(personas, client_for, nurse, role, after_meeting):
    after_meeting(nurse.meeting)
    client = client_for(getattr(personas, role))
    url = reverse("meetings:invitee", args=[nurse.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Nia Nurse" in page.text and "Testshire Health" in page.text
    response = client.post(url, {"status": "attended", "version": str(nurse.version)})
    assert response.status_code == 302
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.ATTENDED


def test_an_outsider_gets_404_on_an_invitees_page(personas, client_for, nurse):
    client = client_for(personas.outsider)
    url = reverse("meetings:invitee", args=[nurse.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "attended", "version": str(nurse.version)}).status_code == 404
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.INVITED
    assert AuditEvent.objects.filter(verb="meeting.invitee_viewed", object_id=str(nurse.pk),
                                     outcome=AuditEvent.Outcome.DENIED).exists()


@pytest.mark.parametrize("role", ["police_coordinator", "auditor"])
def test_other_roles_cannot_change_a_status(personas, client_for, nurse, role):
    response = client_for(getattr(personas, role)).post(reverse("meetings:invitee", args=[nurse.pk]),
                                                        {"status": "attended", "version": str(nurse.version)})
    assert response.status_code == 403


def test_a_stale_status_change_is_refused_with_an_explanation(personas, client_for, nurse):
    opened_at = nurse.version
    invitation_services.invitee_status_set(actor=personas.cse_worker, invitee=nurse, status="accepted",
                                           version=opened_at)
    response = client_for(personas.practitioner).post(reverse("meetings:invitee", args=[nurse.pk]),
                                                      {"status": "apologies", "version": str(opened_at)})
    assert response.status_code == 409
    assert "Someone else changed this invitation" in response.text
    assert "it is now" in response.text and "Accepted" in response.text.split("it is now", 1)[1][:40]
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.ACCEPTED
    assert f'name="version" value="{nurse.version}"' in response.text


# The letter ---------------------------------------------------------------------------------------

def _pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker",
                                  "cse_manager"])
def test_case_holders_and_the_cse_team_download_the_letter(personas, client_for, mother, role):
    response = client_for(getattr(personas, role)).get(reverse("meetings:invitee_letter", args=[mother.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(verb="meeting.letter_downloaded", object_id=str(mother.pk),
                                     outcome=AuditEvent.Outcome.ALLOWED).exists()


def test_an_outsider_gets_404_for_the_letter(personas, client_for, mother):
    assert client_for(personas.outsider).get(reverse("meetings:invitee_letter", args=[mother.pk])).status_code == 404
    assert AuditEvent.objects.filter(verb="meeting.letter_downloaded", object_id=str(mother.pk),
                                     outcome=AuditEvent.Outcome.DENIED).exists()


@pytest.mark.parametrize("role", ["police_coordinator", "mase_chair", "auditor"])
def test_other_roles_cannot_download_the_letter(personas, client_for, mother, role):
    assert client_for(getattr(personas, role)).get(
        reverse("meetings:invitee_letter", args=[mother.pk])).status_code == 403


def test_there_is_no_letter_for_a_professional(personas, client_for, nurse):
    assert client_for(personas.practitioner).get(
        reverse("meetings:invitee_letter", args=[nurse.pk])).status_code == 404


def test_the_childs_letter_is_warm_plain_and_free_of_assessment_content(personas, client_for, young_person,
                                                                        episode, meeting_day):
    text = _pdf_text(client_for(personas.practitioner).get(reverse("meetings:invitee_letter",
                                                                   args=[young_person.pk])))
    flat = " ".join(text.split())
    assert f"Dear {CHILD_FIRST}" in flat
    assert f"{meeting_day.day} {meeting_day:%B %Y}" in flat
    assert "2pm to 3:30pm" in flat
    assert "Room 2, Civic Centre" in flat
    assert "help keep you safe" in flat
    assert "what you think really matters" in flat
    assert "will listen to you" in flat
    assert "someone you trust" in flat
    assert "If you cannot come" in flat
    assert personas.practitioner.get_full_name() in flat
    for secret in (episode.concern, "Agreed in joint review", "Hold a multi-agency meeting", "High", "risk",
                   "LCS-777002", "indicator"):
        assert secret.lower() not in flat.lower()


def test_the_family_letter_names_the_child_by_first_name(personas, client_for, mother, meeting_day):
    flat = " ".join(_pdf_text(client_for(personas.practitioner).get(
        reverse("meetings:invitee_letter", args=[mother.pk]))).split())
    assert "Dear Mary Testparent" in flat
    assert f"help keep {CHILD_FIRST} safe" in flat
    assert CHILD_LAST not in flat
    assert f"{meeting_day.day} {meeting_day:%B %Y}" in flat


# The public answer page ---------------------------------------------------------------------------

def _answer_url(invitee, answer="accept"):
    return reverse("meetings:invitation_respond", args=[invitation_services.rsvp_token(invitee, answer)])


def _no_case_content(text, episode):
    for secret in (CHILD_FIRST, CHILD_LAST, "LCS-777002", episode.concern):
        assert secret not in text


def test_opening_the_link_changes_nothing_and_asks_for_confirmation(client, nurse, episode):
    response = client.get(_answer_url(nurse))
    assert response.status_code == 200
    assert "Can you come to the meeting?" in response.text
    assert "Yes, I can come" in response.text
    assert 'method="post"' in response.text and "csrfmiddlewaretoken" in response.text
    assert "Room 2, Civic Centre" in response.text
    _no_case_content(response.text, episode)
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.INVITED
    assert nurse.responded_at is None
    assert not AuditEvent.objects.filter(verb="meeting.invitee_responded").exists()


def test_confirming_records_the_answer_and_thanks_them_without_case_content(client, nurse, episode):
    url = _answer_url(nurse, "decline")
    client.get(url)
    response = client.post(url, {"answer": "decline"})
    assert response.status_code == 200
    assert "Thank you for letting us know" in response.text
    assert "You said you cannot come" in response.text
    _no_case_content(response.text, episode)
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.DECLINED
    event = AuditEvent.objects.get(verb="meeting.invitee_responded")
    assert event.actor is None and event.child_id == episode.child_id


def test_the_link_accepts_once(client, nurse):
    url = _answer_url(nurse)
    assert client.post(url, {"answer": "accept"}).status_code == 200
    assert client.post(url, {"answer": "accept"}).status_code == 200
    assert AuditEvent.objects.filter(verb="meeting.invitee_responded").count() == 1


def test_the_answer_page_needs_its_csrf_token(nurse):
    response = Client(enforce_csrf_checks=True).post(_answer_url(nurse), {"answer": "accept"})
    assert response.status_code == 403
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.INVITED


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_gets_a_plain_page_saying_so(client, nurse, method):
    token = invitation_services.rsvp_token(nurse, "accept")
    response = getattr(client, method)(reverse("meetings:invitation_respond", args=[token[:-3] + "abc"]),
                                       {"answer": "accept"} if method == "post" else None)
    assert response.status_code == 404
    assert "This link is not valid" in response.text
    assert "the person who invited you" in response.text
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.INVITED


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_link_says_so_and_whom_to_contact(client, meeting, nurse, personas, method):
    url = _answer_url(nurse)
    with time_machine.travel(meeting.ends_at + dt.timedelta(hours=1)):
        response = getattr(client, method)(url, {"answer": "accept"} if method == "post" else None)
    assert response.status_code == 410
    assert "This link has expired" in response.text
    assert personas.practitioner.get_full_name() in response.text
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.INVITED
