"""The dashboards: thin views over selectors and presenters. The role rule refuses everyone else
with 403 before anything is read; the figures are then scoped by the selectors."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts import selectors as account_selectors
from csepathway.core import access as page_access
from csepathway.core.presenters import pagination
from csepathway.core.spreadsheets import csv_download, csv_text, xlsx_download
from csepathway.core.wording import say_lazy

from . import access, presenters, selectors
from .forms import PerformanceFilterForm

viewers_only = page_access.roles_required(*access.VIEWERS)


def _filter_form(request) -> PerformanceFilterForm:
    teams = list(account_selectors.case_holding_team_list().select_related("agency"))
    agencies = sorted({(str(team.agency_id), team.agency.name) for team in teams}, key=lambda pair: pair[1])
    data = request.GET if any(key != "page" for key in request.GET) else None
    return PerformanceFilterForm(data, teams=[(str(team.pk), team.name) for team in teams], agencies=agencies)


SECTION_TITLES = {"timescales": say_lazy("Decisions and initial MASE"), "reviews-and-actions": "Reviews and actions",
                  "missing": "Missing episodes", "outcomes": "Risk levels and outcomes",
                  "nrm-and-intelligence": "NRM and intelligence"}


@viewers_only
def dashboard(request, section="timescales"):
    if section not in selectors.SECTIONS:
        raise Http404
    form = _filter_form(request)
    today = timezone.localdate()
    figures = selectors.performance_dashboard(actor=request.user, filters=form.filters(today), today=today,
                                              keys=selectors.SECTIONS[section])
    query = form.query()
    sections = [{"text": title, "href": _with_query(reverse("performance:section", args=[name]), query),
                 "current": name == section} for name, title in SECTION_TITLES.items()]
    return render(request, "performance/dashboard.html", {
        "page_title": f"How the pathway is performing: {SECTION_TITLES[section].lower()}", "form": form,
        "section_title": SECTION_TITLES[section], "sections": sections,
        **presenters.dashboard_context(figures, query),
    })


def _with_query(href: str, query: dict) -> str:
    return f"{href}?{urlencode(query)}" if query else href


@viewers_only
def figure_episodes(request):
    form = _filter_form(request)
    today = timezone.localdate()
    chosen = {key: request.GET.get(key, "") for key in ("measure", "outcome", "month")}
    listing = selectors.performance_figure_episodes(
        actor=request.user, filters=form.filters(today), today=today, measure_key=chosen["measure"],
        outcome=chosen["outcome"], month=chosen["month"], page=request.GET.get("page", 1))
    query = {**form.query(), **{key: value for key, value in chosen.items() if value}}
    missing = bool(listing.measure.child_path)
    return render(request, "performance/missing.html" if missing else "performance/episodes.html", {
        "page_title": listing.measure.title, "listing": listing, "count": listing.page.paginator.count,
        "rows": (presenters.missing_rows if missing else presenters.episode_rows)(listing.page.object_list),
        "month": chosen["month"],
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
