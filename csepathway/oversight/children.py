"""What the access history and the disclosure log may say about children: which ones the reader
may not see, and what to call each (docs/adr/0026). Information governance reads every trail but
works no cases, so its labels follow its own rule, not a case worker's scope."""

import uuid
from collections.abc import Iterable

from django.db.models import BooleanField, Exists, OuterRef, Value

from csepathway.children.access import hidden_restricted_children, visible_children
from csepathway.children.models import Child, ChildRestriction

from .access import reads_every_trail

# What the pages call a child the reader may not see (never the name).
RESTRICTED_LABEL = "Restricted record"
OUT_OF_SCOPE_LABEL = "Record outside your work"


def record_id(value) -> str | None:
    """The child id as the labels are keyed (a UUID's text), or None if it is not one."""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


def record_ids(values: Iterable) -> list[str]:
    return sorted({key for value in values if value and (key := record_id(value))})


def may_see_child(actor, child_id) -> bool:
    return record_id(child_id) not in hidden_children(actor, [child_id])


def hidden_children(actor, child_ids) -> set[str]:
    """Which of these children are restricted records the actor may not see. One query."""
    ids = record_ids(child_ids)
    if not ids:
        return set()
    rows = hidden_restricted_children(actor).filter(child_id__in=ids)
    return {str(row["child_id"]) for row in rows}


def child_labels(actor, child_ids) -> dict[str, str]:
    """Labels by child id (as text) for a page of the trail: the child's full name where the actor
    may see the child, otherwise an opaque label, never the name. One query whatever the number of
    ids, none when there are none; ids that are not record ids (a refused attempt can carry
    anything) are left out. Information governance reads every trail but works no cases, so
    for them "may see" is every child but the restricted ones they are not allowed to see; for
    everyone else it is visible_children."""
    ids = record_ids(child_ids)
    if not ids:
        return {}
    if reads_every_trail(actor):
        seen = Child.objects.exclude(pk__in=hidden_restricted_children(actor))
    else:
        seen = visible_children(actor)
    may_see = (Exists(seen.filter(pk=OuterRef("pk"))) if not seen.query.is_empty()
               else Value(False, output_field=BooleanField()))
    restricted = Exists(ChildRestriction.objects.filter(child=OuterRef("pk"), lifted_at__isnull=True))
    rows = (Child.objects.filter(pk__in=ids).annotate(may_see=may_see, restricted=restricted)
            .values_list("pk", "first_name", "last_name", "may_see", "restricted"))
    return {str(pk): _audit_label(first, last, shown, is_restricted) for pk, first, last, shown, is_restricted in rows}


def _audit_label(first_name: str, last_name: str, shown: bool, restricted: bool) -> str:
    if shown:
        return f"{first_name} {last_name}"
    return RESTRICTED_LABEL if restricted else OUT_OF_SCOPE_LABEL
