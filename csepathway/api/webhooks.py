"""Webhooks (ADR 0060): thin, signed notices that something happened, sent through the outbox.

An event raised by a service (outbox/events.py) becomes, in that service's transaction, one outbox
message per active subscription that asked for it and whose service account may see the record:
work that rolls back sends nothing. The relay delivers each with its retries and back-off; every
attempt is written to the delivery log (WebhookDelivery) after the attempt, so a failed one is
kept. The body names records by id and API path only; the receiver reads the rest through the API
with its own token, so it learns nothing its scope would not show it.

Signing follows the Standard Webhooks convention: `webhook-id`, `webhook-timestamp` and
`webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, the key being the base64
part of the subscription's `whsec_` secret."""

import base64
import hashlib
import hmac
import json
import secrets
import time
import urllib.request
import uuid

from django.db import transaction
from django.utils import timezone

from csepathway.audit.services import record
from csepathway.episodes.access import visible_episodes
from csepathway.meetings.access import visible_meetings
from csepathway.outbox import events
from csepathway.outbox.models import OutboxMessage
from csepathway.outbox.relay import describe_failure
from csepathway.outbox.services import outbox_enqueue

from .models import WebhookDelivery, WebhookSubscription

WEBHOOK = "webhook"
SECRET_START = "whsec_"  # noqa: S105 - the Standard Webhooks prefix, not a secret
# Bounds how long the relay holds its row lock (see outbox/relay._relay_one).
TIMEOUT_SECONDS = 10
API = "/api/v1"


def secret_new() -> str:
    return SECRET_START + base64.b64encode(secrets.token_bytes(32)).decode()


def signature(secret: str, message_id: str, timestamp: str, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_START))
    digest = hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def links(name: str, data: dict) -> dict:
    """The API paths a receiver reads the details from."""
    found = {}
    if "episode_id" in data:
        found["episode"] = f"{API}/episodes/{data['episode_id']}"
        if name == events.DECISION_MADE:
            found["decision"] = f"{API}/episodes/{data['episode_id']}/decision"
    if "meeting_id" in data:
        found["meeting"] = f"{API}/meetings/{data['meeting_id']}"
    return found


def _may_see(subscription: WebhookSubscription, data: dict) -> bool:
    """Whether the system's service account may see what the event is about, by the same scopes
    as its API reads: a system never hears of a record it could not read."""
    account = subscription.system.service_account
    if "meeting_id" in data:
        return visible_meetings(account).filter(pk=data["meeting_id"]).exists()
    if "episode_id" in data:
        return visible_episodes(account).filter(pk=data["episode_id"]).exists()
    return False


def event_heard(*, name: str, data: dict, child_id) -> None:
    """The listener the API registers with the outbox's events (apps.py)."""
    subscriptions = (WebhookSubscription.objects.filter(is_active=True, system__is_active=True)
                     .select_related("system__service_account").order_by("created_at"))
    wanted = [s for s in subscriptions if name in s.events and _may_see(s, data)]
    if not wanted:
        return
    body = {"id": str(uuid.uuid4()), "type": name, "timestamp": timezone.now().isoformat(),
            "data": {**data, "links": links(name, data)}}
    for subscription in wanted:
        outbox_enqueue(kind=WEBHOOK, child_id=child_id,
                       payload={"subscription_id": str(subscription.pk), "body": body})


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect answered to a POST would be followed with a GET and no body: count it as a failure.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


def deliver_webhook(message: OutboxMessage) -> dict:
    """The outbox handler: one signed POST. An answer of 400 or more raises (the relay retries)."""
    subscription = WebhookSubscription.objects.get(pk=message.payload["subscription_id"])
    if not subscription.is_active:
        return {"skipped": True}
    body = json.dumps(message.payload["body"], sort_keys=True, separators=(",", ":")).encode()
    message_id, timestamp = message.payload["body"]["id"], str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 - https (or local http in tests), checked when subscribing
        subscription.target_url, data=body, method="POST",
        headers={"Content-Type": "application/json", "webhook-id": message_id, "webhook-timestamp": timestamp,
                 "webhook-signature": signature(subscription.secret, message_id, timestamp, body)})
    with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
        return {"status_code": response.status}


def record_attempt(message: OutboxMessage, *, result=None, error: BaseException | None = None) -> None:
    """Write the attempt to the delivery log (called by the relay after the attempt's savepoint)."""
    result = result or {}
    code = getattr(error, "code", None) if error is not None else result.get("status_code")
    WebhookDelivery.objects.create(
        message=message, subscription_id=message.payload["subscription_id"], event_id=message.payload["body"]["id"],
        event=message.payload["body"]["type"], child_id=message.child_id, attempt=message.attempts,
        status_code=code if isinstance(code, int) else None,
        last_error=describe_failure(error)[:300] if error is not None else (
            "Not sent: the subscription is no longer active." if result.get("skipped") else ""),
        delivered_at=timezone.now() if error is None and not result.get("skipped") else None,
        next_attempt_at=message.next_attempt_at if error is not None and message.status == OutboxMessage.Status.PENDING
        else None)


@transaction.atomic
def webhook_replay(*, actor, deliveries) -> int:
    """Queue again the events these log rows were about, once each, to active subscriptions: the
    same body and `webhook-id`, so a receiver that kept it can tell it is the same event."""
    queued, seen = 0, set()
    for delivery in deliveries.select_related("message", "subscription"):
        if delivery.message_id in seen or not delivery.subscription.is_active:
            continue
        seen.add(delivery.message_id)
        outbox_enqueue(kind=WEBHOOK, payload=delivery.message.payload, child_id=delivery.message.child_id)
        record(actor=actor, verb="api.webhook_replayed", obj=delivery.subscription,
               child_id=delivery.child_id)
        queued += 1
    return queued
