"""Monthly partitions of the audit trail on PostgreSQL (docs/adr/0033).

The table is partitioned by the month of occurred_at (migration 0009), with a DEFAULT partition that
takes any event no month partition covers, so nothing is ever refused for want of one. Creating a
partition needs the table's owner, and the service connects as a role that owns nothing
(docs/DATABASE_ROLES.md), so the work is done by a SECURITY DEFINER function the migration makes
(`audit_event_partitions_ensure`): it can only add missing month partitions, each with the trail's
TRUNCATE trigger (row triggers are cloned onto new partitions by PostgreSQL itself). A month some of
whose events already sit in the DEFAULT partition is left there: moving them would need a DELETE.
SQLite has no partitions; everything here does nothing there."""

import datetime as dt

from django.db import connection
from django.utils import timezone

MONTHS_AHEAD = 12


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def audit_partitions_ensure(*, start: dt.date, end: dt.date) -> int:
    """Create the missing month partitions from start's month to end's month, both included; the
    number created. Waits at most a few seconds for the table's lock, then fails (and a later run
    tries again) rather than queue every writer behind it."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_event_partitions_ensure(%s, %s)", [month_start(start), month_start(end)])
        return cursor.fetchone()[0]


def audit_partitions_keep_ahead(*, today: dt.date | None = None, months: int = MONTHS_AHEAD) -> int:
    """This month's partition and the next `months` months'."""
    first = month_start(today or timezone.now().date())
    return audit_partitions_ensure(start=first, end=add_months(first, months))


def audit_partitions_list() -> list[str]:
    """The partitions' names, oldest month first and the DEFAULT partition last."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT inhrelid::regclass::text FROM pg_inherits "
                       "WHERE inhparent = 'audit_auditevent'::regclass ORDER BY 1")
        names = [name for (name,) in cursor.fetchall()]
    return sorted(names, key=lambda name: name.endswith("_default"))
