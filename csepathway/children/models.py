import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from csepathway.core.models import BaseModel


class Plan(models.TextChoices):
    NONE = "none", "No plan"
    EARLY_HELP = "early_help", "Early help (team around the family)"
    CIN = "cin", "Child in need (section 17)"
    CP = "cp", "Child protection (section 47)"
    LAC = "lac", "Looked after"


class LacLegalStatus(models.TextChoices):
    S20 = "s20", "Section 20 (voluntary accommodation)"
    S31 = "s31", "Section 31 (care order)"
    S38 = "s38", "Section 38 (interim care order)"


class Gender(models.TextChoices):
    GIRL = "girl", "Girl"
    BOY = "boy", "Boy"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "Described another way"
    NOT_KNOWN = "not_known", "Not known"


class Child(BaseModel):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.NOT_KNOWN)
    ethnicity = models.CharField(max_length=100, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    has_learning_disability = models.BooleanField(default=False)
    has_send = models.BooleanField("Special educational needs or disability", default=False)
    address = models.TextField(blank=True)
    # A protected address (refuge, secret placement) is never shown beyond the allocated team.
    address_protected = models.BooleanField(default=False)
    school = models.CharField(max_length=200, blank=True)
    plan = models.CharField(max_length=20, choices=Plan.choices, default=Plan.NONE)
    lac_legal_status = models.CharField(max_length=10, choices=LacLegalStatus.choices, blank=True)
    lcs_reference = models.CharField("LCS reference", max_length=40, blank=True, db_index=True)
    ehm_reference = models.CharField("EHM reference", max_length=40, blank=True, db_index=True)
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="allocated_children"
    )
    allocated_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="allocated_children"
    )

    class Meta:
        ordering = ["last_name", "first_name", "date_of_birth"]
        verbose_name_plural = "children"
        indexes = [models.Index(fields=["last_name", "first_name"]), models.Index(fields=["date_of_birth"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class ChildAlias(models.Model):
    """Other names the child is known by: aliases, nicknames, street names, online handles."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["child", "name"], name="unique_alias_per_child")]

    def __str__(self):
        return self.name


class PlanEntry(models.Model):
    """A need and intervention recorded into the child's plan (CIN, CP, LAC or TAF). CSE work sits
    inside the plan the child already has; this records what was agreed for it, and where."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="plan_entries")
    # The plan the child had when the entry was made: plans change, entries keep their context.
    plan = models.CharField(max_length=20, choices=Plan.choices)
    need = models.TextField()
    intervention = models.TextField()
    agreed_on = models.DateField()
    # Where it was agreed (a MASE meeting), named loosely so children need not know the apps above.
    source = models.CharField(max_length=200)
    source_type = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-agreed_on", "-created_at"]
        verbose_name_plural = "plan entries"

    def __str__(self):
        return f"Plan entry {self.agreed_on}"


# Restricted records and emergency ("break-glass") access: docs/adr/0021.
RESTRICTION_REVIEW_DAYS = 90
BREAK_GLASS_HOURS = 4


def restriction_review_default() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=RESTRICTION_REVIEW_DAYS)


class RestrictionReason(models.TextChoices):
    STAFF = "staff", "The child is a member of staff or a member of staff's relative"
    HIGH_PROFILE = "high_profile", "The child or family is high profile"
    HIGH_RISK = "high_risk", "Knowing about the record would put someone at risk"
    OTHER = "other", "Another reason"


class ChildRestriction(models.Model):
    """Hides a child from everyone not on its allow-list. Never deleted: a lifted restriction stays
    as history, with who asked for the lift and the different person who approved it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="restrictions")
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


class RestrictionLiftDecline(models.Model):
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
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="break_glass_grants")
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
