import pytest
from django.urls import reverse

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.models import State

pytestmark = pytest.mark.django_db

DECISION = {"risk_level": "high", "mase_required": "yes", "rationale": "Escalation decision (test).",
            "next_steps": "Hold a MASE within 10 working days."}


@pytest.fixture
def escalated(personas):
    child = ChildFactory(allocated_team=personas.team)
    return scenarios.escalated(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                               police=personas.police_coordinator)


def test_escalation_role_decides_an_escalated_episode(personas, client_for, escalated, settings):
    settings.CSE_ESCALATION_ROLES = ["cse_manager"]
    response = client_for(personas.cse_manager).post(reverse("episodes:escalation", args=[escalated.pk]), DECISION)
    assert response.status_code == 302
    escalated.refresh_from_db()
    assert escalated.state == State.MASE_REQUIRED and escalated.reviews.count() == 2


def test_the_police_coordinator_is_not_the_escalation_role_by_default(personas, client_for, escalated):
    client = client_for(personas.police_coordinator)
    assert client.get(reverse("episodes:escalation", args=[escalated.pk])).status_code == 403
    assert client.post(reverse("episodes:escalation", args=[escalated.pk]), DECISION).status_code == 403
    escalated.refresh_from_db()
    assert escalated.state == State.ESCALATED


def test_the_escalation_role_is_configurable(personas, client_for, escalated, settings):
    settings.CSE_ESCALATION_ROLES = ["police_coordinator"]
    response = client_for(personas.police_coordinator).post(reverse("episodes:escalation", args=[escalated.pk]),
                                                            DECISION)
    assert response.status_code == 302


def test_the_escalated_page_shows_both_views(personas, client_for, escalated):
    content = client_for(personas.cse_worker).get(reverse("episodes:detail", args=[escalated.pk])).content.decode()
    assert "Exploitation appears habitual." in content
    assert "No evidence yet of offences" in content


def test_outsider_cannot_see_or_decide_an_escalated_episode(personas, client_for, escalated):
    client = client_for(personas.outsider)
    assert client.get(reverse("episodes:detail", args=[escalated.pk])).status_code == 404
    assert client.post(reverse("episodes:escalation", args=[escalated.pk]), DECISION).status_code == 404


@pytest.fixture
def decided(personas):
    child = ChildFactory(allocated_team=personas.team)
    return scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator, mase_required=False)


def test_practitioner_closes_a_decided_episode_with_a_reason(personas, client_for, decided):
    response = client_for(personas.practitioner).post(reverse("episodes:close", args=[decided.pk]),
                                                      {"reason": "risk_reduced", "detail": ""})
    assert response.status_code == 302
    decided.refresh_from_db()
    assert decided.state == State.CLOSED


def test_closing_for_another_reason_needs_an_explanation(personas, client_for, decided):
    response = client_for(personas.same_team_practitioner).post(reverse("episodes:close", args=[decided.pk]),
                                                                {"reason": "other", "detail": ""})
    assert "Explain why the episode is closing" in response.content.decode()
    decided.refresh_from_db()
    assert decided.state != State.CLOSED


def test_outsider_cannot_close(personas, client_for, decided):
    assert client_for(personas.outsider).post(reverse("episodes:close", args=[decided.pk]),
                                              {"reason": "risk_reduced"}).status_code == 404


def test_police_coordinator_cannot_close(personas, client_for, decided):
    assert client_for(personas.police_coordinator).post(reverse("episodes:close", args=[decided.pk]),
                                                        {"reason": "risk_reduced"}).status_code == 403


def test_a_new_episode_can_start_after_closure_with_the_history_visible(personas, client_for, decided):
    client = client_for(personas.practitioner)
    client.post(reverse("episodes:close", args=[decided.pk]), {"reason": "risk_reduced", "detail": ""})
    content = client.get(reverse("children:detail", args=[decided.child_id])).content.decode()
    assert "Record a CSE concern" in content and "Closed" in content
