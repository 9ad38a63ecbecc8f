"""The audit trail's month partitions (PostgreSQL): made ahead of time, and every one of them, new
ones included, refuses UPDATE, DELETE and TRUNCATE like the table they belong to."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from csepathway.audit import tasks
from csepathway.audit.models import AuditEvent
from csepathway.audit.partitions import add_months, audit_partitions_ensure, audit_partitions_list
from csepathway.audit.services import record

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="partitions exist on PostgreSQL only")


def test_add_months_crosses_years():
    assert add_months(dt.date(2026, 11, 1), 3) == dt.date(2027, 2, 1)
    assert add_months(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite only")
def test_on_sqlite_there_is_nothing_to_do():
    out = io.StringIO()
    call_command("audit_partitions", stdout=out)
    assert "PostgreSQL only" in out.getvalue()
    assert audit_partitions_ensure(start=dt.date(2040, 1, 1), end=dt.date(2040, 3, 1)) == 0


@postgres_only
def test_the_command_keeps_twelve_months_ahead():
    today = dt.date.today().replace(day=1)
    out = io.StringIO()
    call_command("audit_partitions", stdout=out)
    names = set(audit_partitions_list())
    for months in range(13):
        assert f"audit_auditevent_p{add_months(today, months):%Y%m}" in names
    assert "audit_auditevent_default" in names
    assert audit_partitions_ensure(start=today, end=add_months(today, 12)) == 0  # idempotent


@postgres_only
def test_a_new_partition_refuses_update_delete_and_truncate():
    assert audit_partitions_ensure(start=dt.date(2041, 3, 1), end=dt.date(2041, 4, 1)) == 2
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # An event written in that month lands in its partition.
    import time_machine

    with time_machine.travel(dt.datetime(2041, 3, 15, 12, tzinfo=dt.UTC), tick=False):
        event = record(actor=None, verb="test.future")
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM audit_auditevent WHERE sequence = %s", [event.sequence])
        assert cursor.fetchone()[0] == "audit_auditevent_p204103"
    for sql in ("UPDATE audit_auditevent_p204103 SET verb = 'x'", "DELETE FROM audit_auditevent_p204103",
                "TRUNCATE audit_auditevent_p204103", "TRUNCATE audit_auditevent_default",
                "UPDATE audit_auditevent SET verb = 'x'", "DELETE FROM audit_auditevent", "TRUNCATE audit_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).verb == "test.future"


@postgres_only
def test_every_partition_has_the_truncate_trigger_and_the_row_trigger():
    audit_partitions_ensure(start=dt.date(2042, 1, 1), end=dt.date(2042, 2, 1))
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT c.relname, array_agg(t.tgname ORDER BY t.tgname) FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid
            LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND t.tgname LIKE 'audit_event_%%' AND t.tgenabled = 'O'
            WHERE i.inhparent = 'audit_auditevent'::regclass GROUP BY c.relname""")
        triggers = dict(cursor.fetchall())
    assert len(triggers) >= 15
    assert {tuple(names) for names in triggers.values()} == {("audit_event_append_only", "audit_event_no_truncate")}


@postgres_only
def test_events_with_no_month_partition_land_in_the_default_one():
    import time_machine

    with time_machine.travel(dt.datetime(2009, 6, 1, tzinfo=dt.UTC), tick=False):
        event = record(actor=None, verb="test.long_ago")
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM audit_auditevent WHERE sequence = %s", [event.sequence])
        assert cursor.fetchone()[0] == "audit_auditevent_default"
    # That month is then left in the default partition: moving the event would need a DELETE.
    assert audit_partitions_ensure(start=dt.date(2009, 6, 1), end=dt.date(2009, 6, 1)) == 0
    assert "audit_auditevent_p200906" not in audit_partitions_list()


def test_the_daily_task_queues_its_next_run(monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.cycles, "schedule", lambda task, when: queued.append((task, when)) or when)
    tasks.keep_audit_partitions_ahead.call()
    [(task, when)] = queued
    assert task is tasks.keep_audit_partitions_ahead
    assert dt.timedelta(hours=23) < when - dt.datetime.now(dt.UTC) <= dt.timedelta(days=1)
