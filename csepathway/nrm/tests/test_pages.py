"""Every NRM view with the personas: the case holders and the CSE team prepare and update a referral,
the police coordinator reads it, anyone else gets 404 (and the refusal is audited)."""

import datetime as dt

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.nrm.models import NrmReferral

from .builders import COMPLETE_ANSWERS, complete_every_section, referred

pytestmark = pytest.mark.django_db

READ_VIEWS = ["nrm:detail", "nrm:export_text", "nrm:export_pdf"]
EDIT_VIEWS = ["nrm:check", "nrm:referred", "nrm:reference", "nrm:reasonable_grounds", "nrm:conclusive_grounds",
              "nrm:guardian"]


def _url(name, referral):
    return reverse(name, args=[referral.pk])


def _section_url(referral, slug="nature"):
    return reverse("nrm:section", args=[referral.pk, slug])


@pytest.mark.parametrize("persona", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker",
                                     "cse_manager"])
@pytest.mark.parametrize("name", READ_VIEWS + EDIT_VIEWS)
def test_case_holders_and_the_cse_team_open_every_page(personas, stepped_up_client_for, referral, persona, name):
    response = stepped_up_client_for(getattr(personas, persona)).get(_url(name, referral))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["practitioner", "same_team_practitioner", "cse_worker"])
def test_case_holders_and_the_cse_team_open_a_section(personas, client_for, referral, persona):
    response = client_for(getattr(personas, persona)).get(_section_url(referral))
    assert response.status_code == 200
    assert "Nature of the referral" in response.text


@pytest.mark.parametrize("name", READ_VIEWS)
def test_the_police_coordinator_reads_the_referral(personas, stepped_up_client_for, referral, name):
    response = stepped_up_client_for(personas.police_coordinator).get(_url(name, referral))
    assert response.status_code == 200


@pytest.mark.parametrize("name", EDIT_VIEWS)
def test_the_police_coordinator_cannot_change_it(personas, client_for, referral, name):
    assert client_for(personas.police_coordinator).get(_url(name, referral)).status_code == 403


def test_the_police_coordinator_cannot_save_a_section(personas, client_for, referral):
    response = client_for(personas.police_coordinator).post(_section_url(referral),
                                                            {**COMPLETE_ANSWERS["nature"], "version": "1"})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert "nature" not in referral.content


@pytest.mark.parametrize("name", READ_VIEWS + EDIT_VIEWS)
def test_an_outsider_gets_404_and_the_refusal_is_audited(personas, client_for, referral, name):
    response = client_for(personas.outsider).get(_url(name, referral))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(actor=personas.outsider, object_id=str(referral.pk),
                                     outcome=AuditEvent.Outcome.DENIED).exists()


