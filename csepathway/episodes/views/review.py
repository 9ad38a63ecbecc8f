"""The joint review by the CSE Team Manager and the Police CSE Coordinator, the escalation decision,
returning an episode, and closing it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from csepathway.core import access
from csepathway.core.configuration import configuration_current

from .. import selectors, services, workflow
from ..forms import CloseForm, ReturnForm, ReviewForm
from ..workflow import TransitionRefused


def _risk_level_choices():
    return [(level["code"], f"{level['long_label']}: {level['meaning']}")
            for level in configuration_current("risk_levels").data["levels"]]


def _form_page(request, episode, form, title, submit_text, status=200, **extra):
    return render(request, "episodes/form_page.html", {
        "page_title": title, "form": form, "episode": episode, "page_has_errors": bool(form.errors),
        "submit_text": submit_text, **extra,
    }, status=status)


@access.roles_required(*workflow.REVIEWERS)
def joint_review(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    form = ReviewForm(request.POST or None, risk_levels=_risk_level_choices())
    if request.method == "POST" and form.is_valid():
        try:
            services.joint_review_record(actor=request.user, episode=episode, **form.cleaned_data)
        except TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Your review has been recorded.")
            return redirect("episodes:detail", episode_id=episode.pk)
    return _form_page(request, episode, form, "Record your review", "Save review",
                      intro=f"The practitioner proposed {episode.get_risk_level_display() or 'no'} risk. "
                            "Give your own view; when both reviewers agree, the decision is made.")


@access.signed_in
def escalation_decide(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    if not workflow.allowed("decide_mase_required", user=request.user, episode=episode):
        raise PermissionDenied
    form = ReviewForm(request.POST or None, risk_levels=_risk_level_choices())
    if request.method == "POST" and form.is_valid():
        services.escalation_decide(actor=request.user, episode=episode, **form.cleaned_data)
        messages.success(request, "Your decision has been recorded and the practitioner has been told.")
        return redirect("episodes:detail", episode_id=episode.pk)
    return _form_page(request, episode, form, "Decide the escalated episode", "Record decision",
                      intro="The CSE Team Manager and the Police CSE Coordinator reached different views. "
                            "Both views stay on the record.")


@access.roles_required(*workflow.REVIEWERS)
def episode_return(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.episode_return(actor=request.user, episode=episode, reason=form.cleaned_data["reason"])
        except TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "The episode has been returned to the practitioner.")
            return redirect("episodes:detail", episode_id=episode.pk)
    return _form_page(request, episode, form, "Return to the practitioner", "Return episode")


@access.signed_in
def episode_close(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    if not workflow.allowed("close", user=request.user, episode=episode):
        raise PermissionDenied
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.episode_close(actor=request.user, episode=episode, reason=form.cleaned_data["reason"],
                                   detail=form.cleaned_data["detail"])
        except TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "The episode has been closed.")
            return redirect("episodes:detail", episode_id=episode.pk)
    return _form_page(request, episode, form, "Close the episode", "Close episode")
