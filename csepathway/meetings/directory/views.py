"""The directory of professionals: the list, adding and changing an entry. Thin: forms, selectors
and services. The CSE team only; everyone else is refused at the door (403)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from csepathway.core import access as page_access
from csepathway.core.pages import render_form_page
from csepathway.core.presenters import pagination
from csepathway.core.refusals import refusal_as_form_error
from csepathway.core.services import StaleEdit

from . import access, presenters, selectors, services
from .forms import DirectoryEntryForm

STALE = ("Someone else changed this entry while you had the page open. Check what it says now, then save "
         "again if you still want to change it.")


@page_access.roles_required(*access.KEEPERS)
def directory_list(request):
    page = selectors.directory_list(actor=request.user, page=request.GET.get("page", 1))
    path = reverse("meetings:directory")
    return render(request, "meetings/directory/list.html", {
        "page_title": "Directory of professionals", "head": presenters.HEAD,
        "rows": presenters.entry_rows(page.object_list), "count": page.paginator.count,
        "pagination": pagination(page, path), "add_href": reverse("meetings:directory_add"),
    })


def _form_page(request, form, title, submit_text, status=200):
    return render_form_page(request, form, title=title, submit_text=submit_text, status=status,
                            back_href=reverse("meetings:directory"), back_text="Back to the directory")


@page_access.roles_required(*access.KEEPERS)
def directory_add(request):
    form = DirectoryEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            entry = services.directory_entry_add(actor=request.user, **form.entry_data())
            messages.success(request, f"{entry.name} has been added to the directory.")
            return redirect("meetings:directory")
    return _form_page(request, form, "Add someone to the directory", "Add to the directory")


@page_access.roles_required(*access.KEEPERS)
def directory_edit(request, directory_entry_id):
    entry = selectors.directory_entry_get(actor=request.user, entry_id=directory_entry_id)
    initial = {"name": entry.name, "job_title": entry.job_title, "agency": entry.agency, "email": entry.email,
               "phone": entry.phone, "active": entry.active, "version": entry.version}
    form = DirectoryEntryForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            with refusal_as_form_error(form):
                services.directory_entry_update(actor=request.user, entry=entry,
                                                version=form.cleaned_data["version"], **form.entry_data())
                messages.success(request, f"The entry for {form.cleaned_data['name']} has been saved.")
                return redirect("meetings:directory")
        except StaleEdit as stale:
            data = request.POST.copy()
            data["version"] = str(stale.current.version)
            form = DirectoryEntryForm(data, editing=True)
            form.is_valid()
            form.add_error(None, STALE)
            return _form_page(request, form, f"Change {entry.name}", "Save changes", status=409)
    return _form_page(request, form, f"Change {entry.name}", "Save changes")
