"""Writing to the audit trail. Services call `record()` inside their own transaction, so the
event commits or rolls back with the change it describes. Each event joins one lane's chain
(docs/adr/0033); the lane stays locked to that transaction until it ends."""

import re
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from csepathway.core import request_context

from .models import AuditEvent, AuditLane, canonical_ip, canonical_uuid

GENESIS_HASH = "0" * 64
# A changed field is named, never quoted: anything that does not look like a name is refused.
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


class ChainForked(Exception):
    """A lane's head moved under a writer that thought it held the lane: never expected, since the
    lane's row is locked; raised so the event is not chained onto a stale head."""


def audit_lanes_ensure(count: int | None = None) -> None:
    """Create the lanes that are missing (migration 0008 creates them; a test database's flush
    empties the table, so the first writer after it creates them again)."""
    count = max(1, int(count if count is not None else getattr(settings, "AUDIT_LANES", 16)))
    AuditLane.objects.bulk_create([AuditLane(number=n, position=0, last_hash=GENESIS_HASH) for n in range(count)],
                                  ignore_conflicts=True)


def _take_lane() -> AuditLane:
    """Lock a lane's head for the rest of the caller's transaction and return it.

    First choice: any lane no other transaction holds (SKIP LOCKED), at random so that writers
    spread over the lanes. When every lane is busy, wait for the lowest-numbered one. The waits
    cannot form a cycle: a writer only ever waits for that one lane, and a transaction that already
    holds it gets it again at once (a row lock is not waited for by its own holder), so whoever
    holds the lowest lane never waits for a lane, and everyone waiting waits for it.

    On SQLite both SELECTs lock nothing (Django leaves FOR UPDATE out there); every transaction
    Django opens starts with BEGIN IMMEDIATE (config/settings/base.py), so the writer already holds
    the database's single write lock before it reads a lane's head."""
    lane = AuditLane.objects.select_for_update(skip_locked=True).order_by("?").first()
    if lane is None:
        lane = AuditLane.objects.select_for_update().order_by("number").first()
    if lane is None:
        audit_lanes_ensure()
        lane = AuditLane.objects.select_for_update().order_by("number").first()
    return lane


def record(
    *,
    actor,
    verb: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    child_id: uuid.UUID | str | None = None,
    outcome: str = AuditEvent.Outcome.ALLOWED,
    changed_fields: Iterable[str] = (),
    acting_role: str | None = None,
) -> AuditEvent:
    """Append one event to the trail. `obj` fills object type and id when given. `changed_fields`
    takes the NAMES of changed fields; values are refused."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    names = sorted({str(name) for name in changed_fields})
    for name in names:
        if not _FIELD_NAME.fullmatch(name):
            raise ValueError("changed_fields takes field names, not values.")
    context = request_context.current()
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    # No savepoint: a failed append must fail the caller's transaction, never leave it going on
    # without its audit event.
    with transaction.atomic(savepoint=False):
        lane = _take_lane()
        event = AuditEvent(
            occurred_at=timezone.now(),
            actor=actor if is_user else None,
            actor_username=actor.get_username() if is_user else "",
            acting_role=acting_role if acting_role is not None else (getattr(actor, "role", "") or ""),
            verb=verb,
            object_type=object_type,
            object_id=str(object_id),
            child_id=canonical_uuid(child_id),
            outcome=outcome,
            request_id=context.request_id,
            # Stored as hashed: one spelling per address, and None for anything that is not one.
            client_ip=canonical_ip(context.client_ip),
            changed_fields=names,
            lane=lane.number,
            position=lane.position + 1,
            previous_hash=lane.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        # Compare and set: the head moves only from where this writer read it.
        moved = AuditLane.objects.filter(number=lane.number, position=lane.position).update(
            position=event.position, last_hash=event.hash)
        if moved != 1:
            raise ChainForked(f"audit lane {lane.number} moved under its writer")
    return event
