"""Reads of episodes, always scoped to the acting user; every read of an episode is audited."""

import dataclasses
import datetime as dt
import uuid

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone

from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.core.working_days import working_days_between

from . import workspace_flags
from .access import may_read_assessment, visible_episodes
from .models import Episode, State


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


@dataclasses.dataclass
class Workspace:
    page: Page  # of WorkspaceItem
    count: int
    breaches: int  # decisions past their due date, across every page
    meeting_breaches: int  # episodes past a MASE timescale, across every page


WAITING_STATES = (State.SUBMITTED, State.ESCALATED)
PER_PAGE = 50


def _workspace_scope(actor, *, state: str, risk_level: str, team_id: str) -> QuerySet[Episode]:
    queryset = visible_episodes(actor).filter(submission_round__gt=0)
    queryset = queryset.filter(state=state) if state else queryset.exclude(state=State.CLOSED)
    if risk_level:
        queryset = queryset.filter(risk_level=risk_level)
    if team_id:
        queryset = queryset.filter(team_id=team_id)
    return queryset


def workspace_list(*, actor, state: str = "", risk_level: str = "", team_id: str = "", page=1,
                   today: dt.date | None = None) -> Workspace:
    """The CSE workspace, a page at a time: episodes that have reached the CSE team, oldest
    submission first, with how long each has waited against its decision's due date. The counts
    cover every page and are worked out in SQL; only the page's rows are built."""
    today = today or timezone.localdate()
    scope = _workspace_scope(actor, state=state, risk_level=risk_level, team_id=team_id)
    breaches = scope.filter(state__in=WAITING_STATES, decision_due_on__lt=today).count()
    listing = Paginator(scope.select_related("child", "practitioner", "team").order_by("submitted_at", "pk"),
                        PER_PAGE).get_page(page)
    items = []
    for episode in listing.object_list:
        waiting = episode.state in WAITING_STATES and episode.decision_due_on is not None
        waited = working_days_between(timezone.localtime(episode.submitted_at).date(), today) if waiting else 0
        items.append(WorkspaceItem(episode=episode, waited=waited, due=episode.decision_due_on if waiting else None,
                                   breached=waiting and episode.decision_due_on < today))
    listing.object_list = items
    flags = workspace_flags.flags_for((item.episode for item in items), today)
    for item in items:
        item.flags = flags.get(item.episode.pk, [])
    late = workspace_flags.breaches_q(today)
    meeting_breaches = scope.filter(late).count() if late is not None else 0
    record(actor=actor, verb="workspace.viewed", object_type="episodes.episode", object_id=str(len(items)))
    return Workspace(page=listing, count=listing.paginator.count, breaches=breaches,
                     meeting_breaches=meeting_breaches)


def _with_child(actor):
    return visible_episodes(actor).select_related("child", "practitioner", "team", "assessment")


def episode_for_export(*, actor, episode_id: uuid.UUID | str) -> Episode:
    """An episode whose record is asked for as a download before the user has confirmed it is them:
    in scope or 404, and the request on the trail, before the step-up page."""
    return get_in_scope_or_404(_with_child(actor), actor=actor, pk=episode_id, verb="episode.export_requested")


def assessment_for_download(*, actor, episode_id: uuid.UUID | str) -> Episode:
    """The episode with its assessment, for the PDF: 404 (audited) where the actor may not read the
    assessment (a draft, for anyone but the case holders); the download is on the trail as what left."""
    return get_in_scope_or_404(
        _with_child(actor), actor=actor, pk=episode_id, verb="assessment.downloaded",
        may=lambda user, episode: episode.assessment is not None and may_read_assessment(user, episode))


def decision_for_download(*, actor, episode_id: uuid.UUID | str) -> tuple[Episode, list]:
    """The decided episode and the reviewers' views that led to it, for the PDF; 404 (audited)
    before the CSE team has decided."""
    episode = get_in_scope_or_404(
        _with_child(actor).prefetch_related("decided_by"), actor=actor, pk=episode_id,
        verb="episode.decision_downloaded", may=lambda user, episode: episode.decided_at is not None)
    return episode, list(episode.reviews.select_related("reviewer").order_by("round", "created_at"))
