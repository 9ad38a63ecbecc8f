"""A person's notifications, marking them read, and the weekly digest setting. Every page is the
signed-in person's own: the selectors never reach anyone else's notifications."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from csepathway.core import access as page_access
from csepathway.core.paging import page_number
from csepathway.core.presenters import pagination

from . import presenters, selectors, services
from .forms import NO, YES, DigestPreferenceForm


def _list_at(page) -> str:
    number = page_number(page)
    return reverse("notifications:list") + (f"?page={number}" if number > 1 else "")


@page_access.signed_in
def notification_list(request):
    page = selectors.notification_list(actor=request.user, page=request.GET.get("page", 1))
    items = presenters.notification_items(page.object_list)
    return render(request, "notifications/list.html", {
        "page_title": "Notifications", "items": items, "page": page,
        "any_unread": any(item["unread"] for item in items),
        "digest_on": selectors.digest_wanted(actor=request.user),
        "pagination": pagination(page, reverse("notifications:list"))})


@require_POST
@page_access.signed_in
def notification_mark_read(request, notification_id):
    notification = selectors.notification_get(actor=request.user, notification_id=notification_id)
    services.notification_mark_read(actor=request.user, notification=notification)
    messages.success(request, "Notification marked as read")
    return redirect(_list_at(request.POST.get("page")))


@require_POST
@page_access.signed_in
def notifications_mark_all_read(request):
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, f"{count} notification{'' if count == 1 else 's'} marked as read" if count
                     else "You have no unread notifications")
    return redirect("notifications:list")


@page_access.signed_in
def digest_preference(request):
    initial = {"weekly_digest": YES if selectors.digest_wanted(actor=request.user) else NO}
    form = DigestPreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["weekly_digest"] == YES
        services.digest_preference_update(actor=request.user, weekly_digest=wanted)
        messages.success(request, "You will get a weekly summary" if wanted else "You will not get a weekly summary")
        return redirect("notifications:list")
    return render(request, "notifications/digest.html", {"page_title": "Weekly summary email", "form": form,
                                                         "page_has_errors": bool(form.errors)},
                  status=400 if form.errors else 200)
