"""What the figures were measured on: the data's sizes and the machine. Figures without these cannot be
compared with the next run's."""

import datetime as dt
import os
import platform
import subprocess
import time
from pathlib import Path

import django
from django.apps import apps
from django.db import connection

# What each size counts (app label, model), in the order the table shows them.
SIZES = {
    "children": "children.Child",
    "restricted children (active)": "children.ChildRestriction",
    "episodes": "episodes.Episode",
    "case notes": "notes.CaseNote",
    "MASE meetings": "meetings.MaseMeeting",
    "actions": "meetings.Action",
    "NRM referrals": "nrm.NrmReferral",
    "intelligence reports": "intelligence.IntelligenceReport",
    "users": "accounts.User",
    "audit events": "audit.AuditEvent",
}


def data_sizes() -> dict[str, int]:
    sizes = {}
    for label, model_label in SIZES.items():
        model = apps.get_model(model_label)
        rows = model.objects.all()
        if model_label == "children.ChildRestriction":
            rows = rows.filter(lifted_at__isnull=True)
        sizes[label] = rows.count()
    return sizes


def storage(*, largest: int = 12) -> dict:
    """On PostgreSQL, what the data takes on disk: the whole database and its largest tables, each with
    its rows and the bytes of its heap and of its indexes (a partitioned table counts its partitions).
    The capacity model in docs/PERFORMANCE.md scales these figures; elsewhere an empty dict."""
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        total = cursor.fetchone()[0]
        # A partition is counted under its parent (which holds no rows itself); a plain table is its own
        # one member.
        cursor.execute("""
            SELECT parent.relname,
                   SUM(GREATEST(c.reltuples, 0))::bigint,
                   SUM(pg_table_size(c.oid))::bigint,
                   SUM(pg_indexes_size(c.oid))::bigint
            FROM pg_class parent
            JOIN pg_namespace n ON n.oid = parent.relnamespace AND n.nspname = 'public'
            CROSS JOIN LATERAL (SELECT relid FROM pg_partition_tree(parent.oid)
                                UNION SELECT parent.oid) tree
            JOIN pg_class c ON c.oid = tree.relid AND c.relkind <> 'p'
            WHERE parent.relkind IN ('r', 'p') AND NOT parent.relispartition
            GROUP BY parent.relname
            ORDER BY SUM(pg_table_size(c.oid)) + SUM(pg_indexes_size(c.oid)) DESC
            LIMIT %s""", [largest])
        tables = [{"table": name, "rows": rows, "table_bytes": heap, "index_bytes": indexes}
                  for name, rows, heap, indexes in cursor.fetchall()]
    return {"database_bytes": total, "tables": tables}


def _proc(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


# The calibration: the same fixed work on every machine, so that two runs' figures can be compared
# when the machines (or what else ran on them) differ. Shared machines here have differed threefold
# from one day to the next for the same commit and data.
CALIBRATION_LOOP = 5_000_000
# A recursive count, as both databases run it (the bench itself runs on PostgreSQL).
CALIBRATION_SQL = ("WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < 500000) "
                   "SELECT count(*) FROM numbers")


def calibration(*, rounds: int = 3) -> dict[str, float]:
    """The fastest of a few rounds of a fixed Python loop and of a fixed query, in milliseconds."""
    python, database = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        total = 0
        for number in range(CALIBRATION_LOOP):
            total += number
        python.append((time.perf_counter() - start) * 1000)
        with connection.cursor() as cursor:
            start = time.perf_counter()
            cursor.execute(CALIBRATION_SQL)
            cursor.fetchone()
            database.append((time.perf_counter() - start) * 1000)
    return {"python_ms": round(min(python), 1), "database_ms": round(min(database), 1)}


def machine() -> dict[str, str]:
    database = connection.vendor
    if database == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    memory_kb = _proc("/proc/meminfo", "MemTotal").split()[0]
    memory = f"{int(memory_kb) / 1024 / 1024:.1f} GiB" if memory_kb.isdigit() else "unknown"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,  # noqa: S607
                            check=False).stdout.strip()
    return {
        "CPU": f"{_proc('/proc/cpuinfo', 'model name')} × {os.cpu_count()}",
        # On a shared machine, what else was running says how far to trust the figures.
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "calibration": calibration(),
        "memory": memory,
        "database": database,
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "commit": commit or "unknown",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
