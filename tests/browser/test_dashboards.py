"""The dashboards walked in the browser (issue 12, point 3), axe on every page: the figures, a
chart with its table, a figure opened to its episodes, and a chair's scoped view."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.meetings.services import meeting_schedule

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def test_the_cse_manager_reads_the_figures_and_opens_the_episodes_behind_one(page, live_server, personas):
    for name in ("Dana", "Eli"):
        child = ChildFactory(first_name=name, last_name="Dashboardtestchild", allocated_team=personas.team)
        scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                          police=personas.police_coordinator)

    sign_in(page, live_server, personas.cse_manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance").click()
    expect(page.get_by_role("heading", name="Decisions and initial MASE", exact=True)).to_be_visible()
    expect(page.locator('section[aria-labelledby="measure-decisions"]').get_by_text("100% on time")).to_be_visible()
    check_page(page, "dashboard-01-cse-manager")
    page.get_by_role("link", name=re.compile(r"^2 – Decisions within .*: On time$")).click()
    expect(page.get_by_role("link", name="Dana Dashboardtestchild")).to_be_visible()
    check_page(page, "dashboard-02-episodes-behind-a-figure")
    page.goto(f"{live_server.url}/performance/")
    page.get_by_role("navigation", name="Measures").get_by_role("link", name="Reviews and actions").click()
    expect(page.get_by_role("heading", name="MASE actions completed by their due date")).to_be_visible()
    check_page(page, "dashboard-03-reviews-and-actions")
    page.get_by_role("navigation", name="Measures").get_by_role("link", name="Missing episodes").click()
    expect(page.get_by_role("heading", name="Return home interviews within 72 hours of the return")).to_be_visible()
    check_page(page, "dashboard-03-missing-episodes")
    page.get_by_role("navigation", name="Measures").get_by_role("link", name="Risk levels and outcomes").click()
    expect(page.get_by_role("heading", name="How children moved between risk levels")).to_be_visible()
    check_page(page, "dashboard-04-outcomes")
    page.get_by_role("navigation", name="Measures").get_by_role("link", name="NRM and intelligence").click()
    check_page(page, "dashboard-05-nrm-and-intelligence")


def test_a_chair_sees_only_the_children_of_their_meetings(page, live_server, personas):
    episodes = {}
    for name in ("Dana", "Eli"):
        child = ChildFactory(first_name=name, last_name="Dashboardtestchild", allocated_team=personas.team)
        episodes[name] = scenarios.decided(practitioner=personas.practitioner, child=child,
                                           cse_manager=personas.cse_manager, police=personas.police_coordinator)
    day = timezone.localdate() + dt.timedelta(days=7)
    start = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 14))
    meeting_schedule(actor=personas.cse_manager, episode=episodes["Eli"], kind="initial", starts_at=start,
                     ends_at=start + dt.timedelta(hours=1), location="Room 2", chair=personas.mase_chair)
    sign_in(page, live_server, personas.mase_chair)
    page.goto(f"{live_server.url}/performance/episodes?measure=decisions")
    expect(page.get_by_text("Eli Dashboardtestchild")).to_be_visible()
    expect(page.get_by_text("Dana Dashboardtestchild")).to_have_count(0)
    check_page(page, "dashboard-03-chair-scoped")
