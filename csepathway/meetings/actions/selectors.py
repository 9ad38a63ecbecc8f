"""Reads of MASE actions, scoped to the acting user. A user sees an action when they may see its
episode (episodes.access), when they chair its meeting, or when it is theirs (owner), whatever their
role: an owner from a partner agency can follow their own actions and nothing else. Whatever the
route, a restricted record the user may not see is left out (meetings.access.restricted_q, ADR 0021)."""

import dataclasses
import datetime as dt
import uuid

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from csepathway.accounts.models import Agency
from csepathway.accounts.roles import Role, role_of
from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.episodes.access import visible_episodes
from csepathway.episodes.models import Episode

from ..access import restricted_q
from ..models import Action
from .access import visible_actions

OPEN_STATUSES = (Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS)
OPEN = "open"  # the filter value for "not done and still needed"


def overdue_q(today: dt.date) -> Q:
    """Overdue: the due date has passed and the action is neither done nor cancelled."""
    return Q(due_on__lt=today, status__in=OPEN_STATUSES)


def is_overdue(action: Action, today: dt.date | None = None) -> bool:
    return action.due_on < (today or timezone.localdate()) and action.status in OPEN_STATUSES


def _with_related(queryset: QuerySet[Action]) -> QuerySet[Action]:
    return queryset.select_related("episode__child", "episode__practitioner", "agenda_item__meeting", "owner")


@dataclasses.dataclass
class ActionList:
    page: Page
    count: int
    overdue: int  # across every page


PER_PAGE = 50


def action_list(*, actor, status: str = "", kind: str = "", overdue_only: bool = False, episode=None,
                today: dt.date | None = None, page=1) -> ActionList:
    """The actions the actor may see, filtered, a page at a time, soonest due first; the counts
    cover every page. A fixed number of queries whatever their number."""
    today = today or timezone.localdate()
    queryset = visible_actions(actor)
    if episode is not None:
        queryset = queryset.filter(episode=episode)
    if status == OPEN:
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if overdue_only:
        queryset = queryset.filter(overdue_q(today))
    # Both counts in one pass over the actions: each pass is most of the page's time at region scale.
    counts = queryset.aggregate(total=Count("pk"), overdue=Count("pk", filter=overdue_q(today)))
    overdue = counts["overdue"]
    paginator = Paginator(_with_related(queryset).order_by("due_on", "created_at", "pk"), PER_PAGE)
    paginator.__dict__["count"] = counts["total"]  # Paginator.count is a cached_property: given, not counted again
    listing = paginator.get_page(page)
    listing.object_list = list(listing.object_list)
    record(actor=actor, verb="actions.viewed", object_type="meetings.action",
           object_id=str(len(listing.object_list)), child_id=episode.child_id if episode is not None else None)
    return ActionList(page=listing, count=listing.paginator.count, overdue=overdue)


def action_get(*, actor, action_id: uuid.UUID | str, purpose: str = "viewed") -> Action:
    return get_in_scope_or_404(_with_related(visible_actions(actor)), actor=actor, pk=action_id,
                               verb=f"action.{purpose}", child_id_of=lambda action: action.episode.child_id)


def tracker_episode_get(*, actor, episode_id: uuid.UUID | str) -> Episode:
    """The episode whose actions the actor asks for: one they may see, one on a meeting they chair,
    or one with an action they own. Anything else is 404, and the refusal is audited."""
    if role_of(actor) is None:
        scope = Episode.objects.none()
    else:
        reachable = (Q(pk__in=visible_episodes(actor).values("pk"))
                     | Q(pk__in=Episode.objects.filter(agenda_items__meeting__chair=actor).values("pk"))
                     | Q(pk__in=Action.objects.filter(owner=actor).values("episode_id")))
        scope = Episode.objects.filter(reachable).exclude(restricted_q(actor, "child_id")).select_related("child")
    # The read itself is recorded by action_list with what it shows.
    return get_in_scope_or_404(scope, actor=actor, pk=episode_id, verb="actions.viewed", record_read=False)


