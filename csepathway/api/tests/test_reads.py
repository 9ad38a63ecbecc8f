"""Reading for reporting: the service account's scope, as on the pages. Out of scope is 404
problem+json, like missing; every read is on the audit trail; lists are paged with a fixed number
of queries."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.meetings.services import meeting_schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(personas, child):
    return scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator, mase_required=True)


@pytest.fixture
def meeting(personas, decided):
    starts = timezone.now() + dt.timedelta(days=7)
    return meeting_schedule(actor=personas.cse_manager, episode=decided, kind="initial", starts_at=starts,
                            ends_at=starts + dt.timedelta(hours=1), location="Room 1 (test)",
                            chair=personas.mase_chair)


def test_the_allowed_system_lists_and_reads_episodes_without_case_text(client, north_system, decided):
    listed = client.get("/api/v1/episodes", **north_system.headers()).json()
    assert [item["id"] for item in listed["items"]] == [str(decided.pk)]
    assert listed["next_page"] is None
    one = client.get(f"/api/v1/episodes/{decided.pk}", **north_system.headers()).json()
    assert one["state"] == "mase_required" and one["risk_level"] == "high"
    assert "concern" not in one and decided.concern not in str(one)
    assert AuditEvent.objects.filter(verb="api.episode_read", actor=north_system.account,
                                     object_id=str(decided.pk), child_id=decided.child_id).exists()
    assert AuditEvent.objects.filter(verb="api.episodes_listed", actor=north_system.account).exists()


def test_the_decision_gives_outcome_level_and_due_date(client, north_system, decided):
    decision = client.get(f"/api/v1/episodes/{decided.pk}/decision", **north_system.headers()).json()
    assert decision["decided"] is True and decision["outcome"] == "mase_required"
    assert decision["risk_level"] == "high" and decision["escalated"] is False
    assert decision["initial_mase_due_on"] == decided.initial_mase_due_on.isoformat()


def test_an_undecided_episode_says_so(client, north_system, personas, child):
    episode = scenarios.submitted(practitioner=personas.practitioner, child=child)
    decision = client.get(f"/api/v1/episodes/{episode.pk}/decision", **north_system.headers()).json()
    assert decision["decided"] is False and decision["outcome"] is None


def test_another_teams_system_gets_404_problems_and_empty_lists(client, south_system, decided, meeting):
    for path in (f"/api/v1/episodes/{decided.pk}", f"/api/v1/episodes/{decided.pk}/decision",
                 f"/api/v1/meetings/{meeting.pk}", f"/api/v1/episodes/{uuid.uuid4()}"):
        response = client.get(path, **south_system.headers())
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/episodes", **south_system.headers()).json()["items"] == []
    assert client.get("/api/v1/meetings", **south_system.headers()).json()["items"] == []
    assert client.get("/api/v1/children?reference=LCS-424242", **south_system.headers()).json()["items"] == []
    assert AuditEvent.objects.filter(verb="api.episode_read", actor=south_system.account, outcome="denied",
                                     child_id=decided.child_id).exists()


def test_meetings_list_and_read_with_the_episodes_on_the_agenda(client, north_system, decided, meeting):
    listed = client.get("/api/v1/meetings", **north_system.headers()).json()
    assert [item["id"] for item in listed["items"]] == [str(meeting.pk)]
    one = client.get(f"/api/v1/meetings/{meeting.pk}", **north_system.headers()).json()
    assert one["episode_ids"] == [str(decided.pk)] and one["state"] == "scheduled"
    assert "location" not in one
    assert AuditEvent.objects.filter(verb="api.meeting_read", actor=north_system.account,
                                     child_id=decided.child_id).exists()


def test_children_are_found_by_reference_in_any_case(client, north_system, child):
    found = client.get("/api/v1/children?reference=lcs-424242", **north_system.headers()).json()["items"]
    assert [item["id"] for item in found] == [str(child.pk)]
    assert found[0]["lcs_reference"] == "LCS-424242" and "first_name" not in found[0]
    episodes = client.get(found[0]["links"]["episodes"], **north_system.headers())
    assert episodes.status_code == 200


def test_a_missing_reference_is_422_problem(client, north_system):
    response = client.get("/api/v1/children", **north_system.headers())
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "reference"


def _queries(client, system, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, **system.headers()).status_code == 200
    return len(captured)


def _episodes(personas, n):
    for _ in range(n):
        scenarios.decided(practitioner=personas.practitioner,
                          child=ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner),
                          cse_manager=personas.cse_manager, police=personas.police_coordinator, mase_required=True)


@pytest.mark.parametrize("path", ["/api/v1/episodes", "/api/v1/meetings"])
def test_lists_make_the_same_number_of_queries_however_many_rows(client, personas, north_system, path):
    def schedule_all():
        from csepathway.episodes.models import Episode

        for episode in Episode.objects.filter(state="mase_required", agenda_items__isnull=True):
            starts = timezone.now() + dt.timedelta(days=7)
            meeting_schedule(actor=personas.cse_manager, episode=episode, kind="initial", starts_at=starts,
                             ends_at=starts + dt.timedelta(hours=1), location="Room (test)", chair=personas.mase_chair)

    _episodes(personas, 2)
    schedule_all()
    client.get(path, **north_system.headers())  # the token's last use is noted once a minute: not counted
    few = _queries(client, north_system, path)
    _episodes(personas, 5)
    schedule_all()
    many = _queries(client, north_system, path)
    assert few == many <= 12
