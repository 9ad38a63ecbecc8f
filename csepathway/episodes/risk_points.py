"""The child's risk over time (issue 12, docs/adr/0054): the risk level each assessment, joint
review and MASE gave the child, as points in time. Episodes gives its own (the practitioner's
proposal at each submission, the CSE team's decision); an app built on episodes adds its points
through `register` (meetings: the level in each published MASE's minutes), so episodes needs no
knowledge of it.

A provider takes (actor, child) and returns [RiskPoint], only from the episodes and meetings the
actor may see (each then opens from its link), in a fixed number of queries however many there are.
The child's record page audits the read of the child; the points are part of that read."""

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from django.urls import reverse

from .access import visible_episodes
from .models import RiskLevelChange, Transition


@dataclasses.dataclass(frozen=True)
class RiskPoint:
    at: dt.datetime
    level: str  # a RiskLevel code
    source: str  # where the level came from, in the users' words
    href: str  # the episode or meeting it was set on
    opens: str  # what the link opens ("episode", "meeting")


PointProvider = Callable[[object, object], list[RiskPoint]]
_providers: list[PointProvider] = []

ASSESSMENT = "Assessment by the practitioner"
RETURNED = "Assessment by the practitioner (returned for more information)"
JOINT_REVIEW = "Joint review by the CSE team and police"
ESCALATION = "Decision on an escalation (the reviewers disagreed)"
SOURCES = {
    "submit": ASSESSMENT,
    "decide_mase_required": JOINT_REVIEW, "decide_mase_not_required": JOINT_REVIEW,
    "decide_escalated_mase_required": ESCALATION, "decide_escalated_mase_not_required": ESCALATION,
}


def register(provider: PointProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def risk_points_for_child(*, actor, child) -> list[RiskPoint]:
    """Every point the actor may see, oldest first."""
    points = _episode_points(actor, child)
    for provider in _providers:
        points += provider(actor, child)
    return sorted(points, key=lambda point: point.at)


def _episode_points(actor, child) -> list[RiskPoint]:
    """A point at each submission and each decision. Neither step stores its level on its own row:
    risk_level_set writes a RiskLevelChange only when the level changes, just before the step's
    Transition, so the level at a step is the episode's latest change at or before it."""
    episodes = visible_episodes(actor).filter(child=child).values("pk")
    steps = list(Transition.objects.filter(episode__in=episodes, name__in=[*SOURCES, "return"])
                 .only("episode_id", "name", "at").order_by("at", "id"))
    changes = defaultdict(list)
    for change in (RiskLevelChange.objects.filter(episode__in=episodes).only("episode_id", "level", "at")
                   .order_by("at", "id")):
        changes[change.episode_id].append(change)
    points = []
    for index, step in enumerate(steps):
        if step.name not in SOURCES:
            continue
        level = next((c.level for c in reversed(changes[step.episode_id]) if c.at <= step.at), "")
        if not level:
            continue
        source = SOURCES[step.name]
        if step.name == "submit" and _next_step(steps, index) == "return":
            # The proposal was on the record until the assessment came back; it stays as history.
            source = RETURNED
        points.append(RiskPoint(step.at, level, source, reverse("episodes:detail", args=[step.episode_id]), "episode"))
    return points


def _next_step(steps: list[Transition], index: int) -> str:
    episode_id = steps[index].episode_id
    return next((later.name for later in steps[index + 1:] if later.episode_id == episode_id), "")
