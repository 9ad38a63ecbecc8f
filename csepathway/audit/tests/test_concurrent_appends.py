"""Writers appending at the same moment still leave every lane's chain unbroken, losing nothing and
forking nothing (PostgreSQL)."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from csepathway.audit.models import AuditEvent
from csepathway.audit.selectors import audit_chain_verify
from csepathway.audit.services import record

THREADS = 8
EVENTS_EACH = 15


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real concurrent connections; SQLite's in-memory test database serialises writers anyway",
)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_leave_an_unbroken_chain():
    start = threading.Barrier(THREADS)
    errors = []

    def writer(n):
        try:
            start.wait()
            for i in range(EVENTS_EACH):
                record(actor=None, verb="test.concurrent", object_type="tests.thread", object_id=f"{n}-{i}")
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AuditEvent.objects.count() == THREADS * EVENTS_EACH
    assert sorted(AuditEvent.objects.values_list("object_id", flat=True)) == sorted(
        f"{n}-{i}" for n in range(THREADS) for i in range(EVENTS_EACH))
    assert audit_chain_verify() is None
    # No fork: no two events share a place or a predecessor within a lane.
    for key in (("lane", "position"), ("lane", "previous_hash")):
        assert [k for k, n in Counter(AuditEvent.objects.values_list(*key)).items() if n > 1] == []
    assert AuditEvent.objects.values("lane").distinct().count() > 1  # they did not all queue for one lane


@pytest.mark.django_db(transaction=True)
def test_writer_holds_its_lane_before_it_reads_the_lanes_head():
    """What keeps two writers off the same predecessor. PostgreSQL: the lane's row lock, taken by the
    very SELECT that reads its head. SQLite: BEGIN IMMEDIATE (config/settings/base.py), which takes
    the single write lock at once; under a plain deferred BEGIN concurrent writers fail with
    "database is locked" instead."""
    with CaptureQueriesContext(connection) as queries:
        record(actor=None, verb="test.locked")
    statements = [q["sql"] for q in queries.captured_queries]
    head = next(i for i, sql in enumerate(statements) if sql.startswith("SELECT") and "audit_auditlane" in sql)
    if connection.vendor == "postgresql":
        assert statements[head].endswith("FOR UPDATE SKIP LOCKED"), statements[head]
    else:
        assert any("BEGIN IMMEDIATE" in sql for sql in statements[:head]), statements
    assert not any("pg_advisory" in sql for sql in statements)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_when_every_lane_is_held_a_writer_waits_for_the_lowest():
    record(actor=None, verb="test.lanes_made")  # the flush emptied the lanes; this makes them again
    holder = connections.create_connection("default")
    holder.set_autocommit(False)
    done = threading.Event()
    written = []

    def writer():
        try:
            written.append(record(actor=None, verb="test.waited"))
        finally:
            done.set()
            connections.close_all()

    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT number FROM audit_auditlane FOR UPDATE")
        thread = threading.Thread(target=writer)
        thread.start()
        assert not done.wait(1.0)  # every lane is held: it waits, it does not fail or skip
        holder.rollback()
        assert done.wait(10)
        thread.join()
    finally:
        holder.close()
    assert written[0].lane == 0
    assert audit_chain_verify() is None
