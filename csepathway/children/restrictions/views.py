"""Pages for restricted records, emergency access and its review queue (docs/adr/0021, 0026). Thin:
selectors decide what the user may see, services what they may do."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from csepathway.accounts.step_up import step_up_method, step_up_required
from csepathway.core import access as page_access
from csepathway.core.formatting import govuk_datetime, govuk_time
from csepathway.core.presenters import pagination
from csepathway.core.refusals import Refused

from ..models import RESTRICTION_REVIEW_DAYS
from . import access, selectors, services
from .forms import (
    EmergencyReasonForm,
    GrantReviewForm,
    LiftDeclineForm,
    LiftRequestForm,
    ReferenceForm,
    RestrictionForm,
    RestrictionReviewForm,
)

PENDING_REFERENCE = "emergency_access_reference"


def _allow_lists() -> dict:
    return {"users": selectors.allow_list_users(), "teams": selectors.allow_list_teams()}


def _errors_to_form(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@page_access.roles_required(*access.RESTRICTION_MANAGERS)
def restriction_detail(request, child_id):
    child = selectors.restriction_child_get(actor=request.user, child_id=child_id)
    restriction = selectors.active_restriction(child=child)
    return render(request, "children/restrictions/detail.html", {
        "page_title": f"Restriction of {child.full_name}'s record", "child": child, "restriction": restriction,
        "own_request": restriction is not None and restriction.lift_requested_by_id == request.user.pk,
        "history": selectors.restriction_history(child=child),
    })


@page_access.roles_required(*access.RESTRICTION_MANAGERS)
def restriction_create(request, child_id):
    child = selectors.restriction_child_get(actor=request.user, child_id=child_id)
    if selectors.active_restriction(child=child) is not None:
        return redirect("children:restriction", child_id=child.pk)
    initial = {"allowed_teams": [child.allocated_team_id] if child.allocated_team_id else [],
               "allowed_users": [child.allocated_worker_id] if child.allocated_worker_id else []}
    form = RestrictionForm(request.POST or None, initial=initial, **_allow_lists())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.restriction_create(
                actor=request.user, child=child, reason=data["reason"], reason_detail=data["reason_detail"],
                allowed_users=data["allowed_users"], allowed_teams=data["allowed_teams"],
                review_due=data["review_due"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"{child.full_name}'s record is now restricted.")
            return redirect("children:restriction", child_id=child.pk)
    return render(request, "children/restrictions/form.html", {
        "page_title": f"Restrict {child.full_name}'s record", "child": child, "form": form,
        "page_has_errors": bool(form.errors), "button": "Restrict the record",
    })


def _active_or_back(request, child):
    restriction = selectors.active_restriction(child=child)
    if restriction is None:
        messages.info(request, "This record is not restricted.")
    return restriction


@page_access.roles_required(*access.RESTRICTION_MANAGERS)
def restriction_review(request, child_id):
    child = selectors.restriction_child_get(actor=request.user, child_id=child_id)
    restriction = _active_or_back(request, child)
    if restriction is None:
        return redirect("children:restriction", child_id=child.pk)
    initial = {"allowed_users": list(restriction.allowed_users.all()),
               "allowed_teams": list(restriction.allowed_teams.all()),
               "next_review_due": timezone.localdate() + dt.timedelta(days=RESTRICTION_REVIEW_DAYS)}
    form = RestrictionReviewForm(request.POST or None, initial=initial, **_allow_lists())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.restriction_review(actor=request.user, restriction=restriction, note=data["note"],
                                        next_review_due=data["next_review_due"],
                                        allowed_users=data["allowed_users"], allowed_teams=data["allowed_teams"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The review has been recorded.")
            return redirect("children:restriction", child_id=child.pk)
    return render(request, "children/restrictions/form.html", {
        "page_title": f"Review the restriction of {child.full_name}'s record", "child": child, "form": form,
        "page_has_errors": bool(form.errors), "button": "Record the review",
    })


@page_access.roles_required(*access.RESTRICTION_MANAGERS)
def restriction_lift_request(request, child_id):
    child = selectors.restriction_child_get(actor=request.user, child_id=child_id)
    if _active_or_back(request, child) is None:
        return redirect("children:restriction", child_id=child.pk)
    form = LiftRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            restriction = services.restriction_lift_request(actor=request.user, child=child,
                                                            reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Lifting the restriction has been asked for. Someone else must approve it.")
            if not selectors.lift_deciders(restriction=restriction):
                messages.warning(request, "Nobody else on the allow-list can approve it yet. Review the restriction "
                                 "to let in another manager who may decide.")
            return redirect("children:restriction", child_id=child.pk)
    return render(request, "children/restrictions/form.html", {
        "page_title": f"Ask to lift the restriction of {child.full_name}'s record", "child": child, "form": form,
        "page_has_errors": bool(form.errors), "button": "Ask for the restriction to be lifted",
    })


@page_access.roles_required(*access.RESTRICTION_MANAGERS)
@step_up_required
def restriction_lift_approve(request, child_id):
    child = selectors.restriction_child_get(actor=request.user, child_id=child_id)
    restriction = _active_or_back(request, child)
    if restriction is None:
        return redirect("children:restriction", child_id=child.pk)
    refusal = ""
    if request.method == "POST":
        try:
            services.restriction_lift_approve(actor=request.user, child=child)
        except Refused as refused:
            refusal = str(refused)
        else:
            messages.success(request, f"The restriction of {child.full_name}'s record has been lifted.")
            return redirect("children:restriction", child_id=child.pk)
    return render(request, "children/restrictions/lift_approve.html", {
        "page_title": f"Approve lifting the restriction of {child.full_name}'s record", "child": child,
        "restriction": restriction, "refusal": refusal, "page_has_errors": bool(refusal),
    }, status=409 if refusal else 200)


@page_access.roles_required(*access.RESTRICTION_MANAGERS)
def restriction_lift_decline(request, child_id):
    """A second manager declines the lift that was asked for; the record stays restricted. No
    step-up: declining changes nothing about who sees the record."""
    child = selectors.restriction_child_get(actor=request.user, child_id=child_id)
    restriction = _active_or_back(request, child)
    if restriction is None:
        return redirect("children:restriction", child_id=child.pk)
    if not restriction.lift_requested_by_id:
        messages.info(request, "Nobody has asked for this restriction to be lifted.")
        return redirect("children:restriction", child_id=child.pk)
    own = restriction.lift_requested_by_id == request.user.pk
    form = LiftDeclineForm(request.POST or None)
    refusal = ""
    # The person who asked is refused by the service, which records the attempt, whatever the form holds.
    if request.method == "POST" and (own or form.is_valid()):
        try:
            services.restriction_lift_decline(actor=request.user, child=child,
                                              reason="" if own else form.cleaned_data["reason"])
        except Refused as refused:
            refusal = str(refused)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The request has been declined. The record stays restricted.")
            return redirect("children:restriction", child_id=child.pk)
    return render(request, "children/restrictions/lift_decline.html", {
        "page_title": f"Decline lifting the restriction of {child.full_name}'s record", "child": child,
        "restriction": restriction, "form": form, "own": own, "refusal": refusal,
        "page_has_errors": bool(refusal or form.errors),
    }, status=409 if refusal else 200)


@page_access.roles_required(*access.EMERGENCY_ACCESS_USERS)
def emergency_access(request):
    form = ReferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = selectors.reference_lookup(actor=request.user, reference=form.cleaned_data["reference"])
        if found.outcome == "visible":
            return redirect("children:detail", child_id=found.child.pk)
        if found.outcome == "outside_scope":
            # Kept in the session, not the address, so the reference stays out of logs and history.
            request.session[PENDING_REFERENCE] = form.cleaned_data["reference"]
            return render(request, "children/restrictions/record_exists.html", {
                "page_title": "A record exists", "reference": form.cleaned_data["reference"]})
        form.add_error("reference", "No single record has this reference. Check it and try again"
                       if found.outcome == "ambiguous" else "No record has this reference. Check it and try again")
    return render(request, "children/restrictions/emergency_access.html", {
        "page_title": "Emergency access to a record", "form": form, "page_has_errors": bool(form.errors),
    })


@page_access.roles_required(*access.EMERGENCY_ACCESS_USERS)
@step_up_required
def emergency_access_request(request):
    reference = request.session.get(PENDING_REFERENCE, "")
    if not reference:
        return redirect("children:emergency_access")
    form = EmergencyReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.break_glass_grant(actor=request.user, reference=reference,
                                               reason=form.cleaned_data["reason"],
                                               confirmed_with=step_up_method(request))
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            request.session.pop(PENDING_REFERENCE, None)
            messages.success(request, f"You can open this record until {govuk_time(grant.expires_at)}. "
                             "Information governance has been told and will review it.")
            return redirect("children:detail", child_id=grant.child_id)
    return render(request, "children/restrictions/emergency_request.html", {
        "page_title": "Why do you need emergency access?", "form": form, "reference": reference,
        "page_has_errors": bool(form.errors),
    })


@page_access.roles_required(*access.GRANT_REVIEWERS)
def break_glass_queue(request):
    waiting = selectors.grant_queue(actor=request.user, reviewed=False, page=request.GET.get("waiting", 1))
    reviewed = selectors.grant_queue(actor=request.user, reviewed=True, page=request.GET.get("reviewed", 1))
    here = reverse("children:break_glass_queue")
    return render(request, "children/restrictions/queue.html", {
        "page_title": "Emergency access to review",
        # Each section pages on its own, keeping the other where it was.
        "sections": [("Waiting for review", _queue_rows(waiting.object_list),
                      pagination(waiting, here, {"reviewed": reviewed.number}, param="waiting")),
                     ("Reviewed", _queue_rows(reviewed.object_list),
                      pagination(reviewed, here, {"waiting": waiting.number}, param="reviewed"))],
    })


def _queue_rows(grants) -> list[list[dict]]:
    rows = []
    for grant in grants:
        who = f"{grant.user} ({grant.user.get_role_display()}" + (f", {grant.user.team.name})" if grant.user.team_id
                                                                  else ")")
        link = format_html('<a class="govuk-link" href="{}">{}</a>', reverse("children:break_glass_review",
                                                                           args=[grant.pk]),
                           govuk_datetime(grant.granted_at))
        rows.append([{"html": link}, {"text": who}, {"text": grant.child.lcs_reference or grant.child.ehm_reference},
                     {"text": grant.reason}, {"text": str(grant.events), "format": "numeric"},
                     {"text": grant.get_review_outcome_display() if grant.reviewed_at else "Not reviewed"}])
    return rows


@page_access.roles_required(*access.GRANT_REVIEWERS)
def break_glass_review(request, grant_id):
    grant = selectors.grant_get_for_review(actor=request.user, grant_id=grant_id)
    form = GrantReviewForm(request.POST or None)
    own = grant.user_id == request.user.pk
    if request.method == "POST" and not own and grant.reviewed_at is None and form.is_valid():
        try:
            services.break_glass_review(actor=request.user, grant=grant, outcome=form.cleaned_data["outcome"],
                                        note=form.cleaned_data["note"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The review has been recorded.")
            return redirect("children:break_glass_queue")
    return render(request, "children/restrictions/grant_review.html", {
        "page_title": "Review a use of emergency access", "grant": grant, "form": form, "own": own,
        "page_has_errors": bool(form.errors),
    })


def restriction_panel(request, child):
    """For the child's record page: says whether the record is restricted, to those who manage it
    (the emergency-access banner is the record page's own, at the top)."""
    manages = access.may_manage_restriction(request.user, child)
    if not manages:
        return None
    return "children/restrictions/panel.html", {
        "manages": manages,
        "restriction": selectors.active_restriction(child=child) if manages else None,
    }
