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
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from csepathway.core import access

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.I)
NONCE_ATTR = re.compile(r'\bnonce="([^"]*)"')


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def header_nonce(response) -> str:
    nonces = [v for v in csp_directives(response)["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1, response["Content-Security-Policy"]
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


def assert_scripts_carry_the_nonce(response) -> str:
    nonce = header_nonce(response)
    tags = SCRIPT_TAG.findall(response.content.decode())
    assert tags, "expected the GOV.UK and htmx scripts"
    for tag in tags:
        found = NONCE_ATTR.search(tag)
        assert found and found.group(1) == nonce, tag
    return nonce


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


def test_session_and_csrf_cookies_are_not_readable_by_scripts_or_sent_cross_site(personas, client):
    from csepathway.accounts.tests.factories import DEFAULT_PASSWORD

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
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: samples[m.group(1) or "str"], route)


def _routes(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry.callback


def test_every_page_that_is_not_public_sends_anonymous_visitors_to_sign_in(client):
    checked = 0
    for route, view in _routes(get_resolver().url_patterns):
        if access.rule_of(view) == "public":
            continue
        response = client.get("/" + _concrete(route))
        assert response.status_code == 302, route
        assert response.url.startswith(reverse("accounts:sign_in")), route
        checked += 1
    assert checked >= 5


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
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "DJANGO_SECRET_KEY": secrets.token_urlsafe(64)}
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


def test_walker_sees_views_inside_includes():
    # Guards the test below: a walk that silently skipped includes would pass on anything.
    routes = dict(_routes(get_resolver().url_patterns))
    assert "children/<uuid:child_id>/edit" in routes
    assert "account/two-factor/verify" in routes
    assert isinstance(get_resolver().url_patterns[0], URLResolver | URLPattern)
