"""Access history: find a child's or a person's, and read it. Thin: forms, selectors, presenters."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse

from csepathway.core import access as page_access
from csepathway.core.presenters import pagination
from csepathway.core.replica import reads_from_replica
from csepathway.core.spreadsheets import csv_download

from .. import access
from . import presenters, selectors
from .forms import ChildHistoryForm, ChildNameForm, HistoryFilterForm, UserHistoryForm

CHILD_HEAD = [{"text": "When"}, {"text": "Person"}, {"text": "Role"}, {"text": "Action"}, {"text": "Outcome"}]
USER_HEAD = [{"text": "When"}, {"text": "Child"}, {"text": "Action"}, {"text": "Outcome"}]


@page_access.roles_required(*access.CHILD_HISTORY_READERS)
def access_history(request):
    """Find a child's history by name or reference (or record ID), or (information governance) a
    person's by username."""
    name_form = ChildNameForm(request.GET if "name" in request.GET else None)
    found = None
    if name_form.is_bound and name_form.is_valid():
        found = presenters.found_children_rows(
            selectors.history_child_search(actor=request.user, query=name_form.cleaned_data["name"]))
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
        "page_title": "Access history", "name_form": name_form, "found": found, "child_form": child_form,
        "user_form": user_form if reads_people else None,
        "page_has_errors": any(f.is_bound and f.errors for f in (name_form, child_form, user_form))})


@page_access.roles_required(*access.CHILD_HISTORY_READERS)
@reads_from_replica
def child_history(request, child_id):
    form = HistoryFilterForm(request.GET if set(request.GET) - {"page"} else None)
    page = selectors.child_access_history(actor=request.user, child_id=child_id, page=request.GET.get("page", 1),
                                          filters=form.filters())
    query = form.query()
    csv_href = reverse("oversight:child_history_csv", args=[child_id])
    return render(request, "oversight/history/child.html", {
        "page_title": "Access history for a child's record", "child_id": child_id, "head": CHILD_HEAD,
        "rows": presenters.child_history_rows(page.object_list), "page": page, "form": form,
        "filtered": bool(query), "page_has_errors": bool(form.is_bound and form.errors),
        "csv_href": f"{csv_href}?{urlencode(query)}" if query else csv_href,
        "pagination": pagination(page, reverse("oversight:child_history", args=[child_id]), query)})


@page_access.roles_required(*access.CHILD_HISTORY_READERS)
@reads_from_replica
def child_history_csv(request, child_id):
    """The filtered history as a spreadsheet, every event on its own line."""
    form = HistoryFilterForm(request.GET or None)
    label, events = selectors.child_access_export(actor=request.user, child_id=child_id, filters=form.filters())
    return csv_download(presenters.child_history_csv(label, child_id, events), "access-history.csv")


@page_access.roles_required(*access.INFORMATION_GOVERNANCE)
@reads_from_replica
def user_history(request, user_id):
    person = selectors.history_user_get(actor=request.user, user_id=user_id)
    page = selectors.user_access_history(actor=request.user, user=person, page=request.GET.get("page", 1))
    return render(request, "oversight/history/person.html", {
        "page_title": "What a person accessed", "person": person, "name": person.display_name,
        "head": USER_HEAD, "rows": presenters.user_history_rows(page.object_list), "page": page,
        "pagination": pagination(page, reverse("oversight:user_history", args=[user_id]))})
