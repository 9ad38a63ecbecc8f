import uuid

from django.conf import settings
from django.db import models


class CaseNoteQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise CaseNoteImmutable("Case notes are never changed: add an amendment instead.")

    def delete(self):
        raise CaseNoteImmutable("Case notes are never deleted.")


class CaseNoteImmutable(Exception):
    pass


class CaseNote(models.Model):
    """A note on the child's record. Append-only: an amendment is a new note pointing at the one it
    corrects."""

    class Kind(models.TextChoices):
        CSE_DECISION = "cse_decision", "CSE team decision"
        RETURNED = "returned", "Returned for more information"
        MASE_OUTCOME = "mase_outcome", "MASE meeting outcome"
        GENERAL = "general", "Case note"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="case_notes")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The record the note is about (an episode, a meeting), named loosely so notes need not know
    # the apps above them.
    subject_type = models.CharField(max_length=80, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    amends = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise CaseNoteImmutable("Case notes are never changed: add an amendment instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise CaseNoteImmutable("Case notes are never deleted.")


class OutboxMessage(models.Model):
    """A side effect (an email, a case note for the source system) written in the same transaction
    as the change that causes it, and delivered afterwards by the relay with retries."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        CASE_NOTE_DELIVERY = "case_note_delivery", "Case note to the source system"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up after retries"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.kind} {self.id} ({self.status})"
