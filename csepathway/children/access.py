"""Who may see which child. One place, used by every selector that returns children.

Higher apps (episodes, meetings) widen a role's scope by registering a provider here when they
load, for example the police coordinator seeing children with submitted episodes. This keeps the
dependency pointing downwards: children knows nothing of episodes."""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from csepathway.accounts.roles import CSE_TEAM_ROLES, Role

from .models import Child

ScopeProvider = Callable[[object], Q | None]
_providers: list[ScopeProvider] = []

# Q() cannot stand for "everything": Django drops an empty Q when it is OR-ed with another.
ALL = Q(pk__isnull=False)

EDITING_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, *CSE_TEAM_ROLES})


def register_scope_provider(provider: ScopeProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def _base_scope(user) -> Q | None:
    role = getattr(user, "role", None)
    if role == Role.PRACTITIONER:
        scope = Q(allocated_worker=user)
        if user.team_id:
            scope |= Q(allocated_team_id=user.team_id)
        return scope
    if role == Role.TEAM_MANAGER:
        return Q(allocated_team_id=user.team_id) if user.team_id else None
    if role in CSE_TEAM_ROLES:
        return ALL
    return None


def visible_children(user) -> QuerySet[Child]:
    """Deny by default: a user with no rule that admits them sees nothing."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Child.objects.none()
    scopes = [s for s in [_base_scope(user), *(p(user) for p in _providers)] if s is not None]
    if not scopes:
        return Child.objects.none()
    combined = scopes[0]
    for scope in scopes[1:]:
        combined |= scope
    return Child.objects.filter(combined)


def can_edit(user) -> bool:
    return getattr(user, "role", None) in EDITING_ROLES


def can_create(user) -> bool:
    return getattr(user, "role", None) in EDITING_ROLES
