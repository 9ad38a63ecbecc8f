"""Passkeys in Chromium with the DevTools virtual authenticator (a real WebAuthn ceremony, the
browser's own): a role that must have one is sent to add it after signing in, then signs in with
password and passkey, and passes a step-up with it. Every page is checked with axe (docs/adr/0062)."""

import re

import pytest
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import UserFactory
from csepathway.audit.models import AuditEvent

from .conftest import check_page, check_page_once, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def passkey_settings(settings, live_server):
    # WebAuthn needs a secure context and a domain for the relying party: http://localhost is both.
    assert live_server.url.startswith("http://localhost:")
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    settings.PASSKEY_REQUIRED_ROLES = [Role.CSE_MANAGER]
    return settings


def _virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True}})
    return cdp


def test_a_manager_adds_a_passkey_signs_in_with_it_and_passes_step_up(page, live_server, passkey_settings):
    manager = UserFactory(username="casey.manager", role=Role.CSE_MANAGER)
    _virtual_authenticator(page)

    # Signed in with a password only, the role that must have a passkey is sent to add one first.
    sign_in(page, live_server, manager)
    expect(page).to_have_url(re.compile(r"/account/two-factor/passkeys"))
    expect(page.get_by_text("Your role needs a passkey")).to_be_visible()
    page.goto(f"{live_server.url}/children/")
    expect(page).to_have_url(re.compile(r"/account/two-factor/passkeys"))
    check_page(page, "passkeys-required")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("status").first).to_contain_text("Registration successful")
    assert WebAuthnCredential.objects.filter(user=manager, confirmed=True).count() == 1
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/children/"))
    check_page(page, "passkey-added-children-search")

    page.goto(f"{live_server.url}/account/sign-out")
    check_page(page, "passkey-sign-out")
    page.get_by_role("button", name="Sign out").click()
    check_page_once(page, "passkey-signed-out")

    # Password, then the passkey as the second factor.
    page.goto(f"{live_server.url}/account/sign-in")
    page.get_by_label("Username", exact=True).fill(manager.username)
    page.get_by_label("Password", exact=True).fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/account/two-factor/verify"))
    check_page(page, "passkey-second-factor")
    page.get_by_role("button", name="Use your passkey").click()
    expect(page).to_have_url(re.compile(r"^" + re.escape(live_server.url) + r"/$"))
    check_page(page, "passkey-signed-in-home")
    assert AuditEvent.objects.filter(verb="two_factor.verified", actor=manager).exists()

    # Step-up takes the passkey (with the person verified by the authenticator) instead of a code.
    page.goto(f"{live_server.url}/account/confirm-it-is-you?next=/children/")
    check_page(page, "passkey-step-up")
    page.get_by_role("button", name="Confirm with your passkey").click()
    expect(page).to_have_url(f"{live_server.url}/children/")
    check_page_once(page, "passkey-step-up-done")
    assert AuditEvent.objects.filter(verb="step_up.confirmed", actor=manager).exists()
