"""Restricted records (a second approver to lift) and emergency ("break-glass") access
(docs/adr/0021)."""

import uuid

from django.conf import settings
from django.db import models

from csepathway.core.models import AppendOnlyModel

# Defined beside Child, where the migrations name it; children.models has it before it imports this.
from ..models import restriction_review_default


class RestrictionReason(models.TextChoices):
    STAFF = "staff", "The child is a member of staff or a member of staff's relative"
    HIGH_PROFILE = "high_profile", "The child or family is high profile"
    HIGH_RISK = "high_risk", "Knowing about the record would put someone at risk"
    OTHER = "other", "Another reason"


class ChildRestriction(models.Model):
    """Hides a child from everyone not on its allow-list. Never deleted: a lifted restriction stays
    as history, with who asked for the lift and the different person who approved it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="restrictions")
    reason = models.CharField(max_length=20, choices=RestrictionReason.choices)
    reason_detail = models.TextField(blank=True)
    allowed_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    allowed_teams = models.ManyToManyField("accounts.Team", blank=True, related_name="+")
    review_due = models.DateField(default=restriction_review_default)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    lift_requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    lift_requested_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=models.Q(lifted_at__isnull=True),
                                    name="one_active_restriction_per_child"),
            # The database refuses a lift approved by the person who asked for it, whatever the code does.
            models.CheckConstraint(condition=~models.Q(lifted_by=models.F("lift_requested_by")),
                                   name="restriction_lift_needs_a_second_person"),
        ]

    def __str__(self):
        return f"Restriction {self.get_reason_display()}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class RestrictionReview(models.Model):
    """One review of a restriction: it is still needed until the next review date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    restriction = models.ForeignKey(ChildRestriction, on_delete=models.PROTECT, related_name="reviews")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField()
    next_review_due = models.DateField()

    class Meta:
        ordering = ["-reviewed_at"]

    def __str__(self):
        return f"Review {self.reviewed_at:%Y-%m-%d}"


class RestrictionLiftDecline(AppendOnlyModel):
    """A request to lift a restriction that a second person declined: the restriction stays in force
    and the request is cleared from it, so it can be asked for again. Kept as history, with the
    request as it was made (docs/adr/0026)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    restriction = models.ForeignKey(ChildRestriction, on_delete=models.PROTECT, related_name="lift_declines")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    request_reason = models.TextField()
    declined_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    declined_at = models.DateTimeField()
    reason = models.TextField()

    class Meta:
        ordering = ["-declined_at"]
        constraints = [
            # As for approval: the person who asked cannot decide on their own request.
            models.CheckConstraint(condition=~models.Q(declined_by=models.F("requested_by")),
                                   name="restriction_lift_decline_needs_a_second_person"),
        ]

    def __str__(self):
        return f"Lift declined {self.declined_at:%Y-%m-%d}"


class BreakGlassGrant(models.Model):
    """Emergency access by one user to one child outside their scope, for a few hours, kept for
    information governance to review."""

    class Outcome(models.TextChoices):
        JUSTIFIED = "justified", "The access was justified"
        NOT_JUSTIFIED = "not_justified", "The access was not justified"
        FOLLOW_UP = "follow_up", "Needs following up"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = models.TextField()
    # How the user confirmed who they were: totp, backup_code, or password_only (demo without a device).
    confirmed_with = models.CharField(max_length=20)
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "child", "expires_at"])]

    def __str__(self):
        return f"Emergency access {self.granted_at:%Y-%m-%d %H:%M}"
