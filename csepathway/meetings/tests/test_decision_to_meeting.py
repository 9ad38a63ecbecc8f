"""From decision to meeting without dead ends (issue 13, point 5): the episode page leads the CSE
team from a "MASE required" decision straight to scheduling, and scheduling invites the practitioner
and the police coordinator who joined in the decision (docs/adr/0041)."""

import pytest
from django.urls import reverse

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.meetings import services
from csepathway.meetings.models import Invitee

pytestmark = pytest.mark.django_db

CALL_TO_ACTION = "Schedule the MASE meeting"


def _episode_page(client, episode):
    response = client.get(reverse("episodes:detail", args=[episode.pk]))
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("role", ["cse_manager", "cse_worker"])
def test_after_a_mase_required_decision_the_cse_team_is_led_straight_to_scheduling(personas, client_for, episode,
                                                                                   role):
    page = _episode_page(client_for(getattr(personas, role)), episode)
    assert "A MASE meeting is needed" in page
    assert CALL_TO_ACTION in page
    assert reverse("meetings:schedule", args=[episode.pk]) in page


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "police_coordinator"])
def test_others_are_told_the_cse_team_will_schedule_and_are_offered_no_link(personas, client_for, episode, role):
    page = _episode_page(client_for(getattr(personas, role)), episode)
    assert "The CSE team will schedule it" in page
    assert reverse("meetings:schedule", args=[episode.pk]) not in page


def test_an_outsider_gets_404_on_the_episode_page(personas, client_for, episode):
    assert client_for(personas.outsider).get(reverse("episodes:detail", args=[episode.pk])).status_code == 404


def test_once_scheduled_the_episode_page_links_the_meeting_instead(personas, client_for, episode, schedule):
    meeting = schedule()
    page = _episode_page(client_for(personas.cse_manager), episode)
    assert CALL_TO_ACTION not in page
    assert reverse("meetings:detail", args=[meeting.pk]) in page


def test_an_episode_not_needing_a_meeting_shows_no_mase_section(personas, client_for, child):
    episode = scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                                police=personas.police_coordinator, mase_required=False)
    page = _episode_page(client_for(personas.cse_manager), episode)
    assert CALL_TO_ACTION not in page and 'id="mase-meetings"' not in page


def test_scheduling_invites_the_practitioner_and_the_police_coordinator_automatically(personas, schedule):
    meeting = schedule()
    invited = {invitee.user: invitee for invitee in meeting.invitees.all()}
    assert set(invited) == {personas.practitioner, personas.police_coordinator}
    police = invited[personas.police_coordinator]
    assert police.kind == Invitee.Kind.PROFESSIONAL and police.added_automatically
    assert police.relationship == "Police CSE Coordinator"
    assert police.email == personas.police_coordinator.email


def test_a_contextual_meeting_invites_the_police_coordinator_once(personas, schedule):
    meeting = schedule(kind="contextual")
    second = scenarios.decided(practitioner=personas.same_team_practitioner,
                               child=ChildFactory(allocated_team=personas.team),
                               cse_manager=personas.cse_manager, police=personas.police_coordinator)
    services.agenda_item_add(actor=personas.cse_manager, meeting=meeting, episode=second)
    assert meeting.invitees.filter(user=personas.police_coordinator).count() == 1
    assert meeting.invitees.filter(user=personas.same_team_practitioner).count() == 1
