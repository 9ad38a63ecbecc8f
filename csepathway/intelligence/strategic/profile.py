"""Reads for the strategic MASE profile (issue 12, point 5; docs/adr/0055): children by risk level
and by exploitation type, persons of concern and places with the children linked to each, postcode
districts, the monthly trend at the busiest places, and the indicators most often recorded. Every
figure is an aggregate in SQL over the viewer's episodes in the period: the page makes the same
queries for ten children as for ten thousand."""

import dataclasses

from django.db import connection
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber, TruncMonth

from csepathway.assessments.models import RiskLevel
from csepathway.audit.services import record
from csepathway.core.configuration import configuration_current
from csepathway.episodes.models import Episode

from ..models import PersonOfConcern, PlaceOfConcern
from .period import Period
from .scope import episodes_in, require_strategic

TOP_PEOPLE = 25
TOP_PLACES = 15
TOP_DISTRICTS = 15
TOP_THEMES = 10
TREND_PLACES = 4
NOT_DECIDED = "Not decided yet"


@dataclasses.dataclass(frozen=True)
class Profile:
    period: Period
    children: int
    by_risk: list[tuple[str, int]]
    by_type: list[tuple[str, int]]
    people: list  # PersonOfConcern with .children
    places: list  # PlaceOfConcern with .children and .previous
    districts: list[dict]
    trend: dict  # place id -> {month: children}
    themes: list[tuple[str, int]]


def _linked(episodes, path: str = "episodes") -> Count:
    """The children linked to an entry through the episodes given: each child once."""
    return Count(f"{path}__child", distinct=True, filter=Q(**{f"{path}__in": episodes.values("pk")}))


def _by_risk(episodes) -> tuple[int, list[tuple[str, int]]]:
    """Each child once, at the risk level of their latest episode in the period. The latest is
    ranked by a window over the period's episodes, not looked up by a subquery for each one (ADR 0067)."""
    latest = episodes.annotate(rank=Window(RowNumber(), partition_by=F("child_id"),
                                           order_by=[F("submitted_at").desc(), F("pk").desc()])).filter(rank=1)
    counts = dict(Episode.objects.filter(pk__in=latest.values("pk")).order_by().values_list("risk_level")
                  .annotate(n=Count("pk")))
    rows = [(label, counts.get(code, 0)) for code, label in reversed(RiskLevel.choices)]
    rows.append((NOT_DECIDED, counts.get("", 0)))
    return sum(counts.values()), rows


