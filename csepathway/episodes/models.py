from django.conf import settings
from django.db import models

from csepathway.assessments.models import RiskLevel
from csepathway.core.models import BaseModel
from csepathway.core.wording import say_lazy


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted to the CSE team"
    RETURNED = "returned", "Returned for more information"
    ESCALATED = "escalated", "Escalated: reviewers disagree"
    MASE_REQUIRED = "mase_required", say_lazy("Decided: MASE required")
    MASE_NOT_REQUIRED = "mase_not_required", say_lazy("Decided: MASE not required")
    CLOSED = "closed", "Closed"


# While the episode is with the practitioner (never sent, or sent back), its screening and assessment
# can change and it can be submitted; from any other state it is the CSE team's, or over.
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})


class Source(models.TextChoices):
    LCS = "lcs", "LCS (children's social care)"
    EHM = "ehm", "EHM (early help)"
    DIRECT = "direct", "Direct to the CSE team"


class ClosureReason(models.TextChoices):
    RISK_REDUCED = "risk_reduced", "Risk has reduced"
    MOVED_AREA = "moved_area", "Moved out of the area"
    TURNED_18 = "turned_18", "Turned 18"
    NO_CURRENT_RISK = "no_current_risk", "Screening found no current risk"
    OTHER = "other", "Other"


class Episode(BaseModel):
    """One run of the pathway for one child, from the first concern to closure."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="episodes")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="episodes")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="episodes")
    concern = models.TextField(help_text="What worried the practitioner, in their words")
    screening = models.ForeignKey("screening.Screening", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="episodes")
    assessment = models.OneToOneField("assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="episode")
    source = models.CharField(max_length=10, choices=Source.choices, blank=True)
    source_reference = models.CharField(max_length=40, blank=True)
    submission_round = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The CSE team's decision is due by this day (working days from the latest submission, under the
    # timescale in force then). Stored, so the workspace finds what is overdue in SQL.
    decision_due_on = models.DateField(null=True, blank=True)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The initial MASE is due by this day when the decision is "MASE required" (working days from the
    # decision, under the timescale in force then); stored for the same reason as decision_due_on.
    initial_mase_due_on = models.DateField(null=True, blank=True)
    decided_by = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    decision_rationale = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.CharField(max_length=20, choices=ClosureReason.choices, blank=True)
    closure_detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["state", "submitted_at"]), models.Index(fields=["state", "decision_due_on"]),
            # The CSE workspace's queue: every episode that reached the CSE team and is not closed, oldest
            # submission first; a few thousand rows of a region's sixty thousand episodes.
            models.Index(fields=["submitted_at", "id"], name="episode_open_queue",
                         condition=models.Q(submission_round__gt=0) & ~models.Q(state="closed")),
            # The dashboards count a period's decisions, closures and referrals (ADR 0056): a range
            # of each date, not a scan of the region's episodes.
            models.Index(fields=["decided_at"], name="episode_decided_at"),
            models.Index(fields=["closed_at"], name="episode_closed_at"),
            models.Index(fields=["submitted_at"], name="episode_submitted_at"),
            # Episodes never sent to the CSE team: the few a dashboard leaves out of what it counts.
            models.Index(fields=["id"], name="episode_never_submitted", condition=models.Q(submission_round=0)),
        ]

    def __str__(self):
        return f"Episode {self.pk} ({self.get_state_display()})"


class Transition(models.Model):
    """Every move of an episode between states, with who moved it and why."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="transitions")
    name = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class RiskLevelChange(models.Model):
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="risk_level_changes")
    previous_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=80, help_text="Where the change was made, e.g. joint review")
    rationale = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["at"], name="risk_level_change_at")]


class ManagerAdvice(models.Model):
    """The Team Manager's advice on the concern: who, when, what."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="manager_advice")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField()
    advice = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["given_on", "recorded_at"]


class AdviceRequest(models.Model):
    """A practitioner asking their Team Managers for advice on the concern (issue 12). Answered by
    the next advice recorded on the episode, whoever records it."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="advice_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    question = models.TextField()
    requested_at = models.DateTimeField()
    answer = models.ForeignKey(ManagerAdvice, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]
        indexes = [models.Index(fields=["requested_at"], name="advice_request_open",
                                condition=models.Q(answered_at__isnull=True))]


class Conversation(models.Model):
    """A conversation with the child or with parents or carers, with their views in their own words."""

    class With(models.TextChoices):
        CHILD = "child", "The child"
        PARENTS = "parents", "Parents or carers"

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="conversations")
    held_with = models.CharField(max_length=10, choices=With.choices)
    held_on = models.DateField()
    people = models.CharField(max_length=200, help_text="Who took part")
    views = models.TextField(help_text="Their views, in their own words")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "recorded_at"]


class JointReview(models.Model):
    """One reviewer's view in a round of the joint review (CSE Team Manager or Police CSE Coordinator)."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="reviews")
    round = models.PositiveIntegerField()
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer_role = models.CharField(max_length=40)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    mase_required = models.BooleanField()
    rationale = models.TextField()
    next_steps = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "created_at"]
        constraints = [
            # One view per role per round: a double-click cannot record two.
            models.UniqueConstraint(fields=["episode", "round", "reviewer_role"], name="one_review_per_role_per_round"),
        ]
