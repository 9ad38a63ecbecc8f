"""Who may use the episode pages that write: starting an episode, recording a conversation,
submitting and returning. For every persona, the status the page gives and, when it refuses, that
nothing was written and the episode's state is unchanged. A refusal is 404 when the person may not
see the episode (or the child) at all, 403 when they may see it but their role may not do this."""

import pytest
from django.urls import reverse

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios as builders
from csepathway.episodes.models import Conversation, Episode, State, Transition

pytestmark = pytest.mark.django_db

PERSONAS = ["practitioner", "same_team_practitioner", "team_manager", "outsider", "other_team_manager",
            "cse_worker", "cse_manager", "police_coordinator", "mase_chair", "auditor", "system_admin"]
CASE_HOLDERS_OF_THE_TEAM = {"practitioner", "same_team_practitioner", "team_manager"}


def _expected(allowed: set[str], not_found: set[str]) -> dict[str, int]:
    """302 (done, redirected to the episode) for `allowed`, 404 for `not_found`, 403 for the rest."""
    return {persona: 302 if persona in allowed else 404 if persona in not_found else 403 for persona in PERSONAS}


# Outside the child's team, a case holder cannot see the child or the episode: 404. Every other
# role is refused by role before anything is looked up: 403.
START = _expected(CASE_HOLDERS_OF_THE_TEAM, {"outsider", "other_team_manager"})
CONVERSATION = _expected(CASE_HOLDERS_OF_THE_TEAM, {"outsider", "other_team_manager"})
# Only case holders may submit, so the CSE Team Manager is refused by role (403), not by scope.
SUBMIT = _expected(CASE_HOLDERS_OF_THE_TEAM, {"outsider", "other_team_manager"})
# Only the two reviewers may return a submitted episode; everyone else is refused by role.
RETURN = _expected({"cse_manager", "police_coordinator"}, set())


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team,
                        lcs_reference="LCS-100234")


def test_the_tables_cover_every_persona(personas):
    for table in (START, CONVERSATION, SUBMIT, RETURN):
        assert set(table) == set(vars(personas))


@pytest.mark.parametrize(("persona", "status"), START.items())
def test_starting_an_episode(personas, client_for, child, persona, status):
    response = client_for(getattr(personas, persona)).post(reverse("episodes:start", args=[child.pk]),
                                                           {"concern": "Seen in cars with older men (test)."})
    assert response.status_code == status
    episodes = Episode.objects.filter(child=child)
    if status == 302:
        assert response.url == reverse("episodes:detail", args=[episodes.get().pk])
        assert episodes.get().practitioner == getattr(personas, persona)
    else:
        assert not episodes.exists()


@pytest.mark.parametrize("persona", ["cse_worker", "police_coordinator", "auditor"])
def test_roles_without_case_work_cannot_even_open_the_concern_page(personas, client_for, child, persona):
    assert client_for(getattr(personas, persona)).get(reverse("episodes:start", args=[child.pk])).status_code == 403


@pytest.mark.parametrize(("persona", "status"), CONVERSATION.items())
def test_recording_a_conversation(personas, client_for, child, persona, status):
    draft = builders.draft_episode(practitioner=personas.practitioner, child=child)
    response = client_for(getattr(personas, persona)).post(reverse("episodes:conversation", args=[draft.pk]), {
        "held_with": "child", "held_on_day": "3", "held_on_month": "11", "held_on_year": "2026",
        "people": "Jordan and me", "views": "\u201cHe looks after me.\u201d (test)"})
    assert response.status_code == status
    if status == 302:
        assert draft.conversations.get().recorded_by == getattr(personas, persona)
    else:
        assert not Conversation.objects.exists()
        if status == 404:
            assert "Jordan" not in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), SUBMIT.items())
def test_submitting(personas, client_for, child, persona, status):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    response = client_for(getattr(personas, persona)).post(reverse("episodes:submit", args=[episode.pk]),
                                                           {"source": "lcs", "source_reference": "LCS-100234"})
    assert response.status_code == status
    episode.refresh_from_db()
    if status == 302:
        assert (episode.state, episode.submission_round) == (State.SUBMITTED, 1)
    else:
        assert (episode.state, episode.submission_round) == (State.DRAFT, 0)
        assert not Transition.objects.filter(episode=episode).exists()


@pytest.mark.parametrize(("persona", "status"), RETURN.items())
def test_returning_a_submitted_episode(personas, client_for, child, persona, status):
    episode = builders.submitted(practitioner=personas.practitioner, child=child)
    response = client_for(getattr(personas, persona)).post(reverse("episodes:return", args=[episode.pk]),
                                                           {"reason": "Please add the missing dates (test)."})
    assert response.status_code == status
    episode.refresh_from_db()
    assert episode.state == (State.RETURNED if status == 302 else State.SUBMITTED)
    assert Transition.objects.filter(episode=episode, name="return").exists() == (status == 302)


@pytest.mark.parametrize("persona", ["cse_manager", "police_coordinator"])
def test_a_reviewer_cannot_find_a_draft_to_return(personas, client_for, child, persona):
    draft = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    client = client_for(getattr(personas, persona))
    assert client.get(reverse("episodes:return", args=[draft.pk])).status_code == 404
    response = client.post(reverse("episodes:return", args=[draft.pk]), {"reason": "Returned (test)."})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.state == State.DRAFT
    assert not Transition.objects.filter(episode=draft).exists()


def test_the_police_coordinator_never_sees_a_draft_in_the_cse_workspace(personas, client_for, child):
    drafted_child = ChildFactory(first_name="Riley", last_name="Draftonly", allocated_team=personas.team)
    draft = builders.ready_to_submit(practitioner=personas.practitioner, child=drafted_child)
    submitted = builders.submitted(practitioner=personas.practitioner, child=child)
    client = client_for(personas.police_coordinator)
    for query in ("", "?state=draft", f"?team={personas.team.pk}"):
        response = client.get(reverse("episodes:workspace") + query)
        assert response.status_code == 200
        page = response.content.decode()
        assert reverse("episodes:detail", args=[submitted.pk]) in page, query
        assert reverse("episodes:detail", args=[draft.pk]) not in page, query
        assert "Draftonly" not in page, query
