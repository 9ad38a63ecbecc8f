import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone

from csepathway.core.models import BaseModel


class Plan(models.TextChoices):
    NONE = "none", "No plan"
    EARLY_HELP = "early_help", "Early help (team around the family)"
    CIN = "cin", "Child in need (section 17)"
    CP = "cp", "Child protection (section 47)"
    LAC = "lac", "Looked after"


# The plans a need agreed at a MASE can be written into: a child's CSE work sits inside one of these.
# Early help is the team around the family (TAF) plan.
PLANS_FOR_NEEDS = (Plan.CIN, Plan.CP, Plan.LAC, Plan.EARLY_HELP)


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
    lcs_reference = models.CharField("LCS reference", max_length=40, blank=True)
    ehm_reference = models.CharField("EHM reference", max_length=40, blank=True)
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="allocated_children"
    )
    allocated_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="allocated_children"
    )

    class Meta:
        ordering = ["last_name", "first_name", "date_of_birth"]
        verbose_name_plural = "children"
        # References are matched whatever their case (iexact is UPPER(x) = UPPER(y)), so they are
        # indexed that way. Names are searched by part through trigram indexes that migration 0006
        # adds on PostgreSQL; SQLite scans.
        indexes = [models.Index(fields=["last_name", "first_name"]), models.Index(fields=["date_of_birth"]),
                   models.Index(Upper("lcs_reference"), name="child_lcs_reference_upper"),
                   models.Index(Upper("ehm_reference"), name="child_ehm_reference_upper")]

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


# Restricted records and emergency access keep their models in their own package; Django finds them
# through this module.
from .restrictions.models import (  # noqa: E402
    BreakGlassGrant,
    ChildRestriction,
    RestrictionLiftDecline,
    RestrictionReason,
    RestrictionReview,
)

__all__ = ["BreakGlassGrant", "Child", "ChildAlias", "ChildRestriction", "Gender", "LacLegalStatus", "Plan",
           "PlanEntry", "RestrictionLiftDecline", "RestrictionReason", "RestrictionReview"]
