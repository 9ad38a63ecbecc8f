"""The action tracker: across meetings, per episode, and one action with its status. Thin: forms,
selectors, services. Every page is for any signed-in user; the selectors decide what they see (the
actions of episodes they may see, of meetings they chair, and their own)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from csepathway.core import access as page_access
from csepathway.core.presenters import pagination
from csepathway.core.services import StaleEdit
from csepathway.core.wording import meeting_name, say

from . import access
from . import presenters as action_presenters
from . import selectors as action_selectors
from . import services as action_services
from .forms import ActionFilterForm, ActionStatusForm
from .selectors import OPEN


def _tracker(request, *, episode=None):
    # Across meetings the tracker opens on what is still to do: ten years of a region's actions are
    # mostly done. "Any" is still a choice; one child's actions open whole, their history is short.
    default_status = OPEN if episode is None and not request.GET else ""
    form = ActionFilterForm(request.GET or None, initial={"status": default_status})
    filters = form.cleaned_data if form.is_valid() else {"status": default_status}
    chosen = {"status": filters.get("status", ""), "kind": filters.get("kind", ""),
              "overdue": "on" if filters.get("overdue") else ""}
    actions = action_selectors.action_list(actor=request.user, status=chosen["status"], kind=chosen["kind"],
                                           overdue_only=bool(chosen["overdue"]), episode=episode,
                                           page=request.GET.get("page", 1))
    with_child = episode is None
    return render(request, "meetings/actions/tracker.html", {
        "page_title": say("MASE actions") if with_child else f"{meeting_name()} actions for {episode.child.full_name}",
        "form": form, "episode": episode, "count": actions.count, "overdue": actions.overdue,
        "head": action_presenters.action_head(with_child=with_child),
        "rows": action_presenters.action_rows(actions.page.object_list, with_child=with_child),
        "form_action": request.path, "pagination": pagination(actions.page, request.path, chosen),
    })


@page_access.signed_in
def action_tracker(request):
    return _tracker(request)


@page_access.signed_in
def episode_actions(request, episode_id):
    return _tracker(request, episode=action_selectors.tracker_episode_get(actor=request.user, episode_id=episode_id))


def _detail_page(request, action, form, *, conflict: str = "", status: int = 200):
    return render(request, "meetings/actions/detail.html", {
        "page_title": say("MASE action"), "action": action, "form": form, "conflict": conflict,
        "status_id": form["status"].id_for_label or form["status"].auto_id,
        "page_has_errors": bool(conflict or form.errors), **action_presenters.action_page(action, request.user),
    }, status=status)


@page_access.signed_in
def action_detail(request, action_id):
    action = action_selectors.action_get(actor=request.user, action_id=action_id)
    if request.method != "POST":
        return _detail_page(request, action, ActionStatusForm(initial={"status": action.status,
                                                                       "version": action.version}))
    if not access.may_set_status(request.user, action):
        raise PermissionDenied
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, action, form)
    try:
        action_services.action_status_set(actor=request.user, action=action, status=form.cleaned_data["status"],
                                          version=form.cleaned_data["version"])
    except StaleEdit as stale:
        current = action_selectors.action_get(actor=request.user, action_id=action_id)
        conflict = (f"Someone else changed this action to '{stale.current.get_status_display()}' while you had it "
                    "open. Your change has not been saved. Check the status now and save again if it still needs "
                    "to change.")
        fresh = ActionStatusForm(initial={"status": current.status, "version": current.version})
        return _detail_page(request, current, fresh, conflict=conflict, status=409)
    messages.success(request, "The action's status has been saved.")
    return redirect(reverse("meetings:action", args=[action.pk]))
