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
                                                      {"reason": "risk_reduced", "detail": "", "confirm": "on"})
    assert response.status_code == 302
    decided.refresh_from_db()
    assert decided.state == State.CLOSED


def test_closing_for_another_reason_needs_an_explanation(personas, client_for, decided):
    response = client_for(personas.same_team_practitioner).post(reverse("episodes:close", args=[decided.pk]),
                                                                {"reason": "other", "detail": "", "confirm": "on"})
    assert "Explain why the episode is closing" in response.content.decode()
    decided.refresh_from_db()
    assert decided.state != State.CLOSED


def test_outsider_cannot_close(personas, client_for, decided):
    assert client_for(personas.outsider).post(reverse("episodes:close", args=[decided.pk]),
                                              {"reason": "risk_reduced", "confirm": "on"}).status_code == 404


def test_police_coordinator_cannot_close(personas, client_for, decided):
    assert client_for(personas.police_coordinator).post(reverse("episodes:close", args=[decided.pk]),
                                                        {"reason": "risk_reduced", "confirm": "on"}).status_code == 403


def test_a_new_episode_can_start_after_closure_with_the_history_visible(personas, client_for, decided):
    client = client_for(personas.practitioner)
    client.post(reverse("episodes:close", args=[decided.pk]), {"reason": "risk_reduced", "detail": "", "confirm": "on"})
    content = client.get(reverse("children:detail", args=[decided.child_id])).content.decode()
    assert "Record a CSE concern" in content and "Closed" in content


# A step someone else has already taken: the reason beside the form (400), nothing typed lost ---------

def escalation(episode):
    return reverse("episodes:escalation", args=[episode.pk])


def close(episode):
    return reverse("episodes:close", args=[episode.pk])


@pytest.fixture
def second_cse_manager(personas):
    return UserFactory(username="cleo.csemanager", role=Role.CSE_MANAGER, team=personas.cse_manager.team)


def test_a_second_manager_deciding_an_already_decided_escalation_is_told_why_beside_the_form(
        personas, client_for, escalated, second_cse_manager, settings):
    settings.CSE_ESCALATION_BY_ANOTHER = False  # two managers race; who may decide is tested elsewhere
    client_for(personas.cse_manager).post(escalation(escalated), DECISION)

    response = client_for(second_cse_manager).post(escalation(escalated),
                                                   DECISION | {"rationale": "My own reasons (test)."})

    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "You cannot decide the escalated episode because the episode is decided: MASE required." in page
    assert "My own reasons (test)." in page
    escalated.refresh_from_db()
    assert list(escalated.decided_by.all()) == [personas.cse_manager]
    assert escalated.decision_rationale == "Escalation decision (test)."


def test_a_decision_made_while_the_page_was_open_is_a_form_error_not_a_server_error(
        personas, client_for, escalated, second_cse_manager, monkeypatch, settings):
    settings.CSE_ESCALATION_BY_ANOTHER = False  # two managers race; who may decide is tested elsewhere
    from csepathway.episodes import selectors, services

    read = selectors.episode_get

    def read_then_someone_decides(**kwargs):
        episode = read(**kwargs)
        services.escalation_decide(actor=personas.cse_manager, episode=episode, risk_level="medium",
                                   mase_required=False, rationale="Decided first (test).", next_steps="")
        return episode  # as the page saw it: still escalated

    monkeypatch.setattr(selectors, "episode_get", read_then_someone_decides)
    response = client_for(second_cse_manager).post(escalation(escalated), DECISION)

    assert response.status_code == 400
    assert "because the episode is decided: MASE not required" in response.content.decode()
    escalated.refresh_from_db()
    assert escalated.decision_rationale == "Decided first (test)."


def test_the_escalation_page_says_when_the_episode_no_longer_waits_for_a_decision(personas, client_for, decided):
    response = client_for(personas.cse_manager).get(escalation(decided))

    assert response.status_code == 200
    assert ("You cannot decide the escalated episode because the episode is decided: MASE not required."
            in response.content.decode())


@pytest.mark.parametrize(("persona", "status"), [("cse_manager", 400), ("police_coordinator", 403)])
def test_one_reviewer_cannot_decide_a_submitted_episode_through_the_escalation_page(
        personas, client_for, persona, status):
    submitted = scenarios.submitted(practitioner=personas.practitioner,
                                    child=ChildFactory(allocated_team=personas.team))

    response = client_for(getattr(personas, persona)).post(escalation(submitted), DECISION)

    assert response.status_code == status
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED and submitted.decided_at is None
    assert not submitted.transitions.filter(name__startswith="decide").exists()


def test_closing_an_episode_someone_else_closed_is_told_why_beside_the_form(personas, client_for, decided):
    client_for(personas.practitioner).post(close(decided), {"reason": "risk_reduced", "detail": "", "confirm": "on"})

    response = client_for(personas.same_team_practitioner).post(
        close(decided), {"reason": "other", "detail": "Moved to a new school (test).", "confirm": "on"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "You cannot close the episode because the episode is closed." in page
    assert "Moved to a new school (test)." in page
    decided.refresh_from_db()
    assert decided.closure_reason == "risk_reduced"


def test_returning_an_episode_already_returned_is_told_why_beside_the_form(personas, client_for):
    submitted = scenarios.submitted(practitioner=personas.practitioner,
                                    child=ChildFactory(allocated_team=personas.team))
    client_for(personas.cse_manager).post(reverse("episodes:return", args=[submitted.pk]),
                                          {"reason": "Add the dates (test)."})

    response = client_for(personas.police_coordinator).post(reverse("episodes:return", args=[submitted.pk]),
                                                            {"reason": "Add the associates (test)."})

    assert response.status_code == 400
    page = response.content.decode()
    assert "because the episode is returned for more information" in page
    assert "Add the associates (test)." in page
    assert submitted.transitions.filter(name="return").count() == 1


def test_closing_asks_for_confirmation_and_leaves_the_episode_open_without_it(personas, client_for, decided):
    client = client_for(personas.practitioner)
    page = client.get(close(decided)).text
    assert "govuk-button--warning" in page and "cannot be opened again" in page
    response = client.post(close(decided), {"reason": "risk_reduced", "detail": ""})
    assert response.status_code == 400
    assert "Confirm that you want to close the episode" in response.text
    decided.refresh_from_db()
    assert decided.state != "closed"


def test_the_episode_page_keeps_closing_apart_as_a_warning(personas, client_for, decided):
    page = client_for(personas.practitioner).get(reverse("episodes:detail", args=[decided.pk])).text
    group, _, rest = page.partition('<div class="govuk-button-group">')[2].partition("</div>")
    assert "Close the episode" not in group
    assert f'href="{close(decided)}"' in rest and "govuk-button--warning" in rest
