"""MASE meetings in the browser: the CSE Team Manager schedules a meeting from the child's record,
reads it, finds it in the calendar, moves it and cancels it. axe checks every page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.meetings.models import MaseMeeting

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def test_cse_manager_schedules_moves_and_cancels_a_mase(page, live_server, personas):
    child = ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team)
    scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                      police=personas.police_coordinator, mase_required=True)
    day = timezone.localdate() + dt.timedelta(days=9)

    sign_in(page, live_server, personas.cse_manager)
    page.goto(f"{live_server.url}/children/{child.pk}")
    check_page(page, "meetings-01-child-record")
    page.get_by_role("button", name="Schedule a MASE meeting").click()
    check_page(page, "meetings-02-schedule")
    page.get_by_role("button", name="Schedule meeting").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "meetings-03-schedule-errors")

    page.get_by_label("Initial MASE").check()
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End time").fill("15:30")
    page.get_by_label("Where is the meeting?").fill("Room 2, Civic Centre (test)")
    page.get_by_label("Who will chair the meeting?").select_option(label=personas.mase_chair.get_full_name())
    page.get_by_role("button", name="Schedule meeting").click()
    expect(page.get_by_text("Room 2, Civic Centre (test)").first).to_be_visible()
    check_page(page, "meetings-04-detail")
    meeting = MaseMeeting.objects.get()

    page.get_by_role("link", name="Meetings", exact=True).click()
    check_page(page, "meetings-04b-calendar-this-week")
    week = day - dt.timedelta(days=day.weekday())
    page.goto(f"{live_server.url}/meetings/?week={week.isoformat()}")
    expect(page.get_by_text("Jordan Testchild")).to_be_visible()
    check_page(page, "meetings-05-calendar")

    page.goto(f"{live_server.url}/meetings/{meeting.pk}")
    page.get_by_role("button", name="Change the date, time or place").click()
    check_page(page, "meetings-06-reschedule")
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("11:00")
    page.locator("form button.govuk-button").first.click()
    meeting.refresh_from_db()
    assert meeting.sequence == 1

    page.goto(f"{live_server.url}/meetings/{meeting.pk}")
    page.get_by_role("button", name="Cancel the meeting").click()
    check_page(page, "meetings-07-cancel")
    page.get_by_label("Why is the meeting cancelled?").fill("The chair is unwell (test).")
    page.locator("form button.govuk-button").first.click()
    meeting.refresh_from_db()
    assert meeting.state == MaseMeeting.State.CANCELLED and meeting.sequence == 2
    check_page(page, "meetings-08-cancelled")
