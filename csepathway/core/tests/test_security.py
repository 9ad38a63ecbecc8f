"""The security baseline: CSP with per-response nonces, security headers, deny by default, and
`check --deploy` clean under production settings."""

import os
import re
import secrets
import subprocess
import sys
import uuid

import pytest
from django.conf import settings as django_settings
from django.urls import Resolver404, get_resolver, resolve, reverse

from csepathway.accounts.tests.factories import DEFAULT_PASSWORD
from csepathway.core import access

from .csp import assert_scripts_carry_the_nonce, csp_directives

pytestmark = pytest.mark.django_db

def test_csp_header_is_strict(personas, client_for):
    directives = csp_directives(client_for(personas.practitioner).get(reverse("core:home")))

    assert directives["script-src"][0] == "'self'"
    assert len(directives["script-src"]) == 2
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    for directive in directives.values():
        assert "'unsafe-inline'" not in directive
        assert "'unsafe-eval'" not in directive


def test_every_script_carries_the_nonce_of_its_response_and_it_changes_each_time(personas, client_for):
    client = client_for(personas.practitioner)

    first = assert_scripts_carry_the_nonce(client.get(reverse("core:home")))
    second = assert_scripts_carry_the_nonce(client.get(reverse("core:home")))

    assert first != second
    assert len(first) >= 16


@pytest.mark.parametrize("path", ["accounts:sign_in", "core:accessibility"])
def test_public_pages_carry_the_nonce_too(path, client):
    assert_scripts_carry_the_nonce(client.get(reverse(path)))


def test_error_pages_carry_the_nonce_too(personas, client_for):
    client = client_for(personas.practitioner)

    assert_scripts_carry_the_nonce(client.get("/no-such-page"))
    # Refused before any view runs: the header middleware must sit outside the failure.
    bad_host = client.get(reverse("core:home"), HTTP_HOST="evil.invalid")
    assert bad_host.status_code == 400
    assert_scripts_carry_the_nonce(bad_host)
    assert bad_host["X-Frame-Options"] == "DENY"


def test_security_headers_are_set(personas, client_for):
    response = client_for(personas.practitioner).get(reverse("core:home"))

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_session_cookie_is_not_readable_by_scripts_or_sent_cross_site(personas, client):
    client.get(reverse("accounts:sign_in"))
    response = client.post(reverse("accounts:sign_in"),
                           {"username": personas.practitioner.username, "password": DEFAULT_PASSWORD})

    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_anonymous_visit_to_children_is_sent_to_sign_in(client):
    response = client.get(reverse("children:search"))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:sign_in')}?next={reverse('children:search')}"


def _concrete(route: str) -> str:
    """A real address for a route, with made-up values for its parameters."""
    samples = {"uuid": str(uuid.uuid4()), "int": "1", "slug": "x", "str": "x", "path": "x"}
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: samples.get(m.group(1) or "str", "1"), route)


def test_every_page_that_is_not_public_sends_anonymous_visitors_to_sign_in(client):
    checked, unreachable = 0, []
    for route, view in access.url_views(get_resolver().url_patterns):
        if access.rule_of(view) == "public":
            continue
        address = "/" + _concrete(route)
        try:
            resolve(address)
        except Resolver404:
            unreachable.append(route)  # a converter this sketch cannot fill in
            continue
        response = client.get(address)
        if access.rule_of(view) == "bearer_token":
            # The API has no sign-in page to send anyone to: no token is 401 (405 where only POST is,
            # 404 at the API's root, which has no endpoint).
            assert response.status_code in (401, 404, 405), route
            continue
        assert response.status_code == 302, route
        assert response.url.startswith(reverse("accounts:sign_in")), route
        checked += 1
    assert checked >= 5
    assert len(unreachable) < checked, unreachable


def test_admin_is_not_reachable_by_a_signed_in_practitioner(personas, client_for):
    client = client_for(personas.practitioner)

    for path in ("/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{personas.outsider.pk}/change/",
                 "/admin/login/"):
        response = client.get(path, follow=True)
        assert response.status_code == 404, path
        assert personas.outsider.username.encode() not in response.content


def test_admin_is_reachable_by_a_staff_system_administrator(personas, client_for):
    admin_user = personas.system_admin
    admin_user.is_staff = True
    admin_user.is_superuser = True
    admin_user.save()

    response = client_for(admin_user).get("/admin/accounts/user/")

    assert response.status_code == 200


def _check_deploy() -> subprocess.CompletedProcess:
    # The browser tests allow Django's async-unsafe calls in this process; production never does, so
    # that switch must not leak into the production check.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.production", "DJANGO_SECRET_KEY": secrets.token_urlsafe(64)}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_check_deploy_gives_no_warning_under_production_settings():
    result = _check_deploy()

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "ERRORS" not in output
    assert "no issues" in output


def test_no_security_check_is_silenced():
    from config.settings import base

    assert not [check for check in base.SILENCED_SYSTEM_CHECKS if check.startswith("security.")]


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"

    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=django_settings.BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
