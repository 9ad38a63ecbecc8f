"""The register of persons, places and vehicles of concern: the lists, one entry, the near matches
offered for a merge and the merge itself, and adding an episode's assessment to the register. Only
CSE roles and the police coordinator reach these pages."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from csepathway.core import access as page_access
from csepathway.core.pages import posted
from csepathway.core.presenters import pagination
from csepathway.core.refusals import refusal_as_form_error
from csepathway.episodes import selectors as episode_selectors

from .. import access, presenters
from ..access import REGISTER_READERS
from ..forms import AssessmentEntriesForm, MergeForm
from ..views import _form_page
from . import lines as line_services
from . import selectors as register_selectors
from . import services as register_services
from .line_forms import LineForm, LinePlaceForm

TABLES = [("person", "People", ["Name", "Other names", "Children linked"]),
          ("vehicle", "Vehicles", ["Vehicle", "Children linked"]),
          ("place", "Places", ["Place", "Children linked"]),
          ("phone", "Phones and lines", ["Phone or line", "Kind", "Places linked", "Children linked"])]
TABLE_OF = {table[0]: table for table in TABLES}


@page_access.roles_required(*REGISTER_READERS)
def register(request):
    """One kind at a time, a page at a time: a region's register runs to tens of thousands of entries."""
    kind = request.GET.get("kind") if request.GET.get("kind") in TABLE_OF else "person"
    _, heading, head = TABLE_OF[kind]
    page = register_selectors.register_list(actor=request.user, kind=kind, page=request.GET.get("page", 1))
    return render(request, "intelligence/register.html", {
        "page_title": "Register of concern", "kind": kind, "heading": heading,
        "head": [{"text": text} for text in head], "rows": presenters.register_rows(kind, page.object_list),
        "count": page.paginator.count, "strategic": access.may_see_strategic_picture(request.user),
        "line_new_href": reverse("intelligence:line_new"),
        "kinds": [{"heading": h, "href": f"{reverse('intelligence:register')}?kind={k}", "current": k == kind}
                  for k, h, _ in TABLES],
        "pagination": pagination(page, reverse("intelligence:register"), {"kind": kind})})


@page_access.roles_required(*REGISTER_READERS)
def register_entry(request, kind, entry_id):
    entry = register_selectors.register_entry_get(actor=request.user, kind=kind, entry_id=entry_id)
    return render(request, "intelligence/register_entry.html", {
        "page_title": presenters.entry_label(kind, entry), "entry": entry, "kind": kind,
        "children_html": presenters.children_html(entry),
        "places_html": presenters.places_html(entry) if kind == "phone" else "",
        "lines_html": presenters.lines_html(entry) if kind == "place" else "",
        "link_place_href": reverse("intelligence:line_place_add", args=[entry.pk])
        if kind == "phone" and entry.is_line else "",
        "report_rows": presenters.episode_panel_rows(entry.visible_reports)})


@page_access.roles_required(*REGISTER_READERS)
def near_matches(request):
    pairs = register_selectors.person_near_matches(actor=request.user)
    return render(request, "intelligence/near_matches.html", {"page_title": "Possible duplicates",
                                                              "rows": presenters.near_match_rows(pairs)})


@page_access.roles_required(*REGISTER_READERS)
def person_merge(request, first_id, second_id):
    first, second = register_selectors.person_pair(actor=request.user, first_id=first_id, second_id=second_id)
    people = {str(first.pk): first, str(second.pk): second}
    form = MergeForm(posted(request), choices=[(key, presenters.entry_label("person", person))
                                                    for key, person in people.items()])
    if request.method == "POST" and form.is_valid():
        keep = people[form.cleaned_data["keep"]]
        duplicate = second if keep is first else first
        with refusal_as_form_error(form):
            kept = register_services.person_merge(actor=request.user, keep=keep, duplicate=duplicate)
            messages.success(request, "The records have been merged.")
            return redirect("intelligence:register_entry", kind="person", entry_id=kept.pk)
    return _form_page(request, form, "Merge two records of one person", "Merge records",
                      caption="Register of concern", back_href=reverse("intelligence:near_matches"),
                      back_text="Back to possible duplicates",
                      intro="Merge only when you are sure these records are the same person.")


@page_access.roles_required(*REGISTER_READERS)
def register_from_assessment(request, episode_id):
    episode = episode_selectors.episode_get(actor=request.user, episode_id=episode_id)
    candidates, left_out = register_selectors.assessment_candidates(episode)
    by_key = {candidate["key"]: candidate for candidate in candidates}
    form = AssessmentEntriesForm(posted(request), choices=[(c["key"], c["label"]) for c in candidates])
    if request.method == "POST" and form.is_valid():
        added = register_services.register_add_from_assessment(
            actor=request.user, episode=episode, chosen=[by_key[key] for key in form.cleaned_data["entries"]])
        messages.success(request, f"{len(added)} added to the register and linked to this episode.")
        return redirect("episodes:detail", episode_id=episode.pk)
    return render(request, "intelligence/from_assessment.html", {
        "page_title": "Add the assessment's people and places to the register", "form": form, "episode": episode,
        "page_has_errors": bool(form.errors), "candidates": candidates, "left_out": left_out})


@page_access.roles_required(*REGISTER_READERS)
def line_new(request):
    """Put a county line on the register (or mark as a line a phone already there)."""
    form = LineForm(posted(request))
    if request.method == "POST" and form.is_valid():
        line = line_services.line_record(actor=request.user, **form.cleaned_data)
        messages.success(request, "The line is on the register. Link the places it uses below.")
        return redirect("intelligence:register_entry", kind="phone", entry_id=line.pk)
    return _form_page(request, form, "Add a county line to the register", "Save the line",
                      caption="Register of concern", back_href=f"{reverse('intelligence:register')}?kind=phone",
                      back_text="Back to the register",
                      intro="A line is the phone number drugs are ordered through. Children may be sent to carry "
                            "drugs and money for it between areas.")


@page_access.roles_required(*REGISTER_READERS)
def line_place_add(request, line_id):
    line = register_selectors.register_entry_get(actor=request.user, kind="phone", entry_id=line_id)
    if not line.is_line:
        raise Http404("Not a line")
    form = LinePlaceForm(posted(request))
    entry_href = reverse("intelligence:register_entry", args=["phone", line.pk])
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            place = line_services.line_place_link(actor=request.user, line=line, **form.cleaned_data)
            messages.success(request, f"{place.address} is linked to the line.")
            return redirect(entry_href)
    return _form_page(request, form, "Link a place to this line", "Link the place",
                      caption=presenters.entry_label("phone", line), back_href=entry_href,
                      back_text="Back to the line")
