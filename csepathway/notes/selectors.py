"""Reads of case notes: a note is visible to whoever may see the child's record."""

import uuid

from django.db.models import Prefetch

from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.children.access import visible_children

from .models import CaseNote, CaseNoteAddressee


def case_note_get(*, actor, note_id: uuid.UUID | str) -> CaseNote:
    # Amendments are notes on the same child, so whoever may read the note may read them.
    scope = (CaseNote.objects.select_related("child", "author", "amends")
             .prefetch_related(Prefetch("amendments", queryset=CaseNote.objects.order_by("created_at")))
             .filter(child__in=visible_children(actor)))
    return get_in_scope_or_404(scope, actor=actor, pk=note_id, verb="case_note.viewed")


def case_notes_for_child(*, actor, child) -> list[CaseNote]:
    if not visible_children(actor).filter(pk=child.pk).exists():
        return []
    return list(CaseNote.objects.filter(child=child).select_related("author").order_by("-created_at"))


RECENT = 10


def recent_case_notes(*, actor, child) -> tuple[list[CaseNote], int]:
    """The child's latest notes and how many there are in all, for the record page: the whole story
    is in the chronology, a page at a time."""
    if not visible_children(actor).filter(pk=child.pk).exists():
        return [], 0
    notes = CaseNote.objects.filter(child=child)
    return list(notes.select_related("author").order_by("-created_at")[:RECENT]), notes.count()


HOME_LIMIT = 10


def home_unread_notes(*, actor) -> dict | None:
    """For the home page: the case notes written for the actor that they have not opened yet, on
    children they may still see, newest first, with how many in all; None when there are none. Two
    queries, the rows read recorded (they name children)."""
    unread = CaseNoteAddressee.objects.filter(user=actor, read_at__isnull=True,
                                              note__child__in=visible_children(actor))
    count = unread.count()
    if not count:
        return None
    notes = [row.note for row in unread.select_related("note__child", "note__author")
             .order_by("-note__created_at", "pk")[:HOME_LIMIT]]
    record(actor=actor, verb="notes.home_viewed", object_type="notes.casenote", object_id=str(len(notes)))
    return {"notes": notes, "count": count}
