"""Reads of case notes: a note is visible to whoever may see the child's record."""

import uuid

from django.db.models import Prefetch

from csepathway.audit.scope import get_in_scope_or_404
from csepathway.children.access import visible_children

from .models import CaseNote


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
