"""Reads of episodes, always scoped to the acting user; every read of an episode is audited."""

import dataclasses
import datetime as dt
import uuid

from django.db.models import QuerySet
from django.utils import timezone

from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.core.configuration import configuration_current
from csepathway.core.working_days import add_working_days, working_days_between

from . import workspace_flags
from .access import visible_episodes
from .models import Episode, State

DECISION_WORKING_DAYS_DEFAULT = 3


def decision_working_days() -> int:
    try:
        return int(configuration_current("timescales").data["cse_decision_working_days"])
    except (IndexError, KeyError):
        return DECISION_WORKING_DAYS_DEFAULT


def episode_get(*, actor, episode_id: uuid.UUID | str, purpose: str = "viewed") -> Episode:
    scope = visible_episodes(actor).select_related("child", "practitioner", "team", "assessment", "screening")
    return get_in_scope_or_404(scope, actor=actor, pk=episode_id, verb=f"episode.{purpose}")


def episodes_for_child(*, actor, child) -> list[Episode]:
    """The child's episodes the actor may see (the child read itself is audited by the child page)."""
    return list(visible_episodes(actor).filter(child=child).select_related("practitioner", "team")
                .order_by("-created_at"))


@dataclasses.dataclass
class WorkspaceItem:
    episode: Episode
    waited: int
    due: dt.date | None
    breached: bool
    # What the apps built on episodes flag (meetings: invitations or initial MASE overdue, review due).
    flags: list = dataclasses.field(default_factory=list)


WAITING_STATES = (State.SUBMITTED, State.ESCALATED)


def workspace_list(*, actor, state: str = "", risk_level: str = "", team_id: str = "",
                   today: dt.date | None = None) -> list[WorkspaceItem]:
    """The CSE workspace: episodes that have reached the CSE team, with how long each has waited
    against the decision timescale (working days)."""
    queryset: QuerySet[Episode] = visible_episodes(actor).filter(submission_round__gt=0)
    queryset = queryset.filter(state=state) if state else queryset.exclude(state=State.CLOSED)
    if risk_level:
        queryset = queryset.filter(risk_level=risk_level)
    if team_id:
        queryset = queryset.filter(team_id=team_id)
    queryset = queryset.select_related("child", "practitioner", "team").order_by("submitted_at")
    today = today or timezone.localdate()
    limit = decision_working_days()
    items = []
    for episode in queryset:
        submitted = timezone.localtime(episode.submitted_at).date()
        waiting = episode.state in WAITING_STATES
        waited = working_days_between(submitted, today) if waiting else 0
        items.append(WorkspaceItem(episode=episode, waited=waited,
                                   due=add_working_days(submitted, limit) if waiting else None,
                                   breached=waiting and waited > limit))
    # One call for the whole list, so the flags cost the same few queries for 5 episodes or 500.
    flags = workspace_flags.flags_for([item.episode for item in items], today)
    for item in items:
        item.flags = flags.get(item.episode.pk, [])
    record(actor=actor, verb="workspace.viewed", object_type="episodes.episode", object_id=str(len(items)))
    return items
