"""The dashboards: thin views over selectors and presenters. The role rule refuses everyone else
with 403 before anything is read; the figures are then scoped by the selectors."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts import selectors as account_selectors
from csepathway.core import access as page_access
from csepathway.core.presenters import pagination
from csepathway.core.spreadsheets import csv_download, csv_text, xlsx_download

from . import access, presenters, selectors
from .forms import PerformanceFilterForm

viewers_only = page_access.roles_required(*access.VIEWERS)


def _filter_form(request) -> PerformanceFilterForm:
    teams = list(account_selectors.case_holding_team_list().select_related("agency"))
    agencies = sorted({(str(team.agency_id), team.agency.name) for team in teams}, key=lambda pair: pair[1])
    data = request.GET if any(key != "page" for key in request.GET) else None
    return PerformanceFilterForm(data, teams=[(str(team.pk), team.name) for team in teams], agencies=agencies)


@viewers_only
def dashboard(request):
    form = _filter_form(request)
    today = timezone.localdate()
    figures = selectors.performance_dashboard(actor=request.user, filters=form.filters(today), today=today)
    return render(request, "performance/dashboard.html", {
        "page_title": "How the pathway is performing", "form": form,
        **presenters.dashboard_context(figures, form.query()),
    })


@viewers_only
def figure_episodes(request):
    form = _filter_form(request)
    today = timezone.localdate()
    chosen = {key: request.GET.get(key, "") for key in ("measure", "outcome", "month")}
    listing = selectors.performance_figure_episodes(
        actor=request.user, filters=form.filters(today), today=today, measure_key=chosen["measure"],
        outcome=chosen["outcome"], month=chosen["month"], page=request.GET.get("page", 1))
    query = {**form.query(), **{key: value for key, value in chosen.items() if value}}
    return render(request, "performance/episodes.html", {
        "page_title": listing.measure.title, "listing": listing, "count": listing.page.paginator.count,
        "rows": presenters.episode_rows(listing.page.object_list), "month": chosen["month"],
        "links": access.opens_records(request.user),
        "back": f"{reverse('performance:dashboard')}",
        "pagination": pagination(listing.page, reverse("performance:episodes"), query),
    })


@viewers_only
def download(request):
    form = _filter_form(request)
    today = timezone.localdate()
    figures = selectors.performance_dashboard(actor=request.user, filters=form.filters(today), today=today)
    rows = presenters.download_rows(figures)
    name = f"pathway-performance-{figures.filters.since}-to-{figures.filters.until}"
    kind = request.GET.get("format", "csv")
    if kind == "csv":
        return csv_download(csv_text(presenters.DOWNLOAD_HEADER, rows), f"{name}.csv")
    if kind == "xlsx":
        return xlsx_download(presenters.DOWNLOAD_HEADER, rows, f"{name}.xlsx", sheet="Performance")
    raise Http404
