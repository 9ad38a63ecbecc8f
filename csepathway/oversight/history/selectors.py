"""Access history: who read or changed a child's record, and what one user read. Both pages are
reads of the trail and are themselves recorded on it."""

import datetime as dt
import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.children.access import hidden_restricted_children, visible_children
from csepathway.children.models import Child
from csepathway.children.selectors import SEARCH_LIMIT, matching_child_ids
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


# The kinds of access (forms.KINDS) as conditions on the trail's verbs and outcomes.
_READ = Q(verb__endswith="viewed") | Q(verb__contains="opened") | Q(verb__endswith="searched")
_DOWNLOADED = Q(verb__contains="download") | Q(verb__contains="export")
_ALLOWED = Q(outcome=AuditEvent.Outcome.ALLOWED)
KIND_CONDITIONS = {
    "read": _ALLOWED & _READ & ~_DOWNLOADED,
    "downloaded": _ALLOWED & _DOWNLOADED,
    "changed": _ALLOWED & ~_READ & ~_DOWNLOADED,
    "refused": Q(outcome=AuditEvent.Outcome.DENIED),
}
NO_FILTERS = {"person": "", "since": None, "until": None, "kind": ""}


def child_events(child_id: uuid.UUID, filters: dict | None = None):
    """Everything on the trail about the child, refused attempts included (a refusal of the child's
    record names the child as the object; a refusal of one of its records carries its child id),
    narrowed by `filters`: person (name or username), since and until (days), kind."""
    filters = filters or NO_FILTERS
    events = AuditEvent.objects.filter(Q(child_id=child_id) | Q(object_type=CHILD_TYPE, object_id=str(child_id)))
    if filters["person"]:
        who = Q()
        for word in filters["person"].split():
            who &= (Q(actor_username__icontains=word) | Q(actor__first_name__icontains=word)
                    | Q(actor__last_name__icontains=word))
        events = events.filter(who)
    if filters["since"]:
        events = events.filter(occurred_at__gte=_start_of(filters["since"]))
    if filters["until"]:
        events = events.filter(occurred_at__lt=_start_of(filters["until"] + dt.timedelta(days=1)))
    if filters["kind"] in KIND_CONDITIONS:
        events = events.filter(KIND_CONDITIONS[filters["kind"]])
    return events.order_by("-sequence")


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _may_read_trail_of(actor, child_id) -> bool:
    if not access.may_read_child_history(actor):
        raise PermissionDenied
    return access.reads_every_trail(actor) or children.may_see_child(actor, child_id)


def child_access_history(*, actor, child_id: uuid.UUID, page=1, filters: dict | None = None) -> WindowPage:
    if not _may_read_trail_of(actor, child_id):
        record(actor=actor, verb="audit.child_history_viewed", object_type=CHILD_TYPE, object_id=str(child_id),
               outcome=AuditEvent.Outcome.DENIED)
        raise Http404("No history found")
    result = _page(child_events(child_id, filters), page)
    # What to call the child at the top of the page: every row is about the same child.
    result.child_label = children.child_labels(actor, [child_id]).get(str(child_id), "")
    record(actor=actor, verb="audit.child_history_viewed", object_type=CHILD_TYPE, object_id=str(child_id),
           child_id=child_id)
    return result


EXPORT_LIMIT = 10_000


def child_access_export(*, actor, child_id: uuid.UUID, filters: dict | None = None) -> tuple[str, list]:
    """The child's label and the filtered history, newest first, for a spreadsheet: at most
    EXPORT_LIMIT rows (a narrower period gives the rest). Downloading it is recorded."""
    if not _may_read_trail_of(actor, child_id):
        record(actor=actor, verb="audit.child_history_downloaded", object_type=CHILD_TYPE, object_id=str(child_id),
               outcome=AuditEvent.Outcome.DENIED)
        raise Http404("No history found")
    events = list(child_events(child_id, filters).select_related("actor")[:EXPORT_LIMIT])
    label = children.child_labels(actor, [child_id]).get(str(child_id), "")
    record(actor=actor, verb="audit.child_history_downloaded", object_type=CHILD_TYPE, object_id=str(child_id),
           child_id=child_id)
    return label, events


def history_child_search(*, actor, query: str) -> list:
    """Children whose access history the actor may read, found by name, known-as name or
    reference. Restricted records the actor may not see are never found by name: their history is
    reached by record ID only, so a search never says such a child exists."""
    if not access.may_read_child_history(actor):
        raise PermissionDenied
    if not query.strip():
        return []
    if access.reads_every_trail(actor):
        readable = Child.objects.exclude(pk__in=hidden_restricted_children(actor))
    else:
        readable = visible_children(actor)
    found = list(readable.filter(pk__in=matching_child_ids(query.strip())).order_by("last_name", "first_name")
                 [:SEARCH_LIMIT])
    record(actor=actor, verb="audit.child_history_searched", object_type=CHILD_TYPE, object_id=str(len(found)))
    return found


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
