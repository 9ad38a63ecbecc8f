"""Recording, publishing and downloading a meeting's minutes. Thin: forms, selectors and services.

The recording pages admit every case role at the door so that the selector decides: someone who
may not see the meeting gets 404 (as for any record outside their scope), someone who may see it but
not record its minutes gets 403."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from csepathway.children.models import PLANS_FOR_NEEDS
from csepathway.core import access as page_access
from csepathway.core.pages import render_form_page
from csepathway.core.pdf import render_pdf
from csepathway.core.refusals import Refused, refusal_as_form_error
from csepathway.core.services import StaleEdit

from ..access import has_started
from ..models import MaseMeeting
from ..presenters import meeting_href, not_started_text
from . import access, presenters, selectors, services
from .forms import ActionForm, InterventionForm, ItemMinutesForm

PDF_TEMPLATE = "meetings/minutes/minutes_pdf.html"


def _item_href(meeting, item) -> str:
    return reverse("meetings:minutes_item", args=[meeting.pk, item.pk])


def _is_open(meeting) -> bool:
    """Open for recording: not cancelled, not yet published, and under way or over."""
    return (meeting.state != MaseMeeting.State.CANCELLED and meeting.minutes_published_at is None
            and has_started(meeting))


def _not_started(meeting) -> str:
    return not_started_text(meeting) if meeting.state == MaseMeeting.State.SCHEDULED and not has_started(meeting) \
        else ""


def _minutes_form(meeting, item, *args, **kwargs) -> ItemMinutesForm:
    labels = selectors.level_labels()
    return ItemMinutesForm(*args, meeting_day=timezone.localdate(meeting.starts_at), levels=selectors.risk_levels(),
                           current_level_label=labels.get(item.episode.risk_level, "not set"), **kwargs)


def _initial(minutes) -> dict:
    if minutes is None:
        return {"version": 0}
    return {"information_shared": minutes.information_shared, "risk_level": minutes.risk_level,
            "risk_level_rationale": minutes.risk_level_rationale, "next_review_on": minutes.next_review_on,
            "version": minutes.version}


def _item_page(request, meeting, item, form, *, minutes, status=200, stale=None):
    actions, interventions = selectors.item_actions(item), selectors.item_interventions(item)
    return render(request, "meetings/minutes/item.html", {
        "page_title": f"Minutes: {presenters.item_title(item)}", "meeting": meeting, "item": item, "form": form,
        "page_has_errors": bool(form is not None and form.errors), "is_open": _is_open(meeting),
        "caption": presenters.meeting_caption(meeting), "back_href": meeting_href(meeting),
        "not_started": _not_started(meeting),
        "saved_rows": presenters.minutes_summary_rows(minutes, item.episode.risk_level),
        "stale_rows": presenters.minutes_summary_rows(stale, item.episode.risk_level) if stale else [],
        "action_rows": presenters.action_rows(actions), "action_head": presenters.ACTION_HEAD,
        "intervention_rows": presenters.intervention_rows(interventions),
        "action_href": reverse("meetings:minutes_action_add", args=[meeting.pk, item.pk]),
        "intervention_href": reverse("meetings:minutes_intervention_add", args=[meeting.pk, item.pk]),
    }, status=status)


@page_access.roles_required(*access.MINUTES_READERS)
def minutes_item(request, meeting_id, item_id):
    meeting, item = selectors.agenda_item_for_recording(actor=request.user, meeting_id=meeting_id, item_id=item_id)
    minutes = selectors.item_minutes(item)
    if not _is_open(meeting):
        return _item_page(request, meeting, item, None, minutes=minutes)
    if request.method != "POST":
        return _item_page(request, meeting, item, _minutes_form(meeting, item, initial=_initial(minutes)),
                          minutes=minutes)
    form = _minutes_form(meeting, item, request.POST)
    if form.is_valid():
        try:
            services.item_minutes_save(actor=request.user, agenda_item=item, version=form.cleaned_data["version"] or 0,
                                       **form.minutes_data())
        except StaleEdit as stale:
            # Keep what they typed, explain, and carry the saved version: saving again is then a
            # deliberate choice made after reading what the other person saved.
            data = request.POST.copy()
            data["version"] = str(stale.current.version if stale.current else 0)
            form = _minutes_form(meeting, item, data)
            form.is_valid()
            form.add_error(None, "Someone else saved the minutes for this item while you were editing them. "
                                 "Your changes have not been saved. Check what they saved, shown below, then "
                                 "save again to replace it with what you typed.")
            return _item_page(request, meeting, item, form, minutes=minutes, status=409, stale=stale.current)
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"The minutes for item {item.order} have been saved.")
            return redirect(_item_href(meeting, item))
    return _item_page(request, meeting, item, form, minutes=minutes)


def _small_form_page(request, meeting, item, form, *, title, submit_text):
    return render_form_page(request, form, title=title, submit_text=submit_text, caption=presenters.item_title(item),
                            back_href=_item_href(meeting, item), back_text="Back to the minutes")


@page_access.roles_required(*access.MINUTES_READERS)
def action_add(request, meeting_id, item_id):
    meeting, item = selectors.agenda_item_for_recording(actor=request.user, meeting_id=meeting_id, item_id=item_id)
    form = ActionForm(request.POST or None, owners=selectors.action_owner_choices(),
                      meeting_day=timezone.localdate(meeting.starts_at))
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            services.action_add(actor=request.user, agenda_item=item, **form.action_data())
            messages.success(request, "The action has been added.")
            return redirect(_item_href(meeting, item))
    return _small_form_page(request, meeting, item, form, title="Add an action", submit_text="Add action")


@page_access.roles_required(*access.MINUTES_READERS)
def intervention_add(request, meeting_id, item_id):
    meeting, item = selectors.agenda_item_for_recording(actor=request.user, meeting_id=meeting_id, item_id=item_id)
    # The child's current plan to begin with; a child with none has the chair choose.
    child_plan = item.episode.child.plan
    form = InterventionForm(request.POST or None,
                            initial={"plan": child_plan if child_plan in PLANS_FOR_NEEDS else None})
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            services.intervention_add(actor=request.user, agenda_item=item, need=form.cleaned_data["need"],
                                      intervention=form.cleaned_data["intervention"], plan=form.cleaned_data["plan"])
            messages.success(request, "The need and intervention have been added.")
            return redirect(_item_href(meeting, item))
    return _small_form_page(request, meeting, item, form, title="Add a need and intervention",
                            submit_text="Add need and intervention")


@page_access.roles_required(*access.MINUTES_READERS)
def minutes_publish(request, meeting_id):
    meeting = selectors.meeting_for_recording(actor=request.user, meeting_id=meeting_id)
    if meeting.minutes_published_at is not None:
        messages.success(request, "The minutes have been published.")
        return redirect(meeting_href(meeting))
    error = ""
    if request.method == "POST":
        try:
            services.minutes_publish(actor=request.user, meeting=meeting)
        except Refused as refused:
            error = str(refused)
        else:
            messages.success(request, "The minutes have been published. The practitioner has an outcome case note, "
                                      "and the people who attended have been told the minutes are ready.")
            return redirect(meeting_href(meeting))
    document = selectors.minutes_overview(actor=request.user, meeting=meeting)
    problems = selectors.missing_for_publishing([e.item for e in document.items],
                                                {e.item.pk: e.minutes for e in document.items if e.minutes},
                                                withheld=meeting.withheld)
    return render(request, "meetings/minutes/publish.html", {
        "page_title": "Check the minutes before publishing", "meeting": meeting, "page_has_errors": bool(error),
        "error": error, "problems": problems, "caption": presenters.meeting_caption(meeting),
        "back_href": meeting_href(meeting), "is_open": _is_open(meeting), "not_started": _not_started(meeting),
        "item_hrefs": {str(e.item.pk): _item_href(meeting, e.item) for e in document.items},
        **presenters.document_context(document),
    }, status=400 if error else 200)


def _pdf_response(document) -> HttpResponse:
    response = HttpResponse(render_pdf(PDF_TEMPLATE, presenters.document_context(document)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{presenters.pdf_filename(document.meeting)}"'
    # The minutes are case content: no browser or proxy keeps a copy.
    response["Cache-Control"] = "no-store"
    return response


@page_access.signed_in
def minutes_pdf(request, meeting_id):
    return _pdf_response(selectors.minutes_for_download(actor=request.user, meeting_id=meeting_id))


@page_access.public
def minutes_external_download(request, token):
    """The signed, expiring link emailed to an attendee without an account."""
    try:
        document = selectors.minutes_for_signed_link(token=token)
    except selectors.LinkExpired:
        return render(request, "meetings/minutes/link_expired.html",
                      {"page_title": "This link has expired", "minimal_page": True}, status=410)
    return _pdf_response(document)
