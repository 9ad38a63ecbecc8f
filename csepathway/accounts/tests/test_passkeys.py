"""Who must have a passkey, and step-up for council (single sign-on) accounts, which have no password
here (docs/adr/0061, 0062). The WebAuthn ceremonies themselves are in tests/browser/test_passkeys.py."""

import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from csepathway.accounts.roles import Role
from csepathway.accounts.step_up import STEP_UP_AT

from .factories import UserFactory

pytestmark = pytest.mark.django_db
STEP_UP = reverse("accounts:step_up")


def test_production_requires_a_passkey_of_the_cse_manager_police_coordinator_auditors_and_administrators(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "test-only")
    production = importlib.import_module("config.settings.production")
    assert set(production.PASSKEY_REQUIRED_ROLES) == {
        Role.CSE_MANAGER, Role.POLICE_COORDINATOR, Role.AUDITOR, Role.SYSTEM_ADMIN}


def test_a_role_that_must_have_a_passkey_is_sent_to_add_one_before_anything_else(client, settings):
    settings.PASSKEY_REQUIRED_ROLES = [Role.AUDITOR]
    client.force_login(UserFactory(role=Role.AUDITOR))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:passkeys"))
    assert client.get(reverse("accounts:passkeys")).status_code == 200


def test_once_a_passkey_is_found_the_session_does_not_look_for_it_again(client, settings):
    settings.PASSKEY_REQUIRED_ROLES = [Role.AUDITOR]
    user = UserFactory(role=Role.AUDITOR)
    passkey = WebAuthnCredential.objects.create(user=user, name="Laptop", confirmed=True,
                                                credential_id=b"synthetic-id", public_key=b"synthetic-key")
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = passkey.persistent_id
    session.save()
    home = reverse("core:home")
    assert client.get(home).status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get(home).status_code == 200
    # The verified device itself is still loaded (django-otp's middleware); the look for any is not.
    assert not [query for query in again.captured_queries
                if "webauthncredential" in query["sql"] and query["sql"].startswith('SELECT 1 AS "a"')]


def test_a_passkey_is_offered_but_not_required_of_other_roles(client, settings):
    settings.PASSKEY_REQUIRED_ROLES = [Role.AUDITOR]
    client.force_login(UserFactory(role=Role.PRACTITIONER))
    assert client.get(reverse("core:home")).status_code == 200
    assert "Add a passkey" in client.get(reverse("accounts:passkeys")).text


def _council_account():
    user = UserFactory(sso_subject="council-123")
    user.set_unusable_password()
    user.save()
    return user


def test_a_council_account_confirms_step_up_with_its_security_code_alone(client, settings):
    settings.SSO_ENABLED = True
    user = _council_account()
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    page = client.get(STEP_UP).text
    assert 'name="password"' not in page and 'name="token"' in page
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post(STEP_UP, {"token": code, "next": "/"}).status_code == 302
    assert STEP_UP_AT in client.session


def test_a_council_account_with_no_second_factor_cannot_pass_step_up(client, settings):
    settings.SSO_ENABLED = True
    client.force_login(_council_account())
    assert "Add a passkey" in client.get(STEP_UP).text
    client.post(STEP_UP, {"next": "/"})
    assert STEP_UP_AT not in client.session
