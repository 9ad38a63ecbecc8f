"""Council systems that use the API (LCS, EHM), their tokens, their webhook subscriptions and
what was delivered to them; the inbound referrals and case-note acknowledgements they sent."""

import uuid

from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel


class SystemClient(BaseModel):
    """A council system. It acts as its service account: a User with a role and a team, so every
    read and write through the API is scoped by exactly the rules the pages use (ADR 0058)."""

    class Kind(models.TextChoices):
        LCS = "lcs", "LCS (children's social care)"
        EHM = "ehm", "EHM (early help)"
        OTHER = "other", "Another system"

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    service_account = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                           related_name="system_client")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Scope(models.TextChoices):
    REFERRALS_WRITE = "referrals:write", "Send referrals"
    CASE_NOTES_WRITE = "case-notes:write", "Acknowledge case notes"
    READ = "read", "Read episodes, decisions, meetings and children for reporting"


class ApiToken(models.Model):
    """A bearer token. Only the SHA-256 of the secret is kept: the secret is shown once, when it is
    issued. `prefix` (the start of the token) lets people tell tokens apart without the secret."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    system = models.ForeignKey(SystemClient, on_delete=models.PROTECT, related_name="tokens")
    prefix = models.CharField(max_length=20)
    secret_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # The token this one replaced when it was rotated.
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="replaced_by")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}… ({self.system})"


class InboundReferral(models.Model):
    """The source system's referral id, once: a second POST with the same id finds the episode here
    and creates nothing (ADR 0059). The episode and child are named by id, not by a foreign key:
    like the audit trail, this keeps only opaque ids, so a disposed record leaves nothing readable
    here and the disposal walk need not know the API (ADR 0025, 0032)."""

    system = models.ForeignKey(SystemClient, on_delete=models.PROTECT, related_name="referrals")
    referral_id = models.CharField(max_length=80)
    episode_id = models.UUIDField()
    child_id = models.UUIDField(db_index=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["system", "referral_id"], name="one_referral_per_source_id")]


class CaseNoteAcknowledgement(models.Model):
    """The source system has the case note it was sent (outbound adapter, notes/adapters.py)."""

    # Opaque ids, not foreign keys, for the reason InboundReferral gives.
    note_id = models.UUIDField()
    child_id = models.UUIDField(db_index=True)
    system = models.ForeignKey(SystemClient, on_delete=models.PROTECT, related_name="acknowledgements")
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["note_id", "system"], name="one_acknowledgement_per_system")]


class WebhookSubscription(BaseModel):
    """Where a system wants to hear of events, and the secret the deliveries are signed with. The
    secret is kept (not hashed) because the service signs with it (ADR 0060)."""

    system = models.ForeignKey(SystemClient, on_delete=models.PROTECT, related_name="subscriptions")
    target_url = models.URLField(max_length=500)
    secret = models.CharField(max_length=100)
    events = models.JSONField(default=list)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return f"{self.system}: {self.target_url}"


class WebhookDelivery(models.Model):
    """One attempt to deliver one event to one subscription: the delivery log. It goes with its
    outbox message (CASCADE), so disposing of a child, which deletes the child's outbox messages,
    takes the log of what was sent about the child too."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message = models.ForeignKey("outbox.OutboxMessage", on_delete=models.CASCADE, related_name="+")
    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.PROTECT, related_name="deliveries")
    event_id = models.UUIDField(db_index=True)
    event = models.CharField(max_length=40)
    child_id = models.UUIDField(null=True, blank=True, db_index=True)
    attempt = models.PositiveIntegerField()
    status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    attempted_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempted_at"]
        verbose_name_plural = "webhook deliveries"
