"""Reads for the association map of the register (docs/adr/0055): who and what is linked to which
child, and to each other. A person, place or vehicle is linked to a child through the child's
episode (as on the register's pages); entries named in the same sent report are linked to each
other, and a phone number in a report to the report's child, only where the viewer may read that
report's content. Only the viewer's episodes in the period are read: a child the viewer may not see
is no node, no link and no count. A fixed number of queries, however large the register."""

from django.db.models import Min

from csepathway.audit.services import record
from csepathway.core.formatting import govuk_date

from .. import access
from ..models import IntelligenceReport, PersonOfConcern, PlaceOfConcern, ReportPhone, VehicleOfConcern
from ..validators import display_registration
from .graph import Graph, Link, Node
from .period import Period
from .scope import episodes_in, require_strategic

ENTRIES = (("person", PersonOfConcern, "personofconcern", ("full_name",)),
           ("place", PlaceOfConcern, "placeofconcern", ("address",)),
           ("vehicle", VehicleOfConcern, "vehicleofconcern", ("registration",)))


def _label(kind: str, value: str) -> str:
    if kind == "vehicle":
        return display_registration(value)
    if kind == "phone":
        return f"{value[:5]} {value[5:]}" if len(value) == 11 else value
    return value


def _child(nodes: list, child_id, first: str, last: str) -> str:
    key = f"child:{child_id}"
    nodes.append(Node(key, "child", f"{first} {last}"))
    return key


def _entry_child_links(episodes, nodes: list, links: list) -> None:
    for kind, model, field, (label_field,) in ENTRIES:
        rows = (model.episodes.through.objects.filter(episode__in=episodes.values("pk")).order_by()
                .values_list(f"{field}_id", f"{field}__{label_field}", "episode__child_id",
                             "episode__child__first_name", "episode__child__last_name")
                .annotate(first=Min("episode__submitted_at")))
        for entry_id, label, child_id, first, last, since in rows:
            key = f"{kind}:{entry_id}"
            nodes.append(Node(key, kind, _label(kind, label)))
            child = _child(nodes, child_id, first, last)
            links.append(Link(key, child, f"on the child's episode sent to the CSE team on {govuk_date(since)}"))


def _report_links(actor, episodes, nodes: list, links: list) -> None:
    reports = (IntelligenceReport.objects.filter(access.readable_reports_q(actor), episode__in=episodes.values("pk"))
               .exclude(status=IntelligenceReport.Status.DRAFT))
    named: dict = {}
    for kind, model, field, (label_field,) in ENTRIES:
        rows = (model.reports.through.objects.filter(intelligencereport__in=reports.values("pk")).order_by()
                .values_list(f"{field}_id", f"{field}__{label_field}", "intelligencereport__number"))
        for entry_id, label, number in rows:
            nodes.append(Node(f"{kind}:{entry_id}", kind, _label(kind, label)))
            named.setdefault(number, set()).add(f"{kind}:{entry_id}")
    phones = (ReportPhone.objects.filter(report__in=reports.values("pk")).order_by()
              .values_list("number", "report__number", "report__child_id", "report__child__first_name",
                           "report__child__last_name").distinct())
    for number, report_number, child_id, first, last in phones:
        key = f"phone:{number}"
        nodes.append(Node(key, "phone", _label("phone", number)))
        child = _child(nodes, child_id, first, last)
        links.append(Link(key, child, f"named in report {_reference(report_number)} about the child"))
        named.setdefault(report_number, set()).add(key)
    for report_number, keys in named.items():
        ordered = sorted(keys)
        for index, a in enumerate(ordered):
            for b in ordered[index + 1:]:
                links.append(Link(a, b, f"named together in report {_reference(report_number)}"))


def _reference(number) -> str:
    return f"INT-{number:05d}" if number else "a report"


def association_graph(*, actor, period: Period) -> Graph:
    """Every link the viewer may see in the period, as a graph the page focuses and caps."""
    require_strategic(actor, "strategic.map_viewed")
    episodes = episodes_in(actor, period)
    nodes: list[Node] = []
    links: list[Link] = []
    _entry_child_links(episodes, nodes, links)
    _report_links(actor, episodes, nodes, links)
    graph = Graph.build(nodes, links)
    children = sum(1 for node in graph.nodes.values() if node.kind == "child")
    record(actor=actor, verb="strategic.map_viewed", object_type="intelligence.strategic",
           object_id=f"{period.since}..{period.until} ({children} children)")
    return graph
