"""An NRM decision becomes a case note on the child's record, written with the decision and its audit
event in one transaction: delivered to the source system, the practitioner told by a content-free
email, and nothing left behind if any part of it fails."""

import datetime as dt

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.notes.adapters import CASE_NOTE_DELIVERY
from csepathway.notes.models import CaseNote
from csepathway.nrm import services
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage

from .builders import COMPLETE_ANSWERS, referred

pytestmark = pytest.mark.django_db

REFERRED_ON, RG_ON, CG_ON = dt.date(2026, 1, 5), dt.date(2026, 1, 9), dt.date(2026, 2, 20)


@pytest.fixture
def made(personas, referral):
    return referred(personas.practitioner, referral, REFERRED_ON, reference="NRM-TEST-7")


def _reasonable(actor, referral, outcome="positive", on=RG_ON):
    return services.reasonable_grounds_record(actor=actor, referral=referral, outcome=outcome, decided_on=on,
                                              expected_version=referral.version)


def _notes(referral):
    return list(CaseNote.objects.filter(child_id=referral.child_id, subject_id=str(referral.pk)).order_by("created_at"))


def test_recording_the_reasonable_grounds_decision_writes_a_case_note_delivered_to_the_source_system(
        personas, made, child):
    outbox_before = set(OutboxMessage.objects.values_list("pk", flat=True))

    referral = _reasonable(personas.cse_worker, made)

    [note] = _notes(referral)
    assert note.child == child and note.author == personas.cse_worker
    assert note.subject_type == "nrm.nrmreferral"
    assert note.title == "NRM reasonable-grounds decision: positive"
    assert "Single Competent Authority made a positive reasonable-grounds decision on 9 January 2026" in note.body
    assert "referral was made on 5 January 2026, reference NRM-TEST-7" in note.body
    assert "recovery period of at least 30 days" in note.body and "made from 8 February 2026" in note.body
    # The note says what was decided, never what the referral told the Home Office.
    for section in COMPLETE_ANSWERS.values():
        for answer in section.values():
            if isinstance(answer, str) and "(test)" in answer:
                assert answer not in note.body
    messages = OutboxMessage.objects.exclude(pk__in=outbox_before)
    delivery = messages.get(kind=CASE_NOTE_DELIVERY)
    assert delivery.payload == {"note_id": str(note.pk)}
    email = messages.get(kind=EMAIL)
    assert email.payload["to"] == [personas.practitioner.email]
    assert note.title not in str(email.payload) and child.last_name not in str(email.payload)
    assert AuditEvent.objects.filter(verb="case_note.added", object_id=str(note.pk), child_id=child.pk).exists()


def test_the_conclusive_grounds_decision_writes_its_own_case_note(personas, made):
    referral = _reasonable(personas.practitioner, made)
    outbox_before = set(OutboxMessage.objects.values_list("pk", flat=True))

    referral = services.conclusive_grounds_record(actor=personas.practitioner, referral=referral, outcome="negative",
                                                  decided_on=CG_ON, expected_version=referral.version)

    note = _notes(referral)[-1]
    assert note.title == "NRM conclusive-grounds decision: negative"
    assert "made a negative conclusive-grounds decision on 20 February 2026" in note.body
    assert "recovery period" not in note.body
    messages = OutboxMessage.objects.exclude(pk__in=outbox_before)
    assert messages.filter(kind=CASE_NOTE_DELIVERY, payload__note_id=str(note.pk)).exists()
    # The practitioner recorded it: no email to tell them about their own note.
    assert not messages.filter(kind=EMAIL).exists()


class _NoteFailed(Exception):
    pass


def test_a_decision_rolls_back_with_its_case_note_if_the_note_fails(personas, made, monkeypatch):
    real = services.case_note_add

    def write_then_fail(**kwargs):
        real(**kwargs)
        raise _NoteFailed

    monkeypatch.setattr(services, "case_note_add", write_then_fail)
    outbox_before = OutboxMessage.objects.count()

    with pytest.raises(_NoteFailed):
        _reasonable(personas.cse_worker, made)

    made.refresh_from_db()
    assert (made.reasonable_grounds, made.reasonable_grounds_on) == ("", None)
    assert _notes(made) == []
    assert OutboxMessage.objects.count() == outbox_before
    assert not AuditEvent.objects.filter(verb__in=["nrm.reasonable_grounds_recorded", "case_note.added"],
                                         child_id=made.child_id).exists()


def test_the_same_decision_recorded_again_writes_no_second_note(personas, made):
    referral = _reasonable(personas.cse_worker, made)
    again = _reasonable(personas.practitioner, referral)

    assert len(_notes(again)) == 1
    assert AuditEvent.objects.filter(verb="nrm.reasonable_grounds_recorded").count() == 1


def test_a_corrected_reasonable_grounds_decision_amends_its_note(personas, made):
    first = _reasonable(personas.cse_worker, made)
    corrected = _reasonable(personas.cse_worker, first, outcome="negative")

    original, amendment = _notes(corrected)
    assert amendment.amends == original
    assert amendment.title == "Amendment: NRM reasonable-grounds decision: negative"
    assert "made a negative reasonable-grounds decision" in amendment.body
    assert original.title == "NRM reasonable-grounds decision: positive"  # kept as it was written


def test_recording_the_decision_on_its_page_leaves_the_note_on_the_childs_record(personas, client_for, made, child):
    data = {"outcome": "positive", "decided_on_day": "9", "decided_on_month": "1", "decided_on_year": "2026",
            "version": made.version}

    response = client_for(personas.cse_manager).post(reverse("nrm:reasonable_grounds", args=[made.pk]), data)

    assert response.status_code == 302
    [note] = _notes(made)
    page = client_for(personas.practitioner).get(reverse("notes:detail", args=[note.pk]))
    assert page.status_code == 200
    assert "positive reasonable-grounds decision on 9 January 2026" in page.text
