"""Cookies under the production settings: Secure, HttpOnly, SameSite=Lax, and the `__Host-` prefix
with Path=/ and no Domain (issue 6, point 10)."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from django.urls import reverse

from csepathway.accounts.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

COOKIE_SETTINGS = [f"{kind}_COOKIE_{attribute}" for kind in ("SESSION", "CSRF")
                   for attribute in ("NAME", "SECURE", "HTTPONLY", "SAMESITE", "PATH", "DOMAIN")]


def production_cookie_settings() -> dict:
    """The cookie settings exactly as config.settings.production leaves them, read in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.production", "DJANGO_SECRET_KEY": secrets.token_urlsafe(64)}
    code = ("import json, django; django.setup(); from django.conf import settings; "
            f"print(json.dumps({{name: getattr(settings, name) for name in {COOKIE_SETTINGS!r}}}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=django_settings.BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production():
    return production_cookie_settings()


def test_production_names_the_cookies_with_the_host_prefix_and_its_conditions(production):
    for kind in ("SESSION", "CSRF"):
        assert production[f"{kind}_COOKIE_NAME"].startswith("__Host-")
        assert production[f"{kind}_COOKIE_SECURE"] is True
        assert production[f"{kind}_COOKIE_HTTPONLY"] is True
        assert production[f"{kind}_COOKIE_SAMESITE"] == "Lax"
        assert production[f"{kind}_COOKIE_PATH"] == "/"
        assert production[f"{kind}_COOKIE_DOMAIN"] is None


def test_set_cookie_headers_under_production_settings(production, personas, client):
    with override_settings(**production, SECURE_SSL_REDIRECT=False):
        form = client.get(reverse("accounts:sign_in"), secure=True)
        signed_in = client.post(reverse("accounts:sign_in"), secure=True, data={
            "username": personas.practitioner.username, "password": DEFAULT_PASSWORD,
            "csrfmiddlewaretoken": form.cookies[production["CSRF_COOKIE_NAME"]].value})

    assert signed_in.status_code == 302
    for name, response in ((production["CSRF_COOKIE_NAME"], form), (production["SESSION_COOKIE_NAME"], signed_in)):
        header = response.cookies[name].output(header="").strip()
        attributes = {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}
        assert name.startswith("__Host-"), header
        assert {"secure", "httponly", "path", "samesite"} <= attributes, header
        assert "domain" not in attributes, header
        assert "Path=/;" in header + ";", header
        assert "SameSite=Lax" in header, header


def test_no_template_reads_the_csrf_cookie_so_it_can_be_httponly():
    # Forms and htmx send the token from the hidden csrfmiddlewaretoken field; nothing reads the cookie.
    for file in (django_settings.BASE_DIR / "csepathway").rglob("*"):
        if file.suffix in (".html", ".js"):
            text = file.read_text(encoding="utf-8")
            assert "document.cookie" not in text, file
            assert "csrftoken" not in text, file
