"""A subject access request about a child, and its bundle: one item per record held, with the text
as it stood when the bundle was gathered and the reviewer's decision on it."""

from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel
from csepathway.core.wording import say_lazy


class SubjectAccessRequest(BaseModel):
    class Status(models.TextChoices):
        GATHERING = "gathering", "Gathering records"
        REVIEWING = "reviewing", "Reviewing for exemptions"
        RELEASED = "released", "Released"

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="subject_access_requests")
    # Who asked: the child, or someone acting for them (a parent, a solicitor). Free text, as the
    # request arrives in many forms; identity checks happen before the request is logged here.
    requester = models.TextField()
    received_on = models.DateField()
    due_on = models.DateField(db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.GATHERING, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gathered_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)
    # The document as released, kept so what the requester received can be shown later exactly.
    released_pdf = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self):
        return f"Subject access request {self.pk}"


class BundleItem(BaseModel):
    # One kind for each sort of snapshot the apps give (children/records_held.py); gathering refuses
    # a snapshot of a kind not listed here.
    class Kind(models.TextChoices):
        CHILD = "child", "The child's record"
        EPISODE = "episode", "Episode"
        SCREENING = "screening", "Screening"
        ASSESSMENT_SECTION = "assessment_section", "Assessment section"
        CASE_NOTE = "case_note", "Case note"
        MINUTES = "minutes", say_lazy("MASE minutes")
        ACTION = "action", say_lazy("MASE action")
        PLAN_ENTRY = "plan_entry", "Plan entry"
        NRM_REFERRAL = "nrm_referral", "NRM referral"
        INTELLIGENCE = "intelligence", "Intelligence report"
        TRANSITION = "transition", "Step in the episode"
        RISK_LEVEL_CHANGE = "risk_level_change", "Risk level change"
        MEETING = "meeting", say_lazy("MASE meeting")
        INVITATION = "invitation", say_lazy("MASE invitation")
        RESTRICTION = "restriction", "Restriction on the record"
        EMERGENCY_ACCESS = "emergency_access", "Emergency access to the record"
        LEGAL_HOLD = "legal_hold", "Legal hold"
        DISPOSAL_PROPOSAL = "disposal_proposal", "Proposal to dispose of the record"
        SUBJECT_ACCESS_REQUEST = "subject_access_request", "Earlier subject access request"
        MISSING_EPISODE = "missing_episode", "Missing episode"

    class Decision(models.TextChoices):
        NOT_REVIEWED = "not_reviewed", "Not reviewed yet"
        RELEASE = "release", "Release in full"
        REDACT = "redact", "Release with parts redacted"
        WITHHOLD = "withhold", "Withhold the whole item"

    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # The record it was copied from, named loosely so nothing below needs to know of this app.
    source_type = models.CharField(max_length=80)
    source_id = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    recorded_at = models.DateTimeField(null=True, blank=True)
    # The snapshot: the record's text when the bundle was gathered. Later edits to the record do not
    # change what is reviewed and released.
    text = models.TextField()
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.NOT_REVIEWED)
    exemption = models.CharField(max_length=40, blank=True)
    exemption_detail = models.CharField(max_length=300, blank=True)
    # The exact phrases to remove, one per entry; removed from the text before the PDF is rendered.
    redactions = models.JSONField(default=list, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["request", "position"]
        constraints = [models.UniqueConstraint(fields=["request", "position"], name="bundle_item_position_once")]

    def __str__(self):
        return f"Item {self.position} of {self.request}"
