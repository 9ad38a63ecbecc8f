"""record(): every event chains onto the one before, in UTC, stamped with the request it came from."""

import datetime as dt
import hashlib
import uuid

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent, AuditLane
from csepathway.audit.selectors import audit_chain_verify
from csepathway.audit.services import GENESIS_HASH, record
from csepathway.children.tests.factories import ChildFactory
from csepathway.core import request_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_request():
    """Pretend record() runs inside a request from the given address."""
    tokens = []

    def enter(client_ip, request_id="REQ123"):
        tokens.append(request_context.set_current(request_context.RequestContext(request_id, client_ip)))

    yield enter
    for token in reversed(tokens):
        request_context.reset(token)


def test_first_event_chains_onto_the_genesis_hash(chain):
    (first,) = chain(1)
    first = AuditEvent.objects.get(pk=first.pk)
    assert first.previous_hash == GENESIS_HASH == "0" * 64
    assert first.position == 1


def test_each_event_carries_the_hash_of_the_event_before_it_in_its_lane(chain, two_lanes):
    chain(8)
    for lane in (0, 1):
        events = list(AuditEvent.objects.filter(lane=lane).order_by("position"))
        assert [e.position for e in events] == list(range(1, len(events) + 1))
        for before, after in zip([None, *events], events, strict=False):
            assert after.previous_hash == (before.hash if before else GENESIS_HASH)
        head = AuditLane.objects.get(number=lane)
        assert (head.position, head.last_hash) == ((events[-1].position, events[-1].hash) if events
                                                    else (0, GENESIS_HASH))
    assert len(set(AuditEvent.objects.values_list("hash", flat=True))) == 8


def test_writers_spread_over_the_lanes(chain):
    chain(60)
    assert AuditEvent.objects.values("lane").distinct().count() > 1
    assert audit_chain_verify() is None


def test_stored_hash_is_the_sha256_of_the_stored_row(chain):
    chain(3)
    for event in AuditEvent.objects.all():  # fresh from the database, not the objects record() built
        assert event.hash == hashlib.sha256(event.canonical().encode()).hexdigest()
        assert event.hash == event.compute_hash()
    assert audit_chain_verify() is None


def test_event_time_is_timezone_aware_utc(chain):
    (event,) = chain(1)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.occurred_at.tzinfo is not None
    assert stored.occurred_at.utcoffset() == dt.timedelta(0)
    assert abs(stored.occurred_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    # The hashed form says UTC too, whatever the site's TIME_ZONE (Europe/London).
    assert f'"occurred_at":"{stored.occurred_at.astimezone(dt.UTC).isoformat()}"' in stored.canonical()
    assert "+00:00" in stored.canonical()


def test_event_names_actor_role_object_and_child(personas):
    child = ChildFactory()
    event = record(actor=personas.practitioner, verb="child.viewed", obj=child, child_id=child.pk)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert isinstance(stored.id, uuid.UUID)
    assert stored.actor == personas.practitioner
    assert stored.actor_username == "pat.practitioner"
    assert stored.acting_role == personas.practitioner.role
    assert (stored.object_type, stored.object_id, stored.child_id) == ("children.child", str(child.pk), child.pk)
    assert stored.outcome == AuditEvent.Outcome.ALLOWED


def test_request_id_and_client_ip_come_from_the_request(personas, client_for):
    child = ChildFactory(allocated_worker=personas.practitioner, allocated_team=personas.team)
    response = client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.get(verb="child.viewed", child_id=child.pk)
    assert response["X-Request-ID"]
    assert event.request_id == response["X-Request-ID"]
    assert event.client_ip == "127.0.0.1"
    assert event.actor == personas.practitioner
    assert audit_chain_verify() is None


def test_event_outside_a_request_has_no_request_id_or_address(chain):
    (event,) = chain(1)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.request_id == ""
    assert stored.client_ip is None


@pytest.mark.parametrize(
    ("given", "read_back"),
    [
        ("2001:0DB8::0001", {"2001:db8::1"}),  # Django lower-cases and shortens IPv6 on save
        ("::FFFF:10.1.2.3", {"::ffff:10.1.2.3"}),
        ("::1.2.3.4", {"::102:304", "::1.2.3.4"}),  # Python's spelling; PostgreSQL's inet gives the other
        ("fe80::1%eth0", {"fe80::1"}),
        ("not-an-address", {None}),  # a junk X-Forwarded-For must not fail the write on PostgreSQL
        ("", {None}),
    ],
)
def test_an_address_the_database_respells_still_verifies(in_request, given, read_back):
    in_request(given)
    event = record(actor=None, verb="test.address")
    row = AuditEvent.objects.get(pk=event.pk)
    assert row.client_ip in read_back
    assert row.compute_hash() == row.hash
    assert audit_chain_verify() is None


def test_child_id_given_as_text_still_verifies():
    child_id = uuid.uuid4()
    record(actor=None, verb="test.text_child_id", child_id=child_id.hex.upper())
    row = AuditEvent.objects.get(verb="test.text_child_id")
    assert row.child_id == child_id
    assert audit_chain_verify() is None


def test_values_are_refused_as_changed_fields():
    with pytest.raises(ValueError, match="field names"):
        record(actor=None, verb="test.values", changed_fields=["Ravenswood Academy, Testtown"])
    assert not AuditEvent.objects.exists()


def test_changed_field_names_are_stored_sorted_once():
    record(actor=None, verb="test.names", changed_fields=["school", "address", "school"])
    assert AuditEvent.objects.get().changed_fields == ["address", "school"]
