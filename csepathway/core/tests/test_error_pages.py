"""GOV.UK error pages, each with a reference that matches the X-Request-ID header and no trace."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from csepathway.accounts.tests.factories import DEFAULT_PASSWORD

from .csp import assert_scripts_carry_the_nonce
from .urls import FAILURE_DETAIL

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r'<strong class="app-reference">([0-9A-F]+)</strong>')


def assert_govuk_error_page(response, status: int, heading: str):
    assert response.status_code == status
    html = response.content.decode()
    assert 'class="govuk-template' in html
    assert "govuk-frontend.min.css" in html
    assert re.search(rf'<h1 class="govuk-heading-l">{re.escape(heading)}</h1>', html)
    assert "OFFICIAL-SENSITIVE" in html
    reference = REFERENCE.search(html)
    assert reference, "no reference number on the page"
    assert reference.group(1) == response["X-Request-ID"]
    assert_scripts_carry_the_nonce(response)
    assert response["X-Frame-Options"] == "DENY"
    for leak in ("Traceback", "File \"", "django.", "Exception", "line "):
        assert leak not in html, leak
    return html


@pytest.fixture
def signed_in(personas, client_for):
    client = client_for(personas.practitioner)
    client.raise_request_exception = False
    return client


def test_unknown_address_shows_the_404_page(signed_in):
    response = signed_in.get("/no-such-page")

    assert_govuk_error_page(response, 404, "Page not found")


def test_unknown_address_shows_the_404_page_to_someone_not_signed_in(client):
    response = client.get("/no-such-page")

    assert_govuk_error_page(response, 404, "Page not found")


def test_form_posted_without_csrf_token_shows_the_403_page(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.practitioner)

    response = client.post(reverse("accounts:sign_out"))

    assert_govuk_error_page(response, 403, "You do not have permission to see this page")
    assert client.get(reverse("children:search")).status_code == 200  # still signed in


def test_role_without_permission_shows_the_403_page(personas, client_for):
    response = client_for(personas.auditor).get(reverse("children:create"))

    assert_govuk_error_page(response, 403, "You do not have permission to see this page")


def test_request_for_a_host_we_do_not_serve_shows_the_400_page(signed_in):
    response = signed_in.get(reverse("core:home"), HTTP_HOST="evil.invalid")

    html = assert_govuk_error_page(response, 400, "Sorry, there is a problem with your request")
    assert "evil.invalid" not in html


def test_unexpected_failure_shows_the_500_page_without_the_trace(signed_in, settings):
    settings.ROOT_URLCONF = "csepathway.core.tests.urls"

    response = signed_in.get("/test-only/failing")

    html = assert_govuk_error_page(response, 500, "Sorry, there is a problem with the service")
    assert FAILURE_DETAIL not in html
    assert "RuntimeError" not in html


class UnreachableDatabase:
    """Points the default connection at a database that cannot be reached, for real: the next
    query tries to connect and fails. An in-memory SQLite test database vanishes when its last
    connection closes, so the live connection is kept aside rather than closed, and put back."""

    def __enter__(self):
        self.saved_settings = dict(connection.settings_dict)
        self.saved_connection = connection.connection
        if connection.vendor == "sqlite":
            connection.connection = None
            connection.settings_dict["NAME"] = "/nonexistent-directory/cse-pathway/db.sqlite3"
        else:
            connection.close()
            self.saved_connection = None
            connection.settings_dict.update(HOST="127.0.0.1", PORT=1)  # nothing listens on port 1
        return self

    def __exit__(self, *exc):
        if connection.connection is not None and connection.connection is not self.saved_connection:
            connection.connection.close()
        connection.connection = self.saved_connection
        connection.settings_dict.clear()
        connection.settings_dict.update(self.saved_settings)


@pytest.mark.django_db(transaction=True)
def test_signed_in_user_gets_the_503_page_when_the_database_is_unreachable(personas, client_for):
    client = client_for(personas.practitioner)
    client.raise_request_exception = False

    with UnreachableDatabase():
        response = client.get(reverse("children:search"))

    assert_govuk_error_page(response, 503, "Sorry, the service is unavailable")
    assert response["Retry-After"]
    # Once the database is back, the same session carries on.
    assert client.get(reverse("children:search")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_sign_in_gets_the_503_page_when_the_database_is_unreachable(personas, client):
    client.raise_request_exception = False

    with UnreachableDatabase():
        page = client.get(reverse("accounts:sign_in"))
        response = client.post(reverse("accounts:sign_in"), {
            "username": personas.practitioner.username, "password": DEFAULT_PASSWORD,
        })

    assert page.status_code == 200  # the form itself needs no database
    assert_govuk_error_page(response, 503, "Sorry, the service is unavailable")
    assert DEFAULT_PASSWORD not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_unreachable_database_helper_really_cuts_the_database_off(personas):
    from django.db import OperationalError

    from csepathway.accounts.models import User

    with UnreachableDatabase(), pytest.raises(OperationalError):
        User.objects.count()
    assert User.objects.filter(pk=personas.practitioner.pk).exists()
