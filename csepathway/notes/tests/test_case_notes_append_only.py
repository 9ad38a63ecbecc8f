"""Case notes are never changed or deleted; a correction is a new note pointing at the one it
corrects, audited, and delivered like any other note."""

import pytest
from django.core.exceptions import PermissionDenied

from csepathway.audit.models import AuditEvent
from csepathway.core.models import RecordImmutable
from csepathway.notes.adapters import CASE_NOTE_DELIVERY
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_amend
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_saving_a_stored_note_again_is_refused(add_decision_note):
    note = add_decision_note()
    note.body = "Rewritten history."
    with pytest.raises(RecordImmutable):
        note.save()
    assert CaseNote.objects.get(pk=note.pk).body != "Rewritten history."


def test_deleting_a_note_is_refused(add_decision_note):
    note = add_decision_note()
    with pytest.raises(RecordImmutable):
        note.delete()
    assert CaseNote.objects.filter(pk=note.pk).exists()


@pytest.mark.parametrize("change", [
    lambda notes: notes.update(body="Rewritten."),
    lambda notes: notes.delete(),
    lambda notes: notes.filter(kind=CaseNote.Kind.CSE_DECISION).update(title="Rewritten."),
])
def test_queryset_updates_and_deletes_are_refused(add_decision_note, change):
    add_decision_note()
    with pytest.raises(RecordImmutable):
        change(CaseNote.objects.all())
    assert CaseNote.objects.count() == 1


def test_bulk_update_and_the_childs_related_manager_are_refused_too(add_decision_note, child):
    note = add_decision_note()
    note.title = "Rewritten."
    with pytest.raises(RecordImmutable):
        CaseNote.objects.bulk_update([note], ["title"])
    with pytest.raises(RecordImmutable):
        child.case_notes.update(title="Rewritten.")
    with pytest.raises(RecordImmutable):
        child.case_notes.all().delete()


def test_an_amendment_is_a_new_note_pointing_at_the_original(personas, add_decision_note, child):
    original = add_decision_note()
    amendment = case_note_amend(actor=personas.practitioner, note=original,
                                body="Correction: the meeting is on Tuesday, not Monday.")
    assert amendment.pk != original.pk
    assert amendment.amends == original
    assert (amendment.child, amendment.kind, amendment.author) == (child, original.kind, personas.practitioner)
    assert amendment.title == "Amendment: " + original.title
    original.refresh_from_db()
    assert original.body.startswith("Agreed risk level: High.")  # untouched
    assert list(original.amendments.all()) == [amendment]


def test_amending_an_amendment_does_not_stack_prefixes(personas, add_decision_note):
    first = case_note_amend(actor=personas.practitioner, note=add_decision_note(), body="First correction.")
    second = case_note_amend(actor=personas.practitioner, note=first, body="Second correction.")
    assert second.title == first.title and second.amends == first


def test_an_amendment_is_audited_and_delivered_to_the_source_system(personas, add_decision_note):
    original = add_decision_note()
    amendment = case_note_amend(actor=personas.practitioner, note=original, body="Corrected text.")
    event = AuditEvent.objects.get(verb="case_note.amended")
    assert (event.actor, event.object_id, str(event.child_id)) == (personas.practitioner, str(amendment.pk),
                                                                   str(original.child_id))
    assert event.outcome == AuditEvent.Outcome.ALLOWED
    assert OutboxMessage.objects.filter(kind=CASE_NOTE_DELIVERY,
                                        payload__note_id=str(amendment.pk)).exists()


@pytest.mark.parametrize("persona", ["outsider", "auditor", "police_coordinator"])
def test_someone_who_may_not_edit_the_childs_record_cannot_amend_and_the_refusal_is_audited(
        personas, add_decision_note, persona):
    original = add_decision_note()
    actor = getattr(personas, persona)
    with pytest.raises(PermissionDenied):
        case_note_amend(actor=actor, note=original, body="Not mine to correct.")
    assert not CaseNote.objects.filter(amends=original).exists()
    event = AuditEvent.objects.get(verb="case_note.amended", actor=actor)
    assert event.outcome == AuditEvent.Outcome.DENIED and event.object_id == str(original.pk)


def test_an_empty_amendment_is_refused(personas, add_decision_note):
    with pytest.raises(ValueError, match="corrected text"):
        case_note_amend(actor=personas.practitioner, note=add_decision_note(), body="   ")
