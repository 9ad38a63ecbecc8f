"""The session key changes at sign-in and again after the second factor, and the old keys are gone
from the server (issue 6, point 10). Through the real forms, not force_login."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign_in")
VERIFY = reverse("accounts:two_factor_verify")
CHILDREN = reverse("children:search")


def key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def test_each_step_of_signing_in_gives_a_new_key_and_deletes_the_old_one(client, personas):
    user = personas.practitioner
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        client.get(SIGN_IN)
        session = client.session
        session["visited"] = True
        session.save()
        anonymous = key(client)

        response = client.post(SIGN_IN, {"username": user.username, "password": DEFAULT_PASSWORD})
        assert response.url.startswith(VERIFY)
        after_password = key(client)

        response = client.post(VERIFY, {"token": code_for(device)})
        assert response.status_code == 302
        after_second_factor = key(client)

        assert len({anonymous, after_password, after_second_factor}) == 3
        assert not Session.objects.filter(session_key__in=[anonymous, after_password]).exists()
        assert client.get(CHILDREN).status_code == 200
        # A copy of the key from between the two factors is worth nothing now.
        client.cookies[settings.SESSION_COOKIE_NAME] = after_password
        assert client.get(CHILDREN).status_code == 302


def test_a_wrong_code_keeps_the_key_and_proves_nothing(client, personas):
    user = personas.practitioner
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.post(SIGN_IN, {"username": user.username, "password": DEFAULT_PASSWORD})
    after_password = key(client)

    client.post(VERIFY, {"token": f"{(int(code_for(device)) + 1) % 10**6:06d}"})

    assert key(client) == after_password
    assert client.get(CHILDREN).url.startswith(VERIFY)
