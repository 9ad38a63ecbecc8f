"""Case notes and the outbox. A note, its notification email and its delivery to the source system
are written in one transaction with the change that caused them."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.audit.services import record

from .models import CaseNote, OutboxMessage


def outbox_enqueue(*, kind: str, payload: dict) -> OutboxMessage:
    """Queue a side effect. Call inside the caller's transaction; the relay sends it after commit."""
    message = OutboxMessage.objects.create(kind=kind, payload=payload, next_attempt_at=timezone.now())
    transaction.on_commit(_kick_relay)
    return message


def _kick_relay() -> None:
    from .tasks import relay_outbox

    relay_outbox.enqueue()


def notification_email(*, to_user, subject: str, path: str, intro: str) -> OutboxMessage:
    """An email that says only that something is waiting, with a link. Never case content."""
    return outbox_enqueue(kind=OutboxMessage.Kind.EMAIL, payload={
        "to": [to_user.email], "subject": subject, "path": path, "intro": intro,
    })


@transaction.atomic
def case_note_add(*, actor, child, kind: str, title: str, body: str, subject=None, amends: CaseNote | None = None,
                  notify=(), deliver: bool = True) -> CaseNote:
    """Write a case note, tell the people in `notify` (by email, without content), and queue its
    delivery to the source system through the configured adapter."""
    note = CaseNote.objects.create(
        child=child, kind=kind, title=title, body=body, author=actor, amends=amends,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
    )
    record(actor=actor, verb="case_note.added", obj=note, child_id=child.pk)
    link = reverse("notes:detail", args=[note.pk])
    for person in notify:
        if person.email:
            notification_email(to_user=person, subject="CSE Pathway: a case note is waiting for you", path=link,
                               intro="A new case note has been added to a record you work on.")
    if deliver:
        outbox_enqueue(kind=OutboxMessage.Kind.CASE_NOTE_DELIVERY, payload={"note_id": str(note.pk)})
    return note
