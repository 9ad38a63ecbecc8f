"""Submitting the assessment to the CSE team."""

from django.contrib import messages
from django.shortcuts import redirect, render

from csepathway.core import access as page_access

from .. import access, selectors, services
from ..forms import SubmitForm
from ..workflow import TransitionRefused


@page_access.roles_required(*access.CASE_HOLDERS)
def episode_submit(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    child = episode.child
    initial = {"source": "lcs" if child.lcs_reference else "ehm" if child.ehm_reference else "direct",
               "source_reference": child.lcs_reference or child.ehm_reference}
    form = SubmitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.episode_submit(actor=request.user, episode=episode, **form.cleaned_data)
        except TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "The assessment has been sent to the CSE team.")
            return redirect("episodes:detail", episode_id=episode.pk)
    return render(request, "episodes/form_page.html", {
        "page_title": "Send the assessment to the CSE team", "form": form, "episode": episode,
        "page_has_errors": bool(form.errors), "submit_text": "Send to the CSE team",
        "intro": "The CSE Team Manager and the Police CSE Coordinator will review it together. "
                 "You will get an email when they have decided.",
    }, status=400 if form.errors else 200)
