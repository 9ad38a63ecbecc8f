from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel


class Outcome(models.TextChoices):
    NO_CURRENT_RISK = "no_current_risk", "No current risk"
    AT_RISK = "at_risk", "At risk"


class Screening(BaseModel):
    """A completed CSE screening. It keeps the tool version it was made with."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="screenings")
    tool = models.ForeignKey("core.ConfigurationVersion", on_delete=models.PROTECT, related_name="+")
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    # {indicator code: time window code} for significant indicators; codes for the rest.
    significant_indicators = models.JSONField(default=dict, blank=True)
    other_indicators = models.JSONField(default=list, blank=True)
    vulnerabilities = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ["-completed_at"]

    def __str__(self):
        return f"Screening of {self.child_id} ({self.get_outcome_display()})"
