"""Recording a missing episode, the child's return and the return home interview. Thin: selectors,
forms and services. The pages that change something admit the recording roles at the door and let
the selector decide the rest: a child the user may not change is 404, as for the child's record."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from csepathway.children import selectors as child_selectors
from csepathway.core import access as page_access
from csepathway.core.refusals import refusal_as_form_error
from csepathway.core.services import StaleEdit

from . import presenters, selectors, services
from .access import READERS, RECORDERS, may_record_for
from .forms import InterviewForm, MissingEpisodeChangeForm, MissingEpisodeForm, ReturnForm

STALE = "Someone else changed this missing episode while you were editing it. Check it, then try again."


def _form_page(request, form, *, title, caption, back_href, submit_text, intro="", status=None):
    return render(request, "core/form_page.html", {
        "page_title": title, "caption": caption, "form": form, "back_href": back_href,
        "back_text": "Back", "submit_text": submit_text, "intro": intro,
        "page_has_errors": bool(form.is_bound and form.errors),
    }, status=status or (400 if form.is_bound and form.errors else 200))


def _stale(request, episode):
    messages.error(request, STALE)
    return redirect("missing:detail", missing_episode_id=episode.pk)


@page_access.roles_required(*RECORDERS)
def missing_episode_add(request, child_id):
    child = child_selectors.child_get(actor=request.user, child_id=child_id, purpose="missing_add_opened",
                                      for_change=True)
    form = MissingEpisodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            episode = services.missing_episode_record(actor=request.user, child=child, data=form.record_data())
            messages.success(request, "The missing episode has been recorded.")
            return redirect("missing:detail", missing_episode_id=episode.pk)
    return _form_page(request, form, title="Record a missing episode", caption=child.full_name,
                      back_href=child_url(child), submit_text="Save missing episode",
                      intro="Record each time the child goes missing, as soon as you know, even before they return.")


def child_url(child) -> str:
    return reverse("children:detail", args=[child.pk]) + "#missing"


@page_access.roles_required(*READERS)
def missing_episode_detail(request, missing_episode_id):
    episode = selectors.missing_episode_get(actor=request.user, episode_id=missing_episode_id)
    can_change = may_record_for(request.user, episode.child)
    now = timezone.now()
    return render(request, "missing/detail.html", {
        "page_title": "Missing episode", "episode": episode, "child": episode.child, "can_change": can_change,
        "summary_rows": presenters.episode_summary(episode, can_change=can_change),
        "interview": presenters.interview_summary(episode, now), "back_href": child_url(episode.child),
    })


@page_access.roles_required(*RECORDERS)
def missing_episode_edit(request, missing_episode_id):
    episode = selectors.missing_episode_get(actor=request.user, episode_id=missing_episode_id,
                                            purpose="opened_for_edit", for_change=True)
    returned = episode.returned_at is not None
    initial = {"missing_from": episode.missing_from, "started_date": timezone.localtime(episode.started_at).date(),
               "started_time": f"{timezone.localtime(episode.started_at):%H:%M}", "reported_by": episode.reported_by,
               "police_reference": episode.police_reference, "version": episode.version}
    if returned:
        initial |= {"returned_date": timezone.localtime(episode.returned_at).date(),
                    "returned_time": f"{timezone.localtime(episode.returned_at):%H:%M}",
                    "where_found": episode.where_found}
    form = MissingEpisodeChangeForm(request.POST or None, initial=initial, returned=returned)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            try:
                services.missing_episode_update(actor=request.user, episode=episode, data=form.record_data(),
                                                expected_version=_version(form))
            except StaleEdit:
                return _stale(request, episode)
            messages.success(request, "The missing episode has been changed.")
            return redirect("missing:detail", missing_episode_id=episode.pk)
    return _form_page(request, form, title="Change the missing episode", caption=episode.child.full_name,
                      back_href=_detail_url(episode), submit_text="Save changes")


def _version(form) -> int:
    # A post without its version (hand-made, or saved offline) is refused as stale, never taken as current.
    version = form.cleaned_data.get("version")
    return -1 if version is None else version


def _detail_url(episode) -> str:
    return reverse("missing:detail", args=[episode.pk])


@page_access.roles_required(*RECORDERS)
def missing_episode_return(request, missing_episode_id):
    episode = selectors.missing_episode_get(actor=request.user, episode_id=missing_episode_id, purpose="return_opened",
                                            for_change=True)
    if episode.returned_at is not None:
        messages.info(request, "The child's return has already been recorded.")
        return redirect("missing:detail", missing_episode_id=episode.pk)
    form = ReturnForm(request.POST or None, initial={"version": episode.version})
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            try:
                services.missing_episode_return(actor=request.user, episode=episode, expected_version=_version(form),
                                                returned_at=form.cleaned_data["returned_at"],
                                                where_found=form.cleaned_data["where_found"].strip())
            except StaleEdit:
                return _stale(request, episode)
            messages.success(request, "The child's return has been recorded. Offer a return home interview "
                                      "within 72 hours.")
            return redirect("missing:detail", missing_episode_id=episode.pk)
    return _form_page(request, form, title="Record the child's return", caption=episode.child.full_name,
                      back_href=_detail_url(episode), submit_text="Save return",
                      intro="A return home interview is due within 72 hours of the return.")


@page_access.roles_required(*RECORDERS)
def return_interview(request, missing_episode_id):
    episode = selectors.missing_episode_get(actor=request.user, episode_id=missing_episode_id,
                                            purpose="interview_opened", for_change=True)
    if episode.returned_at is None:
        messages.info(request, "Record the child's return first: the interview follows the return.")
        return redirect("missing:detail", missing_episode_id=episode.pk)
    interview = getattr(episode, "interview", None)
    initial = {}
    if interview is not None:
        initial = {"offered_on": interview.offered_on, "outcome": interview.outcome,
                   "interviewer": interview.interviewer, "findings": interview.findings,
                   "finding_flags": interview.finding_flags, "version": interview.version}
        if interview.outcome_at is not None:
            initial |= {"outcome_date": timezone.localtime(interview.outcome_at).date(),
                        "outcome_time": f"{timezone.localtime(interview.outcome_at):%H:%M}"}
    form = InterviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            try:
                services.return_interview_record(actor=request.user, episode=episode, data=form.record_data(),
                                                 expected_version=None if interview is None else _version(form))
            except StaleEdit:
                return _stale(request, episode)
            messages.success(request, "The return home interview has been recorded.")
            return redirect("missing:detail", missing_episode_id=episode.pk)
    return _form_page(request, form, title="Record the return home interview", caption=episode.child.full_name,
                      back_href=_detail_url(episode), submit_text="Save interview",
                      intro="Offer the interview within 72 hours of the child's return. Record the offer first "
                            "if it has not happened yet, and come back when it has been held or declined.")
