"""`manage.py verify_audit`: says the trail is intact, or fails naming the first broken event."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from csepathway.audit.models import AuditEvent
from csepathway.audit.selectors import audit_chain_verify

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


def test_deleted_middle_row_names_the_event_after_the_gap(chain, tamper):
    events = chain(5)
    tamper("DELETE FROM audit_auditevent WHERE sequence = %s", [events[2].sequence])
    message = verify_audit_fails()
    assert str(events[3].id) in message
    assert "does not point at the event before it" in message


def test_deleted_first_row_names_the_new_first_event(chain, tamper):
    events = chain(3)
    tamper("DELETE FROM audit_auditevent WHERE sequence = %s", [events[0].sequence])
    assert str(events[1].id) in verify_audit_fails()


def test_row_rewritten_with_its_own_hash_recomputed_is_caught_by_its_successor(chain, tamper):
    events = chain(4)
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.verb = "child.nothing_to_see"
    tamper("UPDATE audit_auditevent SET verb = %s, hash = %s WHERE sequence = %s",
           [forged.verb, forged.compute_hash(), forged.sequence])
    message = verify_audit_fails()
    assert str(events[2].id) in message
    assert str(events[1].id) not in message


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
