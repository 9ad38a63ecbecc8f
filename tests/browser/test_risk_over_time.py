"""The child's risk over time (issue 12, point 4), in the browser: a record with two episodes'
assessments, joint reviews and MASE meetings over most of a year shows its chart and the list, and
axe finds nothing wrong with the page. The screenshot is there to look at: the chart must read well."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes import services as episode_services
from csepathway.meetings import services as meeting_services
from csepathway.meetings.minutes import services as minutes_services

from .conftest import SCREENSHOTS, check_page, sign_in

pytestmark = pytest.mark.browser


def _later(time_machine, **delta):
    time_machine.move_to(timezone.now() + dt.timedelta(**delta))


def _hold(personas, time_machine, episode, *, kind: str, level: str, weeks: int):
    starts = timezone.now() + dt.timedelta(weeks=weeks)
    meeting = meeting_services.meeting_schedule(
        actor=personas.cse_manager, episode=episode, kind=kind, starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1), location="Room 1 (test)", online_link="", chair=personas.mase_chair)
    time_machine.move_to(meeting.ends_at + dt.timedelta(minutes=30))
    minutes_services.item_minutes_save(
        actor=personas.mase_chair, agenda_item=meeting.agenda_items.get(), information_shared="Shared (test)",
        risk_level=level, risk_level_rationale="Agreed by the group (test)",
        next_review_on=timezone.localdate() + dt.timedelta(weeks=6), version=0)
    minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)


def _decide(personas, episode, level):
    for reviewer in (personas.cse_manager, personas.police_coordinator):
        episode_services.joint_review_record(actor=reviewer, episode=episode, risk_level=level, mase_required=True,
                                             rationale="Agreed (test).")
    episode.refresh_from_db()
    return episode


def test_a_childs_risk_over_time_reads_as_a_chart_and_a_list(page, live_server, personas, time_machine):
    child = ChildFactory(first_name="Robin", last_name="Risktestchild", allocated_team=personas.team,
                         allocated_worker=personas.practitioner)
    first = scenarios.submitted(practitioner=personas.practitioner, child=child, level="medium")
    _later(time_machine, days=4)
    _decide(personas, first, "high")
    _hold(personas, time_machine, first, kind="initial", level="high", weeks=2)
    _hold(personas, time_machine, first, kind="review", level="medium", weeks=4)
    _hold(personas, time_machine, first, kind="review", level="low", weeks=6)
    episode_services.episode_close(actor=personas.practitioner, episode=first, reason="risk_reduced")
    _later(time_machine, weeks=10)
    second = scenarios.submitted(practitioner=personas.practitioner, child=child, level="medium")
    _later(time_machine, days=3)
    _decide(personas, second, "medium")
    _hold(personas, time_machine, second, kind="initial", level="high", weeks=2)

    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/children/{child.pk}")
    section = page.locator("#risk-over-time")
    expect(section).to_have_text("Risk over time")
    table = page.get_by_role("table", name="Where each risk level came from, oldest first")
    expect(table.get_by_role("row")).to_have_count(1 + 8)
    expect(table.get_by_role("row").nth(3)).to_contain_text("Initial MASE")
    expect(page.get_by_role("img", name="Risk level at each assessment, review and MASE", exact=False)).to_be_visible()
    check_page(page, "risk-01-child-record")
    page.locator(".app-chart").screenshot(path=str(SCREENSHOTS / "risk-02-chart.png"))
