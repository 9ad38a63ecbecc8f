"""The case notes' part of what is held about a child (children/records_held.py)."""

from django.urls import reverse

from csepathway.children.child_record import CHILD
from csepathway.children.records_held import ChronologyEvent, RecordsHeld, Snapshot
from csepathway.core.presenters import person_name

from .models import CaseNote
from .selectors import case_notes_for_child


def chronology(actor, child) -> list[ChronologyEvent]:
    return [ChronologyEvent(note.created_at, note.title, f"Case note by {person_name(note.author)}",
                            reverse("notes:detail", args=[note.pk]), "note")
            for note in case_notes_for_child(actor=actor, child=child)]


def snapshots(child) -> list[Snapshot]:
    return [Snapshot("case_note", note, note.title, note.created_at, note.body)
            for note in CaseNote.objects.filter(child=child).order_by("created_at")]


# Case notes are kept under the child's own rule; whom a note was for, and when they read it, go
# with the note.
RECORDS_HELD = RecordsHeld(app="notes", record_type=CHILD.code, models=("notes.casenote", "notes.casenoteaddressee"),
                           chronology=chronology, subject_access=snapshots,
                           folded={"notes.casenoteaddressee": "notes.casenote"})
