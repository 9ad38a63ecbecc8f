"""Delivering outbox messages: email through Django's mailer, case notes through the adapter set in
settings. Retries with back-off; a message is marked sent only after it has gone."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def _send_email(payload: dict) -> None:
    link = settings.SERVICE_BASE_URL.rstrip("/") + payload["path"]
    body = f"{payload['intro']}\n\nSign in to CSE Pathway to read it:\n{link}\n\nDo not reply to this email.\n"
    EmailMessage(subject=payload["subject"], body=body, to=payload["to"]).send()


def _deliver(message: OutboxMessage) -> None:
    if message.kind == OutboxMessage.Kind.EMAIL:
        _send_email(message.payload)
    elif message.kind == OutboxMessage.Kind.CASE_NOTE_DELIVERY:
        from .adapters import deliver_case_note

        deliver_case_note(message_id=str(message.pk), note_id=message.payload["note_id"])


def outbox_relay_due(*, limit: int = 50) -> int:
    """Send due messages; return how many were sent."""
    sent = 0
    for _ in range(limit):
        with transaction.atomic():
            queryset = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING,
                                                    next_attempt_at__lte=timezone.now()).order_by("next_attempt_at")
            if connection.features.has_select_for_update_skip_locked:
                queryset = queryset.select_for_update(skip_locked=True)
            message = queryset.first()
            if message is None:
                break
            message.attempts += 1
            try:
                _deliver(message)
            except Exception as error:  # noqa: BLE001 - any failure is retried, and logged without content
                logger.warning("outbox %s %s attempt %s failed: %s", message.kind, message.pk, message.attempts,
                               type(error).__name__)
                message.last_error = type(error).__name__
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = OutboxMessage.Status.FAILED
                else:
                    message.next_attempt_at = timezone.now() + _backoff(message.attempts)
            else:
                message.status = OutboxMessage.Status.SENT
                message.sent_at = timezone.now()
                sent += 1
            message.save()
    return sent
