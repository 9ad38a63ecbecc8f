"""Loading history into the audit trail in bulk: the volume-data generator's way in.

FOR A DATABASE NOBODY ELSE IS WRITING TO. append_historical() locks every lane for each batch and
chains the events onto the lanes' heads itself, so the chains stay valid and verify_audit passes
afterwards; but it writes events with the times it is given, long past, which record() never does,
and on PostgreSQL it creates month partitions as it goes. Use it to fill a fresh or scratch database
(bench data, load tests), never against a live service's trail: a live trail's events are only
ever written by record(), as things happen.

Events are dealt across the lanes in turn, hashed in Python with the same canonical form as
record() (models.canonical_json), written with COPY on PostgreSQL (psycopg 3) and bulk_create on
SQLite, and each batch commits with the lanes' heads moved on."""

import datetime as dt
import itertools
import json
import uuid
from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction

from .models import AuditEvent, AuditLane, canonical_ip, canonical_json, canonical_uuid, hash_of
from .partitions import audit_partitions_ensure
from .services import audit_lanes_ensure

_COLUMNS = ("id", "occurred_at", "actor_id", "actor_username", "acting_role", "verb", "object_type", "object_id",
            "child_id", "outcome", "request_id", "client_ip", "changed_fields", "lane", "position",
            "previous_hash", "hash")


def append_historical(rows: Iterable[dict], *, batch_size: int = 50_000,
                      progress: Callable[[int], None] | None = None) -> int:
    """Append `rows` (dicts with occurred_at, actor_id, actor_username, acting_role, verb,
    object_type, object_id, child_id, outcome, request_id, client_ip, changed_fields; in
    occurred_at order) to the trail; the number written. `progress(written_so_far)` is called after
    each batch commits."""
    audit_lanes_ensure()
    written = 0
    source = iter(rows)
    while batch := list(itertools.islice(source, batch_size)):
        written += _write_batch(batch, dealt_before=written)
        if progress is not None:
            progress(written)
    return written


def _chain(batch: list[dict], lanes: list[AuditLane], dealt_before: int) -> Iterator[tuple]:
    """Each row as the tuple of _COLUMNS, chained onto its lane; the lanes' heads move on as it goes.
    A generator, so that on PostgreSQL the server indexes one part of the batch while Python hashes
    the next (COPY sends as its buffer fills)."""
    heads = [(lane.position, lane.last_hash) for lane in lanes]
    count = len(lanes)
    for i, row in enumerate(batch, start=dealt_before):
        k = i % count
        position, previous = heads[k]
        position += 1
        event_id = uuid.uuid4()
        child_id = canonical_uuid(row["child_id"])
        client_ip = canonical_ip(row["client_ip"])
        fields = list(row["changed_fields"] or [])
        values = (event_id, row["occurred_at"], row["actor_id"], row["actor_username"], row["acting_role"],
                  row["verb"], row["object_type"], str(row["object_id"]), child_id, row["outcome"],
                  row["request_id"], client_ip, fields)
        digest = hash_of(canonical_json(
            id=event_id, occurred_at=row["occurred_at"], actor_id=row["actor_id"],
            actor_username=row["actor_username"], acting_role=row["acting_role"], verb=row["verb"],
            object_type=row["object_type"], object_id=values[7], child_id=child_id, outcome=row["outcome"],
            request_id=row["request_id"], client_ip=client_ip, changed_fields=fields, previous_hash=previous))
        heads[k] = (position, digest)
        yield (*values, lanes[k].number, position, previous, digest)
    for lane, (position, last_hash) in zip(lanes, heads, strict=True):
        lane.position, lane.last_hash = position, last_hash


def _write_batch(batch: list[dict], *, dealt_before: int) -> int:
    with transaction.atomic():
        lanes = list(AuditLane.objects.select_for_update().order_by("number"))
        if connection.vendor == "postgresql":
            audit_partitions_ensure(start=batch[0]["occurred_at"].astimezone(dt.UTC).date(),
                                    end=batch[-1]["occurred_at"].astimezone(dt.UTC).date())
        events = _chain(batch, lanes, dealt_before)
        if connection.vendor == "postgresql":
            _copy(events)
        else:
            AuditEvent.objects.bulk_create([AuditEvent(**dict(zip(_COLUMNS, event, strict=True))) for event in events])
        # Only now, with the generator run to its end, do the lanes hold their new heads.
        AuditLane.objects.bulk_update(lanes, ["position", "last_hash"])
    return len(batch)


def _copy(events: Iterator[tuple]) -> None:
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor, cursor.copy(
            f"COPY {table} ({', '.join(_COLUMNS)}) FROM STDIN") as copy:  # fixed names, never input
        for event in events:
            copy.write_row((*event[:12], json.dumps(event[12]), *event[13:]))
