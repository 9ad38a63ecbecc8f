"""Sending a report: the police mailbox receives, through a real SMTP server, an email whose subject
and body carry no case content, with the report attached as a PDF marked OFFICIAL-SENSITIVE."""

import io
import re

import pytest
from pypdf import PdfReader

from csepathway.audit.models import AuditEvent
from csepathway.core.refusals import Refused
from csepathway.intelligence import services
from csepathway.intelligence.conftest import CHILD_FIRST, CHILD_LAST, INFORMATION, POLICE_MAILBOX
from csepathway.intelligence.models import IntelligenceReport
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _pdf_text(part) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(part.get_content())).pages)


def test_the_police_mailbox_receives_the_report_as_a_pdf_and_nothing_else(personas, sent, smtp_server):
    report = sent()

    assert report.status == IntelligenceReport.Status.SENT
    assert report.sent_by == personas.practitioner and report.sent_at
    # The outbox also delivers what was waiting (the Team Manager's sign-off emails): the police get one.
    [message] = [m for m, e in zip(smtp_server.messages, smtp_server.envelopes, strict=True)
                 if e.rcpt_tos == [POLICE_MAILBOX]]
    [part] = list(message.iter_attachments())
    assert part.get_content_type() == "application/pdf"
    assert part.get_filename().startswith("partner-information-report-")
    text = _pdf_text(part)
    for expected in ("OFFICIAL-SENSITIVE", "Partner information report", "Darren Testperson", "AB12 CDE",
                     "Told by the child", "Seen first-hand", f"{CHILD_FIRST} {CHILD_LAST}", "INT-00001"):
        assert expected in text
    # A reference people can say on the phone, not the database's id (issue 13, point 16).
    assert str(report.pk) not in text and not UUID.search(text)
    headers_and_body = message["Subject"] + message.get_body(("plain",)).get_content()
    for secret in (CHILD_FIRST, CHILD_LAST, "Darren", "Testperson", "AB12CDE", "AB12 CDE", INFORMATION[:20],
                   str(report.child_id), "LCS-777005"):
        assert secret not in headers_and_body
    assert f"/intelligence/{report.pk}" in headers_and_body
    assert AuditEvent.objects.filter(verb="intelligence_report.sent", object_id=str(report.pk)).exists()


def test_without_a_police_mailbox_the_report_is_not_sent(personas, draft, settings, smtp_server):
    settings.POLICE_INTELLIGENCE_MAILBOX = ""
    report = draft()
    queued = OutboxMessage.objects.count()

    with pytest.raises(Refused, match="no police intelligence mailbox"):
        services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)

    report.refresh_from_db()
    assert report.status == IntelligenceReport.Status.DRAFT
    assert OutboxMessage.objects.count() == queued


def test_a_send_on_an_older_version_is_refused(personas, draft):
    from csepathway.core.services import StaleEdit

    report = draft()
    queued = OutboxMessage.objects.count()
    with pytest.raises(StaleEdit):
        services.report_send(actor=personas.practitioner, report=report, expected_version=report.version - 1)
    assert OutboxMessage.objects.count() == queued


def test_a_double_click_sends_one_email(personas, draft, django_capture_on_commit_callbacks, smtp_server):
    report = draft()
    queued = OutboxMessage.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)
        services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)
    assert OutboxMessage.objects.count() == queued + 1
    assert [e.rcpt_tos for e in smtp_server.envelopes].count([POLICE_MAILBOX]) == 1


def test_a_sent_report_cannot_be_changed(personas, sent):
    report = sent()
    with pytest.raises(Refused, match="can no longer be changed"):
        services.piece_add(actor=personas.practitioner, report=report, kind="description",
                           data={"text": "More (test)", "how_learned": "seen"})


def test_reports_are_numbered_in_the_order_they_are_sent(personas, sent, smtp_server):
    first, second = sent(), sent()
    assert (first.number, second.number) == (1, 2)
    assert second.reference == "INT-00002"
