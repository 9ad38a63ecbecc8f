"""Who follows the action tracker and who may change where an action has got to."""

from django.db.models import Q, QuerySet

from csepathway.accounts.roles import CSE_TEAM_ROLES, Role, role_of
from csepathway.children.access import child_routes
from csepathway.episodes.access import episode_scope_q, holds_case

from ..access import restricted_q
from ..models import Action

# Who the tracker is for (the navigation entry); anyone else still reaches the actions they own.
TRACKER_READERS = frozenset({*CSE_TEAM_ROLES, Role.MASE_CHAIR, Role.POLICE_COORDINATOR, Role.PRACTITIONER,
                             Role.TEAM_MANAGER})


def may_set_status(user, action: Action) -> bool:
    """The owner, a case holder of the episode, the CSE team and the meeting's chair."""
    if role_of(user) is None:
        return False
    return (action.owner_id == user.pk or holds_case(user, action.episode) or user.role in CSE_TEAM_ROLES
            or action.agenda_item.meeting.chair_id == user.pk)


def visible_actions(actor) -> QuerySet[Action]:
    if role_of(actor) is None:
        return Action.objects.none()
    yours = [Q(agenda_item__meeting__chair=actor), Q(owner=actor)]
    routes = child_routes(actor, "episode__child__")
    if routes is not None:
        # A case holder's actions come by several routes (their team's children, their own, an
        # emergency grant, meetings they chair, actions they own). As one OR across the tables the
        # planner walked every open action in the region; as a UNION each route is an index look-up.
        first, *rest = [Action.objects.filter(route).values("pk") for route in [*routes, *yours]]
        return Action.objects.filter(pk__in=first.union(*rest)).exclude(restricted_q(actor))
    # Subqueries and single-valued joins only, so no row repeats and no DISTINCT is needed. Whatever
    # the route (episode, chair, owner), a restricted record the actor may not see stays out.
    scope = episode_scope_q(actor, "episode__") | yours[0] | yours[1]
    return Action.objects.filter(scope).exclude(restricted_q(actor))
