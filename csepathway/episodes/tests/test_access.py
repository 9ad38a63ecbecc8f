"""Who may do what with an episode, as episodes/access.py says it, and the pages and the workflow
table that follow it. Every persona against every predicate, for an episode in the state it needs."""

import pytest
from django.urls import reverse

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import access, scenarios, workflow

pytestmark = pytest.mark.django_db

PERSONAS = ["practitioner", "same_team_practitioner", "team_manager", "outsider", "other_team_manager",
            "cse_worker", "cse_manager", "police_coordinator", "mase_chair", "auditor", "system_admin"]
CASE_HOLDERS_OF_THE_TEAM = {"practitioner", "same_team_practitioner", "team_manager"}


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_practitioners_and_team_managers_may_start_an_episode(personas, client_for, child, persona):
    user = getattr(personas, persona)
    may = access.may_start_episode(user)

    assert may == (persona in CASE_HOLDERS_OF_THE_TEAM | {"outsider", "other_team_manager"})
    page = client_for(user).get(reverse("children:detail", args=[child.pk]))
    if page.status_code == 200:  # the record's panel offers it to exactly those who may
        assert ("Record a CSE concern" in page.content.decode()) == may


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_teams_case_holders_may_screen_and_work_on_the_assessment(personas, child, persona):
    user = getattr(personas, persona)
    episode = scenarios.screened(practitioner=personas.practitioner, child=child)
    holder = persona in CASE_HOLDERS_OF_THE_TEAM

    assert access.may_screen(user, episode) == holder
    assert access.may_edit_assessment(user, episode) == holder
    assert access.may_read_assessment(user, episode) == holder  # a draft is the case holders' alone


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_submitted_assessment_is_read_by_the_reviewers_and_changed_by_nobody(personas, child, persona):
    user = getattr(personas, persona)
    episode = scenarios.submitted(practitioner=personas.practitioner, child=child)

    assert not access.may_edit_assessment(user, episode)
    assert access.may_read_assessment(user, episode)  # the scope (episode_get) decides who reaches it


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_cse_manager_and_the_police_coordinator_review_and_return(personas, child, persona):
    user = getattr(personas, persona)
    episode = scenarios.submitted(practitioner=personas.practitioner, child=child)
    reviewer = persona in {"cse_manager", "police_coordinator"}

    assert access.may_review(user, episode) == reviewer
    assert workflow.allowed("review", user=user, episode=episode) == reviewer
    assert workflow.allowed("return", user=user, episode=episode) == reviewer
    assert not workflow.allowed("submit", user=user, episode=episode)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_escalation_role_decides_an_escalated_episode(personas, child, persona, settings):
    settings.CSE_ESCALATION_ROLES = ["cse_manager"]
    user = getattr(personas, persona)
    episode = scenarios.escalated(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                                  police=personas.police_coordinator)

    assert access.may_decide_escalation(user, episode) == (persona == "cse_manager")
    for mase_required in (True, False):
        name = workflow.decision(mase_required=mase_required, escalated=True)
        assert workflow.allowed(name, user=user, episode=episode) == (persona == "cse_manager")
        assert not workflow.allowed(workflow.decision(mase_required=mase_required, escalated=False), user=user,
                                    episode=episode)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_cse_team_and_the_teams_case_holders_close_a_decided_episode(personas, child, persona):
    user = getattr(personas, persona)
    episode = scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                                police=personas.police_coordinator)
    may = persona in CASE_HOLDERS_OF_THE_TEAM | {"cse_worker", "cse_manager"}

    assert access.may_close(user, episode) == may
    assert workflow.allowed("close", user=user, episode=episode) == may

