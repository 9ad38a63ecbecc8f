"""Scheduling, reading, moving and cancelling MASE meetings. Thin: forms, selectors and services."""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from csepathway.core import access as page_access
from csepathway.core.pages import render_form_page
from csepathway.core.refusals import refusal_as_form_error
from csepathway.core.wording import say
from csepathway.episodes import selectors as episode_selectors

from . import access, presenters, sections, selectors, services
from .actions import presenters as action_presenters
from .forms import AgendaAddForm, CancelForm, RescheduleForm, ScheduleForm
from .invitations import presenters as invitation_presenters
from .timescales import presenters as timescale_presenters


def _form_page(request, form, title, submit_text, *, caption, back_text, back_href, **extra):
    return render_form_page(request, form, title=title, submit_text=submit_text, caption=caption,
                            back_text=back_text, back_href=back_href, **extra)


@page_access.roles_required(*access.ORGANISERS)
def meeting_schedule(request, episode_id):
    episode = episode_selectors.episode_get(actor=request.user, episode_id=episode_id)
    # A review proposed by the minutes links here with ?kind=review&date=...: starting values only.
    form = ScheduleForm(request.POST or None, chairs=selectors.mase_chairs(),
                        initial=timescale_presenters.schedule_initial(request.GET))
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            meeting = services.meeting_schedule(actor=request.user, episode=episode, kind=form.cleaned_data["kind"],
                                                chair=form.cleaned_data["chair"], **form.when_where(),
                                                **form.contextual_topics())
            messages.success(request, "The meeting has been scheduled and the practitioner has been invited.")
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return _form_page(request, form, say("Schedule a MASE meeting"), "Schedule meeting",
                      caption=episode.child.full_name,
                      back_text="Back to the episode", back_href=reverse("episodes:detail", args=[episode.pk]))


@page_access.signed_in
def meeting_detail(request, meeting_id):
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    return render(request, "meetings/detail.html", {
        "page_title": say("MASE meeting"), "meeting": meeting, **presenters.meeting_page(meeting, request.user),
        "sections": sections.meeting_sections(request, meeting)})


def _part_page(request, meeting, title: str, section):
    """A part of a meeting too long for the meeting page (a panel's invitations or actions), whole,
    on a page of its own under the meeting; 404 when the viewer may see none of it."""
    found = section(request, meeting, whole=True)
    if found is None:
        raise Http404
    template, context = found
    return render(request, "meetings/part.html", {
        "page_title": title, "caption": f"{meeting.get_kind_display()}, {presenters.when(meeting)}",
        "back_href": presenters.meeting_href(meeting),
        "part": Markup(render_to_string(template, {**context, "meeting": meeting}, request=request)),  # noqa: S704
    })


@page_access.signed_in
def meeting_invitations(request, meeting_id):
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    return _part_page(request, meeting, "Who is invited", invitation_presenters.invitees_section)


@page_access.signed_in
def meeting_actions(request, meeting_id):
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    return _part_page(request, meeting, "Actions from the meeting", action_presenters.actions_section)


@page_access.roles_required(*access.ORGANISERS)
def meeting_reschedule(request, meeting_id):
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    initial = presenters.reschedule_initial(meeting)
    form = RescheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            services.meeting_reschedule(actor=request.user, meeting=meeting, **form.when_where())
            messages.success(request, "The meeting has been moved and an updated invitation has been sent.")
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return _form_page(request, form, "Change the date, time or place", "Save changes",
                      caption=presenters.when(meeting), back_text="Back to the meeting",
                      back_href=presenters.meeting_href(meeting))


@page_access.roles_required(*access.ORGANISERS)
def meeting_cancel(request, meeting_id):
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.meeting_cancel(actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"])
        messages.success(request, "The meeting has been cancelled and the people invited have been told.")
        return redirect("meetings:detail", meeting_id=meeting.pk)
    return _form_page(request, form, "Cancel the meeting", "Cancel meeting", caption=presenters.when(meeting),
                      back_text="Back to the meeting", back_href=presenters.meeting_href(meeting),
                      button_classes="govuk-button--warning")


CALENDAR_WEEKS = 4


@page_access.roles_required(*access.CALENDAR_READERS)
def meetings_calendar(request):
    today = timezone.localdate()
    try:
        chosen = dt.date.fromisoformat(request.GET.get("week", "")) if request.GET.get("week") else today
    except ValueError:
        chosen = today
    week_start = chosen - dt.timedelta(days=chosen.weekday())
    meetings = selectors.meetings_calendar(actor=request.user, week_start=week_start, weeks=CALENDAR_WEEKS)
    return render(request, "meetings/calendar.html", {
        "page_title": say("MASE meetings"), "weeks": presenters.calendar_weeks(meetings, week_start, CALENDAR_WEEKS),
        "previous": (week_start - dt.timedelta(weeks=CALENDAR_WEEKS)).isoformat(),
        "next": (week_start + dt.timedelta(weeks=CALENDAR_WEEKS)).isoformat(),
    })


@page_access.roles_required(*access.ORGANISERS)
def agenda_add(request, meeting_id):
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id, purpose="opened_for_agenda")
    episodes = selectors.episodes_for_agenda(actor=request.user, meeting=meeting)
    form = AgendaAddForm(request.POST or None, episodes=episodes)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            services.agenda_item_add(actor=request.user, meeting=meeting, episode=form.chosen())
            messages.success(request, "The child has been added to the agenda and their practitioner invited.")
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return _form_page(request, form, "Add a child to the agenda", "Add to the agenda", caption=presenters.when(meeting),
                      back_text="Back to the meeting", back_href=presenters.meeting_href(meeting),
                      empty_text=None if episodes else say("No other episode is waiting for a MASE meeting."))
