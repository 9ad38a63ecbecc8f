"""Retention in the browser: information governance finds a record past its retention date, places
and releases a legal hold, proposes disposal, and a second person disposes of it, leaving only the
certificate. Each person has a browser of their own; axe checks every page visited."""

import re

import pytest
from playwright.sync_api import Page, expect

from csepathway.accounts.tests.factories import DEFAULT_PASSWORD
from csepathway.children.models import Child
from csepathway.children.tests.factories import ChildFactory
from csepathway.retention.models import DisposalCertificate
from csepathway.retention.tests.builders import make_due, second_auditor

from .conftest import check_page, service_navigation, sign_in

pytestmark = pytest.mark.browser


class Pages:
    def __init__(self):
        self.count = 0

    def check(self, page: Page, name: str) -> None:
        self.count += 1
        check_page(page, f"retention-{self.count:02d}-{name}")


def step_up(page: Page, pages: Pages, name: str) -> None:
    expect(page).to_have_url(re.compile(r"/account/confirm-it-is-you"))
    pages.check(page, name)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page).not_to_have_url(re.compile(r"/account/confirm-it-is-you"))


def banner(page: Page):
    return page.locator(".govuk-notification-banner")


def test_two_people_in_information_governance_dispose_of_a_record(new_page, live_server, personas):
    child = ChildFactory(first_name="Rowan", last_name="Retiredtestchild", lcs_reference="LCS-RET-777")
    make_due(child)
    ivy = second_auditor()
    pages = Pages()

    first = new_page()
    sign_in(first, live_server, personas.auditor)
    service_navigation(first).get_by_role("link", name="Retention", exact=True).click()
    expect(first.get_by_role("heading", level=1)).to_have_text("Retention and disposal")
    expect(first.get_by_role("row", name=re.compile("Rowan Retiredtestchild"))).to_contain_text("Ready to propose")
    pages.check(first, "queue")

    first.get_by_role("link", name="Rowan Retiredtestchild").click()
    expect(first.get_by_role("heading", level=1)).to_have_text("Rowan Retiredtestchild")
    pages.check(first, "record")

    first.get_by_role("button", name="Place a legal hold").click()
    pages.check(first, "hold-form")
    first.get_by_role("button", name="Place the hold").click()
    expect(first.locator(".govuk-error-summary")).to_contain_text("Enter why the record must be kept")
    pages.check(first, "hold-form-errors")
    first.get_by_label("Why must the record be kept?").fill("Public inquiry asked for CSE records (test).")
    first.get_by_label("Case or inquiry reference (optional)").fill("INQ-TEST-1")
    first.get_by_role("button", name="Place the hold").click()
    expect(banner(first)).to_contain_text("Legal hold placed.")
    expect(first.get_by_role("button", name="Propose disposal")).to_have_count(0)
    expect(first.locator("main")).to_contain_text("a legal hold is in force")
    pages.check(first, "on-hold")

    first.get_by_role("link", name="Release this hold").click()
    pages.check(first, "release-form")
    first.get_by_label("Why is the hold no longer needed?").fill("The inquiry has reported (test).")
    first.get_by_role("button", name="Release the hold").click()
    expect(banner(first)).to_contain_text("Legal hold released.")
    pages.check(first, "hold-released")

    first.get_by_role("button", name="Propose disposal").click()
    expect(first.get_by_role("heading", level=1)).to_have_text("Propose disposal")
    pages.check(first, "propose")
    first.get_by_label(re.compile("I have checked the record is past its retention date")).check()
    first.get_by_role("button", name="Propose disposal").click()
    step_up(first, pages, "propose-step-up")
    pages.check(first, "propose-after-step-up")
    first.get_by_label(re.compile("I have checked the record is past its retention date")).check()
    first.get_by_role("button", name="Propose disposal").click()
    expect(banner(first)).to_contain_text("Disposal proposed.")
    expect(first.get_by_text("You proposed this record for disposal.")).to_be_visible()
    pages.check(first, "proposed")

    second = new_page()
    sign_in(second, live_server, ivy)
    second.goto(f"{live_server.url}/retention/")
    expect(second.get_by_role("row", name=re.compile("Rowan Retiredtestchild"))).to_contain_text("Proposed by")
    pages.check(second, "second-queue")
    second.get_by_role("link", name="Rowan Retiredtestchild").click()
    pages.check(second, "second-record")
    second.get_by_role("button", name="Dispose of the record").click()
    expect(second.get_by_role("heading", level=1)).to_have_text("Dispose of the record")
    pages.check(second, "dispose-check")
    second.get_by_role("button", name="Dispose of the record").click()
    step_up(second, pages, "dispose-step-up")
    pages.check(second, "dispose-after-step-up")
    second.get_by_role("button", name="Dispose of the record").click()
    expect(second.locator(".govuk-error-summary")).to_contain_text("Confirm you understand")
    pages.check(second, "dispose-errors")
    second.get_by_label("I understand the record will be deleted for good and cannot be restored").check()
    second.get_by_role("button", name="Dispose of the record").click()

    expect(banner(second)).to_contain_text("The record has been disposed of.")
    expect(second.get_by_role("heading", level=1)).to_have_text("DC-00001")
    expect(second.locator("main")).to_contain_text(str(child.pk))
    expect(second.locator("main")).not_to_contain_text("Rowan")
    pages.check(second, "certificate")
    second.get_by_role("link", name="Back to disposal certificates").click()
    expect(second.get_by_role("link", name="DC-00001")).to_be_visible()
    pages.check(second, "certificates")

    assert not Child.objects.filter(pk=child.pk).exists()
    assert DisposalCertificate.objects.get().record_id == child.pk
    first.goto(f"{live_server.url}/retention/")
    expect(first.get_by_text("No records are due for disposal.")).to_be_visible()
    pages.check(first, "queue-empty")
