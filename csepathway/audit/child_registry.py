"""What audit may learn about children without importing the children app (which sits above it):
the children app, or anything above, registers here at start-up

- scope checks: whether an actor may see a child. With none registered, the CSE Team Manager's
  rule today (every child) applies.
- labellers: what to call children on the access history pages. With none registered, children are
  shown by record ID only (docs/adr/0026)."""

import uuid
from collections.abc import Callable, Iterable

ScopeCheck = Callable[[object, str], bool]
# labeller(actor, child_ids) -> {child_id: label}, for the ids it knows, in one query whatever their number.
ChildLabeller = Callable[[object, list[str]], dict[str, str]]
_scope_checks: list[ScopeCheck] = []
_labellers: list[ChildLabeller] = []


def register_scope_check(check: ScopeCheck) -> None:
    """check(actor, child_id) -> whether the actor may see that child (e.g. not restricted from them)."""
    if check not in _scope_checks:
        _scope_checks.append(check)


def may_see_child(actor, child_id: str) -> bool:
    return all(check(actor, child_id) for check in _scope_checks)


def register_child_labeller(labeller: ChildLabeller) -> None:
    """labeller(actor, child_ids) -> {child_id: label}: the child's name for children the actor may
    see, an opaque label (never the name) for the others, nothing for ids it does not know."""
    if labeller not in _labellers:
        _labellers.append(labeller)


def record_id(value) -> str | None:
    """The child id as the labels are keyed (a UUID's text), or None if it is not one."""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


def child_labels(actor, child_ids: Iterable) -> dict[str, str]:
    """Labels by child id (as text) for a page of the trail: one call to each labeller for the whole
    page, and none when the page names no child. Ids that are not record ids (a refused attempt can
    carry anything) are left out; the first labeller to name a child wins."""
    ids = sorted({key for value in child_ids if value and (key := record_id(value))})
    labels: dict[str, str] = {}
    if not ids:
        return labels
    for labeller in _labellers:
        for child_id, label in labeller(actor, ids).items():
            labels.setdefault(str(child_id), label)
    return labels
