"""The Team Manager's sign-off of the assessment (issue 13, point 2; docs/adr/0043): the practitioner
asks on one page, a Team Manager of the team answers on another. Thin: the rules are in
episodes/sign_off_services.py and episodes/access.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from csepathway.accounts.roles import Role
from csepathway.assessments import presenters as assessment_presenters
from csepathway.assessments.sign_off import LABELS, SignOff, latest_sign_off, sign_off_state
from csepathway.core import access as page_access
from csepathway.core.pages import render_form_page
from csepathway.core.refusals import refusal_as_form_error

from .. import access, selectors
from ..forms import SignOffDecisionForm, SignOffRequestForm
from ..sign_off_services import assessment_sign_off_decide, assessment_sign_off_request

ASKABLE = frozenset({SignOff.NOT_ASKED, SignOff.RETURNED, SignOff.CHANGED})


@page_access.roles_required(*access.CASE_HOLDERS)
def sign_off_request(request, episode_id):
    """Where the sign-off has got to, the Team Manager's comments if it came back, and the button
    that asks for it."""
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    if not access.may_edit_assessment(request.user, episode) or episode.assessment is None:
        raise PermissionDenied
    latest = latest_sign_off(episode.assessment)
    state = sign_off_state(episode.assessment, latest)
    form = SignOffRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and state in ASKABLE and form.is_valid():
        with refusal_as_form_error(form):
            assessment_sign_off_request(actor=request.user, episode=episode)
            messages.success(request, "Your Team Manager has been asked to sign off the assessment.")
            return redirect("episodes:detail", episode_id=episode.pk)
    return render_form_page(
        request, form, title="Team Manager's sign-off", submit_text="Ask your Team Manager to sign off",
        template="episodes/sign_off_request.html", status=400 if form.errors else 200, episode=episode,
        latest=latest, state=state, state_label=LABELS[state], askable=state in ASKABLE,
        needed=access.sign_off_needed(episode))


@page_access.roles_required(Role.TEAM_MANAGER)
def sign_off(request, episode_id):
    """A Team Manager of the team reads the whole assessment, then signs it off or returns it."""
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    latest = latest_sign_off(episode.assessment)
    if not access.may_sign_off(request.user, episode) or sign_off_state(episode.assessment, latest) != SignOff.WAITING:
        raise PermissionDenied
    form = SignOffDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            assessment_sign_off_decide(actor=request.user, episode=episode, agree=form.cleaned_data["agree"],
                                       comment=form.cleaned_data["comment"])
            messages.success(request, "Your answer has been recorded, and the practitioner has been told.")
            return redirect("episodes:detail", episode_id=episode.pk)
    return render_form_page(
        request, form, title="Sign off the risk assessment", submit_text="Send your answer",
        template="episodes/sign_off.html", status=400 if form.errors else 200, episode=episode, latest=latest,
        cards=assessment_presenters.assessment_summary(episode.assessment, request.user))
