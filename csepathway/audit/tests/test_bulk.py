"""append_historical(): history loaded in bulk chains like events written one by one, so the trail
verifies afterwards and record() carries on from it."""

import datetime as dt
import uuid

import pytest

from csepathway.audit.bulk import append_historical
from csepathway.audit.models import AuditEvent, AuditLane
from csepathway.audit.partitions import audit_partitions_list
from csepathway.audit.selectors import audit_chain_verify
from csepathway.audit.services import record

pytestmark = pytest.mark.django_db

START = dt.datetime(2021, 11, 20, 9, 0, tzinfo=dt.UTC)


def _rows(n, user=None):
    child = uuid.uuid4()
    for i in range(n):
        yield {"occurred_at": START + dt.timedelta(hours=7 * i), "actor_id": user.pk if user else None,
               "actor_username": user.username if user else "", "acting_role": "practitioner",
               "verb": "child.viewed" if i % 3 else "child.updated", "object_type": "children.child",
               "object_id": str(child), "child_id": child if i % 2 else str(child).upper(),
               "outcome": "denied" if i % 5 == 0 else "allowed", "request_id": f"R{i}",
               "client_ip": "::1.2.3.4" if i % 4 == 0 else (None if i % 4 == 1 else "10.0.0.7"),
               "changed_fields": ["address", "school"] if i % 3 == 0 else []}


def test_bulk_history_verifies_and_record_carries_on(personas):
    seen = []
    written = append_historical(_rows(250, personas.practitioner), batch_size=60, progress=seen.append)
    assert written == 250 == AuditEvent.objects.count()
    assert seen == [60, 120, 180, 240, 250]
    assert audit_chain_verify() is None
    # Dealt across every lane, each lane's head at its last event.
    lanes = AuditLane.objects.count()
    assert AuditEvent.objects.values("lane").distinct().count() == lanes
    for lane in AuditLane.objects.all():
        last = AuditEvent.objects.filter(lane=lane.number).order_by("-position").first()
        assert (lane.position, lane.last_hash) == (last.position, last.hash)
    first = AuditEvent.objects.order_by("sequence").first()
    assert (first.occurred_at, first.actor, first.request_id) == (START, personas.practitioner, "R0")
    for _ in range(20):
        record(actor=None, verb="test.after_bulk")
    assert audit_chain_verify() is None


def test_an_edit_to_bulk_history_shows(tamper):
    append_historical(_rows(40), batch_size=15)
    victim = AuditEvent.objects.order_by("sequence")[17]
    tamper("UPDATE audit_auditevent SET outcome = 'allowed', verb = 'x' WHERE sequence = %s", [victim.sequence])
    broken = audit_chain_verify()
    assert (broken.event_id, broken.sequence) == (str(victim.id), victim.sequence)


def test_nothing_given_writes_nothing():
    assert append_historical([]) == 0
    assert audit_chain_verify() is None


def test_bulk_history_makes_the_month_partitions_it_needs(django_db_blocker):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("partitions exist on PostgreSQL only")
    append_historical(_rows(200), batch_size=50)  # November 2021 to January 2022
    names = audit_partitions_list()
    assert {"audit_auditevent_p202111", "audit_auditevent_p202112", "audit_auditevent_p202201"} <= set(names)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM audit_auditevent_default")
        assert cursor.fetchone()[0] == 0
