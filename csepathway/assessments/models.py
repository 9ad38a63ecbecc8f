from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel


class RiskLevel(models.TextChoices):
    # The codes are stable; labels and meanings come from the risk-level configuration version.
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Assessment(BaseModel):
    """The NWG-style risk assessment. Sections are saved as the practitioner works (drafts on the
    server), each section's answers stored under its code, and kept with the configuration versions
    they were made with."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted to the CSE team"
        RETURNED = "returned", "Returned for more information"

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="assessments")
    screening = models.ForeignKey("screening.Screening", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="assessments")
    configuration = models.ForeignKey("core.ConfigurationVersion", on_delete=models.PROTECT, related_name="+")
    risk_levels = models.ForeignKey("core.ConfigurationVersion", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    sections = models.JSONField(default=dict, blank=True)
    completed_sections = models.JSONField(default=list, blank=True)
    proposed_risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    risk_rationale = models.TextField(blank=True)
    completed_with_child = models.BooleanField(null=True)
    completed_with_parents = models.BooleanField(null=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Assessment {self.pk} ({self.get_status_display()})"


class ManagerSignOff(BaseModel):
    """The Team Manager's sign-off of an assessment, taken in the service (docs/adr/0043). The
    practitioner asks; a Team Manager of the episode's team agrees, or returns it with comments. An
    agreement is for the assessment as it was (`assessment_version`): a later change needs a new one."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for the Team Manager"
        AGREED = "agreed", "Signed off by the Team Manager"
        RETURNED = "returned", "Returned by the Team Manager"

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="sign_offs")
    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessment_version = models.PositiveIntegerField(help_text="The assessment's version when asked or agreed")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Sign-off of {self.assessment_id} ({self.get_state_display()})"
