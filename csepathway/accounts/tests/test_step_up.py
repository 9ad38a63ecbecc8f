"""Step-up: the password and second factor again before a sensitive action, valid five minutes."""

import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from csepathway.accounts import step_up
from csepathway.audit.models import AuditEvent

from .factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

STEP_UP = reverse("accounts:step_up")
TARGET = reverse("children:search")
BACKUP_CODE = "87654321"


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


@pytest.fixture
def enrolled(personas, client_for):
    user = personas.practitioner
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    StaticToken.objects.create(device=static, token=BACKUP_CODE)
    client = client_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client, device


def fresh(client) -> bool:
    return step_up.STEP_UP_AT in client.session


def test_password_and_a_real_code_confirm_and_return_to_the_page(enrolled):
    client, device = enrolled
    response = client.post(STEP_UP, {"password": DEFAULT_PASSWORD, "token": code_for(device), "next": TARGET})
    assert response.status_code == 302
    assert response.url == TARGET
    assert fresh(client)
    assert client.session[step_up.STEP_UP_METHOD] == step_up.TOTP
    assert AuditEvent.objects.filter(verb="step_up.confirmed").count() == 1


@pytest.mark.parametrize("case", ["wrong_password", "wrong_code", "no_code"])
def test_refused_with_a_wrong_password_or_code(enrolled, case):
    client, device = enrolled
    right = code_for(device)
    data = {"password": DEFAULT_PASSWORD, "token": right, "next": TARGET}
    if case == "wrong_password":
        data["password"] = "not-the-password"
    elif case == "wrong_code":
        data["token"] = f"{(int(right) + 1) % 10**6:06d}"
    else:
        data["token"] = ""

    response = client.post(STEP_UP, data)

    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not fresh(client)
    assert AuditEvent.objects.filter(verb="step_up.confirmed").count() == 0
    if case != "no_code":
        assert AuditEvent.objects.get(verb="step_up.failed").outcome == AuditEvent.Outcome.DENIED


def test_a_backup_code_works_once(enrolled):
    client, _ = enrolled
    assert client.post(STEP_UP, {"password": DEFAULT_PASSWORD, "token": BACKUP_CODE}).status_code == 302
    assert client.session[step_up.STEP_UP_METHOD] == step_up.BACKUP_CODE
    client.session.flush()
    assert step_up.step_up_confirm(actor=enrolled[1].user, password=DEFAULT_PASSWORD, token=BACKUP_CODE,
                                   request=RequestFactory().post(STEP_UP)) is None


def test_an_outside_next_address_is_ignored(enrolled):
    client, device = enrolled
    response = client.post(STEP_UP, {"password": DEFAULT_PASSWORD, "token": code_for(device),
                                     "next": "https://evil.example/"})
    assert response.url == reverse("core:home")


def test_password_alone_only_where_two_factors_are_optional(personas, settings):
    user = personas.same_team_practitioner
    settings.TWO_FACTOR_REQUIRED = False
    request = RequestFactory().post(STEP_UP)
    assert step_up.step_up_confirm(actor=user, password=DEFAULT_PASSWORD, token="",
                                   request=request) == step_up.PASSWORD_ONLY
    settings.TWO_FACTOR_REQUIRED = True
    assert step_up.step_up_confirm(actor=user, password=DEFAULT_PASSWORD, token="", request=request) is None


def _request(session):
    request = RequestFactory().get("/sensitive")
    request.session = session
    return request


def test_the_decorator_sends_to_step_up_and_lets_through_for_five_minutes(personas):
    view = step_up.step_up_required(lambda request: HttpResponse("done"))
    session = SessionStore()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        refused = view(_request(session))
        assert refused.status_code == 302
        assert refused.url == f"{STEP_UP}?next=/sensitive"

        step_up.step_up_mark(_request(session), step_up.TOTP)
        assert view(_request(session)).content == b"done"
        clock.shift(dt.timedelta(minutes=4, seconds=59))
        assert view(_request(session)).content == b"done"
        clock.shift(dt.timedelta(seconds=2))
        assert view(_request(session)).status_code == 302


@pytest.mark.parametrize("persona", ["practitioner", "auditor", "system_admin"])
def test_every_signed_in_user_can_reach_the_step_up_page(personas, client_for, persona):
    response = client_for(getattr(personas, persona)).get(STEP_UP)
    assert response.status_code == 200
    assert b"Confirm it is you" in response.content
