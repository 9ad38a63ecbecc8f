"""Access history, unusual access alerts and the disclosure log. Thin: forms, selectors, services."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from csepathway.accounts.roles import Role
from csepathway.core import access

from . import alert_selectors, alert_services, disclosure_selectors, history_selectors, presenters
from .forms import AlertReviewForm, ChildHistoryForm, DisclosureFilterForm, UserHistoryForm

CHILD_HEAD = [{"text": "When"}, {"text": "Person"}, {"text": "Role"}, {"text": "Action"}, {"text": "Outcome"}]
USER_HEAD = [{"text": "When"}, {"text": "Child"}, {"text": "Action"}, {"text": "Outcome"}]
ALERT_HEAD = [{"text": "Raised"}, {"text": "Person"}, {"text": "What happened"}, {"text": "How many"},
              {"text": "Status"}]
DISCLOSURE_HEAD = [{"text": "When"}, {"text": "Child"}, {"text": "Recipient"}, {"text": "What was shared"},
                   {"text": "Purpose"}, {"text": "Lawful basis"}, {"text": "Shared by"}]


@access.roles_required(Role.AUDITOR, Role.CSE_MANAGER)
def access_history(request):
    """Find a child's history by record ID, or (information governance) a person's by username."""
    child_form = ChildHistoryForm(request.GET if "child_id" in request.GET else None)
    user_form = UserHistoryForm(request.GET if "username" in request.GET else None)
    if child_form.is_bound and child_form.is_valid():
        return redirect("audit:child_history", child_id=child_form.cleaned_data["child_id"])
    if request.user.role == Role.AUDITOR and user_form.is_bound and user_form.is_valid():
        user = history_selectors.history_user_find(actor=request.user, username=user_form.cleaned_data["username"])
        if user is not None:
            return redirect("audit:user_history", user_id=user.pk)
        user_form.add_error("username", "There is no one with that username")
    return render(request, "audit/access_history.html", {
        "page_title": "Access history", "child_form": child_form,
        "user_form": user_form if request.user.role == Role.AUDITOR else None})


@access.roles_required(Role.AUDITOR, Role.CSE_MANAGER)
def child_history(request, child_id):
    page = history_selectors.child_access_history(actor=request.user, child_id=child_id,
                                                  page=request.GET.get("page", 1))
    return render(request, "audit/child_history.html", {
        "page_title": "Access history for a child's record", "child_id": child_id, "head": CHILD_HEAD,
        "rows": presenters.child_history_rows(page.object_list), "page": page,
        "pagination": presenters.pagination(page, reverse("audit:child_history", args=[child_id]))})


@access.roles_required(Role.AUDITOR)
def user_history(request, user_id):
    person = history_selectors.history_user_get(actor=request.user, user_id=user_id)
    page = history_selectors.user_access_history(actor=request.user, user=person, page=request.GET.get("page", 1))
    return render(request, "audit/user_history.html", {
        "page_title": "What a person accessed", "person": person, "name": presenters.person(person),
        "head": USER_HEAD, "rows": presenters.user_history_rows(page.object_list), "page": page,
        "pagination": presenters.pagination(page, reverse("audit:user_history", args=[user_id]))})


@access.roles_required(Role.AUDITOR)
def alert_list(request):
    page = alert_selectors.access_alert_list(actor=request.user, page=request.GET.get("page", 1))
    return render(request, "audit/alerts.html", {
        "page_title": "Unusual access alerts", "head": ALERT_HEAD, "rows": presenters.alert_rows(page.object_list),
        "page": page, "pagination": presenters.pagination(page, reverse("audit:alerts"))})


@access.roles_required(Role.AUDITOR)
def alert_detail(request, alert_id):
    alert = alert_selectors.access_alert_get(actor=request.user, alert_id=alert_id)
    form = AlertReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and alert.reviewed_at is None and form.is_valid():
        try:
            alert_services.access_alert_review(actor=request.user, alert=alert, note=form.cleaned_data["note"])
        except alert_services.AlertRefused as refused:
            form.add_error("note", str(refused))
        else:
            messages.success(request, "Alert marked as reviewed")
            return redirect("audit:alerts")
    return render(request, "audit/alert_detail.html", {
        "page_title": "Unusual access alert", "alert": alert, "summary": presenters.alert_summary(alert),
        "form": form}, status=400 if form.errors else 200)


@access.roles_required(Role.AUDITOR, Role.CSE_MANAGER)
def disclosure_log(request):
    form = DisclosureFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    child_id, recipient = filters.get("child_id"), filters.get("recipient", "")
    page = disclosure_selectors.disclosure_list(actor=request.user, child_id=child_id, recipient=recipient,
                                                page=request.GET.get("page", 1))
    return render(request, "audit/disclosures.html", {
        "page_title": "Disclosure log", "form": form, "head": DISCLOSURE_HEAD,
        "rows": presenters.disclosure_rows(page.object_list), "page": page,
        "pagination": presenters.pagination(page, reverse("audit:disclosures"),
                                            {"child_id": child_id or "", "recipient": recipient})})
