"""What the dashboard shows, worked out before the template: the cards, the charts and their
tables, the links from each figure to the episodes behind it, and the rows of the downloads."""

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse

from csepathway.assessments.models import RiskLevel
from csepathway.core.charts import LineChart, Series

from .selectors import Dashboard, Figures

LEVEL_WORDS = dict(RiskLevel.choices) | {"": "No level"}


def _month_label(month: dt.date) -> str:
    return month.strftime("%b %Y")


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


class Links:
    def __init__(self, query: dict):
        self.query = query

    def figure(self, measure: str, outcome: str = "", month: dt.date | None = None) -> str:
        params = {**self.query, "measure": measure}
        if outcome:
            params["outcome"] = outcome
        if month:
            params["month"] = month.strftime("%Y-%m")
        return f"{reverse('performance:episodes')}?{urlencode(params)}"


def _outcome_rows(figures: Figures, links: Links) -> list[dict]:
    total = figures.total()
    return [{"label": label, "count": figures.total(key), "percent": _percent(figures.total(key), total),
             "href": links.figure(figures.measure.key, key)} for key, label in figures.measure.outcomes]


def timeliness_card(figures: Figures, months: list[dt.date], links: Links) -> dict:
    """A measure with a deadline: how many, how many on time, and the share on time by month."""
    measure = figures.measure
    decided = figures.total("on_time") + figures.total("late")
    monthly = []
    for month in months:
        due = figures.in_month(month, "on_time") + figures.in_month(month, "late")
        monthly.append(_percent(figures.in_month(month, "on_time"), due))
    return {
        "key": measure.key, "title": measure.title, "counted": measure.counted, "total": figures.total(),
        "href": links.figure(measure.key), "rate": _percent(figures.total("on_time"), decided),
        "outcomes": _outcome_rows(figures, links),
        "chart": LineChart(title=f"{measure.title}: per cent on time by month",
                           points=tuple(_month_label(month) for month in months),
                           series=(Series("Per cent on time", tuple(monthly)),), maximum=100),
    }


def distribution_card(figures: Figures, months: list[dt.date], links: Links) -> dict:
    """A measure without a deadline: how the units fall between outcomes, and each outcome by month."""
    measure = figures.measure
    outcomes = _outcome_rows(figures, links)
    return {
        "key": measure.key, "title": measure.title, "counted": measure.counted, "total": figures.total(),
        "href": links.figure(measure.key), "outcomes": outcomes,
        "trend": LineChart(title=f"{measure.title}: by month", points=tuple(_month_label(m) for m in months),
                           series=tuple(Series(label, tuple(figures.in_month(m, key) for m in months))
                                        for key, label in measure.outcomes[:4])),
    }


def risk_matrix(dashboard: Dashboard) -> dict:
    levels = ["", *RiskLevel.values]
    return {"levels": [LEVEL_WORDS[level] for level in levels[1:]],
            "rows": [{"from": LEVEL_WORDS[before],
                      "cells": [dashboard.risk_moves.get((before, after), 0) for after in levels[1:]]}
                     for before in levels]}


def dashboard_context(dashboard: Dashboard, query: dict) -> dict:
    links = Links(query)
    figures = dashboard.figures
    return {
        "period": (dashboard.filters.since, dashboard.filters.until),
        "timeliness": [timeliness_card(figures[key], dashboard.months, links)
                       for key in ("decisions", "initial_mase", "reviews", "actions", "return_interviews")
                       if key in figures],
        "distributions": [distribution_card(figures[key], dashboard.months, links)
                          for key in ("risk_changes", "closures", "referrals", "reasonable_grounds",
                                      "conclusive_grounds", "intelligence") if key in figures],
        "risk_matrix": risk_matrix(dashboard) if "risk_changes" in figures else None,
        "waits": dashboard.waits,
        "download_csv": f"{reverse('performance:download')}?{urlencode({**query, 'format': 'csv'})}",
        "download_xlsx": f"{reverse('performance:download')}?{urlencode({**query, 'format': 'xlsx'})}",
    }


DOWNLOAD_HEADER = ["Measure", "Month", "Outcome", "Number"]


def download_rows(dashboard: Dashboard) -> list[list]:
    """One row per measure, month and outcome (zeros included, so a pivot table has every month)."""
    rows = []
    for figures in dashboard.figures.values():
        for month in dashboard.months:
            for key, label in figures.measure.outcomes:
                rows.append([figures.measure.title, month.strftime("%Y-%m"), label, figures.in_month(month, key)])
    return rows


def episode_rows(episodes) -> list[dict]:
    return [{"child": episode.child, "episode": episode, "team": episode.team.name if episode.team else "",
             "state": episode.get_state_display(), "submitted_at": episode.submitted_at,
             "decided_at": episode.decided_at, "risk_level": LEVEL_WORDS.get(episode.risk_level, "")}
            for episode in episodes]


def missing_rows(missing_episodes) -> list[dict]:
    return [{"child": episode.child, "team": episode.child.allocated_team.name if episode.child.allocated_team else "",
             "started_at": episode.started_at, "returned_at": episode.returned_at,
             "due_at": episode.interview_due_at} for episode in missing_episodes]
