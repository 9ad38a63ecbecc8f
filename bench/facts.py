"""What the figures were measured on: the data's sizes and the machine. Figures without these cannot be
compared with the next run's."""

import datetime as dt
import os
import platform
import subprocess
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


def _proc(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


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
        "memory": memory,
        "database": database,
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "commit": commit or "unknown",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
