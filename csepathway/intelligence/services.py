"""Writes on partner information reports. Each runs in one transaction with its audit event; sending
also fills the register and queues the email to the police mailbox through the outbox, so nothing is
sent for a send that rolled back."""

import base64

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.audit.services import record
from csepathway.core.pdf import render_pdf
from csepathway.core.refusals import Refused
from csepathway.core.services import model_update, versioned_save
from csepathway.episodes.models import Episode
from csepathway.outbox.services import email_send
from csepathway.oversight.disclosures import services as disclosure_services

from . import access, presenters
from .models import IntelligenceReport
from .pieces import PIECES
from .register import services as register_services

REPORT_FIELDS = ["subject", "information", "how_learned", "happened_on", "learned_on"]
GRADING_FIELDS = ["police_reference", "source_evaluation", "intelligence_assessment", "handling_code"]
PDF_TEMPLATE = "intelligence/report_pdf.html"
EMAIL_SUBJECT = "CSE Pathway: partner information report"
EMAIL_INTRO = ("A partner information report from the CSE Pathway service is attached as a PDF. It is marked "
               "OFFICIAL-SENSITIVE. Record your reference and grading against the report in the service.")
NO_MAILBOX = ("The report cannot be sent because no police intelligence mailbox is set up for this service. "
              "Ask your system administrator to set one. Your draft is saved.")


def police_mailbox() -> str:
    return getattr(settings, "POLICE_INTELLIGENCE_MAILBOX", "") or ""


def _locked(report: IntelligenceReport) -> IntelligenceReport:
    return IntelligenceReport.objects.select_for_update().select_related("episode", "child", "author").get(
        pk=report.pk)


def _require_edit(actor, report: IntelligenceReport) -> None:
    if report.status != IntelligenceReport.Status.DRAFT:
        raise Refused("This report has been sent to the police and can no longer be changed.")
    if not access.may_edit_report(actor, report):
        raise PermissionDenied


@transaction.atomic
def report_create(*, actor, episode: Episode, data: dict) -> IntelligenceReport:
    if not access.may_draft_report(actor, episode):
        raise PermissionDenied
    report = IntelligenceReport.objects.create(episode=episode, child_id=episode.child_id, author=actor,
                                               **{name: data.get(name) for name in REPORT_FIELDS})
    record(actor=actor, verb="intelligence_report.drafted", obj=report, child_id=report.child_id)
    return report


@transaction.atomic
def report_update(*, actor, report: IntelligenceReport, data: dict, expected_version: int) -> IntelligenceReport:
    """Change the draft's subject and information. A save made on an older version is refused
    (StaleEdit), so one of two people editing cannot silently overwrite the other."""
    report = _locked(report)
    _require_edit(actor, report)
    changed = model_update(instance=report, fields=REPORT_FIELDS, data=data)
    versioned_save(instance=report, expected_version=expected_version, changed=changed)
    record(actor=actor, verb="intelligence_report.updated", obj=report, child_id=report.child_id,
           changed_fields=changed)
    return report


def _touch(report: IntelligenceReport) -> None:
    # Adding or removing a piece changes the report: the version moves so a send checked on the
    # older version is refused.
    versioned_save(instance=report, expected_version=report.version, changed=[])


@transaction.atomic
def piece_add(*, actor, report: IntelligenceReport, kind: str, data: dict):
    report = _locked(report)
    _require_edit(actor, report)
    piece_type = PIECES[kind]
    piece = piece_type.model.objects.create(report=report, **piece_type.values(data))
    _touch(report)
    record(actor=actor, verb=f"intelligence_report.{kind}_added", obj=report, child_id=report.child_id)
    return piece


@transaction.atomic
def piece_remove(*, actor, report: IntelligenceReport, kind: str, piece_id: int) -> None:
    report = _locked(report)
    _require_edit(actor, report)
    deleted, _ = PIECES[kind].model.objects.filter(report=report, pk=piece_id).delete()
    if deleted:
        _touch(report)
        record(actor=actor, verb=f"intelligence_report.{kind}_removed", obj=report, child_id=report.child_id)


def _pdf_attachment(report: IntelligenceReport) -> dict:
    pdf = render_pdf(PDF_TEMPLATE, presenters.pdf_context(report))
    day = timezone.localdate(report.sent_at).isoformat()
    return {"filename": f"partner-information-report-{day}.pdf", "content_type": "application/pdf",
            "content_base64": base64.b64encode(pdf).decode("ascii")}


def _next_number() -> int:
    # Two reports sent at once queue on the highest-numbered row, so no number is given twice.
    latest = (IntelligenceReport.objects.select_for_update().filter(number__isnull=False).order_by("-number")
              .values_list("number", flat=True).first())
    return (latest or 0) + 1


@transaction.atomic
def report_send(*, actor, report: IntelligenceReport, expected_version: int) -> IntelligenceReport:
    """Send the report to the police mailbox as a PDF, by email through the outbox. The email's
    subject and body say only that a report is attached: the PDF is the report, and goes to the
    police mailbox alone. A double-clicked send finds the report already sent and sends nothing more."""
    report = _locked(report)
    if report.status != IntelligenceReport.Status.DRAFT and report.sent_by_id == actor.pk:
        return report
    _require_edit(actor, report)
    mailbox = police_mailbox()
    if not mailbox:
        raise Refused(NO_MAILBOX)
    report.status = IntelligenceReport.Status.SENT
    report.sent_at = timezone.now()
    report.sent_by = actor
    report.number = _next_number()
    versioned_save(instance=report, expected_version=expected_version,
                   changed=["status", "sent_at", "sent_by", "number"])
    record(actor=actor, verb="intelligence_report.sent", obj=report, child_id=report.child_id,
           changed_fields=["status", "sent_at"])
    register_services.register_from_report(actor=actor, report=report)
    disclosure_services.disclosure_record(
        actor=actor, child_id=report.child_id, recipient=f"Police intelligence mailbox ({mailbox})",
        purpose="Partner information report to the police", lawful_basis=disclosure_services.CRIME_PREVENTION,
        shared="Partner information report (PDF by email)", obj=report)
    email_send(to=[mailbox], subject=EMAIL_SUBJECT, intro=EMAIL_INTRO,
               path=reverse("intelligence:detail", args=[report.pk]), child_id=report.child_id,
               attachments=[_pdf_attachment(report)])
    return report


@transaction.atomic
def report_grade(*, actor, report: IntelligenceReport, data: dict, expected_version: int) -> IntelligenceReport:
    """The police coordinator records the police reference and the 3x5x2 grading. Only the police
    grade: the partner who wrote the report never does."""
    report = _locked(report)
    if not access.may_grade_report(actor, report):
        if report.status == IntelligenceReport.Status.DRAFT and access.may_grade_reports(actor):
            raise Refused("This report has not been sent yet, so it cannot be graded.")
        raise PermissionDenied
    changed = model_update(instance=report, fields=GRADING_FIELDS, data=data)
    report.status = IntelligenceReport.Status.ACKNOWLEDGED
    report.graded_by = actor
    report.graded_at = timezone.now()
    versioned_save(instance=report, expected_version=expected_version,
                   changed=[*changed, "status", "graded_by", "graded_at"])
    record(actor=actor, verb="intelligence_report.graded", obj=report, child_id=report.child_id,
           changed_fields=[*changed, "status"])
    return report
