"""Real Team Manager sign-off (issue 13, point 2; docs/adr/0043): the practitioner asks, a Team
Manager of the team agrees or returns the assessment with comments, in the service, audited, and
the assessment cannot go to the CSE team without it."""

import pytest
from django.test import override_settings
from django.urls import reverse

from csepathway.accounts.tests.factories import AgencyFactory, TeamFactory, UserFactory
from csepathway.assessments.models import ManagerSignOff
from csepathway.assessments.services import assessment_section_save
from csepathway.assessments.sign_off import SignOff, sign_off_state
from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.episodes import scenarios, services
from csepathway.episodes.models import State
from csepathway.episodes.sign_off_services import (
    ASK_SUBJECT,
    assessment_sign_off_decide,
    assessment_sign_off_request,
)
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

CHANGE_THIS = "Add what the school said about the older boyfriend (test)."


@pytest.fixture
def episode(personas):
    child = ChildFactory(allocated_team=personas.team)
    return scenarios.ready_to_submit(practitioner=personas.practitioner, child=child, sign_off=False)


def _send(episode, actor):
    return services.episode_submit(actor=actor, episode=episode, source="lcs", source_reference="LCS-1")


def _request_page(episode):
    return reverse("episodes:sign_off_request", args=[episode.pk])


def _sign_off_page(episode):
    return reverse("episodes:sign_off", args=[episode.pk])


def _emails(subject):
    return [m for m in OutboxMessage.objects.filter(kind="email") if m.payload.get("subject") == subject]


def test_practitioner_cannot_send_the_assessment_before_the_team_manager_signs_it_off(personas, episode):
    with pytest.raises(Refused, match="Ask your Team Manager to sign off"):
        _send(episode, personas.practitioner)
    episode.refresh_from_db()
    assert episode.state == State.DRAFT


def test_check_your_answers_says_the_sign_off_is_missing(personas, client_for, episode):
    page = client_for(personas.practitioner).get(reverse("episodes:submit", args=[episode.pk])).text
    assert "Ask your Team Manager to sign off the assessment before you send it." in page


def test_practitioner_asks_and_every_team_manager_of_the_team_is_emailed_without_case_content(
        personas, client_for, episode):
    second = UserFactory(username="tina.manager", role="team_manager", team=personas.team)
    response = client_for(personas.practitioner).post(_request_page(episode))
    assert response.status_code == 302
    sign_off = ManagerSignOff.objects.get()
    assert sign_off.state == ManagerSignOff.State.WAITING and sign_off.requested_by == personas.practitioner
    assert AuditEvent.objects.filter(verb="assessment.sign_off_requested", actor=personas.practitioner).exists()
    asked = _emails(ASK_SUBJECT)
    assert sorted(m.payload["to"][0] for m in asked) == sorted([personas.team_manager.email, second.email])
    assert all(episode.child.last_name not in str(m.payload) for m in asked), "no case content in emails"
    assert personas.other_team_manager.email not in str([m.payload for m in asked])


def test_asking_twice_sends_nothing_more(personas, client_for, episode):
    client = client_for(personas.practitioner)
    client.post(_request_page(episode))
    client.post(_request_page(episode))
    assert ManagerSignOff.objects.count() == 1
    assert len(_emails(ASK_SUBJECT)) == 1


def test_the_episode_page_shows_it_waiting_and_offers_the_team_manager_the_sign_off(personas, client_for, episode):
    assessment_sign_off_request(actor=personas.practitioner, episode=episode)
    practitioner_page = client_for(personas.practitioner).get(reverse("episodes:detail", args=[episode.pk])).text
    assert "The assessment is waiting for the Team Manager's sign-off" in practitioner_page
    assert f'href="{_sign_off_page(episode)}"' not in practitioner_page
    manager_page = client_for(personas.team_manager).get(reverse("episodes:detail", args=[episode.pk])).text
    assert f'href="{_sign_off_page(episode)}"' in manager_page


def test_team_manager_reads_the_whole_assessment_and_signs_it_off(personas, client_for, episode):
    assessment_sign_off_request(actor=personas.practitioner, episode=episode)
    client = client_for(personas.team_manager)
    page = client.get(_sign_off_page(episode))
    assert page.status_code == 200
    assert "Proposed risk level and rationale" in page.text and "Indicators in the last 6 months." in page.text
    response = client.post(_sign_off_page(episode), {"agree": "yes"})
    assert response.status_code == 302
    sign_off = ManagerSignOff.objects.get()
    assert sign_off.state == ManagerSignOff.State.AGREED and sign_off.decided_by == personas.team_manager
    assert AuditEvent.objects.filter(verb="assessment.sign_off_agreed", actor=personas.team_manager).exists()
    episode.refresh_from_db()
    assert _send(episode, personas.practitioner).state == State.SUBMITTED


