"""Sign-in through the real form, so django-axes sees every attempt (force_login would bypass it)."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django.urls import reverse

from config.settings import base as base_settings
from csepathway.audit.models import AuditEvent

from .factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign_in")


def sign_in(client, username, password=DEFAULT_PASSWORD, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password, **extra})


def test_correct_password_signs_in_redirects_home_and_is_audited(client, personas):
    response = sign_in(client, personas.practitioner.username)

    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200
    event = AuditEvent.objects.get(verb="sign_in.succeeded")
    assert event.actor == personas.practitioner
    assert event.acting_role == personas.practitioner.role
    assert event.outcome == AuditEvent.Outcome.ALLOWED
    assert event.request_id == response["X-Request-ID"]
    assert event.client_ip == "127.0.0.1"


def test_sign_in_follows_a_local_next_but_not_another_site(client, personas):
    assert sign_in(client, personas.practitioner.username, next="/children/").url == "/children/"
    client.logout()
    assert sign_in(client, personas.practitioner.username, next="https://evil.invalid/").url == reverse("core:home")


def test_wrong_password_is_refused_with_a_message_and_audited(client, personas):
    response = sign_in(client, personas.practitioner.username, "not-the-password")

    assert response.status_code == 200
    assert b"Enter a correct username and password" in response.content
    assert b"not-the-password" not in response.content
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(verb="sign_in.failed")
    assert event.outcome == AuditEvent.Outcome.DENIED
    assert event.object_id == str(personas.practitioner.pk)
    assert not AuditEvent.objects.filter(verb="sign_in.succeeded").exists()


def test_failed_sign_in_never_stores_the_typed_password(client, personas):
    sign_in(client, personas.practitioner.username, "typed-secret-guess")
    sign_in(client, "nobody-by-this-name", "another-typed-secret")

    stored = [str(row) for row in AuditEvent.objects.values()] + [str(row) for row in AccessAttempt.objects.values()]
    assert stored
    assert not [row for row in stored if "typed-secret-guess" in row or "another-typed-secret" in row]
    # A username that matches nobody may be a password typed in the wrong box: it is not kept either.
    assert not [row for row in map(str, AuditEvent.objects.values()) if "nobody-by-this-name" in row]


def test_empty_form_asks_for_username_and_password(client, db):
    response = client.post(SIGN_IN, {"username": "", "password": ""})

    assert response.status_code == 200
    assert b"Enter your username" in response.content
    assert b"Enter your password" in response.content


def test_username_is_locked_after_ten_failed_sign_ins(client, personas):
    username = personas.practitioner.username
    for _ in range(9):
        response = sign_in(client, username, "wrong-password")
        assert response.status_code == 200
        assert b"Enter a correct username and password" in response.content

    tenth = sign_in(client, username, "wrong-password")
    assert tenth.status_code == 403
    assert b"Your account is locked" in tenth.content

    # Even the right password is refused now: the lock is on the username.
    correct = sign_in(client, username)
    assert correct.status_code == 403
    assert b"Your account is locked" in correct.content
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(verb="sign_in.failed").count() >= 10
    locked = AuditEvent.objects.filter(verb="sign_in.locked_out")
    assert locked.exists()
    assert {e.object_id for e in locked} == {str(personas.practitioner.pk)}
    assert not AuditEvent.objects.filter(verb="sign_in.succeeded").exists()


def test_lock_out_of_one_username_leaves_other_users_free_to_sign_in(client, personas):
    for _ in range(10):
        sign_in(client, personas.practitioner.username, "wrong-password")
    assert sign_in(client, personas.practitioner.username).status_code == 403

    # Same client, same IP address: council staff share addresses, so only the username is locked.
    response = sign_in(client, personas.same_team_practitioner.username)
    assert response.status_code == 302
    assert response.url == reverse("core:home")


def test_nine_failures_then_the_right_password_still_signs_in(client, personas):
    for _ in range(9):
        sign_in(client, personas.practitioner.username, "wrong-password")

    response = sign_in(client, personas.practitioner.username)

    assert response.status_code == 302


def test_base_settings_hash_passwords_with_argon2():
    assert base_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"

    with override_settings(PASSWORD_HASHERS=base_settings.PASSWORD_HASHERS):
        user = UserFactory(username="argon.user")
        assert user.password.startswith("argon2$")
        assert identify_hasher(user.password).algorithm == "argon2"
        assert user.check_password(DEFAULT_PASSWORD)
