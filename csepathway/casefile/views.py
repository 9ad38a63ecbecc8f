"""The child's chronology page."""

from django.shortcuts import render

from csepathway.children.access import RECORD_READERS
from csepathway.core import access

from . import presenters, selectors


@access.roles_required(*RECORD_READERS)
def chronology(request, child_id):
    child, events = selectors.chronology_for_child(actor=request.user, child_id=child_id)
    return render(request, "casefile/chronology.html", {
        "page_title": f"Chronology: {child.full_name}", "child": child, "rows": presenters.chronology_rows(events),
    })
