"""Missing episodes and the return home interview that follows each (docs/adr/0064)."""

from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel


class MissingFrom(models.TextChoices):
    HOME = "home", "Home"
    CARE = "care", "Care (a placement or children's home)"
    EDUCATION = "education", "Education (school or college)"


class MissingEpisode(BaseModel):
    """One time a child went missing. `returned_at` is blank while the child is still missing."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="missing_episodes")
    missing_from = models.CharField(max_length=20, choices=MissingFrom.choices)
    started_at = models.DateTimeField()
    reported_by = models.CharField(max_length=200)
    police_reference = models.CharField(max_length=40, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    where_found = models.CharField(max_length=300, blank=True)
    # returned_at + 72 hours, stored when the return is recorded, so lists and the workspace find
    # overdue interviews in SQL (as the pathway stores its own due dates).
    interview_due_at = models.DateTimeField(null=True, blank=True)
    # When recording this episode took the child over the repeated-missing threshold and the
    # screening prompt was raised; the prompt is raised once per run of episodes.
    screening_prompted_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["child", "started_at"]),
                   models.Index(fields=["returned_at"]),
                   models.Index(fields=["interview_due_at"])]
        constraints = [models.CheckConstraint(
            condition=models.Q(returned_at__isnull=True) | models.Q(returned_at__gte=models.F("started_at")),
            name="missing_returned_after_start")]

    def __str__(self):
        return f"Missing episode {self.started_at:%Y-%m-%d}"

    @property
    def still_missing(self) -> bool:
        return self.returned_at is None


class InterviewFinding(models.TextChoices):
    """What the interview brought out that others must act on. Optional flags beside the free text."""

    DISCLOSED_EXPLOITATION = "disclosed_exploitation", "The child disclosed exploitation"
    DISCLOSED_HARM = "disclosed_harm", "The child disclosed other harm"
    WITH_ADULTS_OF_CONCERN = "adults_of_concern", "The child was with adults or older young people of concern"
    PUSH_FACTORS = "push_factors", "Something at home or in placement made the child leave"
    NEEDS_SUPPORT = "needs_support", "The child asked for or needs more support"


class ReturnHomeInterview(BaseModel):
    """The independent interview offered after the child's return (statutory guidance: within 72
    hours). One per missing episode; offered first, then completed or declined."""

    class Outcome(models.TextChoices):
        WAITING = "", "Offered, not yet held"
        COMPLETED = "completed", "Completed"
        DECLINED = "declined", "Declined by the child"

    episode = models.OneToOneField(MissingEpisode, on_delete=models.PROTECT, related_name="interview")
    offered_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    # When it was held or declined: a time as well as a day, because the clock is in hours.
    outcome_at = models.DateTimeField(null=True, blank=True)
    interviewer = models.CharField(max_length=200, blank=True)
    findings = models.TextField(blank=True)
    finding_flags = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return f"Return home interview {self.offered_on}"

    @property
    def settled(self) -> bool:
        return self.outcome in (self.Outcome.COMPLETED, self.Outcome.DECLINED)

    def finding_labels(self) -> list[str]:
        labels = dict(InterviewFinding.choices)
        return [labels[code] for code in self.finding_flags if code in labels]
