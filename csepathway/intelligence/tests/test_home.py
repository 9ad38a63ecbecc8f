"""The police coordinator's home page section (issue 12, point 1): reports sent to the police and
not yet graded, longest waiting first, through the report pages' scope. Nobody else gets it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import UserFactory
from csepathway.audit.models import AuditEvent
from csepathway.intelligence.conftest import CHILD_FIRST, CHILD_LAST, grade
from csepathway.intelligence.models import IntelligenceReport

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.text


def _section(page: str) -> str:
    return page.split('data-home="grading"')[1].split("</section>")[0]


def _sent_days_ago(report, days: int) -> IntelligenceReport:
    IntelligenceReport.objects.filter(pk=report.pk).update(sent_at=timezone.now() - dt.timedelta(days=days))
    report.refresh_from_db()
    return report


def test_the_police_coordinator_sees_the_reports_to_grade_oldest_first_with_days_waiting(
        personas, client_for, sent, draft):
    newer = _sent_days_ago(sent(), 2)
    older = _sent_days_ago(sent(), 9)
    draft()
    section = _section(_home(client_for(personas.police_coordinator)))
    assert "Intelligence reports to grade (2)" in section
    assert f"{CHILD_FIRST} {CHILD_LAST}" in section
    assert section.index(older.reference) < section.index(newer.reference)
    assert f'href="/intelligence/{older.pk}"' in section
    cells = section.replace(" ", "").replace("\n", "")
    assert '"govuk-table__cellgovuk-table__cell--numeric">9<' in cells
    assert AuditEvent.objects.filter(verb="intelligence.home_viewed", actor=personas.police_coordinator,
                                     object_id="2").exists()


def test_a_graded_report_leaves_the_list_and_with_none_left_the_section_goes(personas, client_for, sent):
    report = sent()
    client = client_for(personas.police_coordinator)
    assert "Intelligence reports to grade (1)" in _home(client)
    grade(personas, report)
    assert 'data-home="grading"' not in _home(client)


def test_another_police_coordinator_shares_the_same_queue(personas, client_for, sent):
    # The police grade what was sent to the police: the queue is the unit's, not one person's.
    sent()
    colleague = UserFactory(username="pia.police", role=Role.POLICE_COORDINATOR, team=personas.police_coordinator.team)
    assert "Intelligence reports to grade (1)" in _home(client_for(colleague))


def test_nobody_else_gets_the_section_not_even_a_number(personas, client_for, sent):
    sent()
    for role in ("practitioner", "same_team_practitioner", "outsider", "team_manager", "cse_worker", "cse_manager",
                 "mase_chair", "auditor"):
        assert 'data-home="grading"' not in _home(client_for(getattr(personas, role))), role


def test_with_nothing_sent_the_police_coordinator_gets_no_section(personas, client_for, draft):
    draft()
    assert 'data-home="grading"' not in _home(client_for(personas.police_coordinator))


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _home(client)
    return len(captured)


def test_the_home_page_takes_the_same_queries_for_one_report_and_five(personas, client_for, sent):
    client = client_for(personas.police_coordinator)
    sent()
    one = _queries(client)
    for _ in range(4):
        sent()
    assert "Intelligence reports to grade (5)" in _home(client)
    assert _queries(client) == one
