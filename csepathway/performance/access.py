"""Who sees how the pathway is performing, and over which episodes (ADR 0056).

The dashboards are for the people who answer for the pathway: the CSE team, the police coordinator
and the MASE chairs. Every figure is a count of episodes the viewer could open, by the same rules as
the pages, so a number never tells anyone about a child outside their scope."""

from django.db.models import Q

from csepathway.accounts.roles import Role, role_of
from csepathway.children.access import hidden_restricted_children
from csepathway.episodes.access import SUBMITTED_EPISODE_ROLES, episode_scope_q, reached_children_q
from csepathway.episodes.models import Episode
from csepathway.meetings.models import AgendaItem

VIEWERS = frozenset({Role.CSE_WORKER, Role.CSE_MANAGER, Role.POLICE_COORDINATOR, Role.MASE_CHAIR})


def may_view_performance(user) -> bool:
    return role_of(user) in VIEWERS


def performance_scope(user):
    """The viewer's episodes as a condition through a path (see measures.Scope). Only episodes that
    reached the CSE team count: a draft is the practitioner's own business. `sent` says the counted
    rows exist only for episodes that reached the team (a decision, a meeting's agenda), so that
    part of the rule need not be asked again."""
    role = role_of(user)
    built: dict[tuple[str, bool], Q] = {}
    withheld: list = []

    def scope(path: str, *, sent: bool = False) -> Q:
        # A page asks for the same paths several times; building the condition is not free.
        if (path, sent) not in built:
            built[path, sent] = on_path(path, sent)
        return built[path, sent]

    def withheld_episodes() -> list:
        # Read once a page, not once a figure: a few hundred ids the database then hashes, where
        # the subquery was worked out again (about 13 ms over a region) for every measure.
        if not withheld:
            withheld.append(list(Episode.objects.filter(child_id__in=hidden_restricted_children(user))
                                 .values_list("pk", flat=True)))
        return withheld[0]

    def on_path(path: str, sent: bool) -> Q:
        if role not in VIEWERS:
            return Q(pk__in=[])
        if role in SUBMITTED_EPISODE_ROLES and path:
            # The same rule as episode_scope_q (sent to the CSE team, and not a restricted child
            # outside the viewer's reach), written as "not one of the few left out": the counted
            # rows' episode ids are checked against two small lists, where a join made the database
            # read every episode in the region for each figure.
            condition = ~Q(**{f"{path}pk__in": withheld_episodes()})
            if not sent:
                condition &= ~Q(**{f"{path}pk__in": Episode.objects.filter(submission_round=0).values("pk")})
            return condition
        if role in SUBMITTED_EPISODE_ROLES:
            return episode_scope_q(user, path)
        # A chair sees the episodes on the agendas of the meetings they chair, and no record beyond.
        chaired = AgendaItem.objects.filter(meeting__chair=user).values("episode_id")
        return Q(**{f"{path}submission_round__gt": 0, f"{path}pk__in": chaired})

    def children(path: str) -> Q:
        """The same viewers' rule for what belongs to a child rather than to an episode (a missing
        episode): the children whose records they may open; for a chair, the children on the agendas
        of the meetings they chair."""
        if role not in VIEWERS:
            return Q(pk__in=[])
        if role in SUBMITTED_EPISODE_ROLES:
            return reached_children_q(user, path)
        chaired = AgendaItem.objects.filter(meeting__chair=user).values("episode__child_id")
        return Q(**{f"{path}pk__in": chaired})

    scope.children = children
    return scope


def opens_records(user) -> bool:
    """Whether the list behind a figure links to each child's record and episode: a chair reaches a
    child through the meeting, so sees the names without links that would only refuse."""
    return role_of(user) in SUBMITTED_EPISODE_ROLES
