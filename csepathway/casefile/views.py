"""The child's chronology page, and the same chronology, filtered as it stands, as a PDF and a CSV.
A download leaves the service: it is audited as a read of the record ("child.chronology_downloaded")
and asks the user to confirm it is them first (step-up), as every export does."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from csepathway.accounts.step_up import step_up_is_fresh, step_up_redirect
from csepathway.children.access import RECORD_READERS
from csepathway.core import access
from csepathway.core.pdf import render_pdf
from csepathway.core.presenters import pagination

from . import presenters, selectors
from .forms import ChronologyFilterForm

PER_PAGE = 100
PDF_TEMPLATE = "casefile/chronology_pdf.html"
RECORD_TEMPLATE = "casefile/record_pdf.html"


def _filter_form(request) -> ChronologyFilterForm:
    return ChronologyFilterForm(request.GET if request.GET.keys() - {"page"} else None)


@access.roles_required(*RECORD_READERS)
def chronology(request, child_id):
    """A page at a time, and the kinds and period asked for: a child known for years can have
    hundreds of events."""
    form = _filter_form(request)
    filters = form.filters()
    child, events = selectors.chronology_for_child(actor=request.user, child_id=child_id, **filters)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page", 1))
    base = reverse("casefile:chronology", args=[child.pk])
    query = form.query()
    return render(request, "casefile/chronology.html", {
        "page_title": f"Chronology: {child.full_name}", "child": child, "form": form,
        "page_has_errors": bool(form.is_bound and form.errors), "rows": presenters.chronology_rows(page),
        "count": len(events), "filter_words": presenters.filter_words(filters), "filtered": bool(query),
        "pagination": pagination(page, base, query),
        "pdf_href": _with_query(reverse("casefile:chronology_pdf", args=[child.pk]), request),
        "csv_href": _with_query(reverse("casefile:chronology_csv", args=[child.pk]), request),
    })


def _with_query(path: str, request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return f"{path}?{query.urlencode()}" if query else path


def _export(request, child_id):
    """The child and events (404 outside the user's scope, before anything else), or the step-up page
    to go to first when the user has not just confirmed it is them."""
    form = _filter_form(request)
    filters = form.filters()
    if not step_up_is_fresh(request):
        selectors.child_for_export(actor=request.user, child_id=child_id)
        return None, None, filters, step_up_redirect(request)
    child, events = selectors.chronology_for_child(actor=request.user, child_id=child_id,
                                                   purpose="chronology_downloaded", **filters)
    return child, events, filters, None


def _download(body, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Case content: no browser or proxy keeps a copy.
    response["Cache-Control"] = "no-store"
    return response


@access.roles_required(*RECORD_READERS)
def chronology_pdf(request, child_id):
    child, events, filters, step_up = _export(request, child_id)
    if step_up:
        return step_up
    pdf = render_pdf(PDF_TEMPLATE, presenters.chronology_pdf_context(child, events, filters, actor=request.user))
    return _download(pdf, content_type="application/pdf", filename=presenters.export_filename("pdf"))


@access.roles_required(*RECORD_READERS)
def chronology_csv(request, child_id):
    child, events, filters, step_up = _export(request, child_id)
    if step_up:
        return step_up
    # A byte-order mark, so a spreadsheet opens names with accents as they were written.
    body = "\ufeff" + presenters.chronology_csv(child, events, filters)
    return _download(body.encode("utf-8"), content_type="text/csv; charset=utf-8",
                     filename=presenters.export_filename("csv"))


@access.roles_required(*RECORD_READERS)
def record_pdf(request, child_id):
    """The child's record to take away: their details, their plan and the whole chronology they may see."""
    if not step_up_is_fresh(request):
        selectors.child_for_export(actor=request.user, child_id=child_id)
        return step_up_redirect(request)
    child, events, plan_entries = selectors.record_for_download(actor=request.user, child_id=child_id)
    pdf = render_pdf(RECORD_TEMPLATE, presenters.record_pdf_context(child, events, plan_entries, actor=request.user))
    return _download(pdf, content_type="application/pdf", filename=presenters.export_filename("pdf", "record"))
