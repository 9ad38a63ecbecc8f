import uuid

from django.conf import settings
from django.db import models

from csepathway.core.models import AppendOnlyModel
from csepathway.core.wording import say_lazy


class CaseNote(AppendOnlyModel):
    """A note on the child's record. Append-only: an amendment is a new note pointing at the one it
    corrects."""

    class Kind(models.TextChoices):
        CSE_DECISION = "cse_decision", "CSE team decision"
        RETURNED = "returned", "Returned for more information"
        MASE_OUTCOME = "mase_outcome", say_lazy("MASE meeting outcome")
        GENERAL = "general", "Case note"

    append_only_correction = "add an amendment pointing at it instead"

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

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class CaseNoteAddressee(models.Model):
    """Someone a case note was written for (the people told of it), and when they first opened it:
    what the home page's "Case notes you have not read" lists. Kept apart from the note, which is
    append-only; read_at is set once and never cleared."""

    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="addressees")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["note", "user"], name="one_addressee_row_per_note_and_user")]
        # The home page's question: this person's notes not yet read.
        indexes = [models.Index(fields=["user", "read_at"], name="notes_addressee_unread")]

    def __str__(self):
        return f"Case note addressee {self.pk}"
