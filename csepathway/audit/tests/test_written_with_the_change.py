"""Services write the audit event in the same transaction as the change; reads are audited too."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.http import Http404

from csepathway.audit.models import AuditEvent, AuditLane
from csepathway.audit.selectors import audit_chain_verify
from csepathway.children import selectors, services
from csepathway.children.models import Child
from csepathway.children.tests.factories import ChildFactory


class Boom(Exception):
    pass


def _new_child_data():
    return {"first_name": "Robin", "last_name": "Testchild", "date_of_birth": dt.date(2010, 5, 1), "plan": "cin"}


# transaction=True: real COMMIT and ROLLBACK, so an event written on another connection or in
# its own transaction would survive the rollback and fail the test.
@pytest.mark.django_db(transaction=True)
def test_no_audit_event_remains_when_the_change_rolls_back(personas):
    with pytest.raises(Boom), transaction.atomic():
        services.child_create(actor=personas.practitioner, data=_new_child_data())
        assert AuditEvent.objects.filter(verb="child.created").count() == 1  # written, not deferred
        raise Boom
    assert not Child.objects.exists()
    assert not AuditEvent.objects.filter(verb="child.created").exists()
    assert audit_chain_verify() is None


@pytest.mark.django_db(transaction=True)
def test_audit_event_commits_with_the_change(personas):
    child = services.child_create(actor=personas.practitioner, data=_new_child_data())
    event = AuditEvent.objects.get(verb="child.created")
    assert event.child_id == child.pk
    assert event.actor == personas.practitioner
    assert audit_chain_verify() is None


@pytest.mark.django_db(transaction=True)
def test_chain_continues_from_the_last_committed_event_after_a_rollback(personas, chain):
    chain(3)
    heads = list(AuditLane.objects.values_list("number", "position", "last_hash"))
    with pytest.raises(Boom), transaction.atomic():
        chain(2)
        raise Boom
    # The rolled-back events took their lanes' heads with them.
    assert list(AuditLane.objects.values_list("number", "position", "last_hash")) == heads
    (after,) = chain(1)
    before = {number: last_hash for number, _, last_hash in heads}
    assert AuditEvent.objects.get(pk=after.pk).previous_hash == before[after.lane]
    assert audit_chain_verify() is None


@pytest.mark.django_db
def test_child_update_records_changed_field_names_never_values(personas):
    child = ChildFactory(allocated_worker=personas.practitioner, allocated_team=personas.team,
                         school="Oldfield Primary", address="1 Old Road")
    changed = services.child_update(
        actor=personas.practitioner, child=child, expected_version=child.version,
        data={"school": "Zephyrbrook Academy", "address": "99 Quillfeather Lane"}, aliases=["Birdie"],
    )
    event = AuditEvent.objects.get(verb="child.updated")
    assert event.changed_fields == sorted(changed) == ["address", "aliases", "school"]
    assert event.child_id == child.pk
    # Neither the new nor the old values appear anywhere in the stored row, read as raw SQL.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_auditevent WHERE sequence = %s", [event.sequence])
        row = " ".join(str(value) for value in cursor.fetchone())
    for value in ("Zephyrbrook", "Quillfeather", "Birdie", "Oldfield", "Old Road", child.first_name, child.last_name):
        assert value not in row


@pytest.mark.django_db
def test_every_read_of_a_child_is_audited_allowed_or_denied(personas):
    child = ChildFactory(allocated_worker=personas.practitioner, allocated_team=personas.team)
    selectors.child_get(actor=personas.practitioner, child_id=child.pk)
    with pytest.raises(Http404):
        selectors.child_get(actor=personas.outsider, child_id=child.pk)
    selectors.child_search(actor=personas.practitioner, query=child.last_name)
    events = list(AuditEvent.objects.order_by("sequence"))
    assert [(e.verb, e.actor, e.outcome) for e in events] == [
        ("child.viewed", personas.practitioner, "allowed"),
        ("child.viewed", personas.outsider, "denied"),
        ("child.searched", personas.practitioner, "allowed"),
    ]
    assert events[0].child_id == child.pk
    assert events[1].child_id is None  # a refusal does not confirm the child exists
    assert child.last_name not in str(events[2].object_id)  # the search terms are not kept
