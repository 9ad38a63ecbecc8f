"""Access history: who read or changed a child's record, and what one user read. Both pages are
reads of the trail and are themselves recorded on it."""

import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.core.paging import WindowPage, window_page

from .. import access, children

PER_PAGE = 50
CHILD_TYPE = "children.child"


def _page(queryset, number) -> WindowPage:
    # One query whatever the trail holds: a page and one row more, never a count of a history that
    # may run to millions. The rows are read now, before this read is itself recorded, so the page
    # shows the trail as it was.
    return window_page(queryset.select_related("actor"), number, PER_PAGE)


def event_child_id(event) -> str:
    """The child an event is about: its child id, or for a refusal the object it was refused for."""
    return str(event.child_id) if event.child_id else event.object_id


def _label_children(actor, events) -> None:
    """Put each event's child label on it (`child_label`, "" when none is known), in one query for
    the whole page (docs/adr/0026)."""
    labels = children.child_labels(actor, [event_child_id(e) for e in events])
    for event in events:
        event.child_label = labels.get(children.record_id(event_child_id(event)) or "", "")


def child_events(child_id: uuid.UUID):
    """Everything on the trail about the child, refused attempts included: a refusal names the
    child only as the object it was refused for (there was no child to attach it to)."""
    return (AuditEvent.objects
            .filter(Q(child_id=child_id) | Q(object_type=CHILD_TYPE, object_id=str(child_id)))
            .order_by("-sequence"))


def child_access_history(*, actor, child_id: uuid.UUID, page=1) -> WindowPage:
    if not access.may_read_child_history(actor):
        raise PermissionDenied
    if not access.reads_every_trail(actor) and not children.may_see_child(actor, child_id):
        record(actor=actor, verb="audit.child_history_viewed", object_type=CHILD_TYPE, object_id=str(child_id),
               outcome=AuditEvent.Outcome.DENIED)
        raise Http404("No history found")
    result = _page(child_events(child_id), page)
    # What to call the child at the top of the page: every row is about the same child.
    result.child_label = children.child_labels(actor, [child_id]).get(str(child_id), "")
    record(actor=actor, verb="audit.child_history_viewed", object_type=CHILD_TYPE, object_id=str(child_id),
           child_id=child_id)
    return result


def history_user_get(*, actor, user_id: uuid.UUID):
    if not access.may_read_person_history(actor):
        raise PermissionDenied
    user = get_user_model().objects.filter(pk=user_id).select_related("team").first()
    if user is None:
        raise Http404("No such user")
    return user


def history_user_find(*, actor, username: str):
    """The user with this username, for the search form; None if there is none."""
    if not access.may_read_person_history(actor):
        raise PermissionDenied
    return get_user_model().objects.filter(username__iexact=username.strip()).first()


def user_access_history(*, actor, user, page=1) -> WindowPage:
    """The children a user opened or changed, and the ones they were refused, newest first."""
    if not access.may_read_person_history(actor):
        raise PermissionDenied
    events = (AuditEvent.objects.filter(actor=user)
              .filter(Q(child_id__isnull=False) | Q(object_type=CHILD_TYPE, outcome=AuditEvent.Outcome.DENIED))
              .order_by("-sequence"))
    result = _page(events, page)
    _label_children(actor, result.object_list)
    record(actor=actor, verb="audit.user_history_viewed", obj=user)
    return result
