"""The strategic MASE picture: the profile and the association map, on screen and as PDFs for the
meeting (docs/adr/0055). Reached by the roles in access.STRATEGIC_READERS; anyone else gets the 404
a page that is not there gives, from the selectors (audited). A PDF leaves the service, so it asks
the user to confirm it is them first (step-up), as every export does."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts.step_up import step_up_is_fresh, step_up_redirect
from csepathway.core import access as page_access
from csepathway.core.formatting import govuk_datetime
from csepathway.core.pdf import render_pdf
from csepathway.core.presenters import person_name
from csepathway.core.wording import say

from . import presenters
from .associations import association_graph
from .forms import StrategicFilterForm
from .profile import strategic_profile
from .scope import require_strategic


def _form(request) -> StrategicFilterForm:
    return StrategicFilterForm(request.GET if request.GET.keys() - {"page"} else None)


def _with_query(name: str, query: dict) -> str:
    return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)


def _prepared(request) -> str:
    return f"{govuk_datetime(timezone.now())} by {person_name(request.user)}, from CSE Pathway"


def _pdf(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@page_access.signed_in
def profile(request):
    form = _form(request)
    period = form.period()
    data = strategic_profile(actor=request.user, period=period)
    query = form.query()
    return render(request, "intelligence/strategic/profile.html", {
        "page_title": say("Strategic MASE profile"), "form": form,
        "page_has_errors": bool(form.is_bound and form.errors),
        "pdf_href": _with_query("intelligence:strategic_profile_pdf", query),
        "map_href": _with_query("intelligence:strategic_map", {k: v for k, v in query.items() if k != "focus"}),
        **presenters.profile_context(data, actor=request.user)})


@page_access.signed_in
def profile_pdf(request):
    require_strategic(request.user, "strategic.profile_downloaded")
    if not step_up_is_fresh(request):
        return step_up_redirect(request)
    period = _form(request).period()
    data = strategic_profile(actor=request.user, period=period)
    body = render_pdf("intelligence/strategic/profile_pdf.html", {
        "prepared": _prepared(request), **presenters.profile_context(data, actor=None)})
    return _pdf(body, f"strategic-profile-{period.since}-to-{period.until}.pdf")


@page_access.signed_in
def association_map(request):
    form = _form(request)
    period = form.period()
    graph = association_graph(actor=request.user, period=period)
    query = form.query()
    return render(request, "intelligence/strategic/map.html", {
        "page_title": "Association map", "form": form, "page_has_errors": bool(form.is_bound and form.errors),
        "period_words": period.words, "pdf_href": _with_query("intelligence:strategic_map_pdf", query),
        "profile_href": _with_query("intelligence:strategic_profile", {k: v for k, v in query.items() if k != "focus"}),
        **presenters.map_context(graph, focus=form.focus_key(), query=query, page=request.GET.get("page", 1))})


@page_access.signed_in
def map_pdf(request):
    require_strategic(request.user, "strategic.map_downloaded")
    if not step_up_is_fresh(request):
        return step_up_redirect(request)
    form = _form(request)
    period = form.period()
    graph = association_graph(actor=request.user, period=period)
    body = render_pdf("intelligence/strategic/map_pdf.html", {
        "prepared": _prepared(request), "period_words": period.words,
        **presenters.map_context(graph, focus=form.focus_key(), query=form.query(), paged=False)})
    return _pdf(body, f"association-map-{period.since}-to-{period.until}.pdf")
