"""Writing to the audit trail. Services call `record()` inside their own transaction, so the
event commits or rolls back with the change it describes."""

import re
import uuid
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.utils import timezone

from csepathway.core import request_context

from .models import AuditEvent, canonical_ip, canonical_uuid

GENESIS_HASH = "0" * 64
# An arbitrary constant key for PostgreSQL's advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_212_026
# A changed field is named, never quoted: anything that does not look like a name is refused.
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


# Apps above the trail that act on what is written to it (oversight's unusual-access check) hand
# a listener here at start-up; each is called with every event, inside the writer's transaction.
EventListener = Callable[[AuditEvent], None]
_listeners: list[EventListener] = []


def register_listener(listener: EventListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def _lock_chain() -> None:
    # Two transactions appending at once would both chain onto the same predecessor; on
    # PostgreSQL an advisory lock held to commit makes them queue. On SQLite every transaction
    # Django opens starts with BEGIN IMMEDIATE (config/settings/base.py), so the writer already
    # holds the database's single write lock before it reads the head of the chain.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


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
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-sequence").values_list("hash", flat=True).first()
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
            previous_hash=last or GENESIS_HASH,
        )
        event.hash = event.compute_hash()
        event.save()
        for listener in _listeners:
            listener(event)
    return event
