"""Reads of case notes: a note is visible to whoever may see the child's record."""

import uuid

from django.db.models import Prefetch
from django.http import Http404

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.children.access import visible_children

from .models import CaseNote


def case_note_get(*, actor, note_id: uuid.UUID | str) -> CaseNote:
    try:
        # Amendments are notes on the same child, so whoever may read the note may read them.
        note = (CaseNote.objects.select_related("child", "author", "amends")
                .prefetch_related(Prefetch("amendments", queryset=CaseNote.objects.order_by("created_at")))
                .filter(child__in=visible_children(actor)).get(pk=note_id))
    except (CaseNote.DoesNotExist, ValueError) as missing:
        record(actor=actor, verb="case_note.viewed", object_type="notes.casenote", object_id=str(note_id),
               outcome=AuditEvent.Outcome.DENIED)
        raise Http404("No case note found") from missing
    record(actor=actor, verb="case_note.viewed", obj=note, child_id=note.child_id)
    return note


def case_notes_for_child(*, actor, child) -> list[CaseNote]:
    if not visible_children(actor).filter(pk=child.pk).exists():
        return []
    return list(CaseNote.objects.filter(child=child).select_related("author").order_by("-created_at"))
