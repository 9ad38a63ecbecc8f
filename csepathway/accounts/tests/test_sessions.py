"""Session limits, sign-out on the server, and a new session key at each step of signing in."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from csepathway.audit.models import AuditEvent

from .factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
CHILDREN = reverse("children:search")
SIGN_IN = reverse("accounts:sign_in")


def real_sign_in(client, user):
    response = client.post(SIGN_IN, {"username": user.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return response


def assert_sent_to_sign_in(response):
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)


def session_cookie(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_defaults_are_thirty_minutes_idle_and_twelve_hours_in_all():
    assert settings.SESSION_IDLE_TIMEOUT_SECONDS == 30 * 60
    assert settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS == 12 * 60 * 60


def test_session_ends_after_thirty_minutes_idle(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        real_sign_in(client, personas.practitioner)
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(CHILDREN).status_code == 200  # activity renews the idle limit
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(CHILDREN).status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        assert_sent_to_sign_in(client.get(CHILDREN))
        assert_sent_to_sign_in(client.get(CHILDREN))  # and stays signed out


def test_idle_limit_follows_its_setting(client, personas, settings):
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 5 * 60
    with time_machine.travel(START, tick=False) as clock:
        real_sign_in(client, personas.practitioner)
        clock.shift(dt.timedelta(minutes=4))
        assert client.get(CHILDREN).status_code == 200
        clock.shift(dt.timedelta(minutes=6))
        response = client.get(CHILDREN)
        assert_sent_to_sign_in(response)
        assert f"next={CHILDREN}" in response.url
        sign_in_page = client.get(response.url)
    assert b"You were signed out because your session ended" in sign_in_page.content


def test_session_ends_twelve_hours_after_sign_in_however_active(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        real_sign_in(client, personas.practitioner)
        for _ in range(35):  # a page every 20 minutes for 11h40m
            clock.shift(dt.timedelta(minutes=20))
            assert client.get(CHILDREN).status_code == 200
        clock.shift(dt.timedelta(minutes=19))
        assert client.get(CHILDREN).status_code == 200  # 11h59m after sign-in
        clock.shift(dt.timedelta(minutes=2))
        assert_sent_to_sign_in(client.get(CHILDREN))


def test_absolute_limit_follows_its_setting_and_counts_from_sign_in(client, personas, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS = 60 * 60
    with time_machine.travel(START, tick=False) as clock:
        real_sign_in(client, personas.practitioner)
        # The first page after signing in comes late: the clock still started at sign-in.
        clock.shift(dt.timedelta(minutes=25))
        assert client.get(CHILDREN).status_code == 200
        clock.shift(dt.timedelta(minutes=25))
        assert client.get(CHILDREN).status_code == 200
        clock.shift(dt.timedelta(minutes=11))
        assert_sent_to_sign_in(client.get(CHILDREN))


def test_sign_out_deletes_the_session_on_the_server(client, personas):
    real_sign_in(client, personas.practitioner)
    assert client.get(CHILDREN).status_code == 200
    old_key = session_cookie(client)
    assert Session.objects.filter(session_key=old_key).exists()

    response = client.post(reverse("accounts:sign_out"))

    assert_sent_to_sign_in(response)
    assert not Session.objects.filter(session_key=old_key).exists()
    assert AuditEvent.objects.filter(verb="sign_out", actor=personas.practitioner).exists()
    # Someone who kept a copy of the old cookie gets nothing from it.
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key
    assert_sent_to_sign_in(client.get(CHILDREN))


def test_sign_out_page_asks_before_signing_out(client_for, personas):
    client = client_for(personas.practitioner)

    response = client.get(reverse("accounts:sign_out"))

    assert response.status_code == 200
    assert client.get(CHILDREN).status_code == 200


def test_session_key_changes_at_sign_in(client, personas):
    # A key planted before sign-in (session fixation) must be worth nothing afterwards.
    session = client.session
    session["planted"] = True
    session.save()
    planted_key = session_cookie(client)

    real_sign_in(client, personas.practitioner)

    assert session_cookie(client) != planted_key
    client.cookies[settings.SESSION_COOKIE_NAME] = planted_key
    assert_sent_to_sign_in(client.get(CHILDREN))
