"""Check your answers before sending the assessment, and a confirmation that says what happens next
and by when (issue 13, point 3)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape

from csepathway.assessments.sections import SECTIONS
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios as builders
from csepathway.episodes.models import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Jordan", last_name="Checktestchild", allocated_team=personas.team)


def _submit_url(episode) -> str:
    return reverse("episodes:submit", args=[episode.pk])


def test_every_section_is_summarised_with_a_link_to_change_it(personas, client_for, child):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    page = client_for(personas.practitioner).get(_submit_url(episode)).text
    assert "Check your answers before sending the assessment" in page
    for section in SECTIONS:
        assert str(escape(section.title)) in page
        slug = section.code.replace("_", "-")
        assert reverse("episodes:assessment_section", args=[episode.pk, slug]) in page
    assert page.count(">Change<") >= len(SECTIONS)
    assert "Send to the CSE team" in page


def test_sending_leads_to_what_happens_next_with_the_decisions_due_date(personas, client_for, child, time_machine):
    time_machine.move_to(timezone.make_aware(dt.datetime(2027, 1, 5, 10, 0)), tick=False)  # a Tuesday
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    client = client_for(personas.practitioner)
    response = client.post(_submit_url(episode), {"source": "direct", "source_reference": ""})
    assert response.status_code == 302 and response.url == reverse("episodes:submitted", args=[episode.pk])
    page = client.get(response.url).text
    assert "Assessment sent to the CSE team" in page
    assert "Their decision is due by <strong>8 January 2027</strong>" in page
    assert "3 working days" in page
    episode.refresh_from_db()
    assert episode.state == State.SUBMITTED


@pytest.mark.parametrize("who, status", [("practitioner", 200), ("same_team_practitioner", 200), ("outsider", 404)])
def test_the_confirmation_is_for_those_who_hold_the_case(personas, client_for, child, who, status):
    episode = builders.submitted(practitioner=personas.practitioner, child=child)
    response = client_for(getattr(personas, who)).get(reverse("episodes:submitted", args=[episode.pk]))
    assert response.status_code == status


def test_before_it_is_sent_the_confirmation_leads_back_to_the_episode(personas, client_for, child):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    response = client_for(personas.practitioner).get(reverse("episodes:submitted", args=[episode.pk]))
    assert response.status_code == 302 and response.url == reverse("episodes:detail", args=[episode.pk])
