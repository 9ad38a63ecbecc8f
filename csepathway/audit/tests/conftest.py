"""Helpers for the audit tests: a quick chain, and raw SQL that goes round the model's guard."""

import pytest
from django.db import connection, transaction

from csepathway.audit.models import AuditEvent, AuditLane
from csepathway.audit.services import audit_lanes_ensure, record

TRIGGER = "audit_event_append_only"


@pytest.fixture
def chain(db):
    """Append n events (no actor, no request) and return them in order."""

    def make(n: int) -> list[AuditEvent]:
        return [record(actor=None, verb=f"test.event{i}", object_type="tests.thing", object_id=str(i))
                for i in range(n)]

    return make


@pytest.fixture
def two_lanes(db):
    """Only lanes 0 and 1, so that a handful of events gives a lane several of them."""
    audit_lanes_ensure()
    AuditLane.objects.filter(number__gte=2).delete()


def in_lane(event: AuditEvent) -> list[AuditEvent]:
    """The events of `event`'s lane, in position order."""
    return list(AuditEvent.objects.filter(lane=event.lane).order_by("position"))


def longest_lane(events: list[AuditEvent]) -> list[AuditEvent]:
    lanes = {}
    for event in events:
        lanes.setdefault(event.lane, []).append(event)
    return max(lanes.values(), key=len)


@pytest.fixture
def tamper(db):
    """Run raw SQL against the audit table, as someone with a database session could. On
    PostgreSQL the append-only trigger would refuse it, so it is disabled for the statement and
    enabled again (the test connects as a superuser; ALTER TABLE is transactional there, so a
    failure inside the savepoint leaves the trigger as it was)."""

    def run(sql: str, params=()) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Django's foreign keys are deferred checks; ALTER TABLE refuses to run while the
                # rows this test inserted still have theirs pending, so run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"ALTER TABLE audit_auditevent DISABLE TRIGGER {TRIGGER}")
            cursor.execute(sql, params)
            if connection.vendor == "postgresql":
                cursor.execute(f"ALTER TABLE audit_auditevent ENABLE TRIGGER {TRIGGER}")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    return run
