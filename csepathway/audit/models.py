"""Append-only audit events, chained by hash so that any later change to a stored row shows."""

import hashlib
import json
import uuid

from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditEventImmutable("Audit events are never updated.")

    def delete(self):
        raise AuditEventImmutable("Audit events are never deleted.")


class AuditEventImmutable(Exception):
    pass


class AuditEvent(models.Model):
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

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["actor", "occurred_at"]), models.Index(fields=["child_id", "occurred_at"])]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_username or '-'} {self.verb}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditEventImmutable("Audit events are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEventImmutable("Audit events are never deleted.")

    def canonical(self) -> str:
        return json.dumps(
            {
                "id": str(self.id),
                "occurred_at": self.occurred_at.isoformat(),
                "actor": str(self.actor_id) if self.actor_id else None,
                "actor_username": self.actor_username,
                "acting_role": self.acting_role,
                "verb": self.verb,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "child_id": str(self.child_id) if self.child_id else None,
                "outcome": self.outcome,
                "request_id": self.request_id,
                "client_ip": self.client_ip,
                "changed_fields": list(self.changed_fields or []),
                "previous_hash": self.previous_hash,
            },
            sort_keys=True,
            separators=(",", ":"),
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical().encode()).hexdigest()
