"""Where possible, an escalation is decided by someone who was not one of the two reviewers who
disagreed (issue 13, point 16; docs/adr/0046)."""

import pytest
from django.urls import reverse

from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import UserFactory
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.models import State

pytestmark = pytest.mark.django_db

DECISION = {"risk_level": "high", "mase_required": "yes", "rationale": "Escalation decision (test).",
            "next_steps": "Hold a MASE within 10 working days."}


@pytest.fixture
def escalated(personas):
    return scenarios.escalated(practitioner=personas.practitioner, child=ChildFactory(allocated_team=personas.team),
                               cse_manager=personas.cse_manager, police=personas.police_coordinator)


@pytest.fixture
def another_manager(personas):
    return UserFactory(username="cleo.csemanager", role=Role.CSE_MANAGER, team=personas.cse_manager.team)


def _decide(client, episode):
    return client.post(reverse("episodes:escalation", args=[episode.pk]), DECISION)


def test_a_reviewer_does_not_decide_when_another_manager_can(personas, client_for, escalated, another_manager):
    response = _decide(client_for(personas.cse_manager), escalated)
    assert response.status_code == 403
    escalated.refresh_from_db()
    assert escalated.state == State.ESCALATED
    page = client_for(personas.cse_manager).get(reverse("episodes:detail", args=[escalated.pk])).text
    assert reverse("episodes:escalation", args=[escalated.pk]) not in page


def test_the_manager_who_did_not_review_decides(personas, client_for, escalated, another_manager):
    assert _decide(client_for(another_manager), escalated).status_code == 302
    escalated.refresh_from_db()
    assert escalated.state == State.MASE_REQUIRED
    assert list(escalated.decided_by.all()) == [another_manager]


def test_when_nobody_else_can_the_reviewer_decides_rather_than_leave_the_child_waiting(personas, client_for,
                                                                                         escalated):
    assert _decide(client_for(personas.cse_manager), escalated).status_code == 302


def test_a_deployment_can_let_a_reviewer_decide(personas, client_for, escalated, another_manager, settings):
    settings.CSE_ESCALATION_BY_ANOTHER = False
    assert _decide(client_for(personas.cse_manager), escalated).status_code == 302
