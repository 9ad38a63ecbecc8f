"""The disclosure log: every share outside the council, filtered by child or recipient."""

from django.shortcuts import render
from django.urls import reverse

from csepathway.core import access as page_access
from csepathway.core.presenters import pagination
from csepathway.core.replica import reads_from_replica

from .. import access
from . import presenters, selectors
from .forms import DisclosureFilterForm

DISCLOSURE_HEAD = [{"text": "When"}, {"text": "Child"}, {"text": "Recipient"}, {"text": "What was shared"},
                   {"text": "Purpose"}, {"text": "Lawful basis"}, {"text": "Shared by"}]


@page_access.roles_required(*access.DISCLOSURE_LOG_READERS)
@reads_from_replica
def disclosure_log(request):
    form = DisclosureFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    child_id, recipient = filters.get("child_id"), filters.get("recipient", "")
    page = selectors.disclosure_list(actor=request.user, child_id=child_id, recipient=recipient,
                                     page=request.GET.get("page", 1))
    return render(request, "oversight/disclosures/list.html", {
        "page_title": "Disclosure log", "form": form, "head": DISCLOSURE_HEAD,
        "rows": presenters.disclosure_rows(page.object_list), "page": page,
        "pagination": pagination(page, reverse("oversight:disclosures"),
                                 {"child_id": child_id or "", "recipient": recipient})})
