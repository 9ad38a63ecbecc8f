"""The webhook adapter against a real HTTP receiver in this process: a signed JSON POST, retried
with back-off under the same message id, until the receiver accepts it."""

import datetime as dt
import hashlib
import hmac
import json

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.utils import timezone

from csepathway.notes.adapters import CASE_NOTE_DELIVERY
from csepathway.notes.checks import check_case_note_adapter
from csepathway.outbox import relay
from csepathway.outbox.models import OutboxMessage

from .conftest import SECRET_RATIONALE, WEBHOOK_SECRET

pytestmark = pytest.mark.django_db


def _delivery(note) -> OutboxMessage:
    return OutboxMessage.objects.get(kind=CASE_NOTE_DELIVERY, payload__note_id=str(note.pk))


def test_a_receiver_that_fails_once_gets_the_same_signed_message_again_after_back_off(
        webhook_receiver, add_decision_note, child, django_capture_on_commit_callbacks):
    receiver = webhook_receiver(500, 200)
    with django_capture_on_commit_callbacks(execute=True):
        note = add_decision_note()

    message = _delivery(note)
    assert (message.status, message.attempts, message.last_error) == (OutboxMessage.Status.PENDING, 1, "HTTPError 500")
    assert message.next_attempt_at > timezone.now()
    assert len(receiver.requests) == 1
    assert relay.outbox_relay_due() == 0  # not due yet
    assert len(receiver.requests) == 1

    with time_machine.travel(message.next_attempt_at + dt.timedelta(seconds=1)):
        assert relay.outbox_relay_due() == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT and message.attempts == 2

    first, second = receiver.requests
    for received in (first, second):
        assert received.signature_valid
        assert received.headers["X-CSE-Pathway-Message-Id"] == str(message.pk)
        assert received.headers["Content-Type"] == "application/json"
        assert received.document["message_id"] == str(message.pk)
    assert first.body == second.body  # the same message, not a new one
    assert list(receiver.stored) == [str(message.pk)]  # the receiver can deduplicate on the id

    document = second.document
    assert document["note_id"] == str(note.pk)
    assert document["child"]["lcs_reference"] == child.lcs_reference
    assert SECRET_RATIONALE in document["body"]
    assert document["link"].endswith(f"/notes/{note.pk}")


def test_the_signature_is_hmac_sha256_over_the_exact_body(webhook_receiver, add_decision_note,
                                                           django_capture_on_commit_callbacks):
    receiver = webhook_receiver(200)
    with django_capture_on_commit_callbacks(execute=True):
        add_decision_note()
    [received] = receiver.requests
    expected = hmac.new(WEBHOOK_SECRET.encode(), received.body, hashlib.sha256).hexdigest()
    assert received.headers["X-CSE-Pathway-Signature"] == f"sha256={expected}"
    assert json.loads(received.body)["message_id"] == received.headers["X-CSE-Pathway-Message-Id"]


def test_a_receiver_with_another_secret_refuses_and_the_note_is_not_marked_sent(
        settings, webhook_receiver, add_decision_note, django_capture_on_commit_callbacks):
    receiver = webhook_receiver(200)
    settings.CASE_NOTE_WEBHOOK_SECRET = "not-the-shared-secret"  # noqa: S105 - a test value
    with django_capture_on_commit_callbacks(execute=True):
        note = add_decision_note()
    assert [r.signature_valid for r in receiver.requests] == [False]
    assert _delivery(note).last_error == "HTTPError 401"


def test_a_redirect_is_a_failed_delivery_not_a_success(webhook_receiver, add_decision_note,
                                                       django_capture_on_commit_callbacks):
    receiver = webhook_receiver(302)
    with django_capture_on_commit_callbacks(execute=True):
        note = add_decision_note()
    message = _delivery(note)
    assert (message.status, message.last_error) == (OutboxMessage.Status.PENDING, "HTTPError 302")
    assert receiver.stored == {}


def test_an_unreachable_receiver_is_retried_and_logs_no_content(settings, add_decision_note, caplog,
                                                                django_capture_on_commit_callbacks):
    settings.CASE_NOTE_ADAPTER = "webhook"
    settings.CASE_NOTE_WEBHOOK_URL = "http://127.0.0.1:9/case-notes"  # discard port: nothing listens
    settings.CASE_NOTE_WEBHOOK_SECRET = WEBHOOK_SECRET
    with django_capture_on_commit_callbacks(execute=True):
        note = add_decision_note()
    message = _delivery(note)
    assert message.status == OutboxMessage.Status.PENDING and message.attempts == 1
    assert message.last_error == "URLError"
    assert SECRET_RATIONALE not in caplog.text and note.title not in caplog.text


@pytest.mark.parametrize(("adapter", "url", "secret", "error_ids"), [
    ("none", "", "", []),
    ("webhook", "https://lcs.example.invalid/notes", "s3cret", []),
    ("webhook", "", "s3cret", ["notes.E002"]),
    ("webhook", "file:///etc/passwd", "s3cret", ["notes.E002"]),
    ("webhook", "https://lcs.example.invalid/notes", "", ["notes.E003"]),
    ("carrier-pigeon", "", "", ["notes.E001"]),
])
def test_adapter_settings_are_checked_at_start_up(settings, adapter, url, secret, error_ids):
    settings.CASE_NOTE_ADAPTER = adapter
    settings.CASE_NOTE_WEBHOOK_URL = url
    settings.CASE_NOTE_WEBHOOK_SECRET = secret
    assert [error.id for error in check_case_note_adapter()] == error_ids


def test_manage_py_check_refuses_an_unknown_adapter(settings):
    settings.CASE_NOTE_ADAPTER = "carrier-pigeon"
    with pytest.raises(SystemCheckError, match="notes.E001"):
        call_command("check")
