"""One process of the scale-out test (tests/test_scale_out.py), run as `python -m tests.scale_out.process
ROLE ...` against the test's PostgreSQL database: a "web" process writing case notes as practitioners
do (each note queues an email and a delivery and appends to the audit trail), or a "worker" relaying
the outbox, as gunicorn and the task worker would, each in its own process with its own connection."""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

# As in production: a write queues the relay task in the database for the workers, rather than
# relaying in the writing process as the test suite's immediate backend would.
settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
django.setup()

from django.db import connection  # noqa: E402


def web(author_id: str, child_ids: list[str], notes_each: int) -> None:
    from csepathway.accounts.models import User
    from csepathway.children.models import Child
    from csepathway.notes.models import CaseNote
    from csepathway.notes.services import case_note_add

    author = User.objects.get(pk=author_id)
    for child in Child.objects.filter(pk__in=child_ids):
        for n in range(notes_each):
            case_note_add(actor=author, child=child, kind=CaseNote.Kind.GENERAL, title=f"Note {n} (test)",
                          body="Synthetic note written under load (test).", notify=[author])


def worker(smtp_port: int, idle_seconds: float, most_seconds: float) -> None:
    from csepathway.outbox.models import OutboxMessage
    from csepathway.outbox.relay import outbox_relay_due

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": smtp_port, "timeout": 5}}}
    # Relay while the web processes write; once work has come, stop when none has waited for a while.
    deadline, idle_since, seen = time.monotonic() + most_seconds, time.monotonic(), False
    while time.monotonic() < deadline and not (seen and time.monotonic() - idle_since > idle_seconds):
        outbox_relay_due(limit=20)
        if OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists():
            idle_since, seen = time.monotonic(), True
        else:
            time.sleep(0.1)


if __name__ == "__main__":
    role, *args = sys.argv[1:]
    try:
        if role == "web":
            web(args[0], args[1].split(","), int(args[2]))
        else:
            worker(int(args[0]), float(args[1]), float(args[2]))
    finally:
        connection.close()
