"""Access history: find a child's or a person's, and read it. Thin: forms, selectors, presenters."""

from django.shortcuts import redirect, render
from django.urls import reverse

from csepathway.core import access as page_access
from csepathway.core.presenters import pagination
from csepathway.core.replica import reads_from_replica

from .. import access
from . import presenters, selectors
from .forms import ChildHistoryForm, UserHistoryForm

CHILD_HEAD = [{"text": "When"}, {"text": "Person"}, {"text": "Role"}, {"text": "Action"}, {"text": "Outcome"}]
USER_HEAD = [{"text": "When"}, {"text": "Child"}, {"text": "Action"}, {"text": "Outcome"}]


@page_access.roles_required(*access.CHILD_HISTORY_READERS)
def access_history(request):
    """Find a child's history by record ID, or (information governance) a person's by username."""
    child_form = ChildHistoryForm(request.GET if "child_id" in request.GET else None)
    reads_people = access.may_read_person_history(request.user)
    user_form = UserHistoryForm(request.GET if "username" in request.GET else None)
    if child_form.is_bound and child_form.is_valid():
        return redirect("oversight:child_history", child_id=child_form.cleaned_data["child_id"])
    if reads_people and user_form.is_bound and user_form.is_valid():
        user = selectors.history_user_find(actor=request.user, username=user_form.cleaned_data["username"])
        if user is not None:
            return redirect("oversight:user_history", user_id=user.pk)
        user_form.add_error("username", "There is no one with that username")
    return render(request, "oversight/history/search.html", {
        "page_title": "Access history", "child_form": child_form, "user_form": user_form if reads_people else None})


@page_access.roles_required(*access.CHILD_HISTORY_READERS)
@reads_from_replica
def child_history(request, child_id):
    page = selectors.child_access_history(actor=request.user, child_id=child_id, page=request.GET.get("page", 1))
    return render(request, "oversight/history/child.html", {
        "page_title": "Access history for a child's record", "child_id": child_id, "head": CHILD_HEAD,
        "rows": presenters.child_history_rows(page.object_list), "page": page,
        "pagination": pagination(page, reverse("oversight:child_history", args=[child_id]))})


@page_access.roles_required(*access.INFORMATION_GOVERNANCE)
@reads_from_replica
def user_history(request, user_id):
    person = selectors.history_user_get(actor=request.user, user_id=user_id)
    page = selectors.user_access_history(actor=request.user, user=person, page=request.GET.get("page", 1))
    return render(request, "oversight/history/person.html", {
        "page_title": "What a person accessed", "person": person, "name": person.display_name,
        "head": USER_HEAD, "rows": presenters.user_history_rows(page.object_list), "page": page,
        "pagination": pagination(page, reverse("oversight:user_history", args=[user_id]))})
