"""The episode page prompts an NRM referral only for the exploitation types the assessment's
configuration lists, and once a referral exists shows where it stands instead."""

import datetime as dt

import pytest
from django.urls import reverse

from csepathway.core.configuration import configuration_current
from csepathway.nrm import clocks

from .builders import episode_with_types, referred

pytestmark = pytest.mark.django_db

PROMPT = "Consider a National Referral Mechanism referral"


def _episode_page(client, episode):
    response = client.get(reverse("episodes:detail", args=[episode.pk]))
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("types", [["trafficking"], ["criminal"], ["sexual_and_criminal"], ["sexual", "trafficking"]])
def test_the_prompt_shows_for_the_configured_types(personas, client_for, child, types):
    episode = episode_with_types(personas, child, types)
    text = _episode_page(client_for(personas.practitioner), episode)
    assert PROMPT in text
    assert "does not need to consent" in text
    assert "duty to notify" in text
    assert "times out" in text
    assert reverse("nrm:start", args=[episode.pk]) in text


@pytest.mark.parametrize("types", [["sexual"], ["online", "financial"], []])
def test_the_prompt_does_not_show_for_other_types(personas, client_for, child, types):
    episode = episode_with_types(personas, child, types)
    assert PROMPT not in _episode_page(client_for(personas.practitioner), episode)


def test_the_types_come_from_the_assessments_configuration_version(personas, child):
    episode = episode_with_types(personas, child, ["sexual"])
    assert not clocks.prompt_applies(episode)
    configuration = configuration_current("assessment")
    configuration.data = {**configuration.data, "nrm_prompt_types": ["sexual"]}
    configuration.save()
    episode.assessment.refresh_from_db()
    assert clocks.prompt_applies(episode)


def test_no_assessment_no_prompt(personas, client_for, child):
    from csepathway.episodes import scenarios

    episode = scenarios.draft_episode(practitioner=personas.practitioner, child=child)
    assert PROMPT not in _episode_page(client_for(personas.practitioner), episode)


def test_the_police_coordinator_sees_the_prompt_without_a_start_link(personas, client_for, child):
    episode = episode_with_types(personas, child, ["trafficking"])
    text = _episode_page(client_for(personas.police_coordinator), episode)
    assert PROMPT in text
    assert reverse("nrm:start", args=[episode.pk]) not in text


def test_once_a_referral_exists_the_panel_shows_its_status_and_link(personas, client_for, episode, referral):
    referral = referred(personas.practitioner, referral, dt.date.today())
    for user in (personas.practitioner, personas.cse_worker, personas.police_coordinator):
        text = _episode_page(client_for(user), episode)
        assert PROMPT not in text
        assert "Waiting for the reasonable-grounds decision" in text
        assert reverse("nrm:detail", args=[referral.pk]) in text
