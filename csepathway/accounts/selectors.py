"""Reads of accounts: who can hold a child's case, and the teams."""

from django.db.models import Exists, OuterRef, QuerySet

from .models import Team, User
from .roles import Role


def team_list() -> QuerySet[Team]:
    return Team.objects.select_related("agency").order_by("name")


def case_holding_team_list() -> QuerySet[Team]:
    """Teams with someone who holds cases (a practitioner or a Team Manager): the teams a child can
    be allocated to, or the workspace filtered by. The police unit, information governance and the
    systems team hold none, so they are not offered."""
    holders = User.objects.filter(team=OuterRef("pk"), is_active=True, role__in=[Role.PRACTITIONER, Role.TEAM_MANAGER])
    return team_list().filter(Exists(holders))


def allocatable_worker_list() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role__in=[Role.PRACTITIONER, Role.TEAM_MANAGER]).order_by(
        "last_name", "first_name"
    )


def team_manager_list() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role=Role.TEAM_MANAGER).order_by("last_name", "first_name")
