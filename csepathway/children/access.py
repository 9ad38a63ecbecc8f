"""Who may see which child. One place, used by every selector that returns children.

Higher apps (episodes, meetings) widen a role's scope by registering a provider here when they
load, for example the police coordinator seeing children with submitted episodes. This keeps the
dependency pointing downwards: children knows nothing of episodes.

On top of every scope sit restricted records and emergency access (docs/adr/0021): a restricted
child is taken out for everyone not on its allow-list, whatever their scope, and an emergency
("break-glass") grant adds one child for one user until it expires."""

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from csepathway.accounts.roles import CASE_ROLES, CSE_TEAM_ROLES, Role, role_of
from csepathway.core.request_context import memoised

from .models import BreakGlassGrant, Child, ChildRestriction

ScopeProvider = Callable[[object], Q | None]
_providers: list[ScopeProvider] = []

# Q() cannot stand for "everything": Django drops an empty Q when it is OR-ed with another.
ALL = Q(pk__isnull=False)

# Who works with children's records at all (find, open), and who may add and change them.
RECORD_READERS = CASE_ROLES
RECORD_EDITORS = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, *CSE_TEAM_ROLES})


def register_scope_provider(provider: ScopeProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def _own_routes(user, path: str = "") -> list[Q]:
    """The role's own rule as its separate routes to a child (an empty list: none of its own)."""
    role = role_of(user)
    if role == Role.PRACTITIONER:
        routes = [Q(**{f"{path}allocated_worker": user})]
        return routes + ([Q(**{f"{path}allocated_team_id": user.team_id})] if user.team_id else [])
    if role == Role.TEAM_MANAGER:
        return [Q(**{f"{path}allocated_team_id": user.team_id})] if user.team_id else []
    return []


def _base_scope(user, path: str = "") -> Q | None:
    """The role's own rule, on the child reached through `path` ("" for a child itself)."""
    if role_of(user) in CSE_TEAM_ROLES:
        return ALL if not path else Q(**{f"{path}pk__isnull": False})
    routes = _own_routes(user, path)
    if not routes:
        return None
    scope = routes[0]
    for route in routes[1:]:
        scope |= route
    return scope


def active_grants(user) -> QuerySet[BreakGlassGrant]:
    return BreakGlassGrant.objects.filter(user=user, expires_at__gt=timezone.now())


def _shut_out(user, granted) -> QuerySet:
    """Ids of restricted children this user is not allowed to see. The allow-list narrows a scope,
    it never widens one: being allowed does not put a child in front of someone who would not
    otherwise see it."""
    active = ChildRestriction.objects.filter(lifted_at__isnull=True)
    admitted = Q(allowed_users=user)
    if user.team_id:
        admitted |= Q(allowed_teams=user.team_id)
    return (active.exclude(pk__in=active.filter(admitted).values("pk"))
            .exclude(child_id__in=granted).values("child_id"))


def hidden_restricted_children(user) -> QuerySet:
    """Ids of the restricted children this user may not see, for scopes that do not start from
    visible_children (a MASE chair reaches children through the meetings they chair)."""
    return _shut_out(user, active_grants(user).values("child_id"))


def _scoped(user, *, through_grants: bool) -> QuerySet[Child]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Child.objects.none()
    granted = active_grants(user) if through_grants else BreakGlassGrant.objects.none()
    base = _base_scope(user)
    if base is ALL:
        # Every child but the restricted ones: said plainly, the planner need not test each child
        # against the grants (which cannot add to "every child") before excluding.
        return Child.objects.exclude(pk__in=_shut_out(user, granted.values("child_id")))
    scopes = [s for s in [base, *(p(user) for p in _providers)] if s is not None]
    # EXISTS, not IN: OR-ed with the other rules, an IN list would be built whole for every query,
    # where EXISTS looks up only the children the query is about (one, on a child's page).
    combined = Q(Exists(granted.filter(child_id=OuterRef("pk"))))
    for scope in scopes:
        combined |= scope
    # Subqueries, not lists: the whole rule stays one SQL statement, however many restrictions exist.
    return Child.objects.filter(combined).exclude(pk__in=_shut_out(user, granted.values("child_id")))


def child_scope_q(user, path: str) -> Q | None:
    """visible_children as a condition on the child a queryset reaches through `path` (for example
    "episode__child__" from an action), so the database tests the rows a page is about instead of
    first listing every child the user may see (ADR 0034). None when the rule cannot be said of the
    row alone, because a higher app's provider widens this user's scope: use visible_children then."""
    if role_of(user) is None:
        return Q(**{f"{path}pk__in": []})
    if any(provider(user) is not None for provider in _providers):
        return None
    grants = active_grants(user)
    scope = Q(Exists(grants.filter(child_id=OuterRef(f"{path}pk"))))
    base = _base_scope(user, path)
    if base is not None:
        scope |= base
    return scope & ~Q(**{f"{path}pk__in": _shut_out(user, grants.values("child_id"))})


def child_routes(user, path: str) -> list[Q] | None:
    """child_scope_q's rule as separate routes (the role's own rules, the user's emergency grants),
    each a condition one index answers, for a query that takes them as a UNION: OR-ed across tables,
    the planner can only test every row of a region against each (ADR 0036). Restricted children
    are not left out here; the caller excludes hidden_restricted_children. None where the rule is
    not this (child_scope_q is None, or the role reads every child)."""
    if role_of(user) is None or role_of(user) in CSE_TEAM_ROLES:
        return None
    if any(provider(user) is not None for provider in _providers):
        return None
    return [*_own_routes(user, path), Q(**{f"{path}pk__in": active_grants(user).values("child_id")})]


def scope_key(user, name: str) -> tuple:
    """The key a rule is memoised under for one request (core/request_context.memoised)."""
    # Everything the rule reads from the user; the rest it leaves to SQL, run afresh every time.
    return (name, getattr(user, "pk", None), getattr(user, "role", None), getattr(user, "team_id", None),
            getattr(user, "is_active", False), getattr(user, "is_authenticated", False))


def visible_children(user) -> QuerySet[Child]:
    """Deny by default: a user with no rule that admits them sees nothing."""
    return memoised(scope_key(user, "visible_children"), lambda: _scoped(user, through_grants=True)).all()


def editable_children(user) -> QuerySet[Child]:
    """The children whose record this user may change: their own scope, never an emergency grant.
    Emergency access is to read what is needed in the emergency; changes are left to the child's own
    team (docs/adr/0021)."""
    if role_of(user) not in RECORD_EDITORS:
        return Child.objects.none()
    return _scoped(user, through_grants=False)


def may_create_child(user) -> bool:
    return role_of(user) in RECORD_EDITORS


def may_edit_child(user, *, through_emergency_access: bool) -> bool:
    """For a child the user can see: an editing role seeing them through their own work, never
    through an emergency grant, which is to read what the emergency needs (docs/adr/0021)."""
    return role_of(user) in RECORD_EDITORS and not through_emergency_access


def may_see_protected_address(user, child) -> bool:
    """A protected address (a refuge, a placement kept from someone) only for the allocated worker
    and their team, whoever else may read the record."""
    return user is not None and (
        child.allocated_worker_id == user.pk
        or (child.allocated_team_id is not None and child.allocated_team_id == user.team_id)
    )
