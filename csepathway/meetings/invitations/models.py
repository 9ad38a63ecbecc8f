"""Who is invited to a meeting and where each invitation has got to."""

from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel


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

    meeting = models.ForeignKey("meetings.MaseMeeting", on_delete=models.PROTECT, related_name="invitees")
    # The child and family are invited for one child's item; professionals may be for the whole meeting.
    agenda_item = models.ForeignKey("meetings.AgendaItem", null=True, blank=True, on_delete=models.PROTECT,
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
