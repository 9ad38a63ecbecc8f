"""The CSE Team Manager's, the chair's and the Team Manager's home pages with their meeting work,
walked in the browser with axe (issue 12, point 1)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.advice_services import advice_request
from csepathway.meetings.actions.tests.test_actions import add_action
from csepathway.meetings.services import meeting_schedule

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def _decided(personas, name):
    child = ChildFactory(first_name=name, last_name="Homebrowserchild", allocated_team=personas.team)
    return scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator)


@pytest.fixture
def work(personas):
    _decided(personas, "Unbooked")
    starts = timezone.localtime() + dt.timedelta(days=2)
    meeting = meeting_schedule(actor=personas.cse_manager, episode=_decided(personas, "Booked"), kind="initial",
                               starts_at=starts, ends_at=starts + dt.timedelta(hours=1), location="Room 4 (test)",
                               chair=personas.mase_chair)
    add_action(meeting, created_by=personas.mase_chair, due_on=timezone.localdate() - dt.timedelta(days=1),
               description="Overdue home visit (test)")
    draft = scenarios.draft_episode(practitioner=personas.practitioner,
                                    child=ChildFactory(first_name="Asking", last_name="Homebrowserchild",
                                                       allocated_team=personas.team))
    advice_request(actor=personas.practitioner, episode=draft, question="Is this CSE or neglect? (test)")


def test_the_cse_team_manager_finds_the_meetings_to_schedule(page, live_server, personas, work):
    sign_in(page, live_server, personas.cse_manager)
    expect(page.get_by_role("heading", name="Meetings to schedule (1)")).to_be_visible()
    expect(page.get_by_role("link", name="Unbooked Homebrowserchild")).to_be_visible()
    check_page(page, "home-cse-manager")


def test_the_chair_finds_the_overdue_actions_of_their_meeting(page, live_server, personas, work):
    sign_in(page, live_server, personas.mase_chair)
    expect(page.get_by_role("heading", name="Overdue actions from meetings you chair (1)")).to_be_visible()
    check_page(page, "home-chair")


def test_the_team_manager_finds_the_advice_asked_for_and_answers_it(page, live_server, personas, work):
    sign_in(page, live_server, personas.team_manager)
    expect(page.get_by_role("heading", name="Advice requested (1)")).to_be_visible()
    check_page(page, "home-team-manager-advice")
    page.get_by_role("region", name="Advice requested", exact=True).get_by_role(
        "link", name="Asking Homebrowserchild").click()
    expect(page.get_by_text("Is this CSE or neglect? (test)")).to_be_visible()
    check_page(page, "advice-answer")
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("What was the advice?").fill("Screen now; it reads as CSE (test).")
    page.get_by_role("button", name="Save advice").click()
    expect(page.get_by_text("The Team Manager's advice has been recorded.")).to_be_visible()
    check_page(page, "advice-recorded")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Advice requested (1)")).to_have_count(0)
