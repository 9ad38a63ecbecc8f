"""An intelligence report in the browser: the practitioner writes it from the episode, adds a person
(initials refused) and a vehicle, checks and sends it to the police mailbox; the police coordinator
records the police reference and grading, and finds the person on the register. axe checks every page."""

import pytest
from playwright.sync_api import expect

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.intelligence.models import IntelligenceReport

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _mailbox(settings):
    settings.POLICE_INTELLIGENCE_MAILBOX = "fib-intelligence@police.test.invalid"


def test_a_report_goes_from_draft_to_sent_to_graded(page, new_page, live_server, personas):
    child = ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team)
    episode = scenarios.submitted(practitioner=personas.practitioner, child=child)

    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/episodes/{episode.pk}")
    check_page(page, "intelligence-01-episode")
    page.get_by_role("button", name="Write an intelligence report").click()
    check_page(page, "intelligence-02-new")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "intelligence-03-new-errors")

    page.get_by_label("Who or what is the report about?").fill("Darren Testperson (test)")
    page.get_by_label("What is the information?").fill("Seen waiting outside the school in a silver car (test).")
    page.get_by_label("Told by the child").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Intelligence report")).to_be_visible()
    check_page(page, "intelligence-04-draft")

    page.get_by_role("link", name="Add a person").click()
    check_page(page, "intelligence-05-add-person")
    page.get_by_label("Full name").fill("D Testperson")
    page.get_by_label("Seen first-hand").check()
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("the police cannot search on initials")
    check_page(page, "intelligence-06-person-initials")
    page.get_by_label("Full name").fill("Darren Testperson")
    page.get_by_role("button", name="Add person").click()

    page.get_by_role("link", name="Add a vehicle").click()
    check_page(page, "intelligence-07-add-vehicle")
    page.get_by_label("Registration").fill("ab12 cde")
    page.get_by_label("Colour (optional)").fill("Silver")
    page.get_by_label("Seen first-hand").check()
    page.get_by_role("button", name="Add vehicle").click()
    expect(page.get_by_text("AB12 CDE")).to_be_visible()
    check_page(page, "intelligence-08-draft-with-pieces")

    page.get_by_role("button", name="Check and send").click()
    check_page(page, "intelligence-09-check")
    page.get_by_role("button", name="Send to the police").click()
    expect(page.get_by_text("Sent to the police").first).to_be_visible()
    check_page(page, "intelligence-10-sent")
    report = IntelligenceReport.objects.get()
    assert report.status == IntelligenceReport.Status.SENT

    police = new_page()
    sign_in(police, live_server, personas.police_coordinator)
    police.goto(f"{live_server.url}/intelligence/{report.pk}")
    check_page(police, "intelligence-11-police-reads")
    police.get_by_role("button", name="Record the police reference and grading").click()
    check_page(police, "intelligence-12-grade")
    police.get_by_role("button", name="Save grading").click()
    expect(police.locator(".govuk-error-summary")).to_be_visible()
    check_page(police, "intelligence-13-grade-errors")
    police.get_by_label("Police reference").fill("FIB/2026/0042")
    police.get_by_label("2: Untested").check()
    police.get_by_label("B: Known indirectly, corroborated").check()
    police.get_by_label("P: Lawful sharing permitted").check()
    police.get_by_role("button", name="Save grading").click()
    expect(police.get_by_text("FIB/2026/0042")).to_be_visible()
    check_page(police, "intelligence-14-graded")
    report.refresh_from_db()
    assert report.status == IntelligenceReport.Status.ACKNOWLEDGED and report.grading == "2BP"

    police.get_by_role("link", name="Register", exact=True).click()
    expect(police.get_by_role("link", name="Darren Testperson")).to_be_visible()
    check_page(police, "intelligence-15-register")
    police.get_by_role("link", name="Darren Testperson").click()
    expect(police.get_by_role("link", name="Jordan Testchild")).to_be_visible()
    check_page(police, "intelligence-16-register-entry")
