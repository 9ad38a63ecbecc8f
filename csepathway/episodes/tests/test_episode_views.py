import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios as builders
from csepathway.episodes.clocks import decision_due_on
from csepathway.episodes.models import Episode, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team,
                        lcs_reference="LCS-100234")


@pytest.fixture
def draft(personas, child):
    return builders.draft_episode(practitioner=personas.practitioner, child=child)


@pytest.fixture
def submitted(personas, child):
    return builders.submitted(practitioner=personas.practitioner, child=child)


def detail(episode):
    return reverse("episodes:detail", args=[episode.pk])


# Starting an episode from the child's record

def test_practitioner_records_a_concern_and_lands_on_the_episode(personas, client_for, child):
    response = client_for(personas.practitioner).post(reverse("episodes:start", args=[child.pk]),
                                                      {"concern": "Seen in cars with older men (test)."})
    episode = Episode.objects.get(child=child)
    assert response.status_code == 302 and response.url == detail(episode)
    assert episode.state == State.DRAFT and episode.practitioner == personas.practitioner


def test_concern_is_required(personas, client_for, child):
    response = client_for(personas.practitioner).post(reverse("episodes:start", args=[child.pk]), {"concern": ""})
    assert response.status_code == 200 and "Describe your concern" in response.content.decode()


def test_outsider_cannot_start_an_episode_for_a_child_outside_their_scope(personas, client_for, child):
    response = client_for(personas.outsider).post(reverse("episodes:start", args=[child.pk]), {"concern": "x"})
    assert response.status_code == 404
    assert not Episode.objects.exists()


def test_child_record_offers_to_record_a_concern(personas, client_for, child):
    response = client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk]))
    assert "Record a CSE concern" in response.content.decode()


# The episode page

def test_practitioner_sees_the_steps_of_their_draft_episode(personas, client_for, draft):
    content = client_for(personas.practitioner).get(detail(draft)).content.decode()
    for step in ("Team Manager&#39;s advice", "Conversations with the child", "CSE screening", "Risk assessment",
                 "Submit to the CSE team"):
        assert step in content


def test_same_team_practitioner_sees_the_episode(personas, client_for, draft):
    assert client_for(personas.same_team_practitioner).get(detail(draft)).status_code == 200


def test_outsider_gets_404_for_the_episode(personas, client_for, draft):
    assert client_for(personas.outsider).get(detail(draft)).status_code == 404


@pytest.mark.parametrize("role", ["police_coordinator", "cse_worker", "cse_manager"])
def test_cse_roles_and_police_never_see_a_draft(personas, client_for, draft, role):
    assert client_for(getattr(personas, role)).get(detail(draft)).status_code == 404


def test_police_coordinator_cannot_see_the_child_of_an_unsubmitted_episode(personas, client_for, draft, child):
    assert client_for(personas.police_coordinator).get(reverse("children:detail", args=[child.pk])).status_code == 404


def test_police_coordinator_sees_a_submitted_episode_and_its_child(personas, client_for, submitted, child):
    client = client_for(personas.police_coordinator)
    assert client.get(detail(submitted)).status_code == 200
    assert client.get(reverse("children:detail", args=[child.pk])).status_code == 200


# Concern records

def test_practitioner_records_the_team_managers_advice(personas, client_for, draft):
    response = client_for(personas.practitioner).post(reverse("episodes:manager_advice", args=[draft.pk]), {
        "manager": str(personas.team_manager.pk), "given_on_day": "2", "given_on_month": "11",
        "given_on_year": "2026", "advice": "Complete the screening today (test)."})
    assert response.status_code == 302
    advice = draft.manager_advice.get()
    assert (advice.manager, advice.given_on) == (personas.team_manager, dt.date(2026, 11, 2))


def test_practitioner_records_a_conversation_with_the_child_in_their_words(personas, client_for, draft):
    response = client_for(personas.practitioner).post(reverse("episodes:conversation", args=[draft.pk]), {
        "held_with": "child", "held_on_day": "3", "held_on_month": "11", "held_on_year": "2026",
        "people": "Jordan and me", "views": "\u201cHe is my boyfriend, he looks after me.\u201d"})
    assert response.status_code == 302
    assert "boyfriend" in draft.conversations.get().views


def test_outsider_cannot_record_advice(personas, client_for, draft):
    response = client_for(personas.outsider).post(reverse("episodes:manager_advice", args=[draft.pk]), {
        "manager": str(personas.team_manager.pk), "given_on_day": "2", "given_on_month": "11",
        "given_on_year": "2026", "advice": "x"})
    assert response.status_code == 404
    assert not draft.manager_advice.exists()


