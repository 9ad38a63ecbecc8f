"""Reads for the dashboards: every figure from the database, grouped by month and outcome in one
query per measure, and the episodes behind any figure, all within the viewer's scope."""

import dataclasses
import datetime as dt

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F
from django.http import Http404

from csepathway.audit.services import record
from csepathway.episodes.models import Episode
from csepathway.intelligence.models import IntelligenceReport
from csepathway.nrm.models import NrmReferral

from .access import may_view_performance, performance_scope
from .measures import BY_KEY, MEASURES, Filters, Measure

PER_PAGE = 50


@dataclasses.dataclass
class Figures:
    measure: Measure
    # {(month, outcome): count}, straight from the grouped query
    counts: dict[tuple[dt.date, str], int]

    def total(self, outcome: str | None = None) -> int:
        return sum(n for (_, key), n in self.counts.items() if outcome is None or key == outcome)

    def in_month(self, month: dt.date, outcome: str | None = None) -> int:
        return sum(n for (when, key), n in self.counts.items() if when == month and (outcome is None or key == outcome))


@dataclasses.dataclass
class Dashboard:
    filters: Filters
    months: list[dt.date]
    figures: dict[str, Figures]
    risk_moves: dict[tuple[str, str], int]  # (from level, to level): count
    waits: dict[str, float | None]  # average days: NRM decisions, grading


def _months(filters: Filters) -> list[dt.date]:
    months, month = [], filters.since.replace(day=1)
    while month <= filters.until:
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _month_of(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _days(start: str, end: str):
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def _average_days(queryset, **waits: tuple[str, str]) -> dict[str, float | None]:
    """Average days from start to end for each named pair, in one query; an unset end (no decision
    yet) is left out of its average, as AVG leaves out NULL."""
    found = queryset.aggregate(**{name: Avg(_days(start, end)) for name, (start, end) in waits.items()})
    return {name: None if wait is None else round(wait.total_seconds() / 86400, 1) for name, wait in found.items()}


def _is_month(text: str) -> bool:
    try:
        dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        return False
    return len(text) == 7


def _refuse_unless_allowed(actor) -> None:
    if not may_view_performance(actor):
        raise Http404


# The dashboard's four pages, each the measures it shows: a page does two or three grouped counts
# over the region, not all ten (ADR 0056). The download has every measure.
SECTIONS = {
    "timescales": ("decisions", "initial_mase"),
    "reviews-and-actions": ("reviews", "actions"),
    "missing": ("return_interviews",),
    "outcomes": ("risk_changes", "closures", "referrals"),
    "nrm-and-intelligence": ("reasonable_grounds", "conclusive_grounds", "intelligence"),
}
EVERY_MEASURE = tuple(measure.key for measure in MEASURES)


def performance_dashboard(*, actor, filters: Filters, today: dt.date, keys=EVERY_MEASURE) -> Dashboard:
    _refuse_unless_allowed(actor)
    scope = performance_scope(actor)
    figures = {}
    for key in keys:
        rows = BY_KEY[key].rows(scope=scope, filters=filters, today=today).values("month", "outcome")
        counts = {(_month_of(row["month"]), row["outcome"]): row["n"]
                  for row in rows.annotate(n=Count("pk")).order_by()}
        figures[key] = Figures(BY_KEY[key], counts)
    risk_moves, waits = {}, {}
    if "risk_changes" in keys:
        changes = BY_KEY["risk_changes"].rows(scope=scope, filters=filters, today=today)
        risk_moves = {(row["previous_level"], row["level"]): row["n"]
                      for row in changes.values("previous_level", "level").annotate(n=Count("pk")).order_by()}
    if "reasonable_grounds" in keys:
        referrals = NrmReferral.objects.filter(pk__in=BY_KEY["reasonable_grounds"].rows(
            scope=scope, filters=filters, today=today).values("pk"))
        waits |= _average_days(referrals, reasonable_grounds=("referred_on", "reasonable_grounds_on"),
                               conclusive_grounds=("referred_on", "conclusive_grounds_on"))
    if "intelligence" in keys:
        reports = IntelligenceReport.objects.filter(pk__in=BY_KEY["intelligence"].rows(
            scope=scope, filters=filters, today=today).values("pk"))
        waits |= _average_days(reports, grading=("sent_at", "graded_at"))
    record(actor=actor, verb="performance.dashboard_viewed", object_type="performance.dashboard",
           object_id=f"{filters.since}..{filters.until}")
    return Dashboard(filters=filters, months=_months(filters), figures=figures, risk_moves=risk_moves, waits=waits)


@dataclasses.dataclass
class FigureEpisodes:
    measure: Measure
    outcome_label: str
    page: Page


def performance_figure_episodes(*, actor, filters: Filters, today: dt.date, measure_key: str, outcome: str = "",
                                month: str = "", page=1) -> FigureEpisodes:
    """The episodes behind one figure, a page at a time: the same query as the figure, narrowed."""
    _refuse_unless_allowed(actor)
    measure = BY_KEY.get(measure_key)
    outcomes = dict(measure.outcomes) if measure else {}
    if measure is None or (outcome and outcome not in outcomes):
        raise Http404
    if month and not _is_month(month):
        raise Http404
    scope = performance_scope(actor)
    if measure.child_path:
        rows = measure.rows(scope=scope, filters=filters, today=today)
        if outcome:
            rows = rows.filter(outcome=outcome)
        if month:
            rows = rows.filter(month=dt.date.fromisoformat(f"{month}-01"))
        listing = Paginator(rows.select_related("child", "child__allocated_team")
                            .order_by("-returned_at", "pk"), PER_PAGE).get_page(page)
        record(actor=actor, verb="performance.figure_listed", object_type="performance.measure",
               object_id=f"{measure_key}:{outcome or 'all'}:{month or 'period'}")
        return FigureEpisodes(measure=measure, outcome_label=outcomes.get(outcome, "All"), page=listing)
    ids = measure.episode_ids(scope=scope, filters=filters, today=today, outcome=outcome, month=month)
    episodes = (Episode.objects.filter(scope(""), pk__in=ids).select_related("child", "team")
                .order_by("-submitted_at", "pk"))
    listing = Paginator(episodes, PER_PAGE).get_page(page)
    record(actor=actor, verb="performance.figure_listed", object_type="performance.measure",
           object_id=f"{measure_key}:{outcome or 'all'}:{month or 'period'}")
    return FigureEpisodes(measure=measure, outcome_label=outcomes.get(outcome, "All"), page=listing)
