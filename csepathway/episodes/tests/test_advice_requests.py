"""Asking the Team Manager for advice (issue 12, point 1): the practitioner asks, the team's Team
Managers are emailed without case content and find it on their home page, and recorded advice
answers it. Another team's manager sees nothing of it."""

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.models import AdviceRequest
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db
QUESTION = "Should I screen now or wait for the school's account? (test)"


@pytest.fixture
def episode(personas):
    child = ChildFactory(first_name="Ash", last_name="Advicetestchild", allocated_team=personas.team)
    return scenarios.draft_episode(practitioner=personas.practitioner, child=child)


def _ask(client, episode):
    return client.post(reverse("episodes:advice_request", args=[episode.pk]), {"question": QUESTION})


def test_the_practitioner_asks_and_the_team_manager_is_emailed_without_case_content(personas, client_for, episode):
    response = _ask(client_for(personas.practitioner), episode)
    assert response.status_code == 302
    asked = AdviceRequest.objects.get(episode=episode)
    assert asked.question == QUESTION and asked.requested_by == personas.practitioner
    emails = [m.payload for m in OutboxMessage.objects.filter(kind="email")]
    assert [e["to"] for e in emails] == [[personas.team_manager.email]]
    assert "Ash" not in str(emails) and "school" not in str(emails)
    assert AuditEvent.objects.filter(verb="episode.advice_requested", child_id=episode.child_id).exists()


def test_the_team_manager_finds_the_question_on_their_home_page_and_answers_it(personas, client_for, episode):
    _ask(client_for(personas.practitioner), episode)
    manager = client_for(personas.team_manager)
    home = manager.get("/").text
    section = home.split('data-home="advice"')[1].split("</section>")[0]
    assert "Advice requested (1)" in section and "Ash Advicetestchild" in section
    assert reverse("episodes:manager_advice", args=[episode.pk]) in section
    page = manager.get(reverse("episodes:manager_advice", args=[episode.pk])).text
    assert QUESTION.replace("'", "&#39;") in page
    assert f'value="{personas.team_manager.pk}" selected' in page  # they are the one giving it
    response = manager.post(reverse("episodes:manager_advice", args=[episode.pk]), {
        "manager": personas.team_manager.pk, "given_on_day": "1", "given_on_month": "12", "given_on_year": "2026",
        "advice": "Screen now (test)."})
    assert response.status_code == 302
    asked = AdviceRequest.objects.get(episode=episode)
    assert asked.answered_at is not None and asked.answer.advice == "Screen now (test)."
    assert 'data-home="advice"' not in manager.get("/").text


def test_another_teams_manager_and_a_colleague_see_nothing_of_it(personas, client_for, episode):
    _ask(client_for(personas.practitioner), episode)
    assert "Advicetestchild" not in client_for(personas.other_team_manager).get("/").text
    assert 'data-home="advice"' not in client_for(personas.same_team_practitioner).get("/").text
    assert _ask(client_for(personas.outsider), episode).status_code == 404
    assert AdviceRequest.objects.count() == 1


def test_a_question_is_required(personas, client_for, episode):
    response = client_for(personas.practitioner).post(reverse("episodes:advice_request", args=[episode.pk]),
                                                      {"question": "  "})
    assert "Enter what you would like advice on" in response.text


def test_the_team_manager_sees_their_teams_open_episodes_with_overdue_clocks_marked(personas, client_for):
    import datetime as dt

    from django.utils import timezone

    from csepathway.episodes.models import Episode

    late = scenarios.submitted(practitioner=personas.practitioner,
                               child=ChildFactory(first_name="Late", allocated_team=personas.team))
    Episode.objects.filter(pk=late.pk).update(decision_due_on=timezone.localdate() - dt.timedelta(days=1))
    home = client_for(personas.team_manager).get("/").text
    section = home.split('data-home="team"')[1].split("</section>")[0]
    assert "Your team&#39;s open episodes (1)" in section or "Your team's open episodes (1)" in section
    assert "govuk-tag--red" in section and "CSE team decision due by" in section
    assert 'data-home="team"' not in client_for(personas.other_team_manager).get("/").text


def test_the_advice_pages_take_the_same_number_of_queries_however_many_questions(personas, client_for, episode):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    practitioner, manager = client_for(personas.practitioner), client_for(personas.team_manager)
    ask, answer = (reverse(name, args=[episode.pk]) for name in ("episodes:advice_request", "episodes:manager_advice"))
    _ask(practitioner, episode)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            practitioner.get(ask)
            manager.get(answer)
        counts.append(len(queries))
        for _ in range(3):
            _ask(practitioner, episode)
    assert counts[0] == counts[1]