def test_an_outsider_cannot_open_a_section_or_start_one(personas, client_for, referral, episode):
    client = client_for(personas.outsider)
    assert client.get(_section_url(referral)).status_code == 404
    assert client.post(reverse("nrm:start", args=[episode.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["mase_chair", "auditor", "system_admin"])
def test_roles_without_case_work_get_nothing(personas, client_for, referral, persona):
    client = client_for(getattr(personas, persona))
    for name in READ_VIEWS:
        assert client.get(_url(name, referral)).status_code == 404
    for name in EDIT_VIEWS:
        assert client.get(_url(name, referral)).status_code in (403, 404)


def test_the_police_coordinator_never_sees_a_referral_on_a_draft_episode(personas, client_for, child):
    from csepathway.nrm import services

    from .builders import episode_with_types

    draft = episode_with_types(personas, child, ["trafficking"], submit=False)
    referral = services.referral_start(actor=personas.practitioner, episode=draft)
    assert client_for(personas.police_coordinator).get(_url("nrm:detail", referral)).status_code == 404
    assert client_for(personas.cse_worker).get(_url("nrm:detail", referral)).status_code == 404
    assert client_for(personas.same_team_practitioner).get(_url("nrm:detail", referral)).status_code == 200


def test_the_start_page_explains_and_starting_creates_one_referral(personas, client_for, episode):
    client = client_for(personas.practitioner)
    url = reverse("nrm:start", args=[episode.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "does not need to consent" in page.text
    assert "duty to notify" in page.text
    assert "times out" in page.text
    first = client.post(url)
    second = client.post(url)  # a double click
    referral = NrmReferral.objects.get()
    assert first["Location"] == second["Location"] == _url("nrm:detail", referral)
    event = AuditEvent.objects.get(verb="nrm.started")
    assert event.child_id == episode.child_id


@pytest.mark.parametrize("persona", ["same_team_practitioner", "cse_manager"])
def test_a_same_team_practitioner_and_the_cse_team_can_start_one(personas, client_for, episode, persona):
    response = client_for(getattr(personas, persona)).post(reverse("nrm:start", args=[episode.pk]))
    assert response.status_code == 302
    assert NrmReferral.objects.get().created_by == getattr(personas, persona)


def test_the_police_coordinator_cannot_start_one(personas, client_for, episode):
    assert client_for(personas.police_coordinator).post(reverse("nrm:start", args=[episode.pk])).status_code == 403
    assert not NrmReferral.objects.exists()


def test_every_read_is_audited_with_the_child(personas, client_for, referral):
    client_for(personas.police_coordinator).get(_url("nrm:detail", referral))
    event = AuditEvent.objects.get(verb="nrm.viewed", actor=personas.police_coordinator)
    assert (event.outcome, event.child_id, event.object_id) == (AuditEvent.Outcome.ALLOWED, referral.child_id,
                                                                str(referral.pk))


def test_saving_a_section_as_done_and_as_a_draft(personas, client_for, referral):
    client = client_for(personas.practitioner)
    response = client.post(_section_url(referral), {"how_identified": "At school (test).", "version": "1",
                                                    "action": "later"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.content["nature"]["how_identified"] == "At school (test)."
    assert "nature" not in referral.completed_sections

    response = client.post(_section_url(referral), {"how_identified": "At school (test).", "version": "2",
                                                    "action": "continue"})
    assert response.status_code == 200
    assert "Enter why you think the child may be a victim" in response.text
    assert "Select whether the child is safe now" in response.text

    response = client.post(_section_url(referral), {**COMPLETE_ANSWERS["nature"], "version": "2",
                                                    "action": "continue"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert "nature" in referral.completed_sections
    assert AuditEvent.objects.filter(verb="nrm.section_saved", child_id=referral.child_id).count() == 2


def test_a_stale_section_save_is_refused_with_an_explanation(personas, client_for, referral):
    opened_at = referral.version
    client_for(personas.same_team_practitioner).post(_section_url(referral), {
        **COMPLETE_ANSWERS["nature"], "version": str(opened_at), "action": "continue"})
    response = client_for(personas.practitioner).post(_section_url(referral), {
        **COMPLETE_ANSWERS["nature"], "reason": "My version (test).", "version": str(opened_at),
        "action": "continue"})
    assert response.status_code == 409
    assert "Someone else saved this referral while you were editing it" in response.text
    assert "My version (test)." in response.text  # what they typed is kept
    referral.refresh_from_db()
    assert referral.content["nature"]["reason"] == COMPLETE_ANSWERS["nature"]["reason"]


def test_an_unknown_section_is_404(personas, client_for, referral):
    assert client_for(personas.practitioner).get(_section_url(referral, "nope")).status_code == 404


def test_check_your_answers_and_recording_the_referral(personas, client_for, referral):
    client = client_for(personas.practitioner)
    page = client.get(_url("nrm:check", referral))
    assert "Some sections are not completed yet" in page.text
    referral = complete_every_section(personas.practitioner, referral)
    page = client.get(_url("nrm:check", referral))
    assert "Record that you made the referral" in page.text
    assert "CR/123/26" in page.text
    day = dt.date.today() - dt.timedelta(days=2)
    response = client.post(_url("nrm:referred", referral), {
        "referred_on_day": day.day, "referred_on_month": day.month, "referred_on_year": day.year,
        "reference": "NRM-77", "version": referral.version})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.referred_on, referral.reference) == (day, "NRM-77")
    # Once made, the answers are kept as they were sent.
    response = client.get(_section_url(referral))
    assert response.status_code == 302
    detail = client.get(_url("nrm:detail", referral))
    assert "The answers sent" in detail.text


def test_the_reference_can_be_added_later(personas, client_for, referral):
    referral = referred(personas.practitioner, referral, dt.date.today(), reference="")
    response = client_for(personas.cse_worker).post(_url("nrm:reference", referral),
                                                    {"reference": "NRM-LATER", "version": referral.version})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.reference == "NRM-LATER"
    assert AuditEvent.objects.filter(verb="nrm.reference_recorded", child_id=referral.child_id).exists()


def test_the_guardian_referral_needs_a_date_when_yes(personas, client_for, referral):
    client = client_for(personas.practitioner)
    response = client.post(_url("nrm:guardian", referral), {"referred": "yes", "version": referral.version})
    assert response.status_code == 200
    assert "Enter the date of the referral to the guardian service" in response.text
    day = dt.date.today()
    response = client.post(_url("nrm:guardian", referral), {
        "referred": "yes", "referred_on_day": day.day, "referred_on_month": day.month,
        "referred_on_year": day.year, "version": referral.version})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.guardian_referred, referral.guardian_referred_on) == (True, day)
    assert AuditEvent.objects.filter(verb="nrm.guardian_recorded", child_id=referral.child_id).exists()


def test_a_stale_decision_is_refused(personas, client_for, referral):
    referral = referred(personas.practitioner, referral, dt.date.today() - dt.timedelta(days=3))
    opened_at = referral.version
    day = dt.date.today()
    data = {"outcome": "positive", "decided_on_day": day.day, "decided_on_month": day.month,
            "decided_on_year": day.year, "version": opened_at}
    assert client_for(personas.cse_manager).post(_url("nrm:reasonable_grounds", referral), data).status_code == 302
    response = client_for(personas.practitioner).post(_url("nrm:reasonable_grounds", referral),
                                                      {**data, "outcome": "negative"})
    assert response.status_code == 409
    assert "Someone else changed this referral" in response.text
    referral.refresh_from_db()
    assert referral.reasonable_grounds == "positive"
