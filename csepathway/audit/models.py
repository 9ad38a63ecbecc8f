"""Append-only audit events, chained by hash so that any later change to a stored row shows."""

import datetime as dt
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
    try:
        return str(ipaddress.ip_address(str(value).strip().split("%")[0]))
    except ValueError:
        return None


def canonical_uuid(value) -> str | None:
    if not value:
        return None
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return str(value)


class AuditEvent(AppendOnlyModel):
    class Outcome(models.TextChoices):
        ALLOWED = "allowed", "Allowed"
        DENIED = "denied", "Denied"

    # The sequence gives the chain its order; the UUID is the event's public identity.
    sequence = models.BigAutoField(primary_key=True)
    id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept as text too, so the trail still reads after an account is renamed.
    actor_username = models.CharField(max_length=150, blank=True)
    acting_role = models.CharField(max_length=40, blank=True)
    verb = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    child_id = models.UUIDField(null=True, blank=True, db_index=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ALLOWED)
    request_id = models.CharField(max_length=32, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    # Names of changed fields only, never their values: the trail must not become a copy of the case.
    changed_fields = models.JSONField(default=list, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["actor", "occurred_at"]), models.Index(fields=["child_id", "occurred_at"])]
        # Two events can never claim the same predecessor, so the chain cannot fork even if the
        # lock in record() were bypassed: a racing writer fails instead of breaking the trail.
        constraints = [models.UniqueConstraint(fields=["previous_hash"], name="audit_event_one_successor")]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_username or '-'} {self.verb}"

    def canonical(self) -> str:
        return json.dumps(
            {
                "id": str(self.id),
                "occurred_at": self.occurred_at.astimezone(dt.UTC).isoformat(),
                "actor": str(self.actor_id) if self.actor_id else None,
                "actor_username": self.actor_username,
                "acting_role": self.acting_role,
                "verb": self.verb,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "child_id": canonical_uuid(self.child_id),
                "outcome": self.outcome,
                "request_id": self.request_id,
                "client_ip": canonical_ip(self.client_ip),
                "changed_fields": list(self.changed_fields or []),
                "previous_hash": self.previous_hash,
            },
            sort_keys=True,
            separators=(",", ":"),
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical().encode()).hexdigest()
