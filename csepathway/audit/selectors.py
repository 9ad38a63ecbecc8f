"""Reading the audit trail, and checking that nobody has altered it."""

import dataclasses

from .models import AuditEvent
from .services import GENESIS_HASH


@dataclasses.dataclass(frozen=True)
class ChainBreak:
    event_id: str
    sequence: int
    reason: str


def audit_chain_verify(*, batch_size: int = 2000) -> ChainBreak | None:
    """Walk the whole chain in order; return the first event that does not fit, or None."""
    previous = GENESIS_HASH
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if event.previous_hash != previous:
            return ChainBreak(str(event.id), event.sequence, "does not point at the event before it")
        if event.compute_hash() != event.hash:
            return ChainBreak(str(event.id), event.sequence, "has been changed since it was written")
        previous = event.hash
    return None
