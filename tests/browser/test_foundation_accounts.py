"""Foundation, in the browser: signing in and out, each role's navigation, two factors and the pages
anyone can read. Every page visited is checked with axe (WCAG 2.2 AA) and screenshotted."""

import base64
import re
import uuid

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from csepathway.children.tests.factories import ChildFactory

from .conftest import (
    check_page,
    classification_banner,
    expect_signed_in_layout,
    service_navigation,
    sign_in,
    unchecked_urls,
)

pytestmark = pytest.mark.browser

CASE_ROLES = ["practitioner", "team_manager", "cse_worker", "cse_manager", "police_coordinator", "mase_chair"]
NON_CASE_ROLES = ["auditor", "system_admin"]


def test_each_role_signs_in_through_the_form_and_sees_its_own_navigation(page, live_server, personas, subtests):
    # One browser page for all eight roles (each a fresh sign-in with no cookies) keeps this quick;
    # subtests still report each role on its own.
    ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team)
    for role in CASE_ROLES + NON_CASE_ROLES:
        with subtests.test(role=role):
            page.context.clear_cookies()
            _check_role_navigation(page, live_server, personas, role)


def _check_role_navigation(page, live_server, personas, role):
    user = getattr(personas, role)
    sign_in(page, live_server, user)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    expect(page.get_by_text(f"You are signed in as {user.get_full_name()}")).to_be_visible()
    expect_signed_in_layout(page)
    children_link = service_navigation(page).get_by_role("link", name="Children", exact=True)
    if role in CASE_ROLES:
        expect(children_link).to_be_visible()
    else:
        expect(children_link).to_have_count(0)
    check_page(page, f"home-{role}")

    if role in CASE_ROLES:
        children_link.click()
        expect(page).to_have_url(f"{live_server.url}/children/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Children")
        expect_signed_in_layout(page)
        check_page(page, f"children-{role}")
    else:
        # Roles without case work see no case content, even at the address the link would have had.
        response = page.goto("/children/")
        assert response.status == 403
        expect(page.get_by_text("Jordan Testchild")).to_have_count(0)
        check_page(page, f"error-403-{role}")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_page_loaded_but_not_checked_with_axe_is_reported(new_page, live_server, javascript):
    # What the new_page fixture fails a test for at its end: a page that axe never saw.
    page = new_page(java_script_enabled=javascript)
    page.goto("/privacy")
    page.goto("/accessibility#main-content")
    assert unchecked_urls(page) == [f"{live_server.url}/privacy", f"{live_server.url}/accessibility"]
    check_page(page, f"accessibility-statement-{'js' if javascript else 'no-js'}")
    assert unchecked_urls(page) == [f"{live_server.url}/privacy"]
    page.goto("/privacy")
    check_page(page, f"privacy-notice-{'js' if javascript else 'no-js'}")
    assert unchecked_urls(page) == []


def test_sign_in_page_and_its_error_summary_are_accessible(page, live_server, personas):
    page.goto("/account/sign-in")
    expect(page).to_have_title("Sign in - CSE Pathway")
    expect(classification_banner(page)).to_contain_text("OFFICIAL-SENSITIVE")
    expect(service_navigation(page).get_by_role("link", name="Sign out")).to_have_count(0)
    check_page(page, "sign-in")

    page.get_by_label("Username", exact=True).fill(personas.practitioner.username)
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_title("Error: Sign in - CSE Pathway")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct username and password")
    # Nothing typed is lost except the password.
    expect(page.get_by_label("Username", exact=True)).to_have_value(personas.practitioner.username)
    check_page(page, "sign-in-wrong-password")

    page.get_by_label("Username", exact=True).fill("")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(summary.get_by_role("link", name="Enter your username")).to_be_visible()
    expect(summary.get_by_role("link", name="Enter your password")).to_be_visible()
    check_page(page, "sign-in-empty")


