"""Reading the audit trail, and checking that nobody has altered it."""

import dataclasses
import uuid

from django.db import connection

from .models import AuditEvent
from .services import GENESIS_HASH

# What a row altered into something its column type cannot hold raises while it is read back.
_UNREADABLE = (AttributeError, TypeError, ValueError)


@dataclasses.dataclass(frozen=True)
class ChainBreak:
    event_id: str
    sequence: int
    reason: str


def audit_chain_verify(*, batch_size: int = 2000) -> ChainBreak | None:
    """Walk the whole chain in order; return the first event that does not fit, or None.

    The walk streams rows with .iterator(), so memory stays flat however long the trail is."""
    previous, last_sequence = GENESIS_HASH, 0
    events = AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size)
    while True:
        try:
            event = next(events, None)
        except _UNREADABLE:
            return _unreadable_after(last_sequence)
        if event is None:
            return None
        if event.previous_hash != previous:
            return ChainBreak(str(event.id), event.sequence, "does not point at the event before it")
        try:
            unchanged = event.compute_hash() == event.hash
        except _UNREADABLE:
            unchanged = False
        if not unchanged:
            return ChainBreak(str(event.id), event.sequence, "has been changed since it was written")
        previous, last_sequence = event.hash, event.sequence


def _unreadable_after(sequence: int) -> ChainBreak:
    # The model cannot load the row, so read its identity as plain text.
    table, seq, id_ = (connection.ops.quote_name(name) for name in (AuditEvent._meta.db_table, "sequence", "id"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {seq}, CAST({id_} AS TEXT) FROM {table} WHERE {seq} > %s ORDER BY {seq} LIMIT 1",  # noqa: S608
            [sequence],
        )
        row = cursor.fetchone()
    try:
        event_id = str(uuid.UUID(row[1]))
    except (TypeError, ValueError):
        event_id = str(row[1])
    return ChainBreak(event_id, row[0], "can no longer be read as an audit event")