# Submission

def test_practitioner_submits_naming_the_source_system_and_reference(personas, client_for, child):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    response = client_for(personas.practitioner).post(reverse("episodes:submit", args=[episode.pk]),
                                                      {"source": "lcs", "source_reference": "LCS-100234"})
    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.state, episode.source, episode.source_reference) == ("submitted", "lcs", "LCS-100234")


def test_an_lcs_submission_needs_the_reference(personas, client_for, child):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    response = client_for(personas.practitioner).post(reverse("episodes:submit", args=[episode.pk]),
                                                      {"source": "lcs", "source_reference": ""})
    assert "Enter the child&#39;s reference" in response.content.decode()


def test_a_double_clicked_submit_creates_one_submission(personas, client_for, child):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    client = client_for(personas.practitioner)
    for _ in range(2):
        client.post(reverse("episodes:submit", args=[episode.pk]), {"source": "direct", "source_reference": ""})
    episode.refresh_from_db()
    assert episode.submission_round == 1 and episode.transitions.filter(name="submit").count() == 1


def test_a_submission_from_a_second_tab_says_it_was_already_sent(personas, client_for, child):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    url = reverse("episodes:submit", args=[episode.pk])
    browser = client_for(personas.practitioner)  # two tabs share one session
    first = browser.post(url, {"source": "direct", "source_reference": ""}, follow=True)
    assert "Assessment sent to the CSE team" in first.text
    response = browser.post(url, {"source": "direct", "source_reference": ""}, follow=True)
    assert "This assessment was already sent to the CSE team on" in response.text
    assert "govuk-notification-banner--success" not in response.text
    assert episode.transitions.filter(name="submit").count() == 1


# Joint review

def test_cse_manager_records_a_review(personas, client_for, submitted):
    response = client_for(personas.cse_manager).post(reverse("episodes:review", args=[submitted.pk]), {
        "risk_level": "high", "mase_required": "yes", "rationale": "Habitual (test).", "next_steps": ""})
    assert response.status_code == 302
    assert submitted.reviews.get().reviewer == personas.cse_manager


def test_a_cse_worker_cannot_record_a_joint_review(personas, client_for, submitted):
    response = client_for(personas.cse_worker).post(reverse("episodes:review", args=[submitted.pk]), {
        "risk_level": "high", "mase_required": "yes", "rationale": "x"})
    assert response.status_code == 403
    assert not submitted.reviews.exists()


def test_practitioner_cannot_open_the_review_page(personas, client_for, submitted):
    assert client_for(personas.practitioner).get(reverse("episodes:review", args=[submitted.pk])).status_code == 403


def test_reviewers_return_the_episode_with_a_reason_and_the_practitioner_is_told(personas, client_for, submitted):
    from csepathway.notes.models import CaseNote

    response = client_for(personas.police_coordinator).post(reverse("episodes:return", args=[submitted.pk]),
                                                            {"reason": "Please add the missing dates (test)."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == State.RETURNED
    assert CaseNote.objects.get(kind="returned").body == "Please add the missing dates (test)."


def test_whole_decision_through_the_pages_leaves_a_case_note_for_the_practitioner(personas, client_for, submitted):
    for reviewer in (personas.cse_manager, personas.police_coordinator):
        client_for(reviewer).post(reverse("episodes:review", args=[submitted.pk]), {
            "risk_level": "high", "mase_required": "yes", "rationale": "Agreed (test).", "next_steps": "MASE."})
    submitted.refresh_from_db()
    assert submitted.state == State.MASE_REQUIRED
    content = client_for(personas.practitioner).get(reverse("children:detail", args=[submitted.child_id])).content
    assert b"CSE team decision: MASE required" in content


# The CSE workspace

def test_cse_workspace_lists_submitted_episodes_not_drafts(personas, client_for, submitted, draft):
    content = client_for(personas.cse_worker).get(reverse("episodes:workspace")).content.decode()
    assert content.count(reverse("episodes:detail", args=[submitted.pk])) == 1
    assert reverse("episodes:detail", args=[draft.pk]) not in content


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "mase_chair", "auditor"])
def test_workspace_is_not_for_other_roles(personas, client_for, role):
    assert client_for(getattr(personas, role)).get(reverse("episodes:workspace")).status_code == 403


