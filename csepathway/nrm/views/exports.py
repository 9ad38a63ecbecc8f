"""The referral's answers as a download, to copy into the online form: plain text and PDF. Each
download is a read of the referral, so it is scoped and audited ("nrm.exported"), and it is case
content, so no browser or proxy keeps a copy."""

from django.http import HttpResponse
from django.utils import timezone

from csepathway.accounts.step_up import step_up_is_fresh, step_up_redirect
from csepathway.core import access

from .. import export, presenters, selectors


def _download(body, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _for_export(request, referral_id):
    """The referral (404 outside the user's scope, before anything else), and the step-up page to go
    to first when the user has not just confirmed it is them: an export leaves the service."""
    fresh = step_up_is_fresh(request)
    referral = selectors.referral_get(actor=request.user, referral_id=referral_id,
                                      purpose="exported" if fresh else "export_requested")
    return referral, None if fresh else step_up_redirect(request)


@access.signed_in
def referral_text(request, referral_id):
    referral, step_up = _for_export(request, referral_id)
    if step_up:
        return step_up
    return _download(export.text_document(referral, timezone.localdate()), content_type="text/plain; charset=utf-8",
                     filename=presenters.filename(referral, "txt"))


@access.signed_in
def referral_pdf(request, referral_id):
    referral, step_up = _for_export(request, referral_id)
    if step_up:
        return step_up
    return _download(export.pdf_document(referral, timezone.localdate()), content_type="application/pdf",
                     filename=presenters.filename(referral, "pdf"))
