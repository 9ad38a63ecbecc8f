import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Notification(models.Model):
    """One person's copy of an email the service queued for them (issue 12, point 2): the same
    generic subject and introduction, and the link, so it carries no more case content than the
    email did. Made by services.notifications_for_email as the email is queued."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=300)
    intro = models.TextField(blank=True)
    path = models.CharField(max_length=1000)
    # The child the email was about, never shown: disposal of the child's record takes these with it.
    child_id = models.UUIDField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_newest"),
            # The header counts a person's unread ones on every page: only those rows are indexed.
            models.Index(fields=["user", "created_at"], condition=Q(read_at__isnull=True),
                         name="notification_unread"),
        ]

    def __str__(self):
        return f"{self.subject} ({'read' if self.read_at else 'unread'})"


class DigestPreference(models.Model):
    """Whether a person wants the weekly digest email. No row means no digest (opt-in)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="+")
    weekly_digest = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"weekly digest {'on' if self.weekly_digest else 'off'}"


class WeeklyDigest(models.Model):
    """A digest sent: one per person per week (the Monday it starts), so a second run that week,
    or two runs at once, send nothing more."""

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_starting = models.DateField()
    unread = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week_starting"], name="one_digest_a_week")]

    def __str__(self):
        return f"digest for the week of {self.week_starting:%Y-%m-%d}"
