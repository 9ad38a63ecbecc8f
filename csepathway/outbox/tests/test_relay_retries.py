"""The relay: retries with exponential back-off, marks sent only after success, gives up after
MAX_ATTEMPTS, survives a database error inside a delivery, logs no content, skips locked rows."""

import datetime as dt
import io
import logging
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from csepathway.outbox import relay
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage
from csepathway.outbox.services import outbox_enqueue

SECRET_RATIONALE = "Seen getting into cars with older males near the bus station (test)"

pytestmark = pytest.mark.django_db


def _email_message_payload() -> dict:
    return {"to": ["someone@example.invalid"], "subject": "CSE Pathway: a case note is waiting for you",
            "path": "/notes/00000000-0000-0000-0000-000000000000", "intro": "Something is waiting."}


def _email_message() -> OutboxMessage:
    return outbox_enqueue(kind=EMAIL, child_id=None, payload=_email_message_payload())


@pytest.fixture
def failing_delivery(monkeypatch):
    """Every delivery fails with an error whose text quotes case content, as a server might."""
    calls = []

    def fail(message):
        calls.append(message.pk)
        raise ConnectionError(f"refused: {SECRET_RATIONALE}")

    monkeypatch.setattr(relay, "_deliver", fail)
    return calls


def test_backoff_doubles_from_thirty_seconds_and_stops_at_an_hour():
    waits = [relay.backoff(n).total_seconds() for n in range(1, 10)]
    assert waits[:5] == [30, 60, 120, 240, 480]
    assert waits[-1] == 3600
    assert waits == sorted(waits)


def test_a_failed_message_stays_pending_until_its_back_off_has_passed(failing_delivery, monkeypatch):
    message = _email_message()
    with time_machine.travel(timezone.now(), tick=False):
        assert relay.outbox_relay_due() == 0
        message.refresh_from_db()
        assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, 1)
        assert message.next_attempt_at == timezone.now() + dt.timedelta(seconds=30)
        assert message.sent_at is None
        assert relay.outbox_relay_due() == 0  # not due yet: not tried again
    assert failing_delivery == [message.pk]

    monkeypatch.undo()  # the receiving end recovers
    with time_machine.travel(message.next_attempt_at + dt.timedelta(seconds=1), tick=False):
        assert relay.outbox_relay_due() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (OutboxMessage.Status.SENT, 2, "")


def test_the_relay_gives_up_after_max_attempts(failing_delivery):
    message = _email_message()
    for attempt in range(1, relay.MAX_ATTEMPTS + 1):
        with time_machine.travel(message.next_attempt_at, tick=False):
            relay.outbox_relay_due()
        message.refresh_from_db()
        assert message.attempts == attempt
    assert message.status == OutboxMessage.Status.FAILED
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        assert relay.outbox_relay_due() == 0
    assert len(failing_delivery) == relay.MAX_ATTEMPTS


def test_failures_are_logged_and_recorded_without_content(failing_delivery, caplog):
    message = _email_message()
    with caplog.at_level(logging.DEBUG, logger="csepathway.notes"):
        relay.outbox_relay_due()
    message.refresh_from_db()
    assert message.last_error == "ConnectionError"
    assert str(message.pk) in caplog.text
    assert "refused" not in caplog.text and SECRET_RATIONALE not in caplog.text
    assert "someone@example.invalid" not in caplog.text


def test_a_database_error_inside_a_delivery_is_recorded_as_a_failure(monkeypatch):
    def broken_query(message):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_for_this_test")

    monkeypatch.setattr(relay, "_deliver", broken_query)
    message = _email_message()
    assert relay.outbox_relay_due() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, 1)
    assert message.last_error in {"OperationalError", "ProgrammingError"}


def test_one_failing_message_does_not_hold_up_the_others(monkeypatch):
    bad, good = _email_message(), _email_message()
    real = relay._deliver

    def deliver(message):
        if message.pk == bad.pk:
            raise TimeoutError
        real(message)

    monkeypatch.setattr(relay, "_deliver", deliver)
    assert relay.outbox_relay_due() == 1
    assert OutboxMessage.objects.get(pk=good.pk).status == OutboxMessage.Status.SENT
    assert OutboxMessage.objects.get(pk=bad.pk).status == OutboxMessage.Status.PENDING


def test_a_failure_asks_a_deferring_task_backend_to_run_the_relay_when_the_retry_is_due(
        settings, failing_delivery):
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    message = _email_message()
    relay.outbox_relay_due()
    message.refresh_from_db()
    [scheduled] = default_task_backend.results
    assert scheduled.task.name == "relay_outbox"
    assert scheduled.task.run_after == message.next_attempt_at


def test_the_command_runs_the_relay_once_and_prints_counts_only():
    _email_message()
    _email_message()
    out = io.StringIO()
    call_command("relay_outbox", stdout=out)
    assert out.getvalue().strip() == "Sent 2 outbox messages. Waiting: 0. Given up: 0."
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_message_another_worker_holds_is_skipped_not_waited_for():
    # Written directly: in autocommit outbox_enqueue's on-commit relay would send them at once.
    held, other = (OutboxMessage.objects.create(kind=EMAIL, payload=_email_message_payload(),
                                                next_attempt_at=timezone.now()) for _ in range(2))
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                OutboxMessage.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    worker = threading.Thread(target=other_worker)
    worker.start()
    try:
        assert locked.wait(timeout=10)
        assert relay.outbox_relay_due() == 1  # would block until release if the lock were waited for
        assert OutboxMessage.objects.get(pk=other.pk).status == OutboxMessage.Status.SENT
        assert OutboxMessage.objects.get(pk=held.pk).status == OutboxMessage.Status.PENDING
    finally:
        release.set()
        worker.join()
