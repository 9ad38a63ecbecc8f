"""What audit may learn about children without importing the children app (which sits above it):
the children app, or anything above, registers here at start-up

- hiding checks: which of some children an actor may not see (restricted records). With none
  registered, the CSE Team Manager's rule (every child) applies.
- labellers: what to call children on the access history pages. With none registered, children are
  shown by record ID only (docs/adr/0026)."""

import uuid
from collections.abc import Callable, Iterable

# hidden(actor, child_ids) -> the ids among them the actor may not see, in one query whatever their number.
HiddenCheck = Callable[[object, list[str]], set[str]]
# labeller(actor, child_ids) -> {child_id: label}, for the ids it knows, in one query whatever their number.
ChildLabeller = Callable[[object, list[str]], dict[str, str]]
_hidden_checks: list[HiddenCheck] = []
_labellers: list[ChildLabeller] = []


def register_hidden_check(check: HiddenCheck) -> None:
    if check not in _hidden_checks:
        _hidden_checks.append(check)


def hidden_children(actor, child_ids: Iterable) -> set[str]:
    """The ids (as text) among `child_ids` the actor may not see: one call to each check."""
    ids = sorted({key for value in child_ids if value and (key := record_id(value))})
    hidden: set[str] = set()
    for check in _hidden_checks if ids else ():
        hidden |= {str(child_id) for child_id in check(actor, ids)}
    return hidden


def may_see_child(actor, child_id: str) -> bool:
    return record_id(child_id) not in hidden_children(actor, [child_id])


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
