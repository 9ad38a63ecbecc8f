"""The disclosure log, for information governance and the CSE Team Manager."""

import uuid

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator

from csepathway.audit.services import record

from .. import access, children
from .models import Disclosure

PER_PAGE = 50


def disclosure_list(*, actor, child_id: uuid.UUID | None = None, recipient: str = "", page=1) -> Page:
    if not access.may_read_disclosure_log(actor):
        raise PermissionDenied
    entries = Disclosure.objects.select_related("disclosed_by").order_by("-disclosed_at")
    if child_id is not None:
        entries = entries.filter(child_id=child_id)
    if recipient.strip():
        entries = entries.filter(recipient__icontains=recipient.strip())
    result = Paginator(entries, PER_PAGE).get_page(page)
    result.object_list = list(result.object_list)
    child_ids = [e.child_id for e in result.object_list if e.child_id]
    if not access.reads_every_trail(actor):
        # Entries about children outside the manager's scope (restricted records) are not shown.
        hidden = children.hidden_children(actor, child_ids)
        result.object_list = [e for e in result.object_list if e.child_id is None or str(e.child_id) not in hidden]
    labels = children.child_labels(actor, [e.child_id for e in result.object_list if e.child_id])
    for entry in result.object_list:
        entry.child_label = labels.get(str(entry.child_id), "") if entry.child_id else ""
    # The filter may be a name or an address, so it is not kept in the trail; the read is.
    record(actor=actor, verb="disclosure_log.viewed", object_type="audit.disclosure",
           child_id=child_id, object_id=str(len(result.object_list)))
    return result
