"""MASE meetings: the meeting itself (when, where, who chairs) and its agenda of child episodes. The
parts (invitations, minutes, actions) keep their models in their own packages."""

import uuid

from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel
from csepathway.core.wording import say_lazy


def new_uid() -> str:
    """The iCalendar UID: chosen once, never changed, so updates and cancellations replace the invite."""
    return f"{uuid.uuid4()}@cse-pathway"


class MaseMeeting(BaseModel):
    class Kind(models.TextChoices):
        INITIAL = "initial", say_lazy("Initial MASE")
        REVIEW = "review", say_lazy("Review MASE")
        CONTEXTUAL = "contextual", say_lazy("Contextual (strategic) MASE")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held: minutes published"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Aware datetimes, stored in UTC like every DateTimeField with USE_TZ.
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=300)
    online_link = models.URLField(max_length=500, blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chaired_meetings")
    state = models.CharField(max_length=20, choices=State.choices, default=State.SCHEDULED, db_index=True)
    # iCalendar SEQUENCE: 0 for the first invite, one higher for every update or cancellation.
    sequence = models.PositiveIntegerField(default=0)
    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cancellation_reason = models.TextField(blank=True)
    # A contextual (strategic) meeting may look at people, places and themes as well as children.
    # Free text until the register of persons and places links them.
    persons_of_concern = models.TextField(blank=True)
    places_of_concern = models.TextField(blank=True)
    themes = models.TextField(blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    minutes_published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="meeting_ends_after_it_starts")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"


class AgendaItem(BaseModel):
    meeting = models.ForeignKey(MaseMeeting, on_delete=models.PROTECT, related_name="agenda_items")
    episode = models.ForeignKey("episodes.Episode", on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "episode"], name="agenda_item_once_per_meeting")]

    def __str__(self):
        return f"Item {self.order} of {self.meeting}"


class MeetingChange(BaseModel):
    """When a meeting was scheduled, moved or cancelled, and by whom: the chronology's true order of
    what happened, which the meeting's own row (its latest date, its state) cannot tell."""

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        MOVED = "moved", "Moved"
        CANCELLED = "cancelled", "Cancelled"

    meeting = models.ForeignKey(MaseMeeting, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()  # the meeting's start after the change
    previous_starts_at = models.DateTimeField(null=True, blank=True)  # before a move
    reason = models.TextField(blank=True)  # why it was cancelled

    class Meta:
        ordering = ["meeting", "created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.meeting}"


# Each part keeps its own models; Django finds them through this module.
from .actions.models import Action  # noqa: E402
from .directory.models import DirectoryEntry  # noqa: E402
from .invitations.models import Invitee  # noqa: E402
from .minutes.models import AgreedIntervention, ItemMinutes  # noqa: E402

__all__ = ["Action", "AgendaItem", "AgreedIntervention", "DirectoryEntry", "Invitee", "ItemMinutes", "MaseMeeting"]
