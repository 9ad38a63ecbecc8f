"""The risk assessment step of an episode: the task list, and one page per section that saves drafts
on the server as the practitioner works (htmx autosave where JavaScript runs, "Save and come back
later" where it does not), refuses a stale save, and enforces the guardrails on the risk level."""

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from csepathway.assessments import forms as section_forms
from csepathway.assessments import presenters
from csepathway.assessments.sections import SECTION_CODES, SECTIONS, section_get
from csepathway.assessments.services import GuardrailRefused
from csepathway.core import access as page_access
from csepathway.core.formatting import govuk_time
from csepathway.core.knowledge import knowledge_panels
from csepathway.core.refusals import Refused
from csepathway.core.services import StaleEdit

from .. import access, assessment_services, selectors
from ..assessment_prefill import conversation_answers

# The session remembers each page's own autosaves (by a token in the page), so the page's final
# "Save and continue" is not refused as stale because of an autosave it made itself.
AUTOSAVES = "assessment_autosaves"
AUTOSAVES_KEPT = 20


def _slug(code: str) -> str:
    return code.replace("_", "-")


def section_url(episode, code: str) -> str:
    return reverse("episodes:assessment_section", args=[episode.pk, _slug(code)])


@page_access.signed_in
def assessment(request, episode_id):
    """The assessment's task list (case holders), or the submitted assessment, read-only, for the
    CSE team and the police coordinator. Before it is started the case holder is offered a button:
    starting is a POST, so opening the page (or a link checker following it) creates nothing."""
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    if not access.may_read_assessment(request.user, episode):
        raise Http404("No assessment found")
    if request.method == "POST":
        return _start(request, episode)
    if episode.assessment is None:
        return _not_started(request, episode)
    item = episode.assessment
    editable = access.may_edit_assessment(request.user, episode)
    done, total = presenters.progress(item)
    return render(request, "episodes/assessment.html", {
        "page_title": "Risk assessment", "episode": episode, "assessment": item, "editable": editable,
        "groups": presenters.task_groups(item, lambda code: section_url(episode, code) if editable else None),
        "done": done, "total": total,
        "support": presenters.decision_support_panel(item),
        "summary": [] if editable else presenters.assessment_summary(item, request.user),
        "can_submit": editable and bool(item.proposed_risk_level),
    })


def _not_started(request, episode):
    if not access.may_edit_assessment(request.user, episode):
        raise Http404("No assessment found")
    if not assessment_services.assessment_can_start(episode):
        messages.info(request, assessment_services.SCREEN_FIRST)
        return redirect("episodes:detail", episode_id=episode.pk)
    return render(request, "episodes/assessment_start.html", {
        "page_title": "Risk assessment", "episode": episode, "sections": [s.title for s in SECTIONS],
    })


def _start(request, episode):
    """A second click (or a second tab) finds the assessment started and opens it."""
    if not access.holds_case(request.user, episode):
        raise Http404("No assessment found")
    try:
        assessment_services.episode_assessment_start(actor=request.user, episode=episode)
    except Refused as refused:
        messages.info(request, str(refused))
        return redirect("episodes:detail", episode_id=episode.pk)
    return redirect("episodes:assessment", episode_id=episode.pk)


def _form_context(request, episode, code: str, form, **extra) -> dict:
    item = episode.assessment
    section = section_get(code)
    context = {
        "page_title": section.title, "episode": episode, "assessment": item, "section": section, "form": form,
        "action_url": section_url(episode, code), "version": item.version,
        "autosave_token": uuid.uuid4().hex, "page_has_errors": bool(form.is_bound and form.errors),
        "status": presenters.STATUS_LABELS[presenters.section_status(item, code)],
    }
    if code == "child_details":
        context["child_rows"] = presenters.child_rows(item, request.user)
    if code == "risk_level":
        context["support"] = presenters.decision_support_panel(item)
        context["knowledge"] = knowledge_panels(risk_levels=item.risk_levels)
    context.update(extra)
    return context


def _render_form(request, episode, code: str, form, status: int = 200, **extra):
    if form.is_bound:
        # Shown again after an error: keep the version the page was opened with (and its autosaves),
        # so the next save is still checked against what this person last saw.
        extra.setdefault("version", _expected_version(request, episode.assessment))
        extra.setdefault("autosave_token", request.POST.get("autosave_token", "")[:64] or uuid.uuid4().hex)
    return render(request, "episodes/assessment_section.html", _form_context(request, episode, code, form, **extra),
                  status=status)


def _fragment(request, outcome: str, *, version: int | None = None, status: int = 200, message: str = ""):
    return render(request, "assessments/autosave_status.html", {
        "outcome": outcome, "version": version, "time": govuk_time(timezone.now()), "message": message,
    }, status=status)