def _contains(field: str, code: str) -> Q:
    """A code in a JSON list. PostgreSQL tests the list itself (jsonb @>): the text match below made it
    turn every screening's list into upper-case text once for each of some thirty indicators, 40 ms of
    the profile at region scale. SQLite has no JSON `contains`, so there the quoted code is found in the
    list's text; codes are plain words, so the quotes bound them."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [code]})
    return Q(**{f"{field}__icontains": f'"{code}"'})


def _by_type(episodes) -> list[tuple[str, int]]:
    """Children by the exploitation types their assessment records (a child may have several)."""
    types = configuration_current("assessment").data.get("exploitation_types", [])
    if not types:
        return []
    counts = episodes.aggregate(**{
        f"t{n}": Count("child_id", distinct=True, filter=_contains("assessment__sections__exploitation__types",
                                                                     kind["code"]))
        for n, kind in enumerate(types)})
    return sorted(((kind["label"], counts[f"t{n}"]) for n, kind in enumerate(types)), key=lambda row: -row[1])


# On PostgreSQL, each screening's codes are unnested once and counted by code: one pass, where a
# filtered count for each of some thirty indicators tested every screening thirty times (ADR 0067).
# A list or map of the wrong JSON type counts as empty rather than failing the page.
_THEMES_SQL = """
SELECT code, COUNT(DISTINCT child_id) FROM ({screened}) AS screened (child_id, significant, criminal, other)
CROSS JOIN LATERAL (
    SELECT jsonb_object_keys(CASE jsonb_typeof(significant) WHEN 'object' THEN significant ELSE '{{}}' END)
    UNION ALL SELECT jsonb_object_keys(CASE jsonb_typeof(criminal) WHEN 'object' THEN criminal ELSE '{{}}' END)
    UNION ALL SELECT jsonb_array_elements_text(CASE jsonb_typeof(other) WHEN 'array' THEN other ELSE '[]' END)
) AS codes (code)
GROUP BY code"""


def _theme_counts(screened, indicators: list[dict]) -> dict[str, int]:
    """Children whose screening records each code."""
    if connection.vendor == "postgresql":
        sql, params = (screened.order_by().values_list(
            "child_id", "screening__significant_indicators", "screening__criminal_indicators",
            "screening__other_indicators").query.sql_with_params())
        with connection.cursor() as cursor:
            cursor.execute(_THEMES_SQL.format(screened=sql), params)
            return dict(cursor.fetchall())
    counts = screened.aggregate(**{
        f"i{n}": Count("child_id", distinct=True, filter=(
            Q(screening__significant_indicators__has_key=item["code"])
            | Q(screening__criminal_indicators__has_key=item["code"])
            | _contains("screening__other_indicators", item["code"])))
        for n, item in enumerate(indicators)})
    return {item["code"]: counts[f"i{n}"] for n, item in enumerate(indicators)}


def _themes(episodes, period: Period) -> list[tuple[str, int]]:
    """The indicators most often recorded: children whose screening in the period records each one."""
    tool = configuration_current("screening_tool").data
    indicators = [*tool.get("significant_indicators", []), *tool.get("criminal_indicators", []),
                  *tool.get("other_indicators", [])]
    screened = episodes.filter(screening__completed_at__gte=period.start, screening__completed_at__lt=period.end)
    counts = _theme_counts(screened, indicators)
    rows = [(item["label"], counts.get(item["code"], 0)) for item in indicators if counts.get(item["code"])]
    return sorted(rows, key=lambda row: -row[1])[:TOP_THEMES]


def _trend(episodes, period: Period, places: list) -> dict:
    """Children newly linked each month to the busiest places, by the month their episode reached
    the CSE team."""
    ids = [place.pk for place in places[:TREND_PLACES]]
    if not ids:
        return {}
    links = (PlaceOfConcern.episodes.through.objects
             .filter(placeofconcern_id__in=ids, episode__in=episodes.values("pk"),
                     episode__submitted_at__gte=period.start)
             .annotate(month=TruncMonth("episode__submitted_at")).order_by()
             .values_list("placeofconcern_id", "month").annotate(n=Count("episode__child", distinct=True)))
    trend: dict = {pk: {} for pk in ids}
    for place_id, month, n in links:
        trend[place_id][month.date() if hasattr(month, "date") else month] = n
    return trend


def strategic_profile(*, actor, period: Period) -> Profile:
    require_strategic(actor, "strategic.profile_viewed")
    episodes = episodes_in(actor, period)
    before = episodes_in(actor, period.previous())
    children, by_risk = _by_risk(episodes)
    people = list(PersonOfConcern.objects.annotate(children=_linked(episodes)).filter(children__gt=0)
                  .order_by("-children", "name_key", "pk")[:TOP_PEOPLE])
    places = list(PlaceOfConcern.objects.annotate(children=_linked(episodes), previous=_linked(before))
                  .filter(Q(children__gt=0) | Q(previous__gt=0))
                  .order_by("-children", "address_key", "pk")[:TOP_PLACES])
    districts = list(PlaceOfConcern.objects.exclude(postcode_district="").values("postcode_district")
                     .annotate(children=_linked(episodes), previous=_linked(before))
                     .filter(Q(children__gt=0) | Q(previous__gt=0))
                     .order_by("-children", "postcode_district")[:TOP_DISTRICTS])
    profile = Profile(period=period, children=children, by_risk=by_risk, by_type=_by_type(episodes),
                      people=people, places=places, districts=districts,
                      trend=_trend(episodes, period, [p for p in places if p.children]),
                      themes=_themes(episodes, period))
    # One read of many children's records: the period and how many, as other list pages record.
    record(actor=actor, verb="strategic.profile_viewed", object_type="intelligence.strategic",
           object_id=f"{period.since}..{period.until} ({children} children)")
    return profile
