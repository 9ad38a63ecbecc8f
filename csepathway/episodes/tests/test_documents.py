"""The assessment and the CSE team's decision as PDFs people take away: marked on every page, the
child named by references not record ids, behind step-up, each download on the trail; a draft
assessment never reaches the CSE team or the police; an outsider gets 404."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Morgan", last_name="Testchild", allocated_team=personas.team,
                        lcs_reference="LCS-TEST-7781")


@pytest.fixture
def decided(personas, child):
    return scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator)


def _get(client, name, episode):
    return client.get(reverse(f"episodes:{name}", args=[episode.pk]))


def _text(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf" and response["Cache-Control"] == "no-store"
    assert "Morgan" not in response["Content-Disposition"]
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def _no_ids(text: str, *objects) -> None:
    for obj in objects:
        assert str(obj.pk) not in text and str(obj.pk)[:8] not in text


def test_the_assessment_pdf_has_every_section_marked_on_every_page(personas, stepped_up_client_for, decided):
    pages = _text(_get(stepped_up_client_for(personas.practitioner), "assessment_pdf", decided))
    assert all(text.count("OFFICIAL-SENSITIVE") >= 2 for text in pages)
    text = "\n".join(pages)
    assert "CSE risk assessment" in text and "LCS-TEST-7781" in text and "Proposed risk level" in text
    _no_ids(text, decided, decided.child, decided.assessment)
    event = AuditEvent.objects.get(verb="assessment.downloaded")
    assert (event.actor, event.child_id, event.outcome) == (personas.practitioner, decided.child_id, "allowed")


def test_the_decision_pdf_has_the_agreed_level_and_each_reviewers_view(personas, stepped_up_client_for, decided):
    pages = _text(_get(stepped_up_client_for(personas.cse_manager), "decision_pdf", decided))
    assert all(text.count("OFFICIAL-SENSITIVE") >= 2 for text in pages)
    text = "\n".join(pages)
    assert "CSE team decision" in text and "High" in text and "Joint review" in text and "round 1" in text
    assert "LCS-TEST-7781" in text
    _no_ids(text, decided, decided.child)
    assert AuditEvent.objects.filter(verb="episode.decision_downloaded", actor=personas.cse_manager,
                                     child_id=decided.child_id).exists()


@pytest.mark.parametrize("name", ["assessment_pdf", "decision_pdf"])
def test_a_same_team_practitioner_may_download(personas, stepped_up_client_for, decided, name):
    _text(_get(stepped_up_client_for(personas.same_team_practitioner), name, decided))


@pytest.mark.parametrize("name", ["assessment_pdf", "decision_pdf"])
def test_an_outsider_gets_404_and_the_refusal_is_audited(personas, stepped_up_client_for, client_for, decided, name):
    assert _get(stepped_up_client_for(personas.outsider), name, decided).status_code == 404
    assert _get(client_for(personas.outsider), name, decided).status_code == 404
    assert AuditEvent.objects.filter(actor=personas.outsider, outcome=AuditEvent.Outcome.DENIED).exists()


@pytest.mark.parametrize("name", ["assessment_pdf", "decision_pdf"])
def test_a_download_asks_the_user_to_confirm_it_is_them_first(personas, client_for, decided, name):
    response = _get(client_for(personas.practitioner), name, decided)
    assert response.status_code == 302 and reverse("accounts:step_up") in response["Location"]
    assert not AuditEvent.objects.filter(verb__in=["assessment.downloaded", "episode.decision_downloaded"]).exists()


def test_there_is_no_decision_pdf_before_the_decision(personas, stepped_up_client_for, child):
    episode = scenarios.submitted(practitioner=personas.practitioner, child=child)
    assert _get(stepped_up_client_for(personas.cse_manager), "decision_pdf", episode).status_code == 404


def test_the_police_never_download_a_draft_assessment(personas, stepped_up_client_for, child):
    episode = scenarios.ready_to_submit(practitioner=personas.practitioner, child=child)
    assert _get(stepped_up_client_for(personas.police_coordinator), "assessment_pdf", episode).status_code == 404
    _text(_get(stepped_up_client_for(personas.practitioner), "assessment_pdf", episode))


def test_the_pages_offer_the_downloads(personas, client_for, decided):
    client = client_for(personas.cse_manager)
    assert reverse("episodes:decision_pdf", args=[decided.pk]) in _get(client, "detail", decided).text
    assert reverse("episodes:assessment_pdf", args=[decided.pk]) in _get(client, "assessment", decided).text
