"""What a meeting decided about each child's item: the minutes, and the needs and interventions
agreed for the child's plan."""

from django.conf import settings
from django.db import models

from csepathway.assessments.models import RiskLevel
from csepathway.core.models import BaseModel


class ItemMinutes(BaseModel):
    """The minutes of one agenda item: what was shared, the group's risk level, the next review."""

    agenda_item = models.OneToOneField("meetings.AgendaItem", on_delete=models.PROTECT, related_name="minutes")
    information_shared = models.TextField(blank=True)
    # The group's level: the same as before (confirmed) or a new one (changed), always with a reason.
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    risk_level_rationale = models.TextField(blank=True)
    next_review_on = models.DateField(null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return f"Minutes of {self.agenda_item}"


class AgreedIntervention(BaseModel):
    """A need and the intervention agreed for it, written into the child's plan when the minutes are
    published."""

    agenda_item = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT, related_name="interventions")
    need = models.TextField()
    intervention = models.TextField()
    # The plan the chair chose for it (children.models.PLANS_FOR_NEEDS); blank: the child's plan when
    # the minutes are published (entries made before the choice existed).
    plan = models.CharField(max_length=20, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agenda_item", "created_at"]

    def __str__(self):
        return f"Intervention for {self.agenda_item}"
