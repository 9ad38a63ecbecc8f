"""Case notes. A note, its notification email and its delivery to the source system are written in
one transaction with the change that caused them (the email and the delivery through the outbox)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.children.access import editable_children
from csepathway.outbox.services import email_link, outbox_enqueue

from .adapters import CASE_NOTE_DELIVERY
from .models import CaseNote, CaseNoteAddressee

AMENDMENT_PREFIX = "Amendment: "


def _write_note(*, actor, child, kind, title, body, subject_type, subject_id, amends, notify, deliver, verb):
    note = CaseNote.objects.create(
        child=child, kind=kind, title=title, body=body, author=actor, amends=amends,
        subject_type=subject_type, subject_id=subject_id,
    )
    record(actor=actor, verb=verb, obj=note, child_id=child.pk)
    link = reverse("notes:detail", args=[note.pk])
    CaseNoteAddressee.objects.bulk_create([CaseNoteAddressee(note=note, user=person)
                                           for person in {person.pk: person for person in notify}.values()])
    for person in notify:
        email_link(to_user=person, subject="CSE Pathway: a case note is waiting for you", path=link,
                   intro="A new case note has been added to a record you work on.", child_id=child.pk)
    if deliver:
        outbox_enqueue(kind=CASE_NOTE_DELIVERY, payload={"note_id": str(note.pk)}, child_id=child.pk)
    return note


@transaction.atomic
def case_note_add(*, actor, child, kind: str, title: str, body: str, subject=None, amends: CaseNote | None = None,
                  notify=(), deliver: bool = True) -> CaseNote:
    """Write a case note, tell the people in `notify` (by email, without content), and queue its
    delivery to the source system through the configured adapter. The calling service decides
    whether the actor may write it."""
    return _write_note(
        actor=actor, child=child, kind=kind, title=title, body=body, amends=amends, notify=notify,
        deliver=deliver, verb="case_note.added",
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
    )


def case_note_amend(*, actor, note: CaseNote, body: str, title: str = "", notify=(),
                    deliver: bool = True) -> CaseNote:
    """Correct a note the only way notes change: a new note pointing at the one it corrects. The
    original stays as it was, so the record shows what was written and what was corrected."""
    if not editable_children(actor).filter(pk=note.child_id).exists():
        # Recorded outside the write's transaction, so the refusal is not rolled back with it.
        record(actor=actor, verb="case_note.amended", obj=note, child_id=note.child_id,
               outcome=AuditEvent.Outcome.DENIED)
        raise PermissionDenied
    if not body.strip():
        raise ValueError("An amendment needs the corrected text.")
    title = title or (AMENDMENT_PREFIX + note.title.removeprefix(AMENDMENT_PREFIX))
    with transaction.atomic():
        return _write_note(
            actor=actor, child=note.child, kind=note.kind, title=title[:200], body=body, amends=note,
            subject_type=note.subject_type, subject_id=note.subject_id, notify=notify, deliver=deliver,
            verb="case_note.amended",
        )


def case_note_mark_read(*, actor, note: CaseNote) -> bool:
    """Record that the actor has opened a note written for them, the first time only; True if this
    was that time. Called when the note's page is shown (a read receipt, ADR 0057): the read itself
    is on the audit trail already (case_note.viewed), so nothing more is recorded there."""
    return bool(CaseNoteAddressee.objects.filter(note=note, user=actor, read_at__isnull=True)
                .update(read_at=timezone.now()))