def _expected_version(request, assessment) -> int:
    try:
        posted = int(request.POST.get("version", ""))
    except ValueError:
        return -1  # no version: treated as stale, so nothing is overwritten blindly
    own = request.session.get(AUTOSAVES, {}).get(str(assessment.pk))
    token = request.POST.get("autosave_token", "")
    if own and token and own.get("token") == token and int(own.get("version", 0)) > posted:
        return int(own["version"])
    return posted


def _remember_autosave(request, assessment) -> None:
    token = request.POST.get("autosave_token", "")
    if not token:
        return
    kept = dict(request.session.get(AUTOSAVES, {}))
    kept.pop(str(assessment.pk), None)
    kept[str(assessment.pk)] = {"token": token[:64], "version": assessment.version}
    request.session[AUTOSAVES] = dict(list(kept.items())[-AUTOSAVES_KEPT:])


@page_access.roles_required(*access.CASE_HOLDERS)
def assessment_section(request, episode_id, section):
    code = section.replace("-", "_")
    if code not in SECTION_CODES or section != _slug(code):
        raise Http404("No such section")
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    if not access.holds_case(request.user, episode):
        raise Http404("No assessment found")
    if episode.assessment is None:
        return redirect("episodes:assessment", episode_id=episode.pk)
    if not access.may_edit_assessment(request.user, episode):
        if request.htmx:
            return _fragment(request, "closed", message=assessment_services.NOT_EDITABLE)
        messages.info(request, assessment_services.NOT_EDITABLE)
        return redirect("episodes:assessment", episode_id=episode.pk)
    if request.method == "POST":
        return _save(request, episode, code)
    prefill = conversation_answers(episode, code)
    form = section_forms.section_form(code, assessment=episode.assessment, actor=request.user, answers=prefill,
                                      extra_entries=1 if request.GET.get("add") else 0)
    return _render_form(request, episode, code, form, prefilled=prefill is not None)


def _save(request, episode, code: str):
    item = episode.assessment
    action = request.POST.get("action", section_forms.CONTINUE)
    autosave = bool(request.htmx)
    drafting = autosave or action in (section_forms.LATER, section_forms.ADD)
    mode = "draft" if drafting else section_forms.CONTINUE
    form = section_forms.section_form(code, request.POST, assessment=item, actor=request.user, mode=mode)
    complete = False
    if not drafting:
        if not form.is_valid():
            return _render_form(request, episode, code, form)
        complete = form.cleaned_data.get("completed") == section_forms.YES
    answers = form.answers()
    level_was_proposed = bool(item.proposed_risk_level)
    was_complete = code in item.completed_sections
    try:
        saved = assessment_services.episode_assessment_section_save(
            actor=request.user, episode=episode, section=code, answers=answers,
            expected_version=_expected_version(request, item), complete=complete)
    except StaleEdit as stale:
        if autosave:
            return _fragment(request, "stale", message=govuk_time(stale.current.updated_at))
        return _conflict(request, episode, code, form, answers, stale.current)
    except GuardrailRefused as refused:
        for finding in refused.findings:
            form.add_error(finding.field if finding.field in form.fields else None, finding.text)
        return _render_form(request, episode, code, form)
    except Refused as refused:
        if autosave:
            return _fragment(request, "closed", message=str(refused))
        messages.info(request, str(refused))
        return redirect("episodes:assessment", episode_id=episode.pk)

    _remember_autosave(request, saved)
    if autosave:
        reopened = " This section is now in progress until you select ‘Save and continue’." if was_complete else ""
        return _fragment(request, "saved", version=saved.version, message=reopened)
    if action == section_forms.ADD:
        count = len(answers.get("entries") or [])
        return redirect(f"{section_url(episode, code)}?add=1#entry-{count + 1}")
    if level_was_proposed and not saved.proposed_risk_level and code != "risk_level":
        messages.info(request, "Your proposed risk level now breaks a guardrail rule, so the risk level section "
                               "is back in progress. Look at it again before you submit.")
    if complete:
        messages.success(request, f"‘{section_get(code).title}’ is completed.")
    else:
        messages.success(request, f"Your answers to ‘{section_get(code).title}’ have been saved as a draft. "
                                  "You can come back to them later.")
    return redirect("episodes:assessment", episode_id=episode.pk)


def _conflict(request, episode, code: str, form, mine: dict, current):
    """Someone else saved the assessment first: show both versions, overwrite nothing."""
    theirs = (current.sections or {}).get(code, {})
    resubmit = [(name, value) for name, values in request.POST.lists()
                if name not in ("csrfmiddlewaretoken", "version", "autosave_token") for value in values]
    compare = section_forms.section_form(code, assessment=current, actor=request.user, answers=theirs)
    return render(request, "episodes/assessment_conflict.html", {
        "page_title": "Someone else changed this assessment", "episode": episode, "section": section_get(code),
        "rows": presenters.conflict_rows(compare, mine, theirs), "resubmit": resubmit,
        "current_version": current.version, "saved_at": current.updated_at,
        "action_url": section_url(episode, code),
    }, status=409)
