"""Reads of accounts: who can hold a child's case, and the teams."""

from django.db.models import QuerySet

from .models import Team, User
from .roles import Role


def team_list() -> QuerySet[Team]:
    return Team.objects.select_related("agency").order_by("name")


def allocatable_worker_list() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role__in=[Role.PRACTITIONER, Role.TEAM_MANAGER]).order_by(
        "last_name", "first_name"
    )


def team_manager_list() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role=Role.TEAM_MANAGER).order_by("last_name", "first_name")
