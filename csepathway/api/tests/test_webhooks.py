"""Webhooks: a real receiver on 127.0.0.1 gets a signed, thin POST for each event it subscribed to,
through the outbox, retried after a failure, logged per attempt, and replayable; nothing is sent
for work that rolled back, for an inactive subscription or for an event nobody asked for."""

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from csepathway.api import services
from csepathway.api.models import WebhookDelivery
from csepathway.api.webhooks import signature
from csepathway.episodes import scenarios
from csepathway.meetings.services import meeting_cancel, meeting_reschedule, meeting_schedule
from csepathway.outbox.models import OutboxMessage
from csepathway.outbox.relay import outbox_relay_due

from .receiver import Receiver

pytestmark = pytest.mark.django_db
ALL = ["decision.made", "meeting.scheduled", "meeting.moved", "meeting.cancelled", "minutes.published",
       "nrm.decision"]


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def subscribed(personas, north_system, receiver):
    subscription, secret = services.webhook_subscription_create(actor=personas.system_admin,
                                                                system=north_system.client,
                                                                target_url=receiver.url, events=ALL)
    return subscription


def decide(personas, child, **options):
    return scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator, **options)


def example_client():
    path = Path(settings.BASE_DIR) / "docs" / "examples" / "api_client.py"
    spec = importlib.util.spec_from_file_location("api_client_example", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_decision_is_posted_signed_and_thin_and_logged(personas, child, subscribed, receiver):
    episode = decide(personas, child)
    assert outbox_relay_due() >= 1
    [hook] = [r for r in receiver.received if json.loads(r.body)["type"] == "decision.made"]
    body = json.loads(hook.body)
    assert body["data"]["episode_id"] == str(episode.pk)
    assert body["data"]["links"]["decision"] == f"/api/v1/episodes/{episode.pk}/decision"
    assert set(body["data"]) == {"episode_id", "links"}  # ids and paths only: no case content
    assert hook.headers["webhook-id"] == body["id"]
    expected = signature(subscribed.secret, hook.headers["webhook-id"], hook.headers["webhook-timestamp"], hook.body)
    assert hook.headers["webhook-signature"] == expected
    # The documented example client verifies the same delivery, with only the standard library.
    assert example_client().verify_signature(subscribed.secret, hook.headers, hook.body)
    assert not example_client().verify_signature(subscribed.secret, hook.headers, hook.body + b" ")
    log = WebhookDelivery.objects.get(event="decision.made")
    assert (log.status_code, log.attempt, log.child_id) == (200, 1, child.pk) and log.delivered_at


def test_a_server_error_is_retried_and_each_attempt_is_logged(personas, child, subscribed, receiver, time_machine):
    receiver.answers = [500]
    decide(personas, child)
    outbox_relay_due()
    failed = WebhookDelivery.objects.get(event="decision.made")
    assert failed.status_code == 500 and failed.delivered_at is None and failed.next_attempt_at
    time_machine.move_to(timezone.now() + dt.timedelta(minutes=2))
    outbox_relay_due()
    attempts = list(WebhookDelivery.objects.filter(event="decision.made").order_by("attempt"))
    assert [(a.attempt, a.status_code) for a in attempts] == [(1, 500), (2, 200)]
    assert len([r for r in receiver.received if json.loads(r.body)["type"] == "decision.made"]) == 2


def test_replay_sends_the_same_event_again(personas, child, subscribed, receiver):
    decide(personas, child)
    outbox_relay_due()
    delivery = WebhookDelivery.objects.get(event="decision.made")
    call_command("replay_webhooks", "--delivery", str(delivery.pk))
    outbox_relay_due()
    sent = [r for r in receiver.received if json.loads(r.body)["type"] == "decision.made"]
    assert len(sent) == 2 and sent[0].headers["webhook-id"] == sent[1].headers["webhook-id"]
    call_command("replay_webhooks", "--subscription", str(subscribed.pk), "--since", dt.date.today().isoformat())
    assert OutboxMessage.objects.filter(kind="webhook", status="pending").exists()


def test_meetings_scheduled_moved_and_cancelled_are_each_an_event(personas, child, subscribed, receiver):
    episode = decide(personas, child)
    starts = timezone.now() + dt.timedelta(days=7)
    meeting = meeting_schedule(actor=personas.cse_manager, episode=episode, kind="initial", starts_at=starts,
                               ends_at=starts + dt.timedelta(hours=1), location="Room (test)",
                               chair=personas.mase_chair)
    later = starts + dt.timedelta(days=1)
    meeting_reschedule(actor=personas.cse_manager, meeting=meeting, starts_at=later,
                       ends_at=later + dt.timedelta(hours=1), location="Room (test)")
    meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Chair unwell (test)")
    outbox_relay_due(limit=200)
    types = [json.loads(r.body)["type"] for r in receiver.received]
    assert types.count("meeting.scheduled") == types.count("meeting.moved") == types.count("meeting.cancelled") == 1


def test_work_that_rolls_back_sends_nothing(personas, child, subscribed, receiver):
    with pytest.raises(RuntimeError), transaction.atomic():
        decide(personas, child)
        raise RuntimeError("the caller's work fails after the decision")
    assert not OutboxMessage.objects.filter(kind="webhook").exists()
    outbox_relay_due()
    assert receiver.received == []


def test_nothing_is_sent_to_an_inactive_subscription_or_for_an_unsubscribed_event(
        personas, child, north_system, receiver):
    inactive, _ = services.webhook_subscription_create(actor=None, system=north_system.client,
                                                       target_url=receiver.url, events=["decision.made"])
    inactive.is_active = False
    inactive.save()
    services.webhook_subscription_create(actor=None, system=north_system.client, target_url=receiver.url,
                                         events=["minutes.published"])
    decide(personas, child)
    outbox_relay_due()
    assert receiver.received == [] and not OutboxMessage.objects.filter(kind="webhook").exists()


def test_a_system_hears_nothing_of_records_outside_its_scope(personas, child, south_system, receiver):
    services.webhook_subscription_create(actor=None, system=south_system.client, target_url=receiver.url, events=ALL)
    decide(personas, child)
    assert not OutboxMessage.objects.filter(kind="webhook").exists()


def test_a_subscription_needs_https_outside_this_machine(north_system, settings):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.webhook_subscription_create(actor=None, system=north_system.client,
                                             target_url="http://lcs.example.invalid/hooks", events=ALL)
    settings.WEBHOOK_ALLOW_LOCAL_HTTP = False
    with pytest.raises(ValidationError):
        services.webhook_subscription_create(actor=None, system=north_system.client,
                                             target_url="http://127.0.0.1:9/hooks", events=ALL)


def test_disposing_of_the_child_takes_its_deliveries(personas, child, subscribed, receiver):
    decide(personas, child)
    outbox_relay_due()
    assert WebhookDelivery.objects.filter(child_id=child.pk).exists()
    OutboxMessage.objects.filter(child_id=child.pk).delete()  # as retention/disposal.py deletes them
    assert not WebhookDelivery.objects.filter(child_id=child.pk).exists()
