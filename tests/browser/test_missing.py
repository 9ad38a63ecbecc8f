"""Missing episodes in the browser, as the case holder: record a missing episode from the child's
record, record the return, record the return home interview; then the third episode in 90 days puts
the banner prompting a screening on the child's record. axe checks every page visited."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from csepathway.children.tests.factories import ChildFactory
from csepathway.missing import services
from csepathway.missing.models import MissingEpisode

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def fill_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day", exact=True).fill(str(day.day))
    group.get_by_label("Month", exact=True).fill(str(day.month))
    group.get_by_label("Year", exact=True).fill(str(day.year))


def test_the_case_holder_records_an_episode_the_return_and_the_interview(page, live_server, personas):
    child = ChildFactory(first_name="Morgan", last_name="Testmissing", allocated_team=personas.team,
                         allocated_worker=personas.practitioner)
    today = timezone.localdate()
    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/children/{child.pk}")
    page.get_by_role("button", name="Record a missing episode").click()
    check_page(page, "missing-01-record")

    page.get_by_role("button", name="Save missing episode").click()  # nothing typed: the errors
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "missing-02-errors")

    page.get_by_label("Care (a placement or children's home)").check()
    fill_date(page, "Date the child went missing", today - dt.timedelta(days=2))
    page.get_by_label("Time the child went missing").fill("23:30")
    page.get_by_label("Who reported the child missing?").fill("Night manager at the home (test)")
    page.get_by_label("Police reference (optional)").fill("PR/TEST/77")
    page.get_by_role("button", name="Save missing episode").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Missing episode")
    expect(page.get_by_text("Still missing").first).to_be_visible()
    check_page(page, "missing-03-episode")

    page.get_by_role("button", name="Record the child's return").click()
    fill_date(page, "Date the child returned or was found", today - dt.timedelta(days=1))
    page.get_by_label("Time the child returned or was found").fill("00:15")
    page.get_by_label("Where was the child found?").fill("Found by police at the bus station (test)")
    check_page(page, "missing-04-return")
    page.get_by_role("button", name="Save return").click()
    expect(page.get_by_text("Interview due in")).to_be_visible()
    check_page(page, "missing-05-returned")

    page.get_by_role("button", name="Record the return home interview").click()
    fill_date(page, "Date the interview was offered", today - dt.timedelta(days=1))
    page.get_by_label("Completed").check()
    fill_date(page, "Date it was held or declined (if it was)", today)
    page.get_by_label("Time it was held or declined (if it was)").fill("00:30" if timezone.localtime().hour < 1
                                                                        else "00:45")
    page.get_by_label("What did the interview find? (optional)").fill("Went to a party with older boys (test).")
    page.get_by_label("The child disclosed exploitation").check()
    check_page(page, "missing-06-interview")
    page.get_by_role("button", name="Save interview").click()
    expect(page.get_by_text("Interview completed")).to_be_visible()
    check_page(page, "missing-07-interviewed")

    page.get_by_role("link", name="Back to the child's record").click()
    expect(page.get_by_role("heading", name="Missing episodes")).to_be_visible()
    check_page(page, "missing-08-record")
    assert MissingEpisode.objects.get(child=child).interview.finding_flags == ["disclosed_exploitation"]


def test_the_third_episode_in_90_days_puts_the_banner_on_the_record(page, live_server, personas):
    child = ChildFactory(first_name="Jordan", last_name="Testmissing", allocated_team=personas.team,
                         allocated_worker=personas.practitioner)
    now = timezone.now()
    for days in (40, 20, 3):
        services.missing_episode_record(actor=personas.practitioner, child=child, data={
            "missing_from": "home", "started_at": now - dt.timedelta(days=days), "reported_by": "Dad (test)"})
    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/children/{child.pk}")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("Jordan has gone missing 3 or more times within 90 days")
    check_page(page, "missing-09-banner")
    banner.get_by_role("link", name="Record a CSE concern and screen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record a CSE concern")
    check_page(page, "missing-10-concern")
