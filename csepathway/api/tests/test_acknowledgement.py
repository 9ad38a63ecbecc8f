"""The source system acknowledges a case note it received: once, idempotently, within its scope."""

import pytest

from csepathway.api.models import CaseNoteAcknowledgement
from csepathway.audit.models import AuditEvent
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(personas, child):
    return case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Note (test)",
                         body="Spoke to school (synthetic).")


def url(note_id) -> str:
    return f"/api/v1/case-notes/{note_id}/acknowledgement"


def test_the_first_acknowledgement_is_recorded_and_a_second_changes_nothing(client, north_system, note):
    first = client.post(url(note.pk), **north_system.headers())
    assert first.status_code == 201 and first.json()["created"] is True
    again = client.post(url(note.pk), **north_system.headers())
    assert again.status_code == 200 and again.json()["acknowledged_at"] == first.json()["acknowledged_at"]
    assert CaseNoteAcknowledgement.objects.filter(note_id=note.pk, child_id=note.child_id).count() == 1
    assert AuditEvent.objects.filter(verb="api.case_note_acknowledged", actor=north_system.account).count() == 1


def test_another_teams_system_gets_404_and_records_nothing(client, south_system, note):
    response = client.post(url(note.pk), **south_system.headers())
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert not CaseNoteAcknowledgement.objects.exists()
    assert AuditEvent.objects.filter(verb="api.case_note_acknowledgement", outcome="denied").exists()


def test_acknowledging_needs_the_case_notes_scope(client, system_for, personas, note):
    reader = system_for(personas.team, name="Reader", scopes=["read"])
    assert client.post(url(note.pk), **reader.headers()).status_code == 403
