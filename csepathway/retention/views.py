"""Retention and disposal pages, for information governance only (the auditor role): everyone else
is refused with 403 before anything is read. Proposing and disposing are confirmed with step-up."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts.step_up import step_up_is_fresh, step_up_redirect
from csepathway.core import access as page_access
from csepathway.core.pages import render_form_page
from csepathway.core.presenters import pagination
from csepathway.core.refusals import refusal_as_form_error
from csepathway.subject_access import selectors as subject_access_selectors

from . import access, presenters, schedule, selectors, services
from .forms import ApproveForm, DeclineForm, FindForm, HoldForm, ProposeForm, ReleaseHoldForm
from .models import DisposalProposal

QUEUE_PER_PAGE = 50
governance_only = page_access.roles_required(*access.KEEPERS)


def _back_to(child_id) -> dict:
    return {"back_text": "Back to the record's retention", "back_href": reverse("retention:child", args=[child_id])}


@governance_only
def queue(request):
    states = selectors.disposal_queue(actor=request.user, today=timezone.localdate())
    # Fifty a page: after ten years the first run of the schedule finds thousands of records due.
    due = Paginator(states, QUEUE_PER_PAGE).get_page(request.GET.get("page"))
    holds = selectors.holds_in_force(actor=request.user)
    current = schedule.current_rules()
    return render(request, "retention/queue.html", {
        "page_title": "Retention and disposal", "rows": presenters.queue_rows(due.object_list),
        "due_count": len(states), "pagination": pagination(due, reverse("retention:queue")),
        "hold_rows": presenters.hold_rows(holds), "rule_rows": presenters.rule_rows(current),
        "rules_version": current.version, "find_form": FindForm(),
    })


@governance_only
def find(request):
    form = FindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = subject_access_selectors.child_for_request(
                actor=request.user, reference=form.cleaned_data["reference"], verb="retention.child_looked_up")
        except subject_access_selectors.ChildAmbiguous:
            form.add_error("reference", "More than one child has that reference: enter the child id instead")
        except subject_access_selectors.ChildNotFound:
            form.add_error("reference", "No child has that reference or id: check it and try again")
        else:
            return redirect("retention:child", child.pk)
    return render_form_page(request, form, title="Find a record", submit_text="Find the record",
                            back_text="Back to retention and disposal", back_href=reverse("retention:queue"))


@governance_only
def child_retention(request, child_id):
    state = selectors.child_retention(actor=request.user, child_id=child_id, today=timezone.localdate())
    proposals = selectors.proposals_of(state.child)
    open_proposal = next((p for p in proposals if p.state == DisposalProposal.State.PROPOSED), None)
    return render(request, "retention/child.html", {
        "page_title": f"Retention: {state.child.full_name}", "state": state,
        "summary": presenters.summary_rows(state), "type_rows": presenters.type_rows(state),
        "hold_cards": presenters.hold_cards(selectors.holds_of(state.child)),
        "proposal_rows": presenters.proposal_rows(proposals), "open_proposal": open_proposal,
        "may_propose": not state.blockers and open_proposal is None,
        "second_person": open_proposal is not None and open_proposal.proposed_by_id != request.user.pk,
    })


@governance_only
def hold_place(request, child_id):
    state = selectors.child_retention(actor=request.user, child_id=child_id, today=timezone.localdate(),
                                      purpose="hold_opened")
    form = HoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.legal_hold_place(actor=request.user, child=state.child, reason=form.cleaned_data["reason"],
                                  reference=form.cleaned_data["reference"])
        messages.success(request, "Legal hold placed. The record cannot be disposed of until it is released.")
        return redirect("retention:child", state.child.pk)
    return render_form_page(request, form, title="Place a legal hold", caption=state.child.full_name,
                            intro="While the hold is in force the record cannot be disposed of, whatever its "
                                  "retention date.",
                            submit_text="Place the hold", **_back_to(state.child.pk))


@governance_only
def hold_release(request, hold_id):
    hold = selectors.hold_get(actor=request.user, hold_id=hold_id)
    form = ReleaseHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            services.legal_hold_release(actor=request.user, hold=hold, reason=form.cleaned_data["reason"])
            messages.success(request, "Legal hold released.")
            return redirect("retention:child", hold.child_id)
    return render_form_page(request, form, title="Release a legal hold", caption=hold.child.full_name,
                            intro=f"Held because: {hold.reason}", submit_text="Release the hold",
                            **_back_to(hold.child_id))


@governance_only
def disposal_propose(request, child_id):
    state = selectors.child_retention(actor=request.user, child_id=child_id, today=timezone.localdate(),
                                      purpose="proposal_opened")
    if request.method == "POST" and not step_up_is_fresh(request):
        # Disposal cannot be undone: confirm it is you first.
        return step_up_redirect(request)
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            services.disposal_propose(actor=request.user, child=state.child)
            messages.success(request, "Disposal proposed. A second person in information governance must now "
                                      "dispose of the record or decline.")
            return redirect("retention:child", state.child.pk)
    return render(request, "retention/check.html", {
        "page_title": "Propose disposal", "form": form, "state": state, "summary": presenters.summary_rows(state),
        "type_rows": presenters.type_rows(state), "submit_text": "Propose disposal",
        "warning": "A second person in information governance must agree before anything is deleted."})


def _open_proposal_or_back(request, proposal_id):
    proposal = selectors.proposal_get(actor=request.user, proposal_id=proposal_id)
    if proposal.state != DisposalProposal.State.PROPOSED:
        messages.warning(request, "This proposal has already been decided.")
        return proposal, redirect("retention:child", proposal.child_id)
    if proposal.proposed_by_id == request.user.pk:
        messages.warning(request, services.SECOND_PERSON)
        return proposal, redirect("retention:child", proposal.child_id)
    return proposal, None


@governance_only
def disposal_approve(request, proposal_id):
    proposal, back = _open_proposal_or_back(request, proposal_id)
    if back:
        return back
    if request.method == "POST" and not step_up_is_fresh(request):
        return step_up_redirect(request)
    state = selectors.child_retention(actor=request.user, child_id=proposal.child_id, today=timezone.localdate(),
                                      purpose="disposal_opened")
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            certificate = services.disposal_approve(actor=request.user, proposal=proposal)
            messages.success(request, f"The record has been disposed of. Certificate {certificate.reference} "
                                      "is all that remains.")
            return redirect("retention:certificate", certificate.pk)
    return render(request, "retention/check.html", {
        "page_title": "Dispose of the record", "form": form, "state": state,
        "summary": presenters.summary_rows(state), "type_rows": presenters.type_rows(state),
        "submit_text": "Dispose of the record", "button_classes": "govuk-button--warning",
        "warning": "Everything held about this child will be deleted for good. Only a disposal certificate, "
                   "naming no one, will remain."})


@governance_only
def disposal_decline(request, proposal_id):
    proposal, back = _open_proposal_or_back(request, proposal_id)
    if back:
        return back
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            services.disposal_decline(actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"])
            messages.success(request, "Disposal declined. The record stays.")
            return redirect("retention:child", proposal.child_id)
    return render_form_page(request, form, title="Decline the disposal", caption=proposal.child.full_name,
                            intro="The record stays, and the person who proposed its disposal is told.",
                            submit_text="Decline the disposal", **_back_to(proposal.child_id))


@governance_only
def certificate_list(request):
    found = selectors.certificates(actor=request.user, page=request.GET.get("page"))
    return render(request, "retention/certificates.html", {
        "page_title": "Disposal certificates", "rows": presenters.certificate_list_rows(found.object_list),
        "pagination": pagination(found, reverse("retention:certificates"))})


@governance_only
def certificate_detail(request, certificate_id):
    certificate = selectors.certificate_get(actor=request.user, certificate_id=certificate_id)
    return render(request, "retention/certificate.html", {
        "page_title": f"Disposal certificate {certificate.reference}", "certificate": certificate,
        "rows": presenters.certificate_rows(certificate), "record_rows": presenters.record_rows(certificate)})
