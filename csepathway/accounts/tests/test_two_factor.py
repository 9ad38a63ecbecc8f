"""Two-factor authentication: enrolment with a QR code, verification at sign-in, single-use backup codes."""

import base64
import datetime as dt
import importlib
import re
import sys

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from csepathway.audit.models import AuditEvent

from .factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SET_UP = reverse("accounts:two_factor_enrol")
VERIFY = reverse("accounts:two_factor_verify")
CHILDREN = reverse("children:search")
BACKUP_CODE = "12345678"


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def real_sign_in(client, user):
    return client.post(reverse("accounts:sign_in"), {"username": user.username, "password": DEFAULT_PASSWORD})


def session_cookie(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def enrolled(personas):
    """A practitioner with an authenticator app and one backup code."""
    user = personas.practitioner
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    StaticToken.objects.create(device=static, token=BACKUP_CODE)
    return user


def verbs() -> list[str]:
    return list(AuditEvent.objects.filter(verb__startswith="two_factor.").values_list("verb", flat=True))


def test_set_up_page_shows_a_qr_code_and_the_key(client_for, personas):
    response = client_for(personas.practitioner).get(SET_UP)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="data:image/svg+xml' in html
    device = TOTPDevice.objects.get(user=personas.practitioner, confirmed=False)
    key = re.search(r'class="app-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert base64.b32decode(key) == device.bin_key


def test_correct_code_confirms_the_device_and_shows_ten_backup_codes(client_for, personas, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client = client_for(personas.practitioner)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=personas.practitioner, confirmed=False)

    response = client.post(SET_UP, {"token": code_for(device)})

    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = re.findall(r"<li><code>(\d{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert len(set(codes)) == 10
    stored = set(StaticToken.objects.filter(device__user=personas.practitioner).values_list("token", flat=True))
    assert stored == set(codes)
    assert verbs() == ["two_factor.enrolled"]
    # Enrolling proves the second factor for this session.
    assert client.get(CHILDREN).status_code == 200


def test_wrong_code_at_set_up_shows_an_error_and_confirms_nothing(client_for, personas):
    client = client_for(personas.practitioner)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=personas.practitioner, confirmed=False)
    wrong = f"{(int(code_for(device)) + 1) % 10**6:06d}"

    response = client.post(SET_UP, {"token": wrong})

    assert response.status_code == 200
    assert b"The security code is not right" in response.content
    assert b'src="data:image/svg+xml' in response.content
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticToken.objects.filter(device__user=personas.practitioner).exists()
    assert "two_factor.enrolled" not in verbs()


def test_signed_in_user_with_a_device_must_verify_before_reaching_children(client, enrolled):
    with time_machine.travel(START, tick=False) as clock:
        response = real_sign_in(client, enrolled)
        assert response.status_code == 302
        assert response.url.startswith(VERIFY)

        blocked = client.get(CHILDREN)
        assert blocked.status_code == 302
        assert blocked.url.startswith(VERIFY)

        device = enrolled.totpdevice_set.get()
        wrong = client.post(VERIFY, {"token": f"{(int(code_for(device)) + 1) % 10**6:06d}"})
        assert wrong.status_code == 200
        assert b"The security code is not right" in wrong.content
        assert client.get(CHILDREN).status_code == 302

        clock.shift(dt.timedelta(seconds=30))  # past the throttle after a wrong code
        device.refresh_from_db()
        right = client.post(VERIFY + f"?next={CHILDREN}", {"token": code_for(device), "next": CHILDREN})
        assert right.status_code == 302
        assert right.url == CHILDREN
        assert client.get(CHILDREN).status_code == 200
    assert verbs() == ["two_factor.failed", "two_factor.verified"]
    failed = AuditEvent.objects.get(verb="two_factor.failed")
    assert failed.outcome == AuditEvent.Outcome.DENIED
    assert failed.actor == enrolled


def test_session_key_changes_again_after_the_second_factor(client, enrolled):
    real_sign_in(client, enrolled)
    after_password = session_cookie(client)

    client.post(VERIFY, {"token": code_for(enrolled.totpdevice_set.get())})

    after_second_factor = session_cookie(client)
    assert after_second_factor != after_password
    assert client.get(CHILDREN).status_code == 200
    # The half-signed-in key is worth nothing now.
    client.cookies[settings.SESSION_COOKIE_NAME] = after_password
    assert client.get(CHILDREN).url.startswith(reverse("accounts:sign_in"))


def test_backup_code_works_once_and_is_refused_the_second_time(client, enrolled):
    real_sign_in(client, enrolled)
    first = client.post(VERIFY, {"token": BACKUP_CODE})
    assert first.status_code == 302
    assert client.get(CHILDREN).status_code == 200
    assert "two_factor.backup_code_used" in verbs()

    client.post(reverse("accounts:sign_out"))
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=5)):
        real_sign_in(client, enrolled)
        second = client.post(VERIFY, {"token": BACKUP_CODE})
        assert second.status_code == 200
        assert b"The security code is not right" in second.content
        assert client.get(CHILDREN).status_code == 302
    assert verbs()[-1] == "two_factor.failed"


