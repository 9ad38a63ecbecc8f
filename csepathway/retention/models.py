"""Legal holds, disposal proposals and disposal certificates (docs/adr/0025).

A hold and a proposal are about one child and go with the child's record when it is disposed of.
The certificate stays, and so holds nothing that identifies the child: the record's opaque id, what
kinds of record went and how many, under which rule, and who disposed of them."""

import uuid

from django.conf import settings
from django.db import models

from csepathway.core.models import AppendOnlyModel, BaseModel


class LegalHold(BaseModel):
    """Stops a child's record being disposed of while it may be needed: litigation, an inquiry, a
    police investigation. Released, never deleted, until the record itself goes."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.TextField()
    reference = models.CharField("Case or inquiry reference", max_length=100, blank=True)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Legal hold {self.pk}"

    @property
    def in_force(self) -> bool:
        return self.released_at is None


class DisposalProposal(BaseModel):
    """The first of the two people asking for a record to be disposed of. The second, a different
    person, either disposes of it or declines with a reason."""

    class State(models.TextChoices):
        PROPOSED = "proposed", "Waiting for a second person"
        DECLINED = "declined", "Declined"

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="disposal_proposals")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PROPOSED, db_index=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rules_version = models.PositiveIntegerField()
    declined_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["child"], condition=models.Q(state="proposed"),
                                               name="one_open_disposal_proposal_per_child")]

    def __str__(self):
        return f"Disposal proposal {self.pk}"


class DisposalCertificate(AppendOnlyModel):
    """What is left when a child's record has been disposed of. No name, date of birth, reference or
    due date (a due date counted from the date of birth would give the date of birth away)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.PositiveIntegerField(unique=True)
    # The id the record had: it matches the audit trail and disclosure log, which keep it, and
    # nothing else. It names no one once the record is gone.
    record_id = models.UUIDField(unique=True)
    # {record type label: how many rows went}, in the order of the retention rules.
    records = models.JSONField()
    rule = models.CharField("Retention rule that applied", max_length=200)
    rules_version = models.PositiveIntegerField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_by_username = models.CharField(max_length=150)
    proposed_at = models.DateTimeField()
    disposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    disposed_by_username = models.CharField(max_length=150)
    disposed_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"Disposal certificate {self.reference}"

    @property
    def reference(self) -> str:
        return f"DC-{self.number:05d}"
