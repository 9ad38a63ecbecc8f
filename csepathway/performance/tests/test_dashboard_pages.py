"""The dashboard pages with personas: who may see them, that every figure is scoped to what the
viewer may open, the lists behind the figures, the downloads, and a fixed number of queries."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from csepathway.audit.models import AuditEvent
from csepathway.children.restrictions.services import restriction_create
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.intelligence.models import IntelligenceReport
from csepathway.meetings.services import meeting_schedule
from csepathway.nrm.models import NrmReferral

DASHBOARD = reverse("performance:dashboard")
EPISODES = reverse("performance:episodes")


def decided(personas, **child):
    child = ChildFactory(allocated_team=personas.team, **child)
    return scenarios.decided(practitioner=personas.practitioner, child=child,
                             cse_manager=personas.cse_manager, police=personas.police_coordinator)


def decisions_total(client) -> str:
    response = client.get(EPISODES, {"measure": "decisions"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["cse_manager", "cse_worker", "police_coordinator", "mase_chair"])
def test_the_people_who_answer_for_the_pathway_see_the_dashboard(personas, client_for, role):
    response = client_for(getattr(personas, role)).get(DASHBOARD)
    assert response.status_code == 200
    assert "Decisions within 3 working days of submission" in response.content.decode()


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "auditor", "system_admin"])
def test_anyone_else_is_refused_every_performance_page(personas, client_for, role):
    client = client_for(getattr(personas, role))
    for url in (DASHBOARD, EPISODES + "?measure=decisions", reverse("performance:download") + "?format=csv"):
        assert client.get(url).status_code == 403


def test_a_figure_opens_the_episodes_behind_it(personas, client_for):
    episode = decided(personas, first_name="Figuretest")
    client = client_for(personas.cse_manager)
    page = client.get(DASHBOARD).content.decode()
    assert "/performance/episodes?measure=decisions&amp;outcome=on_time" in page
    listing = client.get(EPISODES, {"measure": "decisions", "outcome": "on_time"}).content.decode()
    assert "Figuretest" in listing and str(episode.pk) in listing
    assert "Figuretest" not in client.get(EPISODES, {"measure": "decisions", "outcome": "late"}).content.decode()
    month = timezone.localdate().strftime("%Y-%m")
    assert "Figuretest" in client.get(EPISODES, {"measure": "decisions", "month": month}).content.decode()


@pytest.mark.parametrize("query", [
    {"measure": "nonsense"}, {"measure": "decisions", "outcome": "nonsense"},
    {"measure": "decisions", "month": "2026-13"}, {"measure": "decisions", "month": "x"}])
def test_a_figure_that_does_not_exist_is_not_found(personas, client_for, query):
    assert client_for(personas.cse_manager).get(EPISODES, query).status_code == 404


def test_a_restricted_child_is_in_no_figure_for_someone_outside_the_restriction(personas, client_for):
    decided(personas, first_name="Openchild")
    hidden = decided(personas, first_name="Hiddenchild")
    restriction_create(actor=personas.team_manager, child=hidden.child, reason="staff")
    for viewer in (personas.cse_manager, personas.police_coordinator):
        client = client_for(viewer)
        listing = decisions_total(client)
        assert "Openchild" in listing and "Hiddenchild" not in listing
        assert "1 episode<" in listing
        rows = client.get(reverse("performance:download"), {"format": "csv"}).content.decode()
        this_month = timezone.localdate().strftime("%Y-%m")
        assert f"Decisions within 3 working days of submission,{this_month},On time,1" in rows


def test_a_chair_counts_only_the_children_of_the_meetings_they_chair(personas, client_for, django_user_model):
    chaired = decided(personas, first_name="Chairedchild")
    decided(personas, first_name="Otherchild")
    day = timezone.localdate() + dt.timedelta(days=14)
    start = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 14))
    meeting_schedule(actor=personas.cse_manager, episode=chaired, kind="initial", starts_at=start,
                     ends_at=start + dt.timedelta(hours=1), location="Room 2", chair=personas.mase_chair)
    listing = decisions_total(client_for(personas.mase_chair))
    assert "Chairedchild" in listing and "Otherchild" not in listing
    assert reverse("children:detail", args=[chaired.child_id]) not in listing  # the chair has no record to open
    second_chair = django_user_model.objects.create_user(username="carl.chair", role="mase_chair",
                                                         team=personas.mase_chair.team)
    listing = decisions_total(client_for(second_chair))
    assert "Chairedchild" not in listing and "Otherchild" not in listing and "0 episodes" not in listing


def test_nrm_waits_and_intelligence_grading_are_averaged_by_the_database(personas, client_for):
    today = timezone.localdate()
    for rg_days, cg_days in ((4, 30), (6, None)):
        episode = decided(personas)
        NrmReferral.objects.create(episode=episode, child=episode.child, created_by=personas.cse_manager,
                                   referred_on=today - dt.timedelta(days=40), reasonable_grounds="positive",
                                   reasonable_grounds_on=today - dt.timedelta(days=40 - rg_days),
                                   conclusive_grounds="positive" if cg_days else "",
                                   conclusive_grounds_on=cg_days and today - dt.timedelta(days=40 - cg_days))
    sent = timezone.now() - dt.timedelta(days=10)
    IntelligenceReport.objects.create(episode=episode, child=episode.child, author=personas.cse_worker,
                                      status="graded", subject="Synthetic subject", information="Synthetic.",
                                      how_learned="told", sent_at=sent, graded_at=sent + dt.timedelta(days=3))
    page = client_for(personas.police_coordinator).get(
        reverse("performance:section", args=["nrm-and-intelligence"])).content.decode()
    assert "Average wait for a decision: <strong>5.0 days</strong>" in page  # (4 + 6) / 2
    assert "Average wait for a decision: <strong>30.0 days</strong>" in page  # one conclusive decision
    assert "Average time from sending to grading: <strong>3.0 days</strong>" in page


@pytest.mark.parametrize("section", ["timescales", "reviews-and-actions", "missing", "outcomes",
                                     "nrm-and-intelligence"])
def test_each_dashboard_page_takes_the_same_number_of_queries_for_one_episode_or_many(personas, client_for,
                                                                                     section):
    client = client_for(personas.cse_manager)
    url = reverse("performance:section", args=[section])
    decided(personas)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(4):
        decided(personas)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many) <= 20


def test_the_figures_download_as_csv_and_xlsx_with_the_marking(personas, client_for):
    decided(personas)
    client = client_for(personas.cse_manager)
    csv_text = client.get(reverse("performance:download"), {"format": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[:2] == ["OFFICIAL-SENSITIVE", "Measure,Month,Outcome,Number"]
    response = client.get(reverse("performance:download"), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "OFFICIAL-SENSITIVE"
    this_month = timezone.localdate().strftime("%Y-%m")
    assert ("Decisions within 3 working days of submission", this_month, "On time", 1) in rows
    assert client.get(reverse("performance:download"), {"format": "pdf"}).status_code == 404


def test_viewing_the_dashboard_and_a_list_is_audited(personas, client_for):
    client = client_for(personas.cse_manager)
    client.get(DASHBOARD)
    client.get(EPISODES, {"measure": "actions", "outcome": "late"})
    verbs = list(AuditEvent.objects.filter(actor=personas.cse_manager).values_list("verb", flat=True))
    assert "performance.dashboard_viewed" in verbs and "performance.figure_listed" in verbs


@pytest.mark.parametrize("section", ["timescales", "reviews-and-actions", "missing", "outcomes",
                                     "nrm-and-intelligence"])
def test_each_page_of_the_dashboard_shows_its_own_measures(personas, client_for, section):
    page = client_for(personas.cse_manager).get(reverse("performance:section", args=[section])).text
    shown = {"timescales": "Decisions within 3 working days",
             "reviews-and-actions": "Reviews held by the date the minutes set",
             "missing": "Return home interviews within 72 hours",
             "outcomes": "How children moved between risk levels",
             "nrm-and-intelligence": "NRM reasonable grounds decisions"}
    assert shown[section] in page
    assert all(title not in page for other, title in shown.items() if other != section)


def test_a_dashboard_page_that_does_not_exist_is_not_found(personas, client_for):
    assert client_for(personas.cse_manager).get(reverse("performance:section", args=["nonsense"])).status_code == 404


def test_a_period_longer_than_two_years_is_refused_with_a_message(personas, client_for):
    response = client_for(personas.cse_manager).get(DASHBOARD, {
        "since_day": 1, "since_month": 1, "since_year": 2020, "until_day": 1, "until_month": 1, "until_year": 2026})
    assert "Choose a period of 2 years or less" in response.content.decode()


def test_the_list_behind_a_figure_takes_the_same_number_of_queries_for_one_episode_or_many(personas, client_for):
    client = client_for(personas.cse_manager)
    decided(personas)
    client.get(EPISODES, {"measure": "decisions"})
    with CaptureQueriesContext(connection) as few:
        assert client.get(EPISODES, {"measure": "decisions"}).status_code == 200
    for _ in range(4):
        decided(personas)
    with CaptureQueriesContext(connection) as many:
        assert "5 episodes" in client.get(EPISODES, {"measure": "decisions"}).text
    assert len(few) == len(many) <= 18
