"""Audit events are never updated or deleted: by the model, and on PostgreSQL by the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from csepathway.audit.models import AuditEvent
from csepathway.core.models import RecordImmutable

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only; SQLite has none"
)


def test_saving_an_existing_event_is_refused(chain):
    (event,) = chain(1)
    event.verb = "rewritten"
    with pytest.raises(RecordImmutable):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).verb == "test.event0"


def test_deleting_an_event_is_refused(chain):
    (event,) = chain(1)
    with pytest.raises(RecordImmutable):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_is_refused(chain):
    chain(2)
    with pytest.raises(RecordImmutable):
        AuditEvent.objects.filter(verb="test.event0").update(verb="rewritten")
    with pytest.raises(RecordImmutable):
        AuditEvent.objects.all().update(outcome="denied")
    assert not AuditEvent.objects.filter(verb="rewritten").exists()


def test_queryset_delete_is_refused(chain):
    chain(2)
    with pytest.raises(RecordImmutable):
        AuditEvent.objects.all().delete()
    with pytest.raises(RecordImmutable):
        AuditEvent.objects.filter(verb="test.event1").delete()
    assert AuditEvent.objects.count() == 2


def test_bulk_update_is_refused(chain):
    events = chain(2)
    for event in events:
        event.verb = "rewritten"
    # bulk_update opens an atomic block without a savepoint; ours keeps the test's transaction usable.
    with pytest.raises(RecordImmutable), transaction.atomic():
        AuditEvent.objects.bulk_update(events, ["verb"])
    assert not AuditEvent.objects.filter(verb="rewritten").exists()


@postgres_only
def test_database_refuses_raw_update(chain):
    (event,) = chain(1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET verb = 'rewritten' WHERE sequence = %s", [event.sequence])
    assert AuditEvent.objects.get(pk=event.pk).verb == "test.event0"


@postgres_only
def test_database_refuses_raw_delete(chain):
    chain(2)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == 2


@postgres_only
def test_database_still_accepts_new_events(chain):
    chain(3)
    assert AuditEvent.objects.count() == 3
