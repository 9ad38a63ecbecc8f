"""Files attached to an outbox email (the intelligence report's PDF) arrive through a real SMTP
server as attachments with their name and type; content that is not base64 is refused and retried."""

import base64

import pytest

from csepathway.outbox import relay
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage
from csepathway.outbox.services import outbox_enqueue

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% a stand-in document (test)\n%%EOF\n"


def _payload(**attachment):
    return {"to": ["fib@police.test.invalid"], "subject": "CSE Pathway: a document", "path": "/somewhere",
            "intro": "A document is attached.", "attachments": [attachment]}


def test_an_attachment_arrives_with_its_name_type_and_bytes(smtp_server):
    outbox_enqueue(kind=EMAIL, child_id=None, payload=_payload(
        filename="report.pdf", content_type="application/pdf", content_base64=base64.b64encode(PDF).decode()))

    assert relay.outbox_relay_due() == 1
    [message] = smtp_server.messages
    [part] = list(message.iter_attachments())
    assert part.get_filename() == "report.pdf"
    assert part.get_content_type() == "application/pdf"
    assert part.get_content() == PDF
    assert "A document is attached." in message.get_body(("plain",)).get_content()


def test_an_email_without_attachments_is_sent_as_before(smtp_server):
    outbox_enqueue(kind=EMAIL, child_id=None, payload={"to": ["a@b.test.invalid"], "subject": "S", "path": "/",
                                                           "intro": "Hello."})
    assert relay.outbox_relay_due() == 1
    [message] = smtp_server.messages
    assert list(message.iter_attachments()) == []


def test_content_that_is_not_base64_is_refused_and_kept_for_a_retry(smtp_server):
    message = outbox_enqueue(kind=EMAIL, child_id=None, payload=_payload(filename="x.pdf",
                                                                             content_base64="not base64!"))
    assert relay.outbox_relay_due() == 0
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.last_error == "ValueError"
    assert smtp_server.messages == []
