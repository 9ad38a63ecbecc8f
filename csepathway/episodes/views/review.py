"""The joint review by the CSE Team Manager and the Police CSE Coordinator, the escalation decision,
returning an episode, and closing it.

Each page is refused (403) to a person who may never do this to the episode. When the episode is not
in a state the workflow allows it from (someone else got there first), the page says why above the
form, and a POST is answered with that reason beside the form (400), keeping what was typed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from csepathway.core import access as page_access
from csepathway.core.configuration import configuration_current
from csepathway.core.pages import render_form_page
from csepathway.core.refusals import Refused, refusal_as_form_error

from .. import access, selectors, services, workflow
from ..forms import CloseForm, ReturnForm, ReviewForm


def _risk_level_choices():
    return [(level["code"], f"{level['long_label']}: {level['meaning']}")
            for level in configuration_current("risk_levels").data["levels"]]


def _form_page(request, episode, form, title, submit_text, *, rule: str, **extra):
    """The form, with the workflow's reason it cannot be used now shown above it on a GET."""
    warning = None if form.is_bound else workflow.refusal(rule, user=request.user, episode=episode)
    return render_form_page(request, form, title=title, submit_text=submit_text, template="episodes/form_page.html",
                            status=400 if form.errors else 200, episode=episode, warning=warning, **extra)


def _save(request, form, service, **kwargs) -> bool:
    """Run the service with the form's answers; a refusal becomes the form's error."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        service(actor=request.user, **kwargs, **form.cleaned_data)
    except Refused as refused:
        form.add_error(None, str(refused))
        return False
    return True


@page_access.roles_required(*access.REVIEWERS)
def joint_review(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    form = ReviewForm(request.POST or None, risk_levels=_risk_level_choices())
    if _save(request, form, services.joint_review_record, episode=episode):
        messages.success(request, "Your review has been recorded.")
        return redirect("episodes:detail", episode_id=episode.pk)
    return _form_page(request, episode, form, "Record your review", "Save review", rule="review",
                      intro=f"The practitioner proposed {episode.get_risk_level_display() or 'no'} risk. "
                            "Give your own view; when both reviewers agree, the decision is made.")


@page_access.signed_in
def escalation_decide(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    if not access.may_decide_escalation(request.user, episode):
        raise PermissionDenied
    form = ReviewForm(request.POST or None, risk_levels=_risk_level_choices())
    if _save(request, form, services.escalation_decide, episode=episode):
        messages.success(request, "Your decision has been recorded and the practitioner has been told.")
        return redirect("episodes:detail", episode_id=episode.pk)
    return _form_page(request, episode, form, "Decide the escalated episode", "Record decision",
                      rule=workflow.decision(mase_required=True, escalated=True),
                      intro="The CSE Team Manager and the Police CSE Coordinator reached different views. "
                            "Both views stay on the record.")


@page_access.roles_required(*access.REVIEWERS)
def episode_return(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    form = ReturnForm(request.POST or None)
    if _save(request, form, services.episode_return, episode=episode):
        messages.success(request, "The episode has been returned to the practitioner.")
        return redirect("episodes:detail", episode_id=episode.pk)
    return _form_page(request, episode, form, "Return to the practitioner", "Return episode", rule="return")


@page_access.signed_in
def episode_close(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    if not access.may_close(request.user, episode):
        raise PermissionDenied
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            services.episode_close(actor=request.user, episode=episode, **form.closure())
            messages.success(request, "The episode has been closed.")
            return redirect("episodes:detail", episode_id=episode.pk)
    return _form_page(request, episode, form, "Close the episode", "Close the episode", rule="close",
                      button_classes="govuk-button--warning")
