"""Submitting the assessment to the CSE team: check your answers, send, and a confirmation that
says what happens next and by when (issue 13, point 3)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from csepathway.assessments import presenters as assessment_presenters
from csepathway.core import access as page_access
from csepathway.core.pages import render_form_page
from csepathway.core.refusals import refusal_as_form_error

from .. import access, selectors, services
from ..clocks import decision_working_days
from ..forms import SubmitForm
from ..models import State
from ..sign_off_services import sign_off_problem
from .assessment import section_url


@page_access.roles_required(*access.CASE_HOLDERS)
def episode_submit(request, episode_id):
    """Check your answers: every section of the assessment with a link to change it, then the system it
    comes through, then the button that sends it."""
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    child = episode.child
    initial = {"source": "lcs" if child.lcs_reference else "ehm" if child.ehm_reference else "direct",
               "source_reference": child.lcs_reference or child.ehm_reference}
    form = SubmitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            try:
                services.episode_submit(actor=request.user, episode=episode, **form.cleaned_data)
            except services.AlreadySent as already:
                # Not an error on this form: what they meant to do has been done.
                messages.info(request, str(already))
                return redirect("episodes:detail", episode_id=episode.pk)
            return redirect("episodes:submitted", episode_id=episode.pk)
    editable = access.may_edit_assessment(request.user, episode) and episode.assessment is not None
    cards = (assessment_presenters.assessment_summary(episode.assessment, request.user,
                                                      change_url=lambda code: section_url(episode, code))
             if editable else [])
    return render_form_page(
        request, form, title="Check your answers before sending the assessment", submit_text="Send to the CSE team",
        template="episodes/check_answers.html", status=400 if form.errors else 200, episode=episode,
        cards=cards, warning=sign_off_problem(episode) if editable else "",
        intro="The CSE Team Manager and the Police CSE Coordinator will review it together. "
              "You will get an email when they have decided.")


@page_access.roles_required(*access.CASE_HOLDERS)
def episode_submitted(request, episode_id):
    """What happens next, and by when: the decision's due date, in working days from sending."""
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    if not access.holds_case(request.user, episode) or episode.state != State.SUBMITTED:
        return redirect("episodes:detail", episode_id=episode.pk)
    return render(request, "episodes/submitted.html", {
        "page_title": "Assessment sent to the CSE team", "episode": episode, "working_days": decision_working_days(),
    })
