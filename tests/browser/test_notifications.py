"""Notifications in the service (issue 12, point 2), in the browser: the Team Manager asked for a
sign-off sees the unread count in the header, opens the list, marks the notification read and the
count goes; axe checks each page."""

import re

import pytest
from playwright.sync_api import expect

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.sign_off_services import assessment_sign_off_request
from csepathway.outbox.services import email_link

from .conftest import check_page, sign_in


def _account(page):
    return page.get_by_role("navigation", name="Your account")


def _count(n: int):
    # Chromium puts a space after the visually hidden word in the link's name: "(2 unread )".
    return re.compile(rf"^Notifications \({n} unread ?\)$")

pytestmark = pytest.mark.browser


def test_the_team_manager_sees_the_count_opens_the_list_and_marks_read(page, live_server, personas):
    child = ChildFactory(first_name="Robin", last_name="Notifytestchild", allocated_team=personas.team,
                         allocated_worker=personas.practitioner)
    episode = scenarios.ready_to_submit(practitioner=personas.practitioner, child=child, sign_off=False)
    assessment_sign_off_request(actor=personas.practitioner, episode=episode)
    email_link(to_user=personas.team_manager, subject="CSE Pathway: a case note is waiting for you", path="/",
               intro="A case note is waiting for you (test).")

    sign_in(page, live_server, personas.team_manager)
    header = _account(page).get_by_role("link", name=_count(2))
    expect(header).to_be_visible()
    expect(header.locator(".govuk-visually-hidden")).to_have_text("unread")  # for screen readers only

    header.click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="An assessment needs your sign-off")).to_be_visible()
    expect(page.get_by_text("Unread", exact=True)).to_have_count(2)
    expect(page.get_by_text("Notifytestchild")).to_have_count(0)
    check_page(page, "notifications-01-list")

    # The button names its notification for screen readers: a column of "Mark as read" says nothing.
    page.get_by_role("button", name=re.compile(r"^Mark as read ?: An assessment needs your sign-off$")).click()
    expect(page.get_by_text("Notification marked as read")).to_be_visible()
    expect(_account(page).get_by_role("link", name=_count(1))).to_be_visible()
    check_page(page, "notifications-02-one-read")

    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("1 notification marked as read")).to_be_visible()
    expect(_account(page).get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(page.get_by_text("Unread", exact=True)).to_have_count(0)
    check_page(page, "notifications-03-all-read")

    page.get_by_role("link", name="An assessment needs your sign-off").click()
    expect(page).to_have_url(f"{live_server.url}/episodes/{episode.pk}/sign-off")
    check_page(page, "notifications-04-the-page-it-is-about")

    page.goto(f"{live_server.url}/notifications/weekly-summary")
    check_page(page, "notifications-05-weekly-summary")
    page.get_by_label("Yes, send me a weekly summary").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("You will get a weekly summary")).to_be_visible()
    check_page(page, "notifications-06-weekly-summary-on")
