from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel


class Outcome(models.TextChoices):
    NO_CURRENT_RISK = "no_current_risk", "No current risk"
    AT_RISK = "at_risk", "At risk"


class Screening(BaseModel):
    """A completed screening (CSE, or child exploitation from tool version 2). It keeps the tool version
    it was made with."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="screenings")
    tool = models.ForeignKey("core.ConfigurationVersion", on_delete=models.PROTECT, related_name="+")
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    # {indicator code: time window code} for significant indicators; codes for the rest.
    significant_indicators = models.JSONField(default=dict, blank=True)
    # {indicator code: time window code} for the criminal-exploitation indicators (tool version 2 on);
    # empty for screenings made with a version that has none.
    criminal_indicators = models.JSONField(default=dict, blank=True)
    other_indicators = models.JSONField(default=list, blank=True)
    vulnerabilities = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ["-completed_at"]

    def __str__(self):
        return f"Screening of {self.child_id} ({self.get_outcome_display()})"


class ScreeningChallenge(BaseModel):
    """A screening that contradicts itself: significant indicators seen in the last six months, yet
    the outcome "No current risk". The practitioner says why; the outcome stands only once the Team
    Manager agrees (docs/adr/0045)."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for the Team Manager"
        AGREED = "agreed", "The Team Manager agreed"
        NOT_AGREED = "not_agreed", "The Team Manager did not agree"

    screening = models.OneToOneField(Screening, on_delete=models.PROTECT, related_name="challenge")
    reason = models.TextField(help_text="Why there is no current risk despite the recent indicators")
    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    def __str__(self):
        return f"Challenge of {self.screening_id} ({self.get_state_display()})"
