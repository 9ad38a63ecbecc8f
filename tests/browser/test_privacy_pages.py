"""The privacy pages in the browser: restricting a child's record and lifting the restriction (two
managers and the step-up page), emergency ("break-glass") access and its review, access history,
unusual access alerts, the disclosure log, and a subject access request from start to the released
PDF. Each person has a browser of their own. axe checks every page visited."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from csepathway.accounts.tests.factories import DEFAULT_PASSWORD
from csepathway.children import selectors as child_selectors
from csepathway.children.models import BreakGlassGrant, ChildRestriction
from csepathway.children.tests.factories import ChildFactory
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add
from csepathway.oversight.disclosures import services as disclosure_services
from csepathway.oversight.models import AccessAlert
from csepathway.subject_access.models import SubjectAccessRequest

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser

SEARCH_LABEL = "Search by name, alias, date of birth or LCS or EHM reference"
WHY = "Police report she is missing tonight; the duty team needs her placement details (test)."
WITHHELD_BODY = "Ray Testuncle phoned about the Hollowmere flat."
REDACTED_PHRASE = "Jordan Thirdparty"
KEPT_WORDS = "Morgan enjoys football practice"


class Pages:
    """Numbers the screenshots in the order the pages were visited, across every person's browser."""

    def __init__(self, journey: str):
        self.journey = journey
        self.count = 0

    def check(self, page: Page, name: str) -> None:
        self.count += 1
        check_page(page, f"privacy-{self.journey}-{self.count:02d}-{name}")


def person_label(user) -> str:
    """How the allow-list names a person: name, role and team."""
    return f"{user} ({user.get_role_display()}, {user.team.name})"


def banner(page: Page):
    return page.locator(".govuk-notification-banner")


def error_summary(page: Page):
    return page.locator(".govuk-error-summary")