def test_password_alone_cannot_replace_an_existing_second_factor(client, enrolled):
    # Someone holding only the password must not be able to enrol their own phone instead.
    real_sign_in(client, enrolled)

    page = client.get(SET_UP)
    assert page.status_code == 302
    assert page.url.startswith(VERIFY)

    rogue = TOTPDevice.objects.create(user=enrolled, name="Rogue phone", confirmed=False)
    attempt = client.post(SET_UP, {"token": code_for(rogue)})
    assert attempt.status_code == 302
    assert attempt.url.startswith(VERIFY)
    assert client.get(CHILDREN).status_code == 302
    assert TOTPDevice.objects.filter(user=enrolled, confirmed=True).count() == 1
    assert "two_factor.enrolled" not in verbs()


def test_user_without_a_device_is_sent_to_set_up_when_two_factors_are_required(client_for, personas, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client = client_for(personas.practitioner)

    for path in (reverse("core:home"), CHILDREN, VERIFY):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(SET_UP), path
    assert client.get(SET_UP).status_code == 200
    assert client.get(reverse("core:accessibility")).status_code == 200
    assert client.get(reverse("accounts:sign_out")).status_code == 200


def test_user_without_a_device_may_continue_when_two_factors_are_optional(client_for, personas):
    assert client_for(personas.practitioner).get(CHILDREN).status_code == 200


def test_demo_banner_says_two_factor_is_optional(client_for, personas, settings):
    settings.DEMO_MODE = True
    settings.TWO_FACTOR_REQUIRED = False
    client = client_for(personas.practitioner)

    for path in (reverse("core:home"), CHILDREN, reverse("core:accessibility")):
        assert b"Two-factor authentication is optional here" in client.get(path).content, path


def test_no_optional_banner_where_two_factors_are_required(client_for, personas, settings):
    settings.DEMO_MODE = True
    settings.TWO_FACTOR_REQUIRED = True
    TOTPDevice.objects.create(user=personas.practitioner, name="App", confirmed=True)
    client = client_for(personas.practitioner)

    html = client.get(reverse("core:accessibility")).content.decode()
    assert "synthetic data" in html  # still a demo
    assert "Two-factor authentication is optional" not in html


def test_production_requires_two_factors_and_is_not_a_demo(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 64)
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)

    production = importlib.import_module("config.settings.production")

    assert production.TWO_FACTOR_REQUIRED is True
    assert production.DEMO_MODE is False


def test_demo_settings_make_two_factor_optional_and_say_so():
    dev = importlib.import_module("config.settings.dev")

    assert dev.TWO_FACTOR_REQUIRED is False
    assert dev.DEMO_MODE is True