def actions_for_meeting(*, actor, meeting) -> list[Action]:
    """The meeting's actions the actor may see (the meeting read itself is audited by the meeting page)."""
    return list(_with_related(visible_actions(actor).filter(agenda_item__meeting=meeting))
                .order_by("agenda_item__order", "due_on", "created_at"))


def action_counts_for_meeting(*, actor, meeting, today: dt.date | None = None) -> list[dict]:
    """Per agenda item, in agenda order, how many of the meeting's actions the actor may see and how
    many are overdue, counted by the database: {order, first_name, last_name, total, overdue}."""
    today = today or timezone.localdate()
    return list(visible_actions(actor).filter(agenda_item__meeting=meeting)
                .values(order=F("agenda_item__order"), first_name=F("episode__child__first_name"),
                        last_name=F("episode__child__last_name"))
                .annotate(total=Count("pk"), overdue=Count("pk", filter=overdue_q(today))).order_by("order"))


def action_counts_for_child(*, actor, child, today: dt.date | None = None) -> dict:
    """For the child's record: {episode id: (actions, overdue)} for the actions the actor may see."""
    today = today or timezone.localdate()
    rows = (visible_actions(actor).filter(episode__child=child).values("episode_id")
            .annotate(total=Count("pk"), overdue=Count("pk", filter=overdue_q(today))).order_by())
    return {row["episode_id"]: (row["total"], row["overdue"]) for row in rows}


# Other people's actions a role answers for on its home page (issue 12, point 1): a Team Manager
# their team's overdue actions, a chair the overdue actions of the meetings they chair, the police
# coordinator the open actions the police own (an owner in a police agency, or an agency named as
# the police when the owner has no account).
def _answered_for(actor, today: dt.date) -> tuple[str, Q] | None:
    role = role_of(actor)
    if role == Role.TEAM_MANAGER and actor.team_id:
        return "team_overdue", Q(episode__team_id=actor.team_id) & overdue_q(today)
    if role == Role.MASE_CHAIR:
        return "chaired_overdue", Q(agenda_item__meeting__chair=actor) & overdue_q(today)
    if role == Role.POLICE_COORDINATOR:
        police = Q(owner__team__agency__kind=Agency.Kind.POLICE) | Q(owner__isnull=True, agency__icontains="police")
        return "police", police & Q(status__in=OPEN_STATUSES)
    return None


def home_actions_answered_for(*, actor, today: dt.date | None = None, limit: int = 5) -> dict | None:
    """The actions the actor's role answers for (see _answered_for), soonest due first, with how many
    and how many overdue; None for other roles or when there are none. Two queries."""
    today = today or timezone.localdate()
    found = _answered_for(actor, today)
    if found is None:
        return None
    kind, condition = found
    actions = visible_actions(actor).filter(condition)
    counts = actions.aggregate(total=Count("pk"), overdue=Count("pk", filter=overdue_q(today)))
    if not counts["total"]:
        return None
    first = list(_with_related(actions).order_by("due_on", "created_at", "pk")[:limit])
    record(actor=actor, verb="actions.home_viewed", object_type="meetings.action", object_id=str(len(first)))
    return {"kind": kind, "actions": first, "count": counts["total"], "overdue": counts["overdue"], "today": today}


def home_actions_owned(*, actor, today: dt.date | None = None, limit: int = 5) -> dict | None:
    """For the home page: the actor's own open MASE actions, soonest due first, with how many and
    how many are overdue; None when they own none. Three queries at most, whatever the number."""
    today = today or timezone.localdate()
    owned = visible_actions(actor).filter(owner=actor, status__in=OPEN_STATUSES)
    counts = owned.aggregate(total=Count("pk"), overdue=Count("pk", filter=overdue_q(today)))
    if not counts["total"]:
        return None
    first = list(_with_related(owned).order_by("due_on", "created_at", "pk")[:limit])
    record(actor=actor, verb="actions.home_viewed", object_type="meetings.action", object_id=str(len(first)))
    return {"actions": first, "count": counts["total"], "overdue": counts["overdue"], "today": today}
