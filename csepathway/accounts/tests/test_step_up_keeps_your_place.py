"""Step-up keeps your place (issue 13, point 12): a form sent after the confirmation lapsed is not
acted on, but after confirming the user is back on the same form with what they typed, and sends it."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from csepathway.accounts.step_up import RESUME
from csepathway.accounts.tests.factories import DEFAULT_PASSWORD
from csepathway.children.models import BreakGlassGrant
from csepathway.children.restrictions.tests.test_break_glass import (
    FIND,
    REASON,
    START,
    WHY,
    child,  # noqa: F401 (fixture)
    code_for,
    outsider,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db


def _step_up(client, device, url: str):
    return client.post(url, {"password": DEFAULT_PASSWORD, "token": code_for(device), "next": REASON})


def test_what_was_typed_comes_back_after_the_step_up_and_nothing_is_done_until_sent(outsider, child):  # noqa: F811
    client, device = outsider
    with time_machine.travel(START, tick=False) as clock:
        client.post(FIND, {"reference": "LCS-424242"})
        _step_up(client, device, client.get(REASON).url)
        assert client.get(REASON).status_code == 200
        clock.shift(dt.timedelta(minutes=6))  # the reason took a while to write: the confirmation lapsed
        sent = client.post(REASON, {"reason": WHY})
        assert sent.status_code == 302 and sent.url.startswith(reverse("accounts:step_up"))
        assert not BreakGlassGrant.objects.exists()

        back = _step_up(client, device, sent.url)
        assert back.url == REASON
        page = client.get(REASON)
        assert page.status_code == 200
        assert WHY in page.text, "what they typed is kept"
        assert not BreakGlassGrant.objects.exists(), "nothing is done until they send it again"
        assert RESUME not in client.session

        assert client.post(REASON, {"reason": WHY}).status_code == 302
        assert BreakGlassGrant.objects.get().reason == WHY


def test_going_elsewhere_drops_what_was_typed(outsider, child):  # noqa: F811
    client, device = outsider
    with time_machine.travel(START, tick=False) as clock:
        client.post(FIND, {"reference": "LCS-424242"})
        _step_up(client, device, client.get(REASON).url)
        clock.shift(dt.timedelta(minutes=6))
        sent = client.post(REASON, {"reason": WHY})
        _step_up(client, device, sent.url)
        client.get(reverse("core:home"))
        assert RESUME not in client.session
        assert WHY not in client.get(REASON).text
