"""Writers appending at the same moment still leave one unbroken chain (PostgreSQL)."""

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


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real concurrent connections; SQLite's in-memory test database serialises writers anyway",
)
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
    assert audit_chain_verify() is None
    duplicates = [h for h, n in Counter(AuditEvent.objects.values_list("previous_hash", flat=True)).items() if n > 1]
    assert duplicates == []


@pytest.mark.django_db(transaction=True)
def test_writer_holds_the_chain_lock_before_it_reads_the_head_of_the_chain():
    """What keeps two writers off the same predecessor. PostgreSQL: the advisory lock. SQLite:
    BEGIN IMMEDIATE (config/settings/base.py), which takes the single write lock at once; under a
    plain deferred BEGIN concurrent writers fail with "database is locked" instead."""
    with CaptureQueriesContext(connection) as queries:
        record(actor=None, verb="test.locked")
    statements = [q["sql"] for q in queries.captured_queries]
    head = next(i for i, sql in enumerate(statements) if sql.startswith("SELECT") and "audit_auditevent" in sql)
    lock = "pg_advisory_xact_lock" if connection.vendor == "postgresql" else "BEGIN IMMEDIATE"
    assert any(lock in sql for sql in statements[:head]), statements
