"""Every view states who may reach it. A test walks the URLconf and fails on any view that does not.

These decorators are the page-level rule only; whether this user may see *this child* is decided
in the selectors, which return 404 for anything outside the user's scope.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied

ACCESS_RULE_ATTR = "access_rule"


def _mark(view: Callable, rule: str) -> Callable:
    setattr(view, ACCESS_RULE_ATTR, rule)
    return view


def public(view: Callable) -> Callable:
    """Reachable without signing in: sign-in, error pages, the accessibility statement."""
    return _mark(login_not_required(view), "public")


def signed_in(view: Callable) -> Callable:
    """Any signed-in user; the selectors the view calls scope what they see."""
    return _mark(view, "signed_in")


def roles_required(*roles: str) -> Callable[[Callable], Callable]:
    """Only users holding one of these roles; anyone else is refused with 403."""
    allowed = frozenset(roles)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if getattr(request.user, "role", None) not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _mark(wrapped, "roles:" + ",".join(sorted(allowed)))

    return decorator


def rule_of(view: Callable) -> str | None:
    return getattr(view, ACCESS_RULE_ATTR, None)


def has_role(user, roles: Iterable[str]) -> bool:
    return getattr(user, "role", None) in set(roles)
