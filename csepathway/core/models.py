"""The base every case record stands on: a UUID, timestamps and a version for edit checks."""

import uuid

from django.db import models


class BaseModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Incremented by every service update; a save carrying an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class ConfigurationVersion(models.Model):
    """Versioned configuration data: the screening tool, risk levels, exploitation types, guardrails,
    timescales. Areas differ and tools change, so these are data, not code; a completed form keeps
    the version it was made with. A new version is published by adding a row, never by editing one."""

    class Kind(models.TextChoices):
        SCREENING_TOOL = "screening_tool", "Screening tool"
        RISK_LEVELS = "risk_levels", "Risk levels"
        ASSESSMENT = "assessment", "Risk assessment (sections, exploitation types, guardrails)"
        TIMESCALES = "timescales", "Timescales"
        KNOWLEDGE = "knowledge", "Knowledge panels"
        RETENTION = "retention", "Retention rules"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    data = models.JSONField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="unique_configuration_version")]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"
