"""What audit may learn about children without importing the children app (which sits above it):
the children app, or anything above, registers a scope check here at start-up. With none
registered, the CSE Team Manager's rule today (every child) applies."""

from collections.abc import Callable

ScopeCheck = Callable[[object, str], bool]
_scope_checks: list[ScopeCheck] = []


def register_scope_check(check: ScopeCheck) -> None:
    """check(actor, child_id) -> whether the actor may see that child (e.g. not restricted from them)."""
    if check not in _scope_checks:
        _scope_checks.append(check)


def may_see_child(actor, child_id: str) -> bool:
    return all(check(actor, child_id) for check in _scope_checks)
