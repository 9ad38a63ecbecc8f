"""The child's chronology page."""

from django.shortcuts import render

from csepathway.accounts.roles import CASE_ROLES
from csepathway.core import access

from . import presenters, selectors


@access.roles_required(*CASE_ROLES)
def chronology(request, child_id):
    child, events = selectors.chronology_for_child(actor=request.user, child_id=child_id)
    return render(request, "casefile/chronology.html", {
        "page_title": f"Chronology: {child.full_name}", "child": child, "rows": presenters.chronology_rows(events),
    })
