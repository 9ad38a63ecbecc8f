"""Subject access pages, for information governance only (the auditor role): everyone else is
refused with 403 before anything is read."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from csepathway.accounts.step_up import step_up_is_fresh, step_up_redirect
from csepathway.core import access as page_access
from csepathway.core.presenters import pagination
from csepathway.core.refusals import Refused
from csepathway.core.services import StaleEdit

from . import access, document, presenters, selectors, services
from .forms import GatherForm, ItemReviewForm, ReleaseForm, StartForm
from .identifiers import offered_redactions

governance_only = page_access.roles_required(*access.HANDLERS)
STALE = "Someone else changed this while you were working on it. Check what it says now and try again."


@governance_only
def request_list(request):
    today = timezone.localdate()
    requests = selectors.sar_list(actor=request.user, today=today, page=request.GET.get("page", 1))
    return render(request, "subject_access/list.html", {
        "page_title": "Subject access requests", "rows": presenters.list_rows(requests.page.object_list, today),
        "count": requests.count, "overdue": requests.overdue,
        "pagination": pagination(requests.page, reverse("subject_access:list")),
    })


@governance_only
def request_start(request):
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = selectors.child_for_request(actor=request.user, reference=form.cleaned_data["reference"])
        except selectors.ChildAmbiguous:
            form.add_error("reference", "More than one child has that reference: enter the child id instead")
        except selectors.ChildNotFound:
            form.add_error("reference", "No child has that reference or id: check it and try again")
        else:
            sar = services.sar_start(actor=request.user, child=child, requester=form.cleaned_data["requester"],
                                     received_on=form.cleaned_data["received_on"])
            return redirect("subject_access:detail", sar.pk)
    return render(request, "subject_access/start.html", {"page_title": "Start a subject access request",
                                                         "form": form})


@governance_only
def request_detail(request, sar_id):
    sar = selectors.sar_get(actor=request.user, sar_id=sar_id)
    items = selectors.bundle_items(sar=sar)
    tally = presenters.counts(items)
    return render(request, "subject_access/detail.html", {
        "page_title": f"Subject access request: {sar.child.full_name}", "sar": sar,
        "summary": presenters.summary_rows(sar, timezone.localdate()), "tasks": presenters.task_items(sar, items),
        "tally": tally, "ready": bool(items) and tally["not_reviewed"] == 0,
        "gather_form": GatherForm(initial={"version": sar.version}),
        "offers": presenters.offer_groups(offered_redactions(items)) if sar.status == sar.Status.REVIEWING else [],
    })


@governance_only
@require_POST
def request_gather(request, sar_id):
    sar = selectors.sar_get(actor=request.user, sar_id=sar_id, purpose="gathering_opened")
    form = GatherForm(request.POST)
    if form.is_valid():
        try:
            services.sar_gather(actor=request.user, sar=sar, expected_version=form.cleaned_data["version"])
        except (StaleEdit, Refused):
            messages.warning(request, "The records for this request have already been gathered.")
    return redirect("subject_access:detail", sar.pk)


@governance_only
def item_review(request, sar_id, item_id):
    item = selectors.bundle_item_get(actor=request.user, sar_id=sar_id, item_id=item_id)
    initial = {"decision": "" if item.decision == "not_reviewed" else item.decision, "exemption": item.exemption,
               "exemption_detail": item.exemption_detail, "redactions": "\n".join(item.redactions),
               "version": item.version}
    form = ItemReviewForm(request.POST or None, initial=initial, item=item)
    editable = item.request.status == item.request.Status.REVIEWING
    if request.method == "POST" and editable and form.is_valid():
        data = form.cleaned_data
        try:
            services.bundle_item_review(actor=request.user, item=item, expected_version=data["version"],
                                        decision=data["decision"], exemption=data["exemption"],
                                        exemption_detail=data["exemption_detail"], redactions=data["phrases"])
        except StaleEdit:
            form.add_error(None, STALE)
        except Refused as error:
            form.add_error(None, str(error))
        else:
            return redirect("subject_access:detail", sar_id)
    return render(request, "subject_access/item.html", {
        "page_title": f"Review item {item.position}", "item": item, "sar": item.request, "form": form,
        "editable": editable, "decision": presenters.decision_text(item),
    })


@governance_only
def request_release(request, sar_id):
    sar = selectors.sar_get(actor=request.user, sar_id=sar_id, purpose="release_checked")
    items = selectors.bundle_items(sar=sar)
    if request.method == "POST" and not step_up_is_fresh(request):
        # Releasing sends the child's data out of the service: confirm it is you first.
        return step_up_redirect(request)
    form = ReleaseForm(request.POST or None, initial={"version": sar.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.sar_release(actor=request.user, sar=sar, expected_version=form.cleaned_data["version"])
        except StaleEdit:
            form.add_error(None, STALE)
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The bundle has been released. Download it to send to the requester.")
            return redirect("subject_access:detail", sar.pk)
    return render(request, "subject_access/release.html", {
        "page_title": "Check the bundle before you release it", "sar": sar, "form": form,
        "rows": presenters.check_rows(items), "tally": presenters.counts(items),
        "offers": presenters.offer_groups(offered_redactions(items)),
    })


@governance_only
@require_POST
def release_rest(request, sar_id):
    """Every item not reviewed yet released in full, in one step (issue 13, point 11)."""
    sar = selectors.sar_get(actor=request.user, sar_id=sar_id, purpose="release_rest")
    form = GatherForm(request.POST)
    if form.is_valid():
        try:
            count = services.bundle_release_rest(actor=request.user, sar=sar,
                                                 expected_version=form.cleaned_data["version"])
        except (StaleEdit, Refused):
            messages.warning(request, STALE)
        else:
            messages.success(request, f"{count} item{'s' if count != 1 else ''} released in full.")
    return redirect("subject_access:detail", sar.pk)


@governance_only
@require_POST
def redactions_add(request, sar_id):
    """Redact the identifiers of withheld items that the reviewer ticked where they appear elsewhere."""
    sar = selectors.sar_get(actor=request.user, sar_id=sar_id, purpose="redactions_offered")
    form = GatherForm(request.POST)
    chosen = presenters.chosen_phrases(offered_redactions(selectors.bundle_items(sar=sar)),
                                       request.POST.getlist("redact"))
    if form.is_valid() and chosen:
        try:
            count = services.bundle_redactions_add(actor=request.user, sar=sar, chosen=chosen,
                                                   expected_version=form.cleaned_data["version"])
        except (StaleEdit, Refused):
            messages.warning(request, STALE)
        else:
            messages.success(request, f"Redactions added to {count} item{'s' if count != 1 else ''}.")
    elif form.is_valid():
        messages.info(request, "Nothing was ticked, so nothing was redacted.")
    return redirect("subject_access:detail", sar.pk)


@governance_only
def released_pdf(request, sar_id):
    sar, body = selectors.released_pdf(actor=request.user, sar_id=sar_id)
    if not step_up_is_fresh(request):
        return step_up_redirect(request)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename(sar)}"'
    # Case content: no browser or proxy keeps a copy.
    response["Cache-Control"] = "no-store"
    return response
