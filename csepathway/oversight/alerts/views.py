"""The unusual access alerts queue and the review of one alert."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from csepathway.core import access as page_access
from csepathway.core.presenters import pagination
from csepathway.core.refusals import Refused

from .. import access
from . import presenters, selectors, services
from .forms import AlertReviewForm

ALERT_HEAD = [{"text": "Raised"}, {"text": "Person"}, {"text": "What happened"}, {"text": "How many"},
              {"text": "Status"}]


@page_access.roles_required(*access.INFORMATION_GOVERNANCE)
def alert_list(request):
    page = selectors.access_alert_list(actor=request.user, page=request.GET.get("page", 1))
    return render(request, "oversight/alerts/list.html", {
        "page_title": "Unusual access alerts", "head": ALERT_HEAD, "rows": presenters.alert_rows(page.object_list),
        "page": page, "pagination": pagination(page, reverse("oversight:alerts"))})


@page_access.roles_required(*access.INFORMATION_GOVERNANCE)
def alert_detail(request, alert_id):
    alert = selectors.access_alert_get(actor=request.user, alert_id=alert_id)
    form = AlertReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and alert.reviewed_at is None and form.is_valid():
        try:
            services.access_alert_review(actor=request.user, alert=alert, note=form.cleaned_data["note"])
        except Refused as refused:
            form.add_error("note", str(refused))
        else:
            messages.success(request, "Alert marked as reviewed")
            return redirect("oversight:alerts")
    return render(request, "oversight/alerts/detail.html", {
        "page_title": "Unusual access alert", "alert": alert, "summary": presenters.alert_summary(alert),
        "form": form}, status=400 if form.errors else 200)