def test_team_manager_returns_it_with_comments_the_practitioner_reads(personas, client_for, episode):
    assessment_sign_off_request(actor=personas.practitioner, episode=episode)
    client = client_for(personas.team_manager)
    refused = client.post(_sign_off_page(episode), {"agree": "no", "comment": ""})
    assert refused.status_code == 400 and "Say what the practitioner should change" in refused.text
    client.post(_sign_off_page(episode), {"agree": "no", "comment": CHANGE_THIS})
    assert ManagerSignOff.objects.get().state == ManagerSignOff.State.RETURNED
    assert AuditEvent.objects.filter(verb="assessment.sign_off_returned").exists()
    page = client_for(personas.practitioner).get(reverse("episodes:detail", args=[episode.pk])).text
    assert CHANGE_THIS in page and "Returned with comments" in page
    with pytest.raises(Refused, match="returned the assessment with comments"):
        _send(episode, personas.practitioner)


def test_a_change_after_sign_off_needs_a_new_one(personas, episode):
    scenarios.signed_off(episode=episode, practitioner=personas.practitioner, manager=personas.team_manager)
    assessment = episode.assessment
    assessment_section_save(actor=personas.practitioner, assessment=assessment, section="analysis",
                            answers={"analysis": "Changed after sign-off (test)."},
                            expected_version=assessment.version, complete=True)
    assert sign_off_state(assessment) == SignOff.CHANGED
    episode.refresh_from_db()
    with pytest.raises(Refused, match="changed since your Team Manager signed it off"):
        _send(episode, personas.practitioner)


def test_an_answered_request_cannot_be_answered_again(personas, episode):
    assessment_sign_off_request(actor=personas.practitioner, episode=episode)
    second = UserFactory(username="tina.manager", role="team_manager", team=personas.team)
    assessment_sign_off_decide(actor=personas.team_manager, episode=episode, agree=True)
    with pytest.raises(Refused, match="not waiting for sign-off"):
        assessment_sign_off_decide(actor=second, episode=episode, agree=False, comment="No (test).")


@pytest.mark.parametrize("who", ["practitioner", "same_team_practitioner", "other_team_manager", "cse_manager",
                                 "police_coordinator"])
def test_only_a_team_manager_of_the_team_may_sign_off(personas, client_for, episode, who):
    assessment_sign_off_request(actor=personas.practitioner, episode=episode)
    response = client_for(getattr(personas, who)).post(_sign_off_page(episode), {"agree": "yes"})
    assert response.status_code in (403, 404)
    assert ManagerSignOff.objects.get().state == ManagerSignOff.State.WAITING


def test_outsider_gets_not_found_on_both_pages(personas, client_for, episode):
    client = client_for(personas.outsider)
    assert client.get(_request_page(episode)).status_code == 404
    assert client.get(_sign_off_page(episode)).status_code in (403, 404)


def test_a_team_manager_cannot_sign_off_an_assessment_of_their_own(personas, client_for):
    child = ChildFactory(allocated_team=personas.team)
    own = scenarios.ready_to_submit(practitioner=personas.team_manager, child=child, sign_off=False)
    assessment_sign_off_request(actor=personas.team_manager, episode=own)
    assert client_for(personas.team_manager).get(_sign_off_page(own)).status_code == 403


@override_settings(CSE_SIGN_OFF_FOR_EARLY_HELP=False)
def test_early_help_lead_professional_may_send_without_sign_off_where_procedure_says_so(personas, client_for):
    early_help = TeamFactory(name="Early Help Hub", agency=AgencyFactory(name="Early Help", kind="early_help"))
    lead = UserFactory(username="lee.lead", role="practitioner", team=early_help)
    episode = scenarios.ready_to_submit(practitioner=lead, child=ChildFactory(allocated_team=early_help),
                                        sign_off=False)
    page = client_for(lead).get(reverse("episodes:detail", args=[episode.pk])).text
    assert "Not needed for early help" in page
    assert _send(episode, lead).state == State.SUBMITTED


def test_early_help_needs_sign_off_by_default(personas):
    early_help = TeamFactory(name="Early Help Hub", agency=AgencyFactory(name="Early Help", kind="early_help"))
    lead = UserFactory(username="lee.lead", role="practitioner", team=early_help)
    episode = scenarios.ready_to_submit(practitioner=lead, child=ChildFactory(allocated_team=early_help),
                                        sign_off=False)
    with pytest.raises(Refused, match="sign off"):
        _send(episode, lead)
