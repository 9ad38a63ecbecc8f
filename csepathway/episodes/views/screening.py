"""The CSE screening step of an episode: the practitioner completes the screening tool, with the
risk-level definitions and the self-check questions at hand."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from csepathway.accounts.roles import Role
from csepathway.core import access as page_access
from csepathway.core.knowledge import knowledge_panels
from csepathway.core.refusals import Refused, refusal_as_form_error
from csepathway.screening import presenters as screening_presenters
from csepathway.screening import selectors as screening_selectors
from csepathway.screening.forms import ScreeningAgreementForm, ScreeningForm
from csepathway.screening.models import Outcome
from csepathway.screening.services import challenge_waiting

from .. import access, selectors, workflow
from ..screening_services import episode_screening_record, screening_challenge_decide
from ..workflow import state_phrase


def _success_message(summary: dict) -> str:
    if summary["challenged"]:
        return ("Screening recorded. A significant indicator was seen in the last 6 months, so the outcome 'No "
                "current risk' stands only once your Team Manager agrees. They have been asked.")
    text = f"Screening recorded. Outcome: {summary['outcome_label']}."
    if summary["outcome_meaning"]:
        text += " " + summary["outcome_meaning"]
    if summary["outcome"] == Outcome.NO_CURRENT_RISK:
        text += " The episode stays in draft: you can close it from this page, or screen again later."
    return text


def _expected_version(form) -> int:
    # Missing, it is refused as stale (someone else's save is never replaced unseen).
    version = form.cleaned_data["episode_version"]
    return -1 if version is None else version


@page_access.roles_required(*access.CASE_HOLDERS)
def screening(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    if not access.holds_case(request.user, episode):
        raise PermissionDenied
    editable = access.may_screen(request.user, episode)
    current = screening_presenters.screening_summary(episode.screening) if episode.screening else None
    form = None
    if editable:
        if request.method == "POST":
            tool = screening_selectors.screening_tool_get(request.POST.get("tool_version"))
            form = ScreeningForm(request.POST, tool=tool)
            if form.is_valid():
                try:
                    screening = episode_screening_record(
                        actor=request.user, episode=episode, tool=tool,
                        expected_version=_expected_version(form), **form.answers())
                except Refused as refused:
                    form.add_error(None, str(refused))
                    # Saving again after reading the message is a deliberate choice: carry the new version.
                    episode = selectors.episode_get(actor=request.user, episode_id=episode.pk)
                    current = screening_presenters.screening_summary(episode.screening) if episode.screening else None
                    form.data = form.data.copy()
                    form.data["episode_version"] = str(episode.version)
                else:
                    summary = screening_presenters.screening_summary(screening)
                    summary["challenged"] = hasattr(screening, "challenge")
                    (messages.info if summary["challenged"] else messages.success)(request, _success_message(summary))
                    return redirect("episodes:detail", episode_id=episode.pk)
        else:
            form = ScreeningForm(tool=screening_selectors.screening_tool_current(),
                                 initial={"episode_version": episode.version})
    elif request.method == "POST":
        messages.error(request, f"The screening cannot be changed because the episode is {state_phrase(episode)}.")
        return redirect("episodes:screening", episode_id=episode.pk)
    shown_tool = form.tool if form is not None else (episode.screening.tool if episode.screening else None)
    return render(request, "episodes/screening.html", {
        "page_title": screening_presenters.tool_name(shown_tool) if shown_tool else "CSE screening",
        "episode": episode, "form": form, "current": current,
        "editable": editable, "knowledge": knowledge_panels(), "state_phrase": state_phrase(episode),
        "can_close": workflow.allowed("close", user=request.user, episode=episode),
        "page_has_errors": bool(form is not None and form.errors),
    })


@page_access.roles_required(Role.TEAM_MANAGER)
def screening_agreement(request, episode_id):
    """A Team Manager of the episode's team agrees, or not, that a screening that contradicts itself
    found no current risk (issue 13, point 1)."""
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    challenge = challenge_waiting(episode.screening)
    # Answered once: a challenge not agreed waits for a new screening, not for a second answer.
    if (not access.may_agree_screening(request.user, episode) or challenge is None
            or challenge.state != challenge.State.WAITING):
        raise PermissionDenied
    form = ScreeningAgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            screening_challenge_decide(actor=request.user, episode=episode, agree=form.cleaned_data["agree"],
                                       comment=form.cleaned_data["comment"])
            messages.success(request, "Your answer has been recorded, and the practitioner has been told.")
            return redirect("episodes:detail", episode_id=episode.pk)
    return render(request, "episodes/screening_agreement.html", {
        "page_title": "Do you agree there is no current risk?", "episode": episode, "form": form,
        "challenge": challenge, "screening": screening_presenters.screening_summary(episode.screening),
        "page_has_errors": bool(form.errors),
    })
