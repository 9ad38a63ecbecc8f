"""The risk assessment and the CSE team's decision as PDFs, to take away for the LCS file or a
strategy meeting. Each download is a read of the episode on the trail ("assessment.downloaded",
"episode.decision_downloaded") and, as every export does, asks the user to confirm it is them first."""

from django.http import HttpResponse

from csepathway.accounts.step_up import step_up_is_fresh, step_up_redirect
from csepathway.core import access as page_access
from csepathway.core.pdf import render_pdf

from .. import documents, selectors


def _pdf(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Case content: no browser or proxy keeps a copy.
    response["Cache-Control"] = "no-store"
    return response


def _step_up_first(request, episode_id):
    """404 outside the user's scope before anything else; then the step-up page unless just confirmed."""
    if step_up_is_fresh(request):
        return None
    selectors.episode_for_export(actor=request.user, episode_id=episode_id)
    return step_up_redirect(request)


@page_access.signed_in
def assessment_pdf(request, episode_id):
    if step_up := _step_up_first(request, episode_id):
        return step_up
    episode = selectors.assessment_for_download(actor=request.user, episode_id=episode_id)
    return _pdf(render_pdf(documents.ASSESSMENT_TEMPLATE, documents.assessment_context(episode, request.user)),
                documents.filename("risk-assessment", episode))


@page_access.signed_in
def decision_pdf(request, episode_id):
    if step_up := _step_up_first(request, episode_id):
        return step_up
    episode, reviews = selectors.decision_for_download(actor=request.user, episode_id=episode_id)
    return _pdf(render_pdf(documents.DECISION_TEMPLATE, documents.decision_context(episode, request.user, reviews)),
                documents.filename("cse-decision", episode))