def step_up(page: Page, pages: Pages, name: str) -> None:
    """The real step-up page: in test settings two factors are optional, so the password is enough."""
    expect(page).to_have_url(re.compile(r"/account/confirm-it-is-you"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    pages.check(page, name)
    page.get_by_role("button", name="Continue").click()
    expect(error_summary(page)).to_contain_text("Enter your password")
    pages.check(page, f"{name}-errors")
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page).not_to_have_url(re.compile(r"/account/confirm-it-is-you"))


def fill_date(scope, day: dt.date) -> None:
    scope.get_by_label("Day").fill(str(day.day))
    scope.get_by_label("Month").fill(str(day.month))
    scope.get_by_label("Year").fill(str(day.year))


def test_a_manager_restricts_a_record_and_a_second_manager_lifts_it(new_page, live_server, personas):
    child = ChildFactory(first_name="Jordan", last_name="Restrictedchild", lcs_reference="LCS-777001",
                         allocated_team=personas.team, allocated_worker=personas.practitioner)
    pages = Pages("01")

    manager = new_page()
    sign_in(manager, live_server, personas.team_manager)
    manager.goto(f"{live_server.url}/children/{child.pk}")
    expect(manager.get_by_role("heading", name="Restriction")).to_be_visible()
    pages.check(manager, "child-record")
    manager.get_by_role("link", name="Restrict the record").click()
    expect(manager.get_by_text("This record is not restricted.")).to_be_visible()
    pages.check(manager, "restriction-none")
    manager.get_by_role("link", name="Restrict the record").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Restrict Jordan Restrictedchild's record")
    pages.check(manager, "restrict-form")

    manager.get_by_role("button", name="Restrict the record").click()
    expect(error_summary(manager)).to_contain_text("Choose a reason")
    pages.check(manager, "restrict-form-errors")
    manager.get_by_label("The child is a member of staff or a member of staff's relative").check()
    expect(manager.get_by_label(person_label(personas.practitioner))).to_be_checked()
    manager.get_by_label(person_label(personas.cse_manager)).check()
    manager.get_by_label("North Locality Team", exact=True).uncheck()
    manager.get_by_role("button", name="Restrict the record").click()
    expect(banner(manager)).to_contain_text("Jordan Restrictedchild's record is now restricted.")
    expect(manager.locator(".govuk-summary-list")).to_contain_text(str(personas.cse_manager))
    pages.check(manager, "restricted")

    manager.get_by_role("link", name="Review the restriction").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text(
        "Review the restriction of Jordan Restrictedchild's record")
    pages.check(manager, "review-form")
    manager.get_by_role("button", name="Record the review").click()
    expect(error_summary(manager)).to_contain_text("Say why the restriction is still needed")
    pages.check(manager, "review-form-errors")
    manager.get_by_label("Why is the restriction still needed?").fill("A relative still works in the team (test).")
    manager.get_by_role("button", name="Record the review").click()
    expect(banner(manager)).to_contain_text("The review has been recorded.")
    pages.check(manager, "reviewed")

    colleague = new_page()
    sign_in(colleague, live_server, personas.same_team_practitioner)
    colleague.goto(f"{live_server.url}/children/")
    pages.check(colleague, "colleague-children")
    colleague.get_by_label(SEARCH_LABEL).fill("Restrictedchild")
    colleague.get_by_role("button", name="Search").click()
    expect(colleague.get_by_role("heading", name="No children found")).to_be_visible()
    expect(colleague.get_by_text("Jordan")).to_have_count(0)
    pages.check(colleague, "colleague-search-finds-nothing")

    manager.get_by_role("link", name="Ask to lift the restriction").click()
    pages.check(manager, "lift-request-form")
    manager.get_by_role("button", name="Ask for the restriction to be lifted").click()
    expect(error_summary(manager)).to_contain_text("Say why the restriction can be lifted")
    pages.check(manager, "lift-request-errors")
    manager.get_by_label("Why can the restriction be lifted?").fill("The relative has left the council (test).")
    manager.get_by_role("button", name="Ask for the restriction to be lifted").click()
    expect(banner(manager)).to_contain_text("Someone else must approve it.")
    pages.check(manager, "lift-requested")

    cse_manager = new_page()
    sign_in(cse_manager, live_server, personas.cse_manager)
    cse_manager.goto(f"{live_server.url}/children/{child.pk}/restriction")
    expect(cse_manager.locator(".govuk-summary-list")).to_contain_text("The relative has left the council (test).")
    pages.check(cse_manager, "cse-manager-restriction")
    cse_manager.get_by_role("link", name="Approve lifting the restriction").click()
    step_up(cse_manager, pages, "cse-manager-step-up")
    expect(cse_manager.get_by_role("heading", level=1)).to_have_text("Approve lifting the restriction")
    expect(cse_manager.locator(".govuk-inset-text")).to_contain_text("The relative has left the council (test).")
    pages.check(cse_manager, "lift-approve")
    cse_manager.get_by_role("button", name="Lift the restriction").click()
    expect(banner(cse_manager)).to_contain_text("The restriction of Jordan Restrictedchild's record has been lifted.")
    expect(cse_manager.get_by_text("This record is not restricted.")).to_be_visible()
    expect(cse_manager.get_by_role("heading", name="History")).to_be_visible()
    pages.check(cse_manager, "lifted")

    restriction = ChildRestriction.objects.get(child=child)
    assert (restriction.lift_requested_by, restriction.lifted_by) == (personas.team_manager, personas.cse_manager)

    colleague.get_by_role("button", name="Search").click()
    expect(colleague.get_by_role("link", name="Jordan Restrictedchild")).to_be_visible()
    pages.check(colleague, "colleague-search-finds-the-child")


def test_a_practitioner_outside_the_team_uses_emergency_access_and_the_auditor_reviews_it(
        new_page, live_server, personas):
    child = ChildFactory(first_name="Jordan", last_name="Northchild", lcs_reference="LCS-424242",
                         allocated_team=personas.team)
    pages = Pages("02")

    outsider = new_page()
    sign_in(outsider, live_server, personas.outsider)
    outsider.goto(f"{live_server.url}/children/")
    pages.check(outsider, "children")
    outsider.get_by_role("link", name="ask for emergency access").click()
    expect(outsider.get_by_role("heading", level=1)).to_have_text("Emergency access to a record")
    pages.check(outsider, "emergency-access")
    outsider.get_by_role("button", name="Find the record").click()
    expect(error_summary(outsider)).to_contain_text("Enter the child's LCS or EHM reference")
    pages.check(outsider, "emergency-access-errors")
    outsider.get_by_label("LCS or EHM reference").fill("LCS-000000")
    outsider.get_by_role("button", name="Find the record").click()
    expect(error_summary(outsider)).to_contain_text("No record has this reference")
    pages.check(outsider, "emergency-access-no-record")
    outsider.get_by_label("LCS or EHM reference").fill("LCS-424242")
    outsider.get_by_role("button", name="Find the record").click()
    expect(outsider.get_by_role("heading", level=1)).to_have_text("A record exists")
    expect(outsider.get_by_text("Northchild")).to_have_count(0)
    pages.check(outsider, "record-exists")

    outsider.get_by_role("link", name="Request emergency access").click()
    step_up(outsider, pages, "step-up")
    expect(outsider.get_by_role("heading", level=1)).to_have_text("Why do you need emergency access?")
    pages.check(outsider, "reason")
    outsider.get_by_role("button", name="Open the record").click()
    expect(error_summary(outsider)).to_contain_text("Say why you need to open this record now")
    pages.check(outsider, "reason-errors")
    outsider.get_by_label("Why do you need to open this record now?").fill(WHY)
    outsider.get_by_role("button", name="Open the record").click()
    expect(outsider).to_have_url(re.compile(rf"/children/{child.pk}$"))
    expect(outsider.get_by_role("heading", level=1)).to_contain_text("Jordan Northchild")
    expect(banner(outsider).filter(has_text="Emergency access")).to_contain_text(
        "You are using emergency access to this record until")
    pages.check(outsider, "child-record-with-emergency-access")

    auditor = new_page()
    sign_in(auditor, live_server, personas.auditor)
    auditor.goto(f"{live_server.url}/children/emergency-access/reviews")
    waiting = auditor.get_by_role("table", name="Waiting for review")
    expect(waiting).to_contain_text("LCS-424242")
    expect(waiting).to_contain_text(WHY)
    pages.check(auditor, "review-queue")
    waiting.get_by_role("link").first.click()
    expect(auditor.get_by_role("heading", level=1)).to_have_text("Review a use of emergency access")
    expect(auditor.locator(".govuk-summary-list")).to_contain_text("Password only (no second factor set up)")
    pages.check(auditor, "review")
    auditor.get_by_label("Needs following up").check()
    auditor.get_by_role("button", name="Record the review").click()
    expect(error_summary(auditor)).to_contain_text("Say what you found")
    pages.check(auditor, "review-errors")
    auditor.get_by_label("Note", exact=True).fill("Asked the duty manager to confirm the call (test).")
    auditor.get_by_role("button", name="Record the review").click()
    expect(banner(auditor)).to_contain_text("The review has been recorded.")
    expect(auditor.get_by_role("table", name="Reviewed")).to_contain_text("Needs following up")
    pages.check(auditor, "review-queue-reviewed")

    grant = BreakGlassGrant.objects.get()
    assert (grant.user, grant.reviewed_by, grant.review_outcome) == (personas.outsider, personas.auditor,
                                                                     BreakGlassGrant.Outcome.FOLLOW_UP)


def test_the_auditor_reads_access_history_reviews_an_alert_and_reads_the_disclosure_log(
        page, live_server, personas):
    child = ChildFactory(first_name="Riley", last_name="Historychild", allocated_team=personas.team)
    child_selectors.child_get(actor=personas.practitioner, child_id=child.pk)
    now = timezone.now()
    alert = AccessAlert.objects.create(user=personas.cse_worker, kind=AccessAlert.Kind.MANY_CHILDREN,
                                       window_start=now - dt.timedelta(hours=1), window_end=now, count=31,
                                       raised_at=now)
    disclosure_services.disclosure_record(
        actor=personas.mase_chair, child_id=child.pk, recipient="Testshire NHS Trust (test)",
        purpose="MASE minutes (test)", lawful_basis=disclosure_services.SAFEGUARDING,
        shared="MASE minutes: one child's item")
    disclosure_services.disclosure_record(
        actor=personas.police_coordinator, child_id=child.pk, recipient="Testshire Police (test)",
        purpose="Intelligence report (test)", lawful_basis=disclosure_services.SAFEGUARDING,
        shared="Intelligence report")
    pages = Pages("03")

    sign_in(page, live_server, personas.auditor)
    page.goto(f"{live_server.url}/audit/access-history")
    expect(page.get_by_role("heading", level=1)).to_have_text("Access history")
    pages.check(page, "access-history")
    # Found by name first (issue 13, point 10); the record ID is folded away beneath.
    page.get_by_text("Find a record by its ID instead").click()
    page.get_by_role("button", name="Show the child's access history").click()
    expect(error_summary(page)).to_contain_text("Enter the child's record ID")
    pages.check(page, "access-history-errors")
    page.get_by_label("Child's record ID").fill(str(child.pk))
    page.get_by_role("button", name="Show the child's access history").click()
    expect(page).to_have_url(re.compile(rf"/audit/access-history/children/{child.pk}$"))
    history = page.get_by_role("table", name="Access to this record")
    expect(history).to_contain_text(str(personas.practitioner.first_name))
    pages.check(page, "child-history")

    page.get_by_role("link", name="Back").click()
    pages.check(page, "access-history-again")
    page.get_by_label("Username").fill("nobody.here")
    page.get_by_role("button", name="Show what they accessed").click()
    expect(error_summary(page)).to_contain_text("There is no one with that username")
    pages.check(page, "user-history-errors")
    page.get_by_label("Username").fill(personas.practitioner.username)
    page.get_by_role("button", name="Show what they accessed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What this person accessed")
    records = page.get_by_role("table", name="Records accessed")
    expect(records.get_by_role("link", name=str(child.pk))).to_be_visible()
    pages.check(page, "user-history")

    page.goto(f"{live_server.url}/audit/alerts")
    alerts = page.get_by_role("table", name="Alerts")
    expect(alerts).to_contain_text("Opened many different children's records")
    expect(alerts).to_contain_text("To review")
    pages.check(page, "alerts")
    alerts.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/audit/alerts/{alert.pk}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Unusual access alert")
    pages.check(page, "alert")
    page.get_by_role("button", name="Mark as reviewed").click()
    expect(error_summary(page)).to_contain_text("Enter what you found and did about the alert")
    pages.check(page, "alert-errors")
    page.get_by_label("What you found and did").fill("Spoke to the worker: a planned case audit (test).")
    page.get_by_role("button", name="Mark as reviewed").click()
    expect(banner(page)).to_contain_text("Alert marked as reviewed")
    expect(page.get_by_role("table", name="Alerts")).to_contain_text("Reviewed")
    pages.check(page, "alerts-reviewed")
    alert.refresh_from_db()
    assert alert.reviewed_by == personas.auditor

    page.goto(f"{live_server.url}/audit/disclosures")
    disclosures = page.get_by_role("table", name="Disclosures")
    expect(disclosures).to_contain_text("Testshire NHS Trust (test)")
    expect(disclosures).to_contain_text("Testshire Police (test)")
    pages.check(page, "disclosures")
    page.get_by_label("Child's record ID").fill("not-an-id")
    page.get_by_role("button", name="Filter").click()
    expect(error_summary(page)).to_contain_text("Enter the record ID as it appears in the address")
    pages.check(page, "disclosures-errors")
    page.get_by_label("Child's record ID").fill(str(child.pk))
    page.get_by_label("Recipient").fill("NHS")
    page.get_by_role("button", name="Filter").click()
    disclosures = page.get_by_role("table", name="Disclosures")
    expect(disclosures).to_contain_text("Testshire NHS Trust (test)")
    expect(disclosures).not_to_contain_text("Testshire Police (test)")
    pages.check(page, "disclosures-filtered")


def _pdf_text(download) -> str:
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(pdf_page.extract_text() for pdf_page in reader.pages).split())


