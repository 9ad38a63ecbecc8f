"""A screening that contradicts itself is challenged (issue 13, point 1): significant indicators in the
last six months with the outcome "No current risk" need a written reason and the Team Manager's
agreement before the outcome stands; until then the episode shows it is waiting."""

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.episodes.models import State
from csepathway.episodes.screening_services import CHALLENGE_SUBJECT
from csepathway.episodes.services import episode_close, episode_start
from csepathway.outbox.models import OutboxMessage
from csepathway.screening.models import ScreeningChallenge

from .test_episode_screening_page import answers, page_url

pytestmark = pytest.mark.django_db

@pytest.fixture
def episode(personas):
    return episode_start(actor=personas.practitioner, child=ChildFactory(allocated_team=personas.team),
                         concern="Seen with older men (test).")


WHY = "The car was her uncle, confirmed with her mother and the school (test)."


def _contradiction(**overrides):
    return answers(outcome="no_current_risk", **overrides)


def _screen(client, episode, **overrides):
    return client.post(page_url(episode), _contradiction(**overrides))


def _detail(client, episode) -> str:
    return client.get(reverse("episodes:detail", args=[episode.pk])).text


def _agreement(episode) -> str:
    return reverse("episodes:screening_agreement", args=[episode.pk])


def test_no_current_risk_with_a_recent_significant_indicator_needs_a_reason(personas, client_for, episode):
    response = _screen(client_for(personas.practitioner), episode)
    assert response.status_code == 200
    assert "Say why there is no current risk" in response.text
    episode.refresh_from_db()
    assert episode.screening is None


def test_without_recent_indicators_no_current_risk_stands_at_once(personas, client_for, episode):
    response = _screen(client_for(personas.practitioner), episode, significant_cars="earlier")
    assert response.status_code == 302
    episode.refresh_from_db()
    assert not ScreeningChallenge.objects.exists()
    assert episode.screening.outcome == "no_current_risk"


def test_with_a_reason_the_outcome_waits_for_the_team_manager_and_they_are_asked(personas, client_for, episode):
    personas.team_manager.email = "tess.manager@council.test.invalid"
    personas.team_manager.save()
    client = client_for(personas.practitioner)
    response = _screen(client, episode, no_risk_reason=WHY)
    assert response.status_code == 302
    page = _detail(client, episode)
    assert "waits for the Team Manager" in page and "Waiting for the Team Manager" in page
    assert "screening found no current risk" not in page.lower().replace("the screening found no current risk, but", "")
    challenge = ScreeningChallenge.objects.get()
    assert challenge.state == ScreeningChallenge.State.WAITING and challenge.reason == WHY
    assert AuditEvent.objects.filter(verb="screening.challenged", actor=personas.practitioner).exists()
    [asked] = [m for m in OutboxMessage.objects.all() if m.payload.get("subject") == CHALLENGE_SUBJECT]
    assert asked.payload.get("to") == ["tess.manager@council.test.invalid"]
    assert "uncle" not in str(asked.payload), "no case content in emails"


def test_the_episode_cannot_close_for_no_current_risk_while_it_waits(personas, client_for, episode):
    _screen(client_for(personas.practitioner), episode, no_risk_reason=WHY)
    episode.refresh_from_db()
    with pytest.raises(Refused):
        episode_close(actor=personas.practitioner, episode=episode, reason="no_current_risk")


def test_the_team_manager_agrees_and_the_outcome_stands(personas, client_for, episode):
    _screen(client_for(personas.practitioner), episode, no_risk_reason=WHY)
    manager = client_for(personas.team_manager)
    assert WHY in manager.get(_agreement(episode)).text
    response = manager.post(_agreement(episode), {"agree": "yes", "comment": ""})
    assert response.status_code == 302
    challenge = ScreeningChallenge.objects.get()
    assert challenge.state == ScreeningChallenge.State.AGREED and challenge.decided_by == personas.team_manager
    assert AuditEvent.objects.filter(verb="screening.challenge_agreed", actor=personas.team_manager).exists()
    episode.refresh_from_db()
    episode_close(actor=personas.practitioner, episode=episode, reason="no_current_risk")
    episode.refresh_from_db()
    assert episode.state == State.CLOSED


def test_the_team_manager_does_not_agree_and_the_practitioner_screens_again(personas, client_for, episode):
    _screen(client_for(personas.practitioner), episode, no_risk_reason=WHY)
    manager = client_for(personas.team_manager)
    assert "Say why you do not agree" in manager.post(_agreement(episode), {"agree": "no", "comment": ""}).text
    manager.post(_agreement(episode), {"agree": "no", "comment": "Ask the school who else was in the car (test)."})
    page = _detail(client_for(personas.practitioner), episode)
    assert "did not agree" in page and "who else was in the car" in page and "Screen again" in page
    episode.refresh_from_db()
    with pytest.raises(Refused):
        episode_close(actor=personas.practitioner, episode=episode, reason="no_current_risk")
    # Answered once: the page is closed to a second answer.
    assert client_for(personas.team_manager).get(_agreement(episode)).status_code == 403


@pytest.mark.parametrize("who, status", [("practitioner", 403), ("same_team_practitioner", 403),
                                         ("other_team_manager", 404), ("cse_manager", 403), ("outsider", 403)])
def test_only_a_team_manager_of_the_team_answers(personas, client_for, episode, who, status):
    _screen(client_for(personas.practitioner), episode, no_risk_reason=WHY)
    assert client_for(getattr(personas, who)).get(_agreement(episode)).status_code == status
    assert client_for(getattr(personas, who)).post(_agreement(episode), {"agree": "yes"}).status_code == status
    assert ScreeningChallenge.objects.get().state == ScreeningChallenge.State.WAITING
