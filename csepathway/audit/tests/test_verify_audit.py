"""`manage.py verify_audit`: says the trail is intact, or fails naming the first broken event."""

import io
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from csepathway.audit.models import AuditEvent
from csepathway.audit.selectors import audit_chain_verify

from .conftest import longest_lane

pytestmark = pytest.mark.django_db


def verify_audit() -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def verify_audit_fails() -> str:
    with pytest.raises(CommandError) as failure:
        verify_audit()
    assert failure.value.returncode == 1  # what `manage.py verify_audit` exits with
    return str(failure.value)


def test_intact_trail_passes(chain):
    chain(5)
    assert verify_audit().strip() == "Audit trail intact."


def test_empty_trail_passes():
    assert verify_audit().strip() == "Audit trail intact."


def test_changed_row_is_named(chain, tamper):
    events = chain(5)
    tamper("UPDATE audit_auditevent SET verb = 'child.nothing_to_see' WHERE sequence = %s", [events[2].sequence])
    message = verify_audit_fails()
    assert str(events[2].id) in message
    assert "changed since it was written" in message
    for other in events[:2] + events[3:]:
        assert str(other.id) not in message


@pytest.mark.parametrize("column", ["actor_username", "object_id", "request_id", "hash"])
def test_any_changed_column_is_found(chain, tamper, column):
    events = chain(3)
    tamper(f"UPDATE audit_auditevent SET {column} = 'x' WHERE sequence = %s", [events[1].sequence])  # noqa: S608
    assert str(events[1].id) in verify_audit_fails()


def test_deleted_middle_row_names_the_event_after_the_gap(chain, tamper, two_lanes):
    lane = longest_lane(chain(10))
    tamper("DELETE FROM audit_auditevent WHERE sequence = %s", [lane[1].sequence])
    message = verify_audit_fails()
    assert str(lane[2].id) in message
    assert "does not point at the event before it" in message


def test_deleted_first_row_names_the_new_first_event(chain, tamper, two_lanes):
    lane = longest_lane(chain(6))
    tamper("DELETE FROM audit_auditevent WHERE sequence = %s", [lane[0].sequence])
    assert str(lane[1].id) in verify_audit_fails()


def test_deleted_last_row_shows_against_the_lanes_head(chain, tamper, two_lanes):
    lane = longest_lane(chain(6))
    tamper("DELETE FROM audit_auditevent WHERE sequence = %s", [lane[-1].sequence])
    message = verify_audit_fails()
    assert str(lane[-2].id) in message
    assert "events after it are missing" in message


def test_a_lane_emptied_entirely_shows(chain, tamper, two_lanes):
    lane = longest_lane(chain(6))
    tamper("DELETE FROM audit_auditevent WHERE lane = %s", [lane[0].lane])
    assert f"lane {lane[0].lane}'s head is at position {len(lane)}" in verify_audit_fails()


def _insert(tamper, forged: AuditEvent) -> None:
    forged.hash = forged.compute_hash()
    columns = [f.column for f in AuditEvent._meta.concrete_fields if f.column != "sequence"]
    values = [f.get_db_prep_save(getattr(forged, f.attname), connection)
              for f in AuditEvent._meta.concrete_fields if f.column != "sequence"]
    tamper(f"INSERT INTO audit_auditevent ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(values))})",  # noqa: S608
           values)


def _forged_after(event: AuditEvent, position: int) -> AuditEvent:
    return AuditEvent(id=uuid.uuid4(), occurred_at=event.occurred_at, verb="child.nothing_to_see",
                      object_type="tests.thing", object_id="forged", lane=event.lane, position=position,
                      previous_hash=event.hash, changed_fields=[])


def test_event_inserted_in_the_middle_is_named(chain, tamper, two_lanes):
    lane = longest_lane(chain(10))
    # Well formed and hashed, chained onto a real event, claiming its successor's place.
    forged = _forged_after(lane[1], lane[2].position)
    _insert(tamper, forged)
    message = verify_audit_fails()
    assert str(forged.id) in message or str(lane[2].id) in message
    assert "does not point at the event before it" in message


def test_event_appended_behind_the_writers_back_is_named(chain, tamper, two_lanes):
    lane = longest_lane(chain(6))
    forged = _forged_after(lane[-1], lane[-1].position + 1)
    _insert(tamper, forged)
    message = verify_audit_fails()
    assert str(forged.id) in message
    assert "the lane's head is at position" in message


def test_row_rewritten_with_its_own_hash_recomputed_is_caught_by_its_successor(chain, tamper, two_lanes):
    lane = longest_lane(chain(8))
    forged = AuditEvent.objects.get(pk=lane[1].pk)
    forged.verb = "child.nothing_to_see"
    tamper("UPDATE audit_auditevent SET verb = %s, hash = %s WHERE sequence = %s",
           [forged.verb, forged.compute_hash(), forged.sequence])
    message = verify_audit_fails()
    assert str(lane[2].id) in message
    assert str(lane[1].id) not in message


def test_break_is_found_across_batches(chain, tamper):
    events = chain(12)
    tamper("UPDATE audit_auditevent SET verb = 'x' WHERE sequence = %s", [events[9].sequence])
    broken = audit_chain_verify(batch_size=4)
    assert (broken.event_id, broken.sequence) == (str(events[9].id), events[9].sequence)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's column types refuse the garbage itself")
def test_row_that_can_no_longer_be_read_is_named(chain, tamper):
    events = chain(3)
    tamper("UPDATE audit_auditevent SET occurred_at = 'not a time' WHERE sequence = %s", [events[1].sequence])
    message = verify_audit_fails()
    assert str(events[1].id) in message
