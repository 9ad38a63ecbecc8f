"""Side effects go through the outbox: nothing is sent for work that rolls back, and after commit
the practitioner's email reaches a real SMTP server, carrying a link and no case content."""

import pytest
from django.db import transaction

from csepathway.notes.models import CaseNote
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage

from .conftest import SECRET_RATIONALE

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def test_work_that_rolls_back_leaves_no_message_and_sends_nothing(
        add_decision_note, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Boom), transaction.atomic():
        add_decision_note()
        raise Boom
    assert callbacks == []
    assert not CaseNote.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert smtp_server.envelopes == []


def test_nothing_is_sent_before_commit_and_the_relay_delivers_after_it(
        personas, add_decision_note, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        add_decision_note()
        assert smtp_server.envelopes == []  # still inside the transaction
    assert callbacks  # the relay was handed to the task backend on commit
    email = OutboxMessage.objects.get(kind=EMAIL)
    assert email.status == OutboxMessage.Status.SENT
    assert email.sent_at is not None
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == [personas.practitioner.email]


def test_the_notification_email_carries_a_link_and_no_case_content(
        settings, child, add_decision_note, smtp_server, django_capture_on_commit_callbacks):
    settings.SERVICE_BASE_URL = "https://cse-pathway.test.invalid/"
    with django_capture_on_commit_callbacks(execute=True):
        note = add_decision_note()
    [message] = smtp_server.messages
    subject, body = str(message["Subject"]), message.get_body(("plain",)).get_content()
    assert f"https://cse-pathway.test.invalid/notes/{note.pk}" in body
    for secret in (child.first_name, child.last_name, child.lcs_reference, note.title, SECRET_RATIONALE,
                   "High", "MASE"):
        assert secret not in subject
        assert secret not in body


def test_a_person_without_an_email_address_is_skipped_not_failed(personas, add_decision_note):
    personas.practitioner.email = ""
    personas.practitioner.save()
    add_decision_note()
    assert not OutboxMessage.objects.filter(kind=EMAIL).exists()


def test_a_note_not_for_delivery_queues_only_the_email(add_decision_note):
    add_decision_note(deliver=False)
    assert list(OutboxMessage.objects.values_list("kind", flat=True)) == [EMAIL]
