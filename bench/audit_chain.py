"""How fast the audit trail is written and checked. Not part of the test suite.

    .venv/bin/python bench/audit_chain.py [EVENTS]            # SQLite, in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/csepathway .venv/bin/python bench/audit_chain.py

It builds a throw-away database (a temporary SQLite file, or a database named bench_<name> on
PostgreSQL, dropped afterwards), so it never touches the real trail. It reports:

- record() one event per transaction, as a page view writes it;
- record() many events inside one transaction, as a bulk service would;
- audit_chain_verify() over the whole trail, with the peak memory Python allocated while it ran
  (flat, because the walk streams rows with .iterator()).
"""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from csepathway.audit.models import AuditEvent  # noqa: E402
from csepathway.audit.selectors import audit_chain_verify  # noqa: E402
from csepathway.audit.services import record  # noqa: E402


def timed(label: str, count: int, fn) -> float:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    rate = f"{count / seconds:,.0f} events/s" if count else ""
    print(f"{label:<42} {seconds:8.2f} s  {rate}")
    return seconds


def run(events: int) -> None:
    each = events // 10  # one transaction per event is slow; a tenth is enough to measure it
    bulk = events - each

    def one_per_transaction():
        for i in range(each):
            record(actor=None, verb="bench.viewed", object_type="children.child", object_id=str(i))

    def one_transaction():
        with transaction.atomic():
            for i in range(bulk):
                record(actor=None, verb="bench.updated", object_type="children.child", object_id=str(i),
                       changed_fields=["school", "address"])

    print(f"{connection.vendor}, {events:,} events")
    timed(f"record(), own transaction ({each:,})", each, one_per_transaction)
    timed(f"record(), one transaction ({bulk:,})", bulk, one_transaction)
    assert AuditEvent.objects.count() == events

    result = []
    timed(f"audit_chain_verify() ({events:,})", events, lambda: result.append(audit_chain_verify()))
    assert result == [None], result
    # Measured on a second walk: tracing every allocation slows the walk several times over.
    tracemalloc.start()
    audit_chain_verify()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{'verify peak Python memory':<42} {peak / 1024 / 1024:8.1f} MiB")


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as folder:
        test_settings = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor == "sqlite":
            test_settings["NAME"] = str(Path(folder) / "bench.sqlite3")  # a file: WAL and fsync as deployed
        else:
            test_settings["NAME"] = f"bench_{connection.settings_dict['NAME']}"
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            run(events)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
