"""Append-only audit events, chained by hash so that any later change to a stored row shows.

The trail is several chains, one per lane (docs/adr/0033): a writer appends to whichever lane no
other transaction holds, so writers do not queue behind one lock."""

import datetime as dt
import functools
import hashlib
import ipaddress
import json
import uuid

from django.conf import settings
from django.db import models

from csepathway.core.models import AppendOnlyModel


def canonical_ip(value) -> str | None:
    """One spelling per address. The database may hand an address back spelt differently from
    how it was given (PostgreSQL's inet writes "::1.2.3.4" where Python writes "::102:304", and
    Django lower-cases IPv6), so the hash is taken over this form, never over the raw text.
    Anything that is not an address becomes None."""
    if not value:
        return None
    return _canonical_ip(str(value))


# Cached: verify and the bulk loader meet the same few thousand addresses and children millions of
# times, and parsing them again is most of the cost of hashing an event.
@functools.lru_cache(maxsize=65_536)
def _canonical_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip().split("%")[0]))
    except ValueError:
        return None


def canonical_uuid(value) -> str | None:
    if not value:
        return None
    return _canonical_uuid(str(value))


@functools.lru_cache(maxsize=65_536)
def _canonical_uuid(text: str) -> str:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return text


def canonical_json(*, id, occurred_at: dt.datetime, actor_id, actor_username: str, acting_role: str, verb: str,
                   object_type: str, object_id: str, child_id, outcome: str, request_id: str, client_ip,
                   changed_fields, previous_hash: str) -> str:
    """The text an event's hash is taken over. Shared by the model and the bulk loader (bulk.py), so
    the two can never drift apart. Lane and position are not in it (docs/adr/0033): the link to the
    previous hash already fixes where an event stands in its lane, and events written before lanes
    existed keep the hashes they were written with."""
    return json.dumps(
        {
            "id": str(id),
            "occurred_at": occurred_at.astimezone(dt.UTC).isoformat(),
            "actor": str(actor_id) if actor_id else None,
            "actor_username": actor_username,
            "acting_role": acting_role,
            "verb": verb,
            "object_type": object_type,
            "object_id": object_id,
            "child_id": canonical_uuid(child_id),
            "outcome": outcome,
            "request_id": request_id,
            "client_ip": canonical_ip(client_ip),
            "changed_fields": list(changed_fields or []),
            "previous_hash": previous_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
    )


def hash_of(canonical: str) -> str:
    return hashlib.sha256(canonical.encode()).hexdigest()


class AuditLane(models.Model):
    """The head of one lane's chain: how many events it holds and the hash of its last. A writer
    locks its lane's row for the rest of its transaction (services.record), which is what keeps two
    writers off the same predecessor; verify checks each lane's last event against this row, so an
    event deleted from the end of a lane shows too."""

    number = models.PositiveSmallIntegerField(primary_key=True)
    position = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"lane {self.number} at {self.position}"


class AuditEvent(AppendOnlyModel):
    class Outcome(models.TextChoices):
        ALLOWED = "allowed", "Allowed"
        DENIED = "denied", "Denied"

    # The sequence is a global insertion order; the UUID is the event's public identity. On
    # PostgreSQL the table is partitioned by month of occurred_at and its primary key is
    # (sequence, occurred_at), since a partitioned table's keys must include the partition key.
    sequence = models.BigAutoField(primary_key=True)
    id = models.UUIDField(default=uuid.uuid4, editable=False)
    # Indexed on its own for the sweep of recent reads (oversight/alerts/sweep.py); the partition key.
    occurred_at = models.DateTimeField(db_index=True)
    # No index of its own: (actor, occurred_at) below serves every lookup by actor.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # Kept as text too, so the trail still reads after an account is renamed.
    actor_username = models.CharField(max_length=150, blank=True)
    acting_role = models.CharField(max_length=40, blank=True)
    verb = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80, blank=True)
    # Indexed: a refused read of a child names the child only here (oversight/history child_events).
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    child_id = models.UUIDField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ALLOWED)
    request_id = models.CharField(max_length=32, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    # Names of changed fields only, never their values: the trail must not become a copy of the case.
    changed_fields = models.JSONField(default=list, blank=True)
    # The lane's chain: the event's place in it (1, 2, ...) and the hash of the event before.
    lane = models.PositiveSmallIntegerField()
    position = models.BigIntegerField()
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["sequence"]
        # Only what queries use (docs/adr/0033). No unique constraint on id, hash or a lane's
        # predecessor: a partitioned table's unique keys must include occurred_at, which would make
        # them meaningless. What kept the chain from forking is now the lane's row lock and the
        # compare-and-set of its head in record(), and verify_audit shows any fork after the fact.
        indexes = [
            models.Index(fields=["actor", "occurred_at"], name="audit_audit_actor_i_023a4b_idx"),
            models.Index(fields=["child_id", "occurred_at"], name="audit_audit_child_i_bd40e7_idx"),
            models.Index(fields=["lane", "position"], name="audit_event_lane_position"),
        ]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_username or '-'} {self.verb}"

    def canonical(self) -> str:
        return canonical_json(
            id=self.id, occurred_at=self.occurred_at, actor_id=self.actor_id, actor_username=self.actor_username,
            acting_role=self.acting_role, verb=self.verb, object_type=self.object_type, object_id=self.object_id,
            child_id=self.child_id, outcome=self.outcome, request_id=self.request_id, client_ip=self.client_ip,
            changed_fields=self.changed_fields, previous_hash=self.previous_hash,
        )

    def compute_hash(self) -> str:
        return hash_of(self.canonical())
