"""Who may see which episode, and the widening of child scope that episodes bring."""

from django.db.models import Q, QuerySet

from csepathway.accounts.roles import Role
from csepathway.children.access import visible_children

from .models import Episode

# The practitioner and their Team Manager hold a case; the CSE team triages and decides it with the
# police; the joint review needs one view from each reviewer role.
CASE_HOLDERS = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
REVIEWERS = frozenset({Role.CSE_MANAGER, Role.POLICE_COORDINATOR})
CSE_TEAM = frozenset({Role.CSE_WORKER, Role.CSE_MANAGER})
# Roles that see every episode once it has reached the CSE team (never a draft).
SUBMITTED_EPISODE_ROLES = frozenset({Role.CSE_WORKER, Role.CSE_MANAGER, Role.POLICE_COORDINATOR})


def holds_case(user, episode: Episode) -> bool:
    """The episode's practitioner, or a case holder in the episode's team."""
    return episode.practitioner_id == user.pk or (
        user.role in CASE_HOLDERS and user.team_id is not None and user.team_id == episode.team_id
    )


def visible_episodes(user) -> QuerySet[Episode]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Episode.objects.none()
    if user.role in SUBMITTED_EPISODE_ROLES:
        # Through visible_children too, so a restricted child's episodes leave the workspace (ADR 0021).
        return Episode.objects.filter(submission_round__gt=0, child__in=visible_children(user))
    if user.role in (Role.PRACTITIONER, Role.TEAM_MANAGER):
        return Episode.objects.filter(child__in=visible_children(user))
    return Episode.objects.none()


def children_with_submitted_episodes(user) -> Q | None:
    """Registered with the children app: the police coordinator may open the record of a child whose
    episode has reached the CSE team. A subquery, not a join through episodes: a child with two
    submitted episodes is still one child (one row in a list, one in a count, one for a get)."""
    if getattr(user, "role", None) == Role.POLICE_COORDINATOR:
        return Q(pk__in=Episode.objects.filter(submission_round__gt=0).values("child_id"))
    return None
