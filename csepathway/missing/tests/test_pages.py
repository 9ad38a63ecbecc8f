"""The missing pages for each persona: the case holder and a same-team practitioner record; the
CSE team records; the police coordinator may read but not record; a practitioner in another team
gets 404 for every page, audited."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.episodes import scenarios
from csepathway.missing.models import MissingEpisode, ReturnHomeInterview

from .conftest import london

pytestmark = pytest.mark.django_db

START = {"missing_from": "care", "started_date_day": "3", "started_date_month": "6", "started_date_year": "2026",
         "started_time": "23:30", "reported_by": "Night staff at the home (test)", "police_reference": "PR/26/001"}


@pytest.fixture
def episode(child, record_missing):
    return record_missing(child, london(2026, 6, 3, 23, 30))


def test_the_case_holder_records_an_episode_the_return_and_the_interview(personas, child, client_for):
    client = client_for(personas.practitioner)
    assert "Record a missing episode" in client.get(reverse("children:detail", args=[child.pk])).text
    response = client.post(reverse("missing:add", args=[child.pk]), START)
    episode = MissingEpisode.objects.get(child=child)
    assert response.status_code == 302 and response.url == reverse("missing:detail", args=[episode.pk])
    assert episode.started_at == london(2026, 6, 3, 23, 30) and episode.returned_at is None
    assert AuditEvent.objects.filter(verb="missing.recorded", child_id=child.pk).exists()

    client.post(reverse("missing:return", args=[episode.pk]), {
        "returned_date_day": "5", "returned_date_month": "6", "returned_date_year": "2026", "returned_time": "19:00",
        "where_found": "Found by police at the railway station (test)", "version": episode.version})
    episode.refresh_from_db()
    assert episode.interview_due_at == london(2026, 6, 8, 19, 0)

    client.post(reverse("missing:interview", args=[episode.pk]), {
        "offered_on_day": "6", "offered_on_month": "6", "offered_on_year": "2026", "outcome": "completed",
        "outcome_date_day": "7", "outcome_date_month": "6", "outcome_date_year": "2026", "outcome_time": "10:00",
        "interviewer": "Independent return interview service (test)", "findings": "Went to a party in another town.",
        "finding_flags": ["disclosed_exploitation", "adults_of_concern"]})
    interview = ReturnHomeInterview.objects.get(episode=episode)
    assert interview.outcome_at == london(2026, 6, 7, 10, 0)
    page = client.get(reverse("missing:detail", args=[episode.pk])).text
    assert "The child disclosed exploitation" in page and "Interview completed" in page
    record = client.get(reverse("children:detail", args=[child.pk])).text
    assert "Missing episodes" in record and "3 June 2026 at 11:30pm" in record


def test_bad_input_is_shown_beside_the_field_and_kept(personas, child, client_for):
    client = client_for(personas.practitioner)
    response = client.post(reverse("missing:add", args=[child.pk]), {**START, "started_time": "25:99",
                                                                      "reported_by": ""})
    assert response.status_code == 400
    assert "Enter the time the child went missing as hours and minutes" in response.text
    assert "Enter who reported the child missing" in response.text
    assert "PR/26/001" in response.text
    future = client.post(reverse("missing:add", args=[child.pk]), {**START, "started_date_year": "2099"})
    assert "must be now or in the past" in future.text
    assert not MissingEpisode.objects.exists()


def test_a_return_before_the_start_is_refused(personas, episode, client_for):
    response = client_for(personas.practitioner).post(reverse("missing:return", args=[episode.pk]), {
        "returned_date_day": "1", "returned_date_month": "6", "returned_date_year": "2026", "returned_time": "10:00",
        "where_found": "Home (test)", "version": episode.version})
    assert "The return must be after the child went missing" in response.text
    episode.refresh_from_db()
    assert episode.returned_at is None


def test_a_second_save_from_an_older_page_is_refused(personas, episode, client_for):
    client = client_for(personas.practitioner)
    data = {**START, "version": episode.version}
    client.post(reverse("missing:edit", args=[episode.pk]), {**data, "police_reference": "PR/26/002"})
    response = client.post(reverse("missing:edit", args=[episode.pk]), {**data, "police_reference": "PR/26/003"},
                           follow=True)
    assert "Someone else changed this missing episode" in response.text
    episode.refresh_from_db()
    assert episode.police_reference == "PR/26/002"


def test_a_double_click_records_one_episode(personas, child, client_for):
    client = client_for(personas.practitioner)
    client.post(reverse("missing:add", args=[child.pk]), START)
    client.post(reverse("missing:add", args=[child.pk]), START)
    assert MissingEpisode.objects.filter(child=child).count() == 1


@pytest.mark.parametrize("who", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker"])
def test_case_holders_and_the_cse_team_may_record(personas, episode, client_for, who):
    client = client_for(getattr(personas, who))
    for name in ("detail", "edit", "return", "interview"):
        assert client.get(reverse(f"missing:{name}", args=[episode.pk])).status_code in (200, 302), name
    assert client.get(reverse("missing:add", args=[episode.child_id])).status_code == 200


def test_an_outsider_gets_404_for_every_page_and_it_is_audited(personas, episode, client_for):
    client = client_for(personas.outsider)
    for name in ("detail", "edit", "return", "interview"):
        assert client.get(reverse(f"missing:{name}", args=[episode.pk])).status_code == 404, name
    assert client.get(reverse("missing:add", args=[episode.child_id])).status_code == 404
    assert client.post(reverse("missing:add", args=[episode.child_id]), START).status_code == 404
    assert AuditEvent.objects.filter(verb="missing.viewed", outcome="denied", actor=personas.outsider,
                                     child_id=episode.child_id).exists()
    assert MissingEpisode.objects.count() == 1


def test_the_police_coordinator_reads_but_does_not_record(personas, child, client_for, record_missing):
    scenarios.submitted(practitioner=personas.practitioner, child=child)  # the police see submitted episodes
    episode = record_missing(child, london(2026, 6, 3, 23, 30))
    client = client_for(personas.police_coordinator)
    page = client.get(reverse("missing:detail", args=[episode.pk]))
    assert page.status_code == 200 and "Record the child's return" not in page.text
    assert "Record a missing episode" not in client.get(reverse("children:detail", args=[child.pk])).text
    assert client.get(reverse("missing:return", args=[episode.pk])).status_code == 403
    assert client.get(reverse("missing:add", args=[child.pk])).status_code == 403


def test_the_childs_record_lists_the_episodes_in_a_fixed_number_of_queries(personas, child, record_missing,
                                                                          client_for):
    client = client_for(personas.practitioner)
    url = reverse("children:detail", args=[child.pk])
    record_missing(child, london(2026, 6, 3, 23, 30), london(2026, 6, 4, 9, 0))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for day in range(5, 15):
        record_missing(child, london(2026, 6, day, 23, 30), london(2026, 6, day + 1, 9, 0) if day % 2 else None,
                       now=london(2026, 6, 20, 9, 0))
    with CaptureQueriesContext(connection) as eleven:
        client.get(url)
    assert len(eleven) == len(one)

