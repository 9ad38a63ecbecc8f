from django.contrib import messages
from django.shortcuts import redirect, render

from csepathway.accounts import selectors as account_selectors
from csepathway.core import access as page_access
from csepathway.core.services import StaleEdit

from . import access, panels, presenters, selectors, services
from .forms import ChildForm, ChildSearchForm
from .models import Child
from .restrictions import selectors as restriction_selectors


def _child_form(*args, **kwargs) -> ChildForm:
    return ChildForm(*args, teams=account_selectors.case_holding_team_list(),
                     workers=account_selectors.allocatable_worker_list(), **kwargs)


@page_access.roles_required(*access.RECORD_READERS)
def child_search(request):
    form = ChildSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    children = selectors.child_search(actor=request.user, query=query)
    return render(request, "children/search.html", {
        "page_title": "Children", "form": form, "query": query,
        "rows": presenters.search_rows(children), "result_count": len(children),
        "can_create": access.may_create_child(request.user),
    })


@page_access.roles_required(*access.RECORD_READERS)
def child_detail(request, child_id):
    child = selectors.child_get(actor=request.user, child_id=child_id)
    # Emergency access reads; it never changes the record (children.access.editable_children).
    grant = restriction_selectors.active_grant_for(actor=request.user, child=child)
    return render(request, "children/detail.html", {
        "page_title": child.full_name, "child": child, "summary_rows": presenters.summary_rows(child, request.user),
        "can_edit": access.may_edit_child(request.user, through_emergency_access=grant is not None),
        "banners": panels.render_banners(request, child), "panels": panels.render_panels(request, child),
        "plan_rows": presenters.plan_entry_rows(selectors.plan_entries_for_child(actor=request.user, child=child)),
        "emergency_grant": grant,
    })


@page_access.roles_required(*access.RECORD_EDITORS)
def child_create(request):
    form = _child_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        child = services.child_create(actor=request.user, data=form.record_data(), aliases=form.alias_list())
        messages.success(request, f"{child.full_name}'s record has been created.")
        return redirect("children:detail", child_id=child.pk)
    return render(request, "children/form.html", {
        "page_title": "Add a child", "form": form, "page_has_errors": bool(form.errors),
    })


def _initial(child: Child) -> dict:
    initial = {name: getattr(child, name) for name in services.EDITABLE_FIELDS}
    initial["aliases"] = "\n".join(a.name for a in child.aliases.all())
    initial["version"] = child.version
    return initial


@page_access.roles_required(*access.RECORD_EDITORS)
def child_edit(request, child_id):
    child = selectors.child_get(actor=request.user, child_id=child_id, purpose="opened_for_edit", for_change=True)
    if request.method != "POST":
        form = _child_form(initial=_initial(child))
        return render(request, "children/form.html", {"page_title": f"Edit {child.full_name}'s details",
                                                      "form": form, "child": child})
    form = _child_form(request.POST)
    if not form.is_valid():
        return render(request, "children/form.html", {"page_title": f"Edit {child.full_name}'s details",
                                                      "form": form, "child": child, "page_has_errors": True})
    # A form without its version (a hand-made post, a page saved offline) is refused as stale: taking
    # the stored version instead would overwrite whatever someone else saved meanwhile.
    expected_version = form.cleaned_data.get("version")
    if expected_version is None:
        expected_version = -1
    try:
        services.child_update(actor=request.user, child=child, expected_version=expected_version,
                              data=form.record_data(), aliases=form.alias_list())
    except StaleEdit as stale:
        current = selectors.child_get(actor=request.user, child_id=child_id, purpose="viewed", for_change=True)
        mine = presenters.display_values(child, form.alias_list(), viewer=request.user)
        theirs = presenters.display_values(current, viewer=request.user)
        resubmit = [(name, value) for name, values in request.POST.lists()
                    if name not in ("csrfmiddlewaretoken", "version") for value in values]
        return render(request, "children/conflict.html", {
            "page_title": "Someone else changed this record", "child": current,
            "rows": presenters.conflict_rows(mine, theirs), "resubmit": resubmit,
            "current_version": stale.current.version,
        }, status=409)
    messages.success(request, f"{child.full_name}'s details have been saved.")
    return redirect("children:detail", child_id=child.pk)
