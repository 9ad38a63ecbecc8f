"""Foundation, in the browser: a practitioner finds, reads, adds and edits a child's record, and is
told plainly when someone else saved first. Every page is checked with axe and screenshotted."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from csepathway.children import services as child_services
from csepathway.children.models import Child
from csepathway.children.tests.factories import ChildAliasFactory, ChildFactory

from .conftest import check_page, expect_signed_in_layout, service_navigation, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def jordan(personas):
    child = ChildFactory(
        first_name="Jordan", last_name="Testchild", date_of_birth=dt.date(2011, 3, 14),
        allocated_team=personas.practitioner.team, school="Testshire Academy", lcs_reference="LCS-900123",
    )
    ChildAliasFactory(child=child, name="JJ")
    return child


def summary_value(page: Page, key: str):
    """The value beside a key in a GOV.UK summary list."""
    row = page.locator(".govuk-summary-list__row").filter(
        has=page.locator(".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$")))
    return row.locator(".govuk-summary-list__value")


def test_practitioner_finds_a_child_and_opens_the_record(page, live_server, personas, jordan):
    ChildFactory(first_name="Riley", last_name="Testchild", allocated_team=personas.team)
    ChildFactory(first_name="Morgan", last_name="Elsewhere", allocated_team=personas.outsider.team)
    sign_in(page, live_server, personas.practitioner)

    service_navigation(page).get_by_role("link", name="Children", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Children")
    expect(page.get_by_role("table")).to_contain_text("2 children you can see")
    expect(page.get_by_role("link", name="Morgan Elsewhere")).to_have_count(0)
    expect_signed_in_layout(page)
    check_page(page, "children-search")

    page.get_by_label("Search by name, alias, date of birth or LCS or EHM reference").fill("JJ")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/children/\?q=JJ$"))
    table = page.get_by_role("table")
    expect(table).to_contain_text("1 child matching ‘JJ’")
    expect(table.get_by_role("link", name="Jordan Testchild")).to_be_visible()
    expect(table).to_contain_text("14 March 2011")
    expect(table).not_to_contain_text("Riley")
    check_page(page, "children-search-results")

    page.get_by_label("Search by name, alias, date of birth or LCS or EHM reference").fill("Nobody Matches")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="No children found")).to_be_visible()
    check_page(page, "children-search-no-results")

    page.get_by_label("Search by name, alias, date of birth or LCS or EHM reference").fill("LCS-900123")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/children/\?q=LCS-900123$"))
    check_page(page, "children-search-by-reference")
    page.get_by_role("link", name="Jordan Testchild").click()
    expect(page).to_have_url(f"{live_server.url}/children/{jordan.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jordan Testchild")
    expect(summary_value(page, "Other names, aliases and nicknames")).to_have_text("JJ")
    expect(summary_value(page, "School or college")).to_have_text("Testshire Academy")
    expect(summary_value(page, "Allocated team")).to_have_text(personas.team.name)
    expect_signed_in_layout(page)
    check_page(page, "child-record")


def test_add_a_child_shows_errors_then_saves_every_detail(page, live_server, personas):
    worker = personas.same_team_practitioner
    sign_in(page, live_server, personas.practitioner)
    page.goto("/children/")
    check_page(page, "children-list")
    page.get_by_role("link", name="Add a child who is not on the list").click()
    expect(page).to_have_url(f"{live_server.url}/children/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a child")
    expect_signed_in_layout(page)
    check_page(page, "child-new")

    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title("Error: Add a child - CSE Pathway")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    for message in ("Enter the child's first name", "Enter the child's last name", "Enter the child's date of birth"):
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(page.locator(".govuk-error-message").first).to_be_visible()
    check_page(page, "child-new-errors")
    # The summary's link takes the user to the field (the date's first box).
    summary.get_by_role("link", name="Enter the child's date of birth").click()
    expect(page.get_by_label("Day")).to_be_focused()

    fill_child_form(page, worker_name=worker.get_full_name(), team_name=personas.team.name)
    page.get_by_role("button", name="Save").click()

    child = Child.objects.get(first_name="Alex", last_name="Testchild")
    expect(page).to_have_url(f"{live_server.url}/children/{child.pk}")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Alex Testchild's record has been created.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alex Testchild")
    expected = {
        "Other names, aliases and nicknames": "Lex, lexi_online",
        "Date of birth": re.compile(r"^\s*9 July 2010 \(age \d+\)\s*$"),
        "Gender": "Non-binary",
        "Ethnicity": "White British",
        "First language": "English",
        "Learning disability": "Yes",
        "Special educational needs or disability": "Yes",
        "Address": "1 Test Street, Testtown, TE1 1ST",
        "School or college": "Testshire College",
        "Current plan": "Looked after: Section 20 (voluntary accommodation)",
        "LCS reference": "LCS-123456",
        "EHM reference": "EHM-654321",
        "Allocated team": personas.team.name,
        "Allocated worker": worker.get_full_name(),
    }
    for key, value in expected.items():
        expect(summary_value(page, key)).to_have_text(value)
    check_page(page, "child-created")


def fill_child_form(page: Page, *, worker_name: str, team_name: str, first_name: str = "Alex") -> None:
    page.get_by_label("First name").fill(first_name)
    page.get_by_label("Last name").fill("Testchild")
    page.get_by_label("Other names, aliases and nicknames").fill("Lex\nlexi_online")
    page.get_by_label("Day").fill("9")
    page.get_by_label("Month").fill("7")
    page.get_by_label("Year").fill("2010")
    page.get_by_role("group", name="Gender").get_by_label("Non-binary").check()
    page.get_by_label("Ethnicity").fill("White British")
    page.get_by_label("First language").fill("English")
    page.get_by_label("The child has a learning disability").check()
    page.get_by_label("The child has special educational needs or a disability (SEND)").check()
    page.get_by_label("Address", exact=True).fill("1 Test Street, Testtown, TE1 1ST")
    page.get_by_label("School or college").fill("Testshire College")
    page.get_by_role("group", name="Current plan").get_by_label("Looked after").check()
    page.get_by_label("Legal status (looked after children only)").select_option(
        label="Section 20 (voluntary accommodation)")
    page.get_by_label("LCS reference").fill("LCS-123456")
    page.get_by_label("EHM reference").fill("EHM-654321")
    page.get_by_label("Allocated team").select_option(label=team_name)
    page.get_by_label("Allocated worker").select_option(label=worker_name)


def test_edit_a_child_saves_the_change(page, live_server, personas, jordan):
    sign_in(page, live_server, personas.practitioner)
    page.goto(f"/children/{jordan.pk}")
    page.get_by_role("link", name="Change details for Jordan Testchild").click()
    expect(page).to_have_url(f"{live_server.url}/children/{jordan.pk}/edit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit Jordan Testchild's details")
    expect(page.get_by_label("First name")).to_have_value("Jordan")
    expect(page.get_by_label("Other names, aliases and nicknames")).to_have_value("JJ")
    expect(page.get_by_label("Day")).to_have_value("14")
    expect(page.get_by_label("Month")).to_have_value("3")
    expect(page.get_by_label("Year")).to_have_value("2011")
    expect(page.get_by_role("group", name="Gender").get_by_label("Girl")).to_be_checked()
    expect_signed_in_layout(page)
    check_page(page, "child-edit")

    page.get_by_label("Month").fill("13")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The date of birth must be a real date")
    expect(page.get_by_label("Month")).to_have_value("13")
    check_page(page, "child-edit-errors")

    page.get_by_label("Month").fill("3")
    page.get_by_label("School or college").fill("Testshire Sixth Form")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(f"{live_server.url}/children/{jordan.pk}")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Jordan Testchild's details have been saved.")
    expect(summary_value(page, "School or college")).to_have_text("Testshire Sixth Form")
    check_page(page, "child-record-after-edit")
    jordan.refresh_from_db()
    assert jordan.school == "Testshire Sixth Form"


def test_edit_conflict_shows_both_versions_and_overwrites_nothing(page, live_server, personas, jordan):
    sign_in(page, live_server, personas.practitioner)
    page.goto(f"/children/{jordan.pk}/edit")
    page.get_by_label("School or college").fill("My Test School")

    # Someone else saves first, while the form is open in the browser.
    child_services.child_update(actor=personas.team_manager, child=Child.objects.get(pk=jordan.pk),
                                expected_version=jordan.version, data={"school": "Another Test Academy"})

    with page.expect_response(re.compile(rf"/children/{jordan.pk}/edit$")) as response_info:
        page.get_by_role("button", name="Save").click()
    assert response_info.value.status == 409
    expect(page.get_by_role("heading", level=1)).to_contain_text("Someone else changed")
    expect(page.get_by_text("Your changes have not been saved. Nothing has been overwritten.")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="Your version")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Saved version")).to_be_visible()
    school_row = table.get_by_role("row").filter(has_text="School or college")
    expect(school_row).to_contain_text("My Test School")
    expect(school_row).to_contain_text("Another Test Academy")
    # Differences are listed first.
    expect(table.locator("tbody tr").first).to_contain_text("School or college")
    expect_signed_in_layout(page)
    check_page(page, "child-edit-conflict")
    jordan.refresh_from_db()
    assert jordan.school == "Another Test Academy"

    page.get_by_role("button", name="Save my version instead").click()
    expect(page).to_have_url(f"{live_server.url}/children/{jordan.pk}")
    expect(summary_value(page, "School or college")).to_have_text("My Test School")
    check_page(page, "child-record-after-conflict")


def test_a_child_can_be_added_with_javascript_off(new_page, live_server, personas):
    page = new_page(java_script_enabled=False)
    sign_in(page, live_server, personas.practitioner)
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))  # no script ran
    page.goto("/children/new")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the child's first name")
    check_page(page, "child-new-errors-no-javascript")

    fill_child_form(page, worker_name=personas.practitioner.get_full_name(), team_name=personas.team.name,
                    first_name="Nojs")
    page.get_by_role("button", name="Save").click()
    child = Child.objects.get(first_name="Nojs")
    expect(page).to_have_url(f"{live_server.url}/children/{child.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nojs Testchild")
    expect(summary_value(page, "Current plan")).to_have_text("Looked after: Section 20 (voluntary accommodation)")
    check_page(page, "child-created-no-javascript")
