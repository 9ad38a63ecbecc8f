"""Actions agreed at meetings: who does what, by when."""

from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel


class Action(BaseModel):
    """An action agreed at a meeting: support for the child or disruption of those who harm."""

    class Kind(models.TextChoices):
        SUPPORT = "support", "Support for the child"
        DISRUPTION = "disruption", "Disruption (perpetrators, places)"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "No longer needed"

    agenda_item = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT, related_name="actions")
    # Kept beside the item so the tracker for an episode is one query.
    episode = models.ForeignKey("episodes.Episode", on_delete=models.PROTECT, related_name="mase_actions")
    description = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    owner_name = models.CharField(max_length=200)
    # The owner's account, where they have one: only they get the overdue reminder.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="mase_actions")
    agency = models.CharField(max_length=200)
    due_on = models.DateField(db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    last_reminded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "created_at"]
        indexes = [
            # The tracker opens on what is still to do, soonest due first: a few thousand of a region's
            # hundred thousand actions, most long done.
            models.Index(fields=["due_on", "created_at", "id"], name="action_open_by_due",
                         condition=models.Q(status__in=["not_started", "in_progress"])),
        ]

    def __str__(self):
        return f"Action due {self.due_on}"
