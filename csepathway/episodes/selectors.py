"""Reads of episodes, always scoped to the acting user; every read of an episode is audited."""

import dataclasses
import datetime as dt
import uuid

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, DateField, Exists, F, OuterRef, Q, QuerySet, Subquery, When
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.assessments.models import ManagerSignOff
from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.core.paging import first_rows_and_count
from csepathway.core.working_days import working_days_between
from csepathway.screening.models import ScreeningChallenge

from . import workspace_flags
from .access import CASE_HOLDERS, REVIEWERS, SUBMITTED_EPISODE_ROLES, may_read_assessment, visible_episodes
from .models import EDITABLE_STATES, AdviceRequest, Episode, JointReview, State


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


HOME_LIMIT = 10


@dataclasses.dataclass
class HomeList:
    """The first HOME_LIMIT episodes of a home page's list, and how many there are in all."""

    episodes: list
    count: int


def _home_list(queryset) -> HomeList:
    # One query whatever the number: the first few with what their rows show, and the count of all.
    found = first_rows_and_count(queryset.select_related("child", "practitioner"), HOME_LIMIT)
    return HomeList(episodes=found.rows, count=found.count)


def advice_questions(*, actor, episode: Episode) -> list[AdviceRequest]:
    """The questions waiting on an episode the actor may already open (the caller fetched it in scope)."""
    return list(episode.advice_requests.filter(answered_at__isnull=True).select_related("requested_by"))


def home_waiting_for_team_manager(*, actor) -> dict[str, HomeList]:
    """For a Team Manager: their team's assessments waiting for sign-off (not their own) and
    screenings waiting for their agreement, oldest first. Empty for anyone else."""
    if getattr(actor, "role", None) != Role.TEAM_MANAGER or actor.team_id is None:
        return {}
    team = visible_episodes(actor).filter(team_id=actor.team_id, state__in=EDITABLE_STATES)
    asked = ManagerSignOff.objects.filter(assessment_id=OuterRef("assessment_id"),
                                          state=ManagerSignOff.State.WAITING)
    questions = AdviceRequest.objects.filter(episode_id=OuterRef("pk"), answered_at__isnull=True)
    open_episodes = visible_episodes(actor).filter(team_id=actor.team_id).exclude(state=State.CLOSED)
    # The next deadline on each open episode: the CSE team's decision while it waits, the initial
    # MASE once one is required; none otherwise.
    due = Case(When(state__in=[State.SUBMITTED, State.ESCALATED], then=F("decision_due_on")),
               When(state=State.MASE_REQUIRED, then=F("initial_mase_due_on")), output_field=DateField())
    return {
        "advice": _home_list(open_episodes.filter(Exists(questions)).exclude(practitioner=actor).annotate(
            asked_at=Subquery(questions.order_by("requested_at").values("requested_at")[:1])).order_by("asked_at")),
        "sign_off": _home_list(team.filter(Exists(asked)).exclude(practitioner=actor).order_by("updated_at")),
        "screening": _home_list(team.filter(screening__challenge__state=ScreeningChallenge.State.WAITING)
                                .order_by("updated_at")),
        "team": _home_list(open_episodes.annotate(due=due).order_by(F("due").asc(nulls_last=True), "updated_at")),
    }


def home_my_episodes(*, actor) -> HomeList:
    """The open episodes the actor is the practitioner of, the ones needing them first: returned,
    then drafts, then those with the CSE team or decided."""
    if getattr(actor, "role", None) not in CASE_HOLDERS:
        return HomeList(episodes=[], count=0)
    mine = visible_episodes(actor).filter(practitioner=actor).exclude(state=State.CLOSED)
    first = Case(When(state=State.RETURNED, then=0), When(state=State.DRAFT, then=1), default=2)
    # Whether a draft waits for the Team Manager's sign-off, in the same query: the row says so.
    asked = ManagerSignOff.objects.filter(assessment_id=OuterRef("assessment_id"),
                                          state=ManagerSignOff.State.WAITING)
    return _home_list(mine.annotate(waiting_for_sign_off=Exists(asked)).order_by(first, "updated_at"))


def home_reviews_waiting(*, actor) -> HomeList:
    """For the CSE Team Manager and the Police CSE Coordinator: submitted episodes whose current
    round has no review from their role yet, soonest decision first."""
    if getattr(actor, "role", None) not in REVIEWERS:
        return HomeList(episodes=[], count=0)
    reviewed = JointReview.objects.filter(episode_id=OuterRef("pk"), round=OuterRef("submission_round"),
                                          reviewer_role=actor.role)
    waiting = visible_episodes(actor).filter(state=State.SUBMITTED).exclude(Exists(reviewed))
    return _home_list(waiting.order_by("decision_due_on", "submitted_at"))


def home_episode_lists(*, actor) -> dict[str, HomeList]:
    """Every episode list of the actor's home page, non-empty ones only; reading them is recorded
    once, with how many episodes were shown (their children are named on the page)."""
    lists = {"mine": home_my_episodes(actor=actor), "reviews": home_reviews_waiting(actor=actor),
             **home_waiting_for_team_manager(actor=actor)}
    lists = {name: found for name, found in lists.items() if found.count}
    shown = sum(len(found.episodes) for found in lists.values())
    if shown:
        record(actor=actor, verb="episodes.home_viewed", object_type="episodes.episode", object_id=str(shown))
    return lists


def home_workspace_summary(*, actor, today: dt.date | None = None) -> dict | None:
    """For the roles that see the CSE workspace: how many decisions are waiting, due today and
    overdue, and how many episodes are past a MASE timescale, counted together in SQL."""
    if getattr(actor, "role", None) not in SUBMITTED_EPISODE_ROLES:
        return None
    today = today or timezone.localdate()
    scope = _workspace_scope(actor, state="", risk_level="", team_id="")
    waiting = Q(state__in=WAITING_STATES)
    counts = {"waiting": Count("pk", filter=waiting),
              "due_today": Count("pk", filter=waiting & Q(decision_due_on=today)),
              "overdue": Count("pk", filter=waiting & Q(decision_due_on__lt=today))}
    late = workspace_flags.breaches_q(today)
    if late is not None:
        counts["meetings_late"] = Count("pk", filter=late)
    return {"meetings_late": 0, **scope.aggregate(**counts)}