def _review_item(page: Page, pages: Pages, title: str, name: str, *, decision: str, exemption: str = "",
                 redact: str = "") -> None:
    page.get_by_role("link", name=re.compile(rf"^\d+\. {re.escape(title)}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    pages.check(page, name)
    page.get_by_label(decision).check()
    if exemption:
        page.get_by_label(exemption).check()
    if redact:
        page.get_by_label("Phrases to redact").fill(redact)
    page.get_by_role("button", name="Save and return to the bundle").click()
    expect(page.get_by_role("heading", level=2, name="The bundle")).to_be_visible()


def test_the_auditor_answers_a_subject_access_request_with_a_redacted_pdf(page, live_server, personas):
    child = ChildFactory(first_name="Morgan", last_name="Testchild", allocated_team=personas.team,
                         lcs_reference="LCS-778001")
    case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Call from uncle",
                  body=WITHHELD_BODY, deliver=False)
    case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Home visit",
                  body=f"{KEPT_WORDS}. Seen with {REDACTED_PHRASE} outside school.", deliver=False)
    received = timezone.localdate() - dt.timedelta(days=3)
    pages = Pages("04")

    sign_in(page, live_server, personas.auditor)
    page.goto(f"{live_server.url}/subject-access/")
    expect(page.get_by_text("There are no subject access requests.")).to_be_visible()
    pages.check(page, "list-empty")
    page.get_by_role("button", name="Start a subject access request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a subject access request")
    pages.check(page, "start")
    page.get_by_role("button", name="Start the request").click()
    expect(error_summary(page)).to_contain_text("Enter who made the request")
    pages.check(page, "start-errors")
    page.get_by_label("Child's LCS or EHM reference, or child id").fill("LCS-778001")
    page.get_by_label("Who made the request").fill("The child, by letter (test)")
    fill_date(page, received)
    page.get_by_role("button", name="Start the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Morgan Testchild")
    pages.check(page, "request")

    page.get_by_role("button", name="Gather the records").click()
    expect(page.get_by_role("heading", level=2, name="The bundle")).to_be_visible()
    expect(page.get_by_text("Review every item before you release the bundle.")).to_be_visible()
    pages.check(page, "gathered")

    sar = SubjectAccessRequest.objects.get()
    _review_item(page, pages, "Call from uncle", "item-withhold", decision="Withhold the whole item",
                 exemption="Third-party information")
    _review_item(page, pages, "Home visit", "item-redact", decision="Release with parts redacted",
                 exemption="Third-party information", redact=REDACTED_PHRASE)
    others = [item.title for item in sar.items.order_by("position") if item.title not in ("Call from uncle",
                                                                                           "Home visit")]
    assert others
    for number, title in enumerate(others, start=1):
        _review_item(page, pages, title, f"item-release-{number}", decision="Release in full")
    pages.check(page, "all-reviewed")

    page.get_by_role("button", name="Check and release the bundle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the bundle before you release it")
    pages.check(page, "release")
    page.get_by_role("button", name="Release the bundle").click()
    step_up(page, pages, "release-step-up")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the bundle before you release it")
    pages.check(page, "release-after-step-up")
    page.get_by_role("button", name="Release the bundle").click()
    expect(error_summary(page)).to_contain_text("Confirm you have checked every item before you release the bundle")
    pages.check(page, "release-errors")
    page.get_by_label("I have checked every item and the exemptions applied").check()
    page.get_by_role("button", name="Release the bundle").click()
    expect(banner(page)).to_contain_text("The bundle has been released.")
    pages.check(page, "released")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the released bundle (PDF)").click()
    text = _pdf_text(download_info.value)
    assert KEPT_WORDS in text
    assert REDACTED_PHRASE not in text
    assert "Hollowmere" not in text

    page.get_by_role("link", name="Back to subject access requests").click()
    expect(page.get_by_role("table")).to_contain_text("Morgan Testchild")
    pages.check(page, "list")
