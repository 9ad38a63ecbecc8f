"""The child's chronology page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from csepathway.children.access import RECORD_READERS
from csepathway.core import access
from csepathway.core.presenters import pagination

from . import presenters, selectors

PER_PAGE = 100


@access.roles_required(*RECORD_READERS)
def chronology(request, child_id):
    """A page at a time, and one part of the record at a time if asked (?kind=note): a child known
    for years can have hundreds of events."""
    child, events = selectors.chronology_for_child(actor=request.user, child_id=child_id)
    kind = request.GET.get("kind") if request.GET.get("kind") in presenters.SOURCE_LABELS else ""
    if kind:
        events = [event for event in events if event.source == kind]
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page", 1))
    return render(request, "casefile/chronology.html", {
        "page_title": f"Chronology: {child.full_name}", "child": child, "rows": presenters.chronology_rows(page),
        "count": len(events), "kind_label": presenters.SOURCE_LABELS.get(kind, ""),
        "pagination": pagination(page, reverse("casefile:chronology", args=[child.pk]), {"kind": kind}),
    })
