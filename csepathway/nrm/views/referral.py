"""Starting a referral and preparing its answers: the task list of the online form's sections, one
page per section (drafts saved on the server), and check your answers. Thin: selectors, forms and
services.

The pages that change a referral admit the editing roles at the door so that the selector decides:
someone who may not see the referral gets 404, someone who may see it but not change it gets 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from csepathway.core import access
from csepathway.core.refusals import Refused
from csepathway.core.services import StaleEdit
from csepathway.episodes import selectors as episode_selectors

from .. import presenters, selectors, services
from ..access import REFERRAL_EDITORS, may_edit_referral
from ..forms import FORMS
from ..sections import BY_SLUG, SECTIONS

CONTINUE, LATER = "continue", "later"
STALE = ("Someone else saved this referral while you were editing it, so your changes have not been saved. "
         "Their answers are shown below. Check them, then save again to replace them with yours.")


@access.roles_required(*REFERRAL_EDITORS)
def referral_start(request, episode_id):
    episode = episode_selectors.episode_get(actor=request.user, episode_id=episode_id, purpose="nrm_start_opened")
    if not may_edit_referral(request.user, episode):
        raise PermissionDenied
    existing = selectors.referral_for_episode(actor=request.user, episode=episode)
    if existing is not None:
        return redirect("nrm:detail", referral_id=existing.pk)
    error = ""
    if request.method == "POST":
        try:
            referral = services.referral_start(actor=request.user, episode=episode)
        except Refused as refused:
            error = str(refused)
        else:
            messages.success(request, "The referral has been started. Some answers have been filled in from the "
                                      "child's record and the risk assessment: check each section.")
            return redirect("nrm:detail", referral_id=referral.pk)
    return render(request, "nrm/start.html", {
        "page_title": "Start a National Referral Mechanism referral", "episode": episode, "error": error,
        "page_has_errors": bool(error),
    }, status=400 if error else 200)


@access.signed_in
def referral_detail(request, referral_id):
    referral = selectors.referral_get(actor=request.user, referral_id=referral_id)
    editor = may_edit_referral(request.user, referral.episode)
    preparing = editor and referral.referred_on is None
    today = timezone.localdate()
    return render(request, "nrm/detail.html", {
        "page_title": "National Referral Mechanism referral", "referral": referral, "episode": referral.episode,
        "status": presenters.status(referral, today), "preparing": preparing, "editor": editor,
        "tasks": presenters.task_items(referral, preparing) if preparing else [],
        "done": len(referral.completed_sections), "total": len(SECTIONS),
        "cards": [] if preparing else presenters.answer_cards(referral, editable=False),
        "decision_rows": presenters.decision_rows(referral, today, editable=editor),
    })


def _section_page(request, referral, section, form, *, status=200, theirs=None):
    return render(request, "nrm/section.html", {
        "page_title": section.title, "referral": referral, "episode": referral.episode, "section": section,
        "form": form, "page_has_errors": bool(form.is_bound and form.errors), "theirs": theirs or [],
    }, status=status)


@access.roles_required(*REFERRAL_EDITORS)
def referral_section(request, referral_id, section):
    chosen = BY_SLUG.get(section)
    if chosen is None:
        raise Http404("No such section")
    referral = selectors.referral_for_editing(actor=request.user, referral_id=referral_id)
    if referral.referred_on is not None:
        messages.info(request, services.SENT)
        return redirect("nrm:detail", referral_id=referral.pk)
    form_class = FORMS[chosen.code]
    if request.method != "POST":
        initial = {**form_class.initial_from(referral.content.get(chosen.code) or {}), "version": referral.version}
        return _section_page(request, referral, chosen, form_class(initial=initial))
    action = request.POST.get("action", CONTINUE)
    form = form_class(request.POST, complete=action == CONTINUE)
    if not form.is_valid():
        return _section_page(request, referral, chosen, form)
    try:
        services.referral_section_save(actor=request.user, referral=referral, section=chosen.code,
                                       answers=form.answers(), complete=action == CONTINUE,
                                       expected_version=form.cleaned_data.get("version") or 0)
    except StaleEdit as stale:
        # Keep what they typed, carry the saved version: saving again is then a deliberate choice.
        data = request.POST.copy()
        data["version"] = str(stale.current.version)
        form = form_class(data, complete=action == CONTINUE)
        form.is_valid()
        form.add_error(None, STALE)
        saved = next(e["answers"] for e in presenters.answer_sections(stale.current) if e["section"] == chosen)
        return _section_page(request, referral, chosen, form, status=409, theirs=presenters.answer_rows(saved))
    except Refused as refused:
        messages.info(request, str(refused))
        return redirect("nrm:detail", referral_id=referral.pk)
    if action == CONTINUE:
        messages.success(request, f"‘{chosen.title}’ is completed.")
    else:
        messages.success(request, f"Your answers to ‘{chosen.title}’ have been saved as a draft. You can come back "
                                  "to them later.")
    return redirect("nrm:detail", referral_id=referral.pk)


@access.roles_required(*REFERRAL_EDITORS)
def referral_check(request, referral_id):
    referral = selectors.referral_for_editing(actor=request.user, referral_id=referral_id)
    missing = [s for s in SECTIONS if s.code in services.missing_sections(referral)]
    return render(request, "nrm/check.html", {
        "page_title": "Check your answers before you fill in the online form", "referral": referral,
        "episode": referral.episode, "missing": missing, "sent": referral.referred_on is not None,
        "cards": presenters.answer_cards(referral, editable=referral.referred_on is None),
    })
