"""Appending a long history to the trail at once (volume data, imports): the rows arrive in the order
they happened and are chained onto the existing trail in batches, never one record() at a time.

STAND-IN: one chain, plain bulk_create. The real writer (one chain per lane, COPY, monthly
partitions) replaces this module with the same signature."""

from collections.abc import Callable, Iterable

from django.db import transaction

from .models import AuditEvent, canonical_ip, canonical_uuid
from .services import GENESIS_HASH, _lock_chain


def append_historical(rows: Iterable[dict], *, batch_size: int = 50_000,
                      progress: Callable[[int], None] | None = None) -> int:
    """Chain `rows` (dicts of AuditEvent's fields, in occurred_at order) onto the trail; return how many."""
    written = 0
    batch: list[AuditEvent] = []
    for row in rows:
        batch.append(_event(row))
        if len(batch) >= batch_size:
            written += _append(batch)
            batch = []
            if progress is not None:
                progress(written)
    if batch:
        written += _append(batch)
        if progress is not None:
            progress(written)
    return written


def _event(row: dict) -> AuditEvent:
    return AuditEvent(
        occurred_at=row["occurred_at"], actor_id=row.get("actor_id"), actor_username=row.get("actor_username", ""),
        acting_role=row.get("acting_role", ""), verb=row["verb"], object_type=row.get("object_type", ""),
        object_id=str(row.get("object_id", "")), child_id=canonical_uuid(row.get("child_id")),
        outcome=row.get("outcome", AuditEvent.Outcome.ALLOWED), request_id=row.get("request_id", ""),
        client_ip=canonical_ip(row.get("client_ip")), changed_fields=list(row.get("changed_fields") or []))


def _append(batch: list[AuditEvent]) -> int:
    with transaction.atomic():
        _lock_chain()
        previous = AuditEvent.objects.order_by("-sequence").values_list("hash", flat=True).first() or GENESIS_HASH
        for event in batch:
            event.previous_hash = previous
            event.hash = previous = event.compute_hash()
        AuditEvent.objects.bulk_create(batch)
    return len(batch)