@pytest.mark.parametrize(("path", "footer_link", "heading", "name"), [
    ("/accessibility", "Accessibility statement", "Accessibility statement for CSE Pathway", "accessibility-statement"),
    ("/privacy", "Privacy notice", "Privacy notice", "privacy-notice"),
])
def test_public_pages_are_readable_signed_out_and_signed_in(page, live_server, personas, path, footer_link, heading,
                                                            name):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(classification_banner(page)).to_contain_text("OFFICIAL-SENSITIVE")
    check_page(page, f"{name}-signed-out")

    sign_in(page, live_server, personas.practitioner)
    page.get_by_role("contentinfo").get_by_role("link", name=footer_link, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect_signed_in_layout(page)
    check_page(page, f"{name}-signed-in")


def test_page_not_found_is_accessible_and_gives_a_reference(page, live_server, personas):
    sign_in(page, live_server, personas.practitioner)
    response = page.goto(f"/children/{uuid.uuid4()}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page).to_have_title("Page not found - CSE Pathway")
    expect(classification_banner(page)).to_contain_text("OFFICIAL-SENSITIVE")
    expect(page.locator(".app-reference")).to_have_text(re.compile(r"^[0-9A-F]{12}$"))
    check_page(page, "error-404")


def test_forbidden_page_is_accessible_and_gives_a_reference(page, live_server, personas):
    # The auditor works with no case records: the children's search is refused, politely.
    ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team)
    sign_in(page, live_server, personas.auditor)
    response = page.goto("/children/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have permission to see this page")
    expect(page).to_have_title("You do not have permission to see this page - CSE Pathway")
    expect(classification_banner(page)).to_contain_text("OFFICIAL-SENSITIVE")
    expect(page.get_by_text("Jordan Testchild")).to_have_count(0)
    expect(page.locator(".app-reference")).to_have_text(re.compile(r"^[0-9A-F]{12}$"))
    check_page(page, "error-403")


def test_sign_out_asks_for_confirmation_then_ends_the_session(page, live_server, personas):
    sign_in(page, live_server, personas.practitioner)
    service_navigation(page).get_by_role("link", name="Sign out", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/account/sign-out")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
    expect_signed_in_layout(page)
    check_page(page, "sign-out")

    page.get_by_role("main").get_by_role("button", name="Sign out", exact=True).click()
    expect(page).to_have_url(re.compile(r"/account/sign-in$"))
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    expect(service_navigation(page).get_by_role("link", name="Sign out")).to_have_count(0)
    check_page(page, "signed-out")

    page.goto("/children/")
    expect(page).to_have_url(re.compile(r"/account/sign-in\?next=/children/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to CSE Pathway")
    check_page(page, "sign-in-after-sign-out")


def _current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_two_factor_set_up_shows_ten_backup_codes_that_then_sign_in(page, live_server, personas):
    user = personas.cse_manager
    sign_in(page, live_server, user)
    page.goto("/account/two-factor/set-up")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key = page.locator(".app-secret").inner_text().replace(" ", "")
    assert key == base64.b32encode(device.bin_key).decode(), "the key shown is not the device's key"
    check_page(page, "two-factor-set-up")

    page.get_by_label("Security code").fill("000000" if _current_code(device) != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The security code is not right")
    check_page(page, "two-factor-set-up-wrong-code")

    # After a wrong code django-otp refuses every code for a second (its throttle), so wait as a
    # person would; a right code sooner is reported as wrong.
    page.wait_for_timeout(1_100)
    page.get_by_label("Security code").fill(_current_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor authentication is set up")
    codes = page.locator(".app-backup-codes li")
    expect(codes).to_have_count(10)
    backup_codes = [code.strip() for code in codes.all_inner_texts()]
    assert all(re.fullmatch(r"\d{8}", code) for code in backup_codes), backup_codes
    assert len(set(backup_codes)) == 10
    expect_signed_in_layout(page)
    check_page(page, "two-factor-backup-codes")
    device.refresh_from_db()
    assert device.confirmed

    # Next time, the password alone is not enough; a backup code is a second factor.
    service_navigation(page).get_by_role("link", name="Sign out", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
    check_page(page, "sign-out-after-two-factor-set-up")
    page.get_by_role("main").get_by_role("button", name="Sign out", exact=True).click()
    page.get_by_label("Username", exact=True).fill(user.username)
    page.get_by_label("Password", exact=True).fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    check_page(page, "two-factor-verify")
    page.goto("/children/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    check_page(page, "two-factor-verify-next")
    page.get_by_label("Security code").fill(backup_codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/children/")
    expect_signed_in_layout(page)
    check_page(page, "children-after-backup-code")


def test_two_factor_qr_code_image_can_be_scanned(page, live_server, personas):
    sign_in(page, live_server, personas.cse_manager)
    page.goto("/account/two-factor/set-up")
    qr_code = page.get_by_role("img", name=re.compile("QR code"))
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code image did not load"
    check_page(page, "two-factor-set-up-qr-code")
