"""Every view states who may reach it. A test walks the URLconf and fails on any view that does not.

These decorators are the page-level rule only; whether this user may see *this child* is decided
in the selectors, which return 404 for anything outside the user's scope.
"""

from collections.abc import Callable, Iterator
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.urls import URLResolver

ACCESS_RULE_ATTR = "access_rule"


def _mark(view: Callable, rule: str) -> Callable:
    setattr(view, ACCESS_RULE_ATTR, rule)
    return view


def public(view: Callable) -> Callable:
    """Reachable without signing in: sign-in, error pages, the accessibility statement."""
    return _mark(login_not_required(view), "public")


def bearer_token(view: Callable) -> Callable:
    """The API (csepathway/api): no session, no sign-in page; the view itself demands a bearer
    token and answers 401 without one, and its selectors scope what the token's system sees."""
    return _mark(login_not_required(view), "bearer_token")


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


# The Django admin keeps its own staff check, and config/urls.py takes away its sign-in page, so
# only system administrators (is_staff) who signed in here can reach it.
EXEMPT_NAMESPACES = frozenset({"admin"})


def url_views(patterns, prefix: str = "") -> Iterator[tuple[str, Callable]]:
    """Every (route, view) in a URLconf, following includes, without the exempt namespaces."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace not in EXEMPT_NAMESPACES:
                yield from url_views(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry.callback


def views_without_rule(patterns) -> list[str]:
    """Routes whose view states no access rule, as 'route -> module.view' for the failure message."""
    return [
        f"{route or '/'} -> {view.__module__}.{getattr(view, '__qualname__', view)}"
        for route, view in url_views(patterns)
        if rule_of(view) is None
    ]
