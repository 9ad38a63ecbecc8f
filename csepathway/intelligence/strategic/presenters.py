"""What the strategic picture's pages and PDFs show (docs/adr/0055): charts from core.charts, table
rows, the map's layout and its list of links. Templates only place what is worked out here."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.urls import reverse

from csepathway.core.charts import BarChart, LineChart, Row, Series
from csepathway.core.presenters import link, pagination

from .. import access
from .graph import KIND_WORDS, Graph
from .layout import map_layout
from .profile import Profile

MAX_NODES = 40
LINKS_PER_PAGE = 50


def change(now: int, before: int) -> str:
    if now == before:
        return "No change"
    return f"+{now - before}" if now > before else f"−{before - now}"


def _entry_href(actor, kind: str, pk) -> str:
    # The register's own page, only for those who may open it (a MASE chair may not).
    return reverse("intelligence:register_entry", args=[kind, pk]) if access.may_see_register(actor) else ""


def _name(text: str, href: str):
    return {"html": link(href, text)} if href else {"text": text}


def profile_context(profile: Profile, *, actor) -> dict:
    places = profile.places
    return {
        "period_words": profile.period.words, "children": profile.children,
        "risk_chart": BarChart("Children by risk level", tuple(Row(label, n) for label, n in profile.by_risk),
                               value_heading="Children"),
        "type_chart": BarChart("Children by exploitation type", tuple(Row(label, n) for label, n in profile.by_type),
                               value_heading="Children"),
        "people_head": [{"text": "Person"}, {"text": "Other names"},
                        {"text": "Children linked", "format": "numeric"}],
        "people_rows": [[_name(p.full_name, _entry_href(actor, "person", p.pk)), {"text": p.aliases or "–"},
                         {"text": str(p.children), "format": "numeric"}] for p in profile.people],
        "places_chart": BarChart("Places: children linked in the period",
                                 tuple(Row(p.address, p.children, _entry_href(actor, "place", p.pk))
                                       for p in places if p.children), value_heading="Children linked"),
        "places_head": [{"text": "Place"}, {"text": "Postcode district"},
                        {"text": "Children linked", "format": "numeric"},
                        {"text": "Previous period", "format": "numeric"}, {"text": "Change", "format": "numeric"}],
        "places_rows": [[_name(p.address, _entry_href(actor, "place", p.pk)), {"text": p.postcode_district or "–"},
                         {"text": str(p.children), "format": "numeric"}, {"text": str(p.previous), "format": "numeric"},
                         {"text": change(p.children, p.previous), "format": "numeric"}] for p in places],
        "districts_chart": BarChart("Postcode districts: children linked in the period",
                                    tuple(Row(d["postcode_district"], d["children"]) for d in profile.districts
                                          if d["children"]), value_heading="Children linked"),
        "districts_head": [{"text": "Postcode district"}, {"text": "Children linked", "format": "numeric"},
                           {"text": "Previous period", "format": "numeric"}, {"text": "Change", "format": "numeric"}],
        "districts_rows": [[{"text": d["postcode_district"]}, {"text": str(d["children"]), "format": "numeric"},
                            {"text": str(d["previous"]), "format": "numeric"},
                            {"text": change(d["children"], d["previous"]), "format": "numeric"}]
                           for d in profile.districts],
        "trend_chart": _trend_chart(profile),
        "themes_chart": BarChart("Indicators most often recorded in screenings",
                                 tuple(Row(label, n) for label, n in profile.themes), value_heading="Children"),
    }


def _trend_chart(profile: Profile) -> LineChart | None:
    by_id = {place.pk: place for place in profile.places}
    if not profile.trend:
        return None
    months = profile.period.months
    series = tuple(Series(by_id[pk].address[:40], tuple(counts.get(month, 0) for month in months))
                   for pk, counts in profile.trend.items())
    return LineChart("Children newly linked each month to the busiest places", tuple(f"{m:%b %Y}" for m in months),
                     series)


def _focus_href(base: str, query: dict, key: str) -> str:
    return f"{base}?{urlencode({**query, 'focus': key})}"


def _side(graph: Graph, key: str, base: str, query: dict, focus: str) -> dict:
    node = graph.nodes[key]
    href = "" if key == focus else _focus_href(base, query, key)
    return {"kind": KIND_WORDS[node.kind], "label": node.label, "href": href}


def map_context(graph: Graph, *, focus: str, query: dict, page=1, paged: bool = True) -> dict:
    """The map to draw (focused, then capped) and every link as words (a page at a time on screen,
    all of them in the PDF)."""
    base = reverse("intelligence:strategic_map")
    period_query = {k: v for k, v in query.items() if k != "focus"}
    shown = graph.focused(focus) if focus else graph
    drawn = shown.capped(MAX_NODES, focus)
    links = [{"a": _side(shown, link.a, base, period_query, focus),
              "b": _side(shown, link.b, base, period_query, focus), "reason": link.reason} for link in shown.links]
    listing = Paginator(links, LINKS_PER_PAGE).get_page(page) if paged else None
    return {
        "layout": map_layout(drawn), "focus": shown.nodes.get(focus),
        "focus_missing": bool(focus) and focus not in shown.nodes,
        "focus_kind": KIND_WORDS[shown.nodes[focus].kind].lower() if focus in shown.nodes else "",
        "whole_href": f"{base}?{urlencode(period_query)}" if period_query else base,
        "drawn": len(drawn.nodes), "total": len(shown.nodes), "capped": len(drawn.nodes) < len(shown.nodes),
        "link_count": len(links), "links": listing.object_list if listing else links,
        "pagination": pagination(listing, base, query) if listing else None,
    }
