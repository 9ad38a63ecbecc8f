"""Beyond one box: two web processes and two task workers against one PostgreSQL database. Every
case note the web processes write is emailed exactly once and delivered exactly once, nothing is
lost, and the audit trail they share stays unbroken. Real processes, each with its own connection,
and a real SMTP server."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from csepathway.audit.selectors import audit_chain_verify
from csepathway.children.tests.factories import ChildFactory
from csepathway.notes.adapters import CASE_NOTE_DELIVERY
from csepathway.notes.models import CaseNote
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage

ROOT = Path(__file__).resolve().parent.parent
CHILDREN_EACH, NOTES_EACH = 5, 6

pytestmark = [
    pytest.mark.postgres_only, pytest.mark.slow,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several processes need a server database"),
    pytest.mark.django_db(transaction=True),
]


def _process(*args) -> subprocess.Popen:
    settings = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"}
    return subprocess.Popen([sys.executable, "-m", "tests.scale_out.process", *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_two_web_processes_and_two_workers_send_everything_once(personas, smtp_server, settings):
    settings.CASE_NOTE_ADAPTER = "none"
    authors = [personas.practitioner, personas.same_team_practitioner]
    children = {author.pk: [ChildFactory(allocated_team=personas.team) for _ in range(CHILDREN_EACH)]
                for author in authors}
    workers = [_process("worker", smtp_server.port, 5, 90) for _ in range(2)]
    webs = [_process("web", author.pk, ",".join(str(c.pk) for c in children[author.pk]), NOTES_EACH)
            for author in authors]
    for process in webs + workers:
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output

    notes = CaseNote.objects.count()
    assert notes == len(authors) * CHILDREN_EACH * NOTES_EACH
    messages = OutboxMessage.objects.all()
    assert messages.filter(kind=EMAIL).count() == notes
    assert messages.filter(kind=CASE_NOTE_DELIVERY).count() == notes
    assert not messages.exclude(status=OutboxMessage.Status.SENT).exists()
    # Each email named its note's page: every note's link arrived, and none twice.
    assert len(smtp_server.envelopes) == notes, len(smtp_server.envelopes)
    received = Counter(line for message in smtp_server.messages for line in message.get_content().splitlines()
                       if "/notes/" in line)
    assert len(received) == notes and set(received.values()) == {1}
    assert audit_chain_verify() is None
