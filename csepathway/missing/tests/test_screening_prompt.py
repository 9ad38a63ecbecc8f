"""Three or more missing episodes starting within 90 days prompt a screening: a banner on the child's
record and one email to the allocated worker (or, with nobody allocated, the team's managers),
raised once, by the episode that crosses the threshold. Both numbers are settings, and it switches off."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from csepathway.accounts.tests.factories import UserFactory
from csepathway.missing.models import MissingEpisode
from csepathway.missing.services import PROMPT_SUBJECT
from csepathway.outbox.models import OutboxMessage
from csepathway.screening.models import Screening

from .conftest import london

pytestmark = pytest.mark.django_db

BANNER = "or more times within"


@pytest.fixture(autouse=True)
def _spring_2026():
    """The pages are read on 10 April 2026, after every episode below."""
    with time_machine.travel(london(2026, 4, 10, 12, 0), tick=False):
        yield


def prompt_emails():
    return [m for m in OutboxMessage.objects.filter(kind="email") if m.payload["subject"] == PROMPT_SUBJECT]


def record_page(client, child) -> str:
    response = client.get(reverse("children:detail", args=[child.pk]))
    assert response.status_code == 200
    return response.text


def test_two_episodes_do_not_prompt(personas, child, record_missing, client_for):
    record_missing(child, london(2026, 1, 1, 22, 0))
    record_missing(child, london(2026, 1, 20, 22, 0))
    assert not prompt_emails()
    assert BANNER not in record_page(client_for(personas.practitioner), child)


def test_the_third_episode_prompts_once_with_no_case_content(personas, child, record_missing, client_for):
    record_missing(child, london(2026, 1, 1, 22, 0))
    record_missing(child, london(2026, 1, 20, 22, 0))
    third = record_missing(child, london(2026, 2, 10, 22, 0))
    assert third.screening_prompted_at is not None
    emails = prompt_emails()
    assert [m.payload["to"] for m in emails] == [[personas.practitioner.email]]
    assert child.first_name not in str(emails[0].payload) and child.last_name not in str(emails[0].payload)
    assert emails[0].payload["path"] == reverse("children:detail", args=[child.pk])
    page = record_page(client_for(personas.practitioner), child)
    assert "Robin has gone missing 3 or more times within 90 days" in page
    assert reverse("episodes:start", args=[child.pk]) in page

    fourth = record_missing(child, london(2026, 2, 20, 22, 0))
    assert fourth.screening_prompted_at is None
    assert len(prompt_emails()) == 1, "raised once for the run of episodes"


def test_episodes_exactly_90_days_apart_prompt(personas, child, record_missing):
    record_missing(child, london(2026, 1, 1, 22, 0))
    record_missing(child, london(2026, 2, 15, 22, 0))
    record_missing(child, london(2026, 4, 1, 9, 0))  # 1 April is 90 days after 1 January, across the clock change
    assert len(prompt_emails()) == 1


def test_episodes_91_days_apart_do_not_prompt(personas, child, record_missing):
    record_missing(child, london(2026, 1, 1, 22, 0))
    record_missing(child, london(2026, 2, 15, 22, 0))
    record_missing(child, london(2026, 4, 2, 9, 0))
    assert not prompt_emails()
    assert not MissingEpisode.objects.filter(screening_prompted_at__isnull=False).exists()


def test_an_episode_recorded_late_that_completes_the_run_prompts(personas, child, record_missing):
    record_missing(child, london(2026, 1, 1, 22, 0))
    record_missing(child, london(2026, 3, 1, 22, 0))
    record_missing(child, london(2026, 2, 1, 22, 0), now=london(2026, 3, 5, 9, 0))
    assert len(prompt_emails()) == 1


def test_switched_off_there_is_no_prompt(personas, child, record_missing, client_for, settings):
    settings.MISSING_PROMPT_ENABLED = False
    for day in (1, 5, 9):
        record_missing(child, london(2026, 1, day, 22, 0))
    assert not prompt_emails()
    assert BANNER not in record_page(client_for(personas.practitioner), child)


def test_the_numbers_are_settings(personas, child, record_missing, settings):
    settings.MISSING_PROMPT_EPISODES, settings.MISSING_PROMPT_DAYS = 2, 30
    record_missing(child, london(2026, 1, 1, 22, 0))
    record_missing(child, london(2026, 2, 1, 22, 0))  # 31 days: outside
    assert not prompt_emails()
    record_missing(child, london(2026, 2, 20, 22, 0))
    assert len(prompt_emails()) == 1


def test_with_nobody_allocated_the_teams_managers_are_told(personas, child, record_missing):
    child.allocated_worker = None
    child.save()
    second_manager = UserFactory(username="tina.manager", role="team_manager", team=personas.team)
    for day in (1, 5, 9):
        record_missing(child, london(2026, 1, day, 22, 0))
    assert sorted(m.payload["to"][0] for m in prompt_emails()) == sorted(
        [personas.team_manager.email, second_manager.email])
    assert personas.other_team_manager.email not in str([m.payload for m in prompt_emails()])


def test_a_screening_completed_after_the_prompt_answers_it(personas, child, record_missing, client_for):
    from csepathway.core.models import ConfigurationVersion

    for day in (1, 5, 9):
        record_missing(child, london(2026, 3, day, 22, 0))
    client = client_for(personas.practitioner)
    assert BANNER in record_page(client, child)
    Screening.objects.create(child=child, tool=ConfigurationVersion.objects.filter(kind="screening_tool").first(),
                             completed_by=personas.practitioner, reason="Repeated missing (test)",
                             outcome=Screening._meta.get_field("outcome").choices[0][0],
                             completed_at=dt.datetime.now(dt.UTC))
    assert BANNER not in record_page(client, child)


def test_the_banner_stands_for_90_days_from_the_prompt(personas, child, record_missing, client_for):
    for day in (1, 5, 9):
        record_missing(child, london(2026, 1, day, 22, 0))  # prompted at 22:01 on 9 January
    assert len(prompt_emails()) == 1
    assert BANNER not in record_page(client_for(personas.practitioner), child)  # 10 April: over 90 days ago
