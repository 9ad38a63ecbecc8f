"""MASE meetings: the meeting itself (when, where, who chairs) and its agenda of child episodes."""

import uuid

from django.conf import settings
from django.db import models

from csepathway.assessments.models import RiskLevel
from csepathway.core.models import BaseModel


def new_uid() -> str:
    """The iCalendar UID: chosen once, never changed, so updates and cancellations replace the invite."""
    return f"{uuid.uuid4()}@cse-pathway"


class MaseMeeting(BaseModel):
    class Kind(models.TextChoices):
        INITIAL = "initial", "Initial MASE"
        REVIEW = "review", "Review MASE"
        CONTEXTUAL = "contextual", "Contextual (strategic) MASE"

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


class ItemMinutes(BaseModel):
    """The minutes of one agenda item: what was shared, the group's risk level, the next review."""

    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="minutes")
    information_shared = models.TextField(blank=True)
    # The group's level: the same as before (confirmed) or a new one (changed), always with a reason.
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    risk_level_rationale = models.TextField(blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return f"Minutes of {self.agenda_item}"


class Invitee(BaseModel):
    """Someone invited to a meeting: the child, a family member or a professional, with where their
    invitation has got to."""

    class Kind(models.TextChoices):
        CHILD = "child", "The child or young person"
        FAMILY = "family", "Parent, carer or family member"
        PROFESSIONAL = "professional", "Professional"

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Sent apologies"

    meeting = models.ForeignKey(MaseMeeting, on_delete=models.PROTECT, related_name="invitees")
    # The child and family are invited for one child's item; professionals may be for the whole meeting.
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="invitees")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    relationship = models.CharField("Relationship or role", max_length=200, blank=True)
    agency = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    # Set when the invitee has an account here (the practitioner, a colleague).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="meeting_invitations")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INVITED, db_index=True)
    # True for the practitioner, invited by the scheduling itself; the practitioner's own
    # invitations (which the 2-working-day clock waits for) are the ones added by hand.
    added_automatically = models.BooleanField(default=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} invited to {self.meeting}"


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

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="actions")
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

    def __str__(self):
        return f"Action due {self.due_on}"


class AgreedIntervention(BaseModel):
    """A need and the intervention agreed for it, written into the child's plan when the minutes are
    published."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="interventions")
    need = models.TextField()
    intervention = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agenda_item", "created_at"]

    def __str__(self):
        return f"Intervention for {self.agenda_item}"
