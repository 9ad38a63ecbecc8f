"""Delivering outbox messages, each through the handler registered for its kind (outbox.handlers):
email through Django's mailer, case notes through the adapter notes registers. Retries with
exponential back-off; a message is marked sent only after it has gone, and given up (status failed)
after MAX_ATTEMPTS. Nothing here logs case content: a failure is described by its exception type and
status code only, because a server's error text can echo what it was sent."""

import datetime as dt
import logging

from django.db import connection, transaction
from django.utils import timezone

from .handlers import handler_for, recorder_for
from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = dt.timedelta(seconds=30)
LONGEST_WAIT = dt.timedelta(hours=1)


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the n-th failed attempt: 30 s, 1 min, 2 min, ... capped at an hour. With
    MAX_ATTEMPTS = 8 a message is tried for about an hour before it is given up."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def describe_failure(error: BaseException) -> str:
    """Exception type and any status code, never the message text (it may quote the payload)."""
    code = getattr(error, "code", None) or getattr(error, "smtp_code", None)
    return type(error).__name__ + (f" {code}" if isinstance(code, int) else "")


def _deliver(message: OutboxMessage):
    return handler_for(message.kind)(message)


def _after_attempt(message: OutboxMessage, *, result=None, error: BaseException | None = None) -> None:
    recorder = recorder_for(message.kind)
    if recorder is not None:
        recorder(message, result=result, error=error)


def _due():
    queryset = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now()).order_by("next_attempt_at")
    if connection.features.has_select_for_update_skip_locked:
        # Several workers on PostgreSQL: each takes a different due message instead of queueing
        # behind the one another worker is sending.
        queryset = queryset.select_for_update(skip_locked=True)
    return queryset


def _relay_one() -> OutboxMessage | None:
    """Try the oldest due message once and record the outcome; None when nothing is due.

    The row lock is held across the (possibly slow) delivery, inside the transaction. That is
    deliberate. On PostgreSQL the lock covers one outbox row that nothing else waits for: services
    only insert new rows, and other relays skip a locked row (SKIP LOCKED) rather than wait. In
    return exactly one worker can be sending a given message, and a worker that dies mid-send needs
    no lease bookkeeping: its transaction rolls back, the row unlocks and is due again (delivery is
    at least once; receivers deduplicate on the message id). The price is one open transaction per
    worker for the length of the call, bounded by the adapter's timeout. On SQLite (the embedded
    demo, one worker) BEGIN IMMEDIATE makes it the database's write lock, so web writes wait for
    the send, within the busy timeout; that is accepted only because production runs PostgreSQL."""
    with transaction.atomic():
        message = _due().first()
        if message is None:
            return None
        message.attempts += 1
        try:
            # A savepoint: a database error inside the delivery (the adapter reads the note) would
            # otherwise abort the whole transaction on PostgreSQL, the failure could not be saved,
            # and the same message would come first, and fail the same way, on every run.
            with transaction.atomic():
                result = _deliver(message)
        except Exception as error:  # noqa: BLE001 - any failure is retried, and logged without content
            message.last_error = describe_failure(error)[:300]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
                logger.error("outbox %s %s gave up after %s attempts: %s", message.kind, message.pk,
                             message.attempts, message.last_error)
            else:
                message.next_attempt_at = timezone.now() + backoff(message.attempts)
                logger.warning("outbox %s %s attempt %s failed: %s; retrying after %s", message.kind,
                               message.pk, message.attempts, message.last_error, message.next_attempt_at)
            _after_attempt(message, error=error)
        else:
            message.status = OutboxMessage.Status.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
            _after_attempt(message, result=result)
        message.save(update_fields=["attempts", "status", "next_attempt_at", "last_error", "sent_at"])
    return message


def _schedule_retry(when: dt.datetime) -> None:
    """Ask the task backend to run the relay again when a retry falls due. Without this a failed
    message would wait for the next new message to kick the relay. Backends that cannot defer (the
    immediate backend in tests) rely on `manage.py relay_outbox` run on a schedule instead."""
    from .tasks import relay_outbox

    try:
        if relay_outbox.get_backend().supports_defer:
            relay_outbox.using(run_after=when).enqueue()
    except Exception as error:  # noqa: BLE001 - the message is safe in the outbox; a later run sends it
        logger.warning("could not schedule the outbox relay for %s: %s", when, type(error).__name__)


def outbox_relay_due(*, limit: int = 50) -> int:
    """Try up to `limit` due messages once each; return how many were sent."""
    sent = 0
    retry_at = None
    for _ in range(limit):
        message = _relay_one()
        if message is None:
            break
        if message.status == OutboxMessage.Status.SENT:
            sent += 1
        elif message.status == OutboxMessage.Status.PENDING:
            retry_at = min(retry_at or message.next_attempt_at, message.next_attempt_at)
    if retry_at is not None:
        _schedule_retry(retry_at)
    return sent
