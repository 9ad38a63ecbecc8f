"""Reading one record through the acting user's scope, with the read or its refusal on the trail.

Like Zulip's access_* functions, a record that does not exist and a record the user may not see get
the same answer, a 404, so the answer never tells anyone that a child's record exists."""

from collections.abc import Callable
from typing import NoReturn

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

from .models import AuditEvent
from .services import record


def _child_id(obj):
    return getattr(obj, "child_id", None)


def refuse_with_404(*, actor, verb: str, object_type: str, object_id, child_id=None) -> NoReturn:
    """Record the refusal, then answer as if there were nothing there."""
    record(actor=actor, verb=verb, object_type=object_type, object_id=str(object_id), child_id=child_id,
           outcome=AuditEvent.Outcome.DENIED)
    raise Http404("Not found")


def _child_of_refused(model, pk, child_id_of) -> object:
    """The child a refused object is about, when it exists: the refusal then shows in that child's
    access history, where information governance looks (issue 13, point 10). Read past every scope,
    for the trail only: nothing of it reaches the person refused. A refused child's record is found
    by its object id already, and its refusal keeps no child id (the trail's rule for reads of a
    child that were not allowed)."""
    if model._meta.label_lower == "children.child":
        return None
    try:
        row = model._base_manager.filter(pk=pk).first()
        return child_id_of(row) if row is not None else None
    except (ValueError, ValidationError, AttributeError, ObjectDoesNotExist):
        return None


def get_in_scope_or_404(scope: QuerySet, *, actor, pk, verb: str, child_id_of: Callable[[Model], object] = _child_id,
                        may: Callable[[object, Model], bool] | None = None, record_read: bool = True) -> Model:
    """The row with this primary key among `scope` (what the actor may see). Out of scope, missing or
    not a valid key, or refused by `may(actor, row)` (what this page does with it): 404, with the
    refusal recorded under `verb`. Found: the read is recorded under `verb` too, unless `record_read`
    is False because the caller records a more exact verb itself."""
    model = scope.model
    label = model._meta.label_lower
    try:
        obj = scope.get(pk=pk)
    except (model.DoesNotExist, ValueError, ValidationError):
        refuse_with_404(actor=actor, verb=verb, object_type=label, object_id=pk,
                        child_id=_child_of_refused(model, pk, child_id_of))
    if may is not None and not may(actor, obj):
        refuse_with_404(actor=actor, verb=verb, object_type=label, object_id=pk, child_id=child_id_of(obj))
    if record_read:
        record(actor=actor, verb=verb, obj=obj, child_id=child_id_of(obj))
    return obj