def test_workspace_shows_working_days_waited_and_flags_a_breach(personas, client_for, submitted, time_machine):
    # Submitted on Thursday 24 December 2026; Christmas and the Boxing Day substitute do not count.
    submitted_at = timezone.make_aware(dt.datetime(2026, 12, 24, 10, 0))
    Episode.objects.filter(pk=submitted.pk).update(submitted_at=submitted_at,
                                                   decision_due_on=decision_due_on(submitted_at))
    time_machine.move_to(timezone.make_aware(dt.datetime(2026, 12, 31, 9, 0)), tick=False)
    content = client_for(personas.cse_manager).get(reverse("episodes:workspace")).content.decode()
    assert "3 working days" in content and "Overdue" not in content
    time_machine.move_to(timezone.make_aware(dt.datetime(2027, 1, 4, 9, 0)), tick=False)
    content = client_for(personas.cse_manager).get(reverse("episodes:workspace")).content.decode()
    assert "4 working days" in content and "Overdue" in content


def test_workspace_says_a_returned_episode_is_with_the_practitioner(personas, client_for, submitted):
    from csepathway.episodes import services as episode_services

    episode_services.episode_return(actor=personas.police_coordinator, episode=submitted, reason="Add dates (test).")
    content = client_for(personas.cse_manager).get(reverse("episodes:workspace")).content.decode()
    assert "With the practitioner" in content


def test_workspace_filters_by_status_risk_level_and_team(personas, client_for, submitted):
    client = client_for(personas.cse_manager)
    assert "Jordan Testchild" in client.get(reverse("episodes:workspace"), {"risk_level": "medium"}).content.decode()
    assert "Jordan Testchild" not in client.get(reverse("episodes:workspace"), {"risk_level": "high"}).content.decode()
    assert "Jordan Testchild" not in client.get(reverse("episodes:workspace"),
                                                {"state": "mase_required"}).content.decode()
    other_team = str(personas.outsider.team_id)
    assert "Jordan Testchild" not in client.get(reverse("episodes:workspace"), {"team": other_team}).content.decode()


def _workspace_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("episodes:workspace")).status_code == 200
    return len(captured)


def test_workspace_query_count_is_the_same_for_5_and_50_episodes(personas, client_for):
    client = client_for(personas.cse_manager)
    for _ in range(5):
        builders.submitted(practitioner=personas.practitioner, child=ChildFactory(allocated_team=personas.team))
    five = _workspace_queries(client)
    for _ in range(45):
        builders.submitted(practitioner=personas.practitioner, child=ChildFactory(allocated_team=personas.team))
    assert _workspace_queries(client) == five


def test_after_no_current_risk_the_episode_page_explains_it_and_offers_closure(personas, client_for, draft):
    from csepathway.core.configuration import configuration_current
    from csepathway.episodes.screening_services import episode_screening_record

    episode_screening_record(actor=personas.practitioner, episode=draft, tool=configuration_current("screening_tool"),
                             reason="School raised a worry (test).", significant_indicators={},
                             other_indicators=[], vulnerabilities=[], outcome="no_current_risk")
    content = client_for(personas.practitioner).get(detail(draft)).content.decode()
    assert "The screening found no current risk" in content
    assert "not proof that nothing is happening" in content
    assert reverse("episodes:close", args=[draft.pk]) in content


def test_reviewers_find_the_submitted_assessment_from_the_episode(personas, client_for, submitted):
    content = client_for(personas.police_coordinator).get(detail(submitted)).content.decode()
    assert reverse("episodes:assessment", args=[submitted.pk]) in content
    assert client_for(personas.police_coordinator).get(
        reverse("episodes:assessment", args=[submitted.pk])).status_code == 200


def test_a_reviewer_is_not_offered_a_second_review_in_the_same_round(personas, client_for, submitted):
    client = client_for(personas.cse_manager)
    review_link = reverse("episodes:review", args=[submitted.pk])
    assert review_link in client.get(detail(submitted)).content.decode()
    client.post(review_link, {"risk_level": "high", "mase_required": "yes", "rationale": "x", "next_steps": ""})
    assert review_link not in client.get(detail(submitted)).content.decode()
    assert review_link in client_for(personas.police_coordinator).get(detail(submitted)).content.decode()


def test_after_submitting_the_practitioner_can_still_open_their_screening_and_assessment(
        personas, client_for, submitted):
    content = client_for(personas.practitioner).get(detail(submitted)).content.decode()
    assert reverse("episodes:screening", args=[submitted.pk]) in content
    assert reverse("episodes:assessment", args=[submitted.pk]) in content
