"""Submitting the assessment to the CSE team."""

from django.contrib import messages
from django.shortcuts import redirect

from csepathway.core import access as page_access
from csepathway.core.pages import render_form_page
from csepathway.core.refusals import refusal_as_form_error

from .. import access, selectors, services
from ..forms import SubmitForm


@page_access.roles_required(*access.CASE_HOLDERS)
def episode_submit(request, episode_id):
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
            messages.success(request, "The assessment has been sent to the CSE team.")
            return redirect("episodes:detail", episode_id=episode.pk)
    return render_form_page(
        request, form, title="Send the assessment to the CSE team", submit_text="Send to the CSE team",
        template="episodes/form_page.html", status=400 if form.errors else 200, episode=episode,
        intro="The CSE Team Manager and the Police CSE Coordinator will review it together. "
              "You will get an email when they have decided.")
