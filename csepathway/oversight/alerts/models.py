import uuid

from django.conf import settings
from django.db import models


class AccessAlert(models.Model):
    """A pattern of reading that information governance should look at: many different children
    opened in an hour, or repeated refusals. Raised by oversight.alerts.services, reviewed by an auditor."""

    class Kind(models.TextChoices):
        MANY_CHILDREN = "many_children", "Opened many different children's records"
        DENIED_READS = "denied_reads", "Repeatedly tried to open records they may not see"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    count = models.PositiveIntegerField()
    raised_at = models.DateTimeField(db_index=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["user", "kind", "raised_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.count}) at {self.raised_at:%Y-%m-%d %H:%M}"


class AccessSweep(models.Model):
    """How far the unusual-access sweep (alerts/sweep.py) has read the trail: one row."""

    swept_to = models.DateTimeField()

    def __str__(self):
        return f"swept to {self.swept_to:%Y-%m-%d %H:%M:%S}"
