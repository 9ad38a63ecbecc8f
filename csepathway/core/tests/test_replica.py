"""Reporting pages read from a replica when one is configured; everything that writes, and every
read made in order to write (the audit chain's head), stays on the primary. The replica here is a
second database alias pointing at the same test database, as a replica would hold the same rows."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.audit.selectors import audit_chain_verify
from csepathway.audit.services import record
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.replica import REPLICA

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture
def replica(settings):
    settings.DATABASE_REPLICA_READS = True
    return connections[REPLICA]


def test_the_access_history_reads_from_the_replica_and_writes_its_audit_event_to_the_primary(
        personas, client_for, replica):
    child = ChildFactory(allocated_team=personas.team)
    record(actor=personas.practitioner, verb="child.viewed", obj=child, child_id=child.pk)
    client = client_for(personas.auditor)
    before = AuditEvent.objects.count()

    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_primary:
        assert client.get(reverse("oversight:child_history", args=[child.pk])).status_code == 200

    assert any("audit_auditevent" in q["sql"] for q in on_replica)
    assert not [q for q in on_replica if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert [q for q in on_primary if q["sql"].lstrip().upper().startswith("INSERT") and "audit_auditevent" in q["sql"]]
    assert AuditEvent.objects.count() == before + 1
    assert audit_chain_verify() is None


def test_operational_pages_never_read_from_the_replica(personas, client_for, replica):
    ChildFactory(allocated_team=personas.team)
    with CaptureQueriesContext(replica) as on_replica:
        assert client_for(personas.practitioner).get(reverse("children:search")).status_code == 200
    assert not on_replica.captured_queries


def test_without_a_replica_reporting_pages_read_the_primary(personas, client_for):
    child = ChildFactory(allocated_team=personas.team)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client_for(personas.auditor).get(reverse("oversight:child_history", args=[child.pk])).status_code == 200
    assert not on_replica.captured_queries
