import uuid

from django.db import models


class OutboxMessage(models.Model):
    """A side effect (an email, a case note for the source system) written in the same transaction
    as the change that causes it, and delivered afterwards by the relay with retries."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up after retries"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Which registered handler delivers it (outbox.handlers): "email", "case_note_delivery", ...
    kind = models.CharField(max_length=30)
    payload = models.JSONField()
    # The child the message is about, if any: disposal takes a child's messages with the record,
    # and nothing has to search the payload's text to find them.
    child_id = models.UUIDField(null=True, blank=True, db_index=True)
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
