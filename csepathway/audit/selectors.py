"""Reading the audit trail, and checking that nobody has altered it."""

import dataclasses
import uuid

from django.db import connection

from .models import AuditEvent, AuditLane, canonical_json, hash_of
from .services import GENESIS_HASH

# What a row altered into something its column type cannot hold raises while it is read back.
_UNREADABLE = (AttributeError, TypeError, ValueError)
# Read as plain tuples, not model instances: at ten million rows the walk is bound by Python, and
# building a model per row would double its time.
_HASHED = ("id", "occurred_at", "actor_id", "actor_username", "acting_role", "verb", "object_type", "object_id",
           "child_id", "outcome", "request_id", "client_ip", "changed_fields", "previous_hash")
_COLUMNS = ("sequence", "lane", "position", "hash", *_HASHED)


@dataclasses.dataclass(frozen=True)
class ChainBreak:
    event_id: str
    sequence: int
    reason: str


def _changed(row) -> bool:
    try:
        return hash_of(canonical_json(**dict(zip(_HASHED, row[4:], strict=True)))) != row[3]
    except _UNREADABLE:
        return True


def audit_chain_verify(*, batch_size: int = 2000) -> ChainBreak | None:
    """Walk every lane's chain in position order; return the first event that does not fit, or None.

    Each event must carry the hash of its own content, point at the event before it in its lane and
    stand at the next position; each lane's last event must be the head its AuditLane row records,
    so events deleted from the end of a lane show too. The walk streams rows with .iterator(), so
    memory stays flat however long the trail is."""
    heads = {lane.number: lane for lane in AuditLane.objects.all()}
    rows = (AuditEvent.objects.order_by("lane", "position", "sequence").values_list(*_COLUMNS)
            .iterator(chunk_size=batch_size))
    lane, position, previous, last = None, 0, GENESIS_HASH, None
    while True:
        try:
            row = next(rows, None)
        except _UNREADABLE:
            return _unreadable_after(lane, position, last)
        if row is None or row[1] != lane:
            if lane is not None and (broken := _tail(heads.pop(lane, None), lane, position, previous, last)):
                return broken
            if row is None:
                return _lanes_without_events(heads)
            lane, position, previous = row[1], 0, GENESIS_HASH
        sequence, _, at, stored_hash, event_id = row[:5]
        if at != position + 1 or row[-1] != previous:
            return ChainBreak(str(event_id), sequence, "does not point at the event before it")
        if _changed(row):
            return ChainBreak(str(event_id), sequence, "has been changed since it was written")
        position, previous, last = at, stored_hash, row


def _tail(head: AuditLane | None, lane: int, position: int, last_hash: str, last_row) -> ChainBreak | None:
    if head is not None and (head.position, head.last_hash) == (position, last_hash):
        return None
    if head is None:
        reason = f"is in lane {lane}, which has no head: the lane was never written to"
    else:
        reason = (f"is the last event of lane {lane} at position {position}, but the lane's head is at "
                  f"position {head.position}: events after it are missing or the head was altered")
    return ChainBreak(str(last_row[4]), last_row[0], reason)


def _lanes_without_events(heads: dict[int, AuditLane]) -> ChainBreak | None:
    for number, head in sorted(heads.items()):
        if head.position != 0 or head.last_hash != GENESIS_HASH:
            return ChainBreak("none", 0, f"lane {number}'s head is at position {head.position}, "
                                         "but the lane holds no events: they are missing")
    return None


def _unreadable_after(lane: int | None, position: int, last_row) -> ChainBreak:
    # The model cannot load the row, so read its identity as plain text: the next row after the
    # last one read, in the walk's order.
    q = connection.ops.quote_name
    table = q(AuditEvent._meta.db_table)
    lane_, position_, sequence_, id_ = (q(name) for name in ("lane", "position", "sequence", "id"))
    after_sequence = last_row[0] if last_row is not None else -1
    lane = -1 if lane is None else lane
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {sequence_}, CAST({id_} AS TEXT) FROM {table} WHERE {lane_} > %s OR ({lane_} = %s AND "  # noqa: S608
            f"({position_} > %s OR ({position_} = %s AND {sequence_} > %s))) "
            f"ORDER BY {lane_}, {position_}, {sequence_} LIMIT 1",
            [lane, lane, position, position, after_sequence],
        )
        row = cursor.fetchone()
    try:
        event_id = str(uuid.UUID(row[1]))
    except (TypeError, ValueError):
        event_id = str(row[1])
    return ChainBreak(event_id, row[0], "can no longer be read as an audit event")
