"""What intelligence pages and the PDF show: status tags, summary rows, the pieces, the register's
rows. A reader who may not read a report's content gets rows built without it, so a template cannot
show what the reader may not see."""

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from csepathway.core.formatting import govuk_date, govuk_datetime, preserve_lines
from csepathway.core.presenters import person_name, tag

from . import access
from .models import IntelligenceReport
from .pieces import pieces_of
from .validators import display_registration

_TAG_COLOURS = {
    IntelligenceReport.Status.DRAFT: "grey",
    IntelligenceReport.Status.SENT: "blue",
    IntelligenceReport.Status.ACKNOWLEDGED: "green",
}


def status_tag(status: str) -> Markup:
    return tag(IntelligenceReport.Status(status).label, _TAG_COLOURS.get(status, ""))


def _row(key: str, value: str = "", html: Markup | None = None) -> dict:
    return {"key": {"text": key}, "value": {"html": html} if html is not None else {"text": value}}


def existence_rows(report: IntelligenceReport) -> list[dict]:
    """What anyone who may see the episode learns of a report: that it exists, its status, its dates."""
    rows = [_row("Status", html=status_tag(report.status)), _row("Drafted", govuk_date(report.created_at))]
    if report.sent_at:
        rows.append(_row("Sent to the police", govuk_date(report.sent_at)))
        rows.append(_row("Our reference", report.reference))
    if report.graded_at:
        rows.append(_row("Graded by the police", govuk_date(report.graded_at)))
    return rows


def content_rows(report: IntelligenceReport) -> list[dict]:
    rows = [
        _row("Subject", report.subject),
        _row("Information", html=preserve_lines(report.information)),
        _row("How it was learned", report.get_how_learned_display()),
        _row("When it happened", govuk_date(report.happened_on) or "Not given"),
        _row("When it was learned", govuk_date(report.learned_on) or "Not given"),
        _row("Written by", person_name(report.author)),
    ]
    return rows


def grading_rows(report: IntelligenceReport) -> list[dict]:
    if not report.graded_at:
        return []
    return [
        _row("Police reference", report.police_reference),
        _row("Source evaluation", report.get_source_evaluation_display()),
        _row("Intelligence assessment", report.get_intelligence_assessment_display()),
        _row("Handling code", report.get_handling_code_display()),
        _row("Graded by", f"{person_name(report.graded_by)}, {govuk_datetime(report.graded_at)}"),
    ]


def piece_cards(report: IntelligenceReport, *, removable: bool) -> list[dict]:
    """The pieces as summary cards, one group per kind that has any, with a remove action on a draft."""
    groups = []
    for group in pieces_of(report):
        if not group["items"]:
            continue
        piece_type = group["type"]
        cards = []
        for number, item in enumerate(group["items"], start=1):
            title = f"{piece_type.noun[0].upper()}{piece_type.noun[1:]} {number}"
            rows = [_row(label, value) for label, value in item["rows"]]
            rows.append(_row("How it was learned", item["how_learned"]))
            card = {"title": title, "rows": rows}
            if removable:
                card["remove_url"] = reverse("intelligence:piece_remove",
                                             args=[report.pk, piece_type.kind, item["piece"].pk])
            cards.append(card)
        groups.append({"heading": piece_type.heading, "cards": cards})
    return groups


def report_page(report: IntelligenceReport, user) -> dict:
    readable = report.readable
    editable = readable and access.may_edit_report(user, report)
    return {
        "status_tag": status_tag(report.status),
        "existence_rows": existence_rows(report),
        "content_rows": content_rows(report) if readable else [],
        "grading_rows": grading_rows(report) if readable else [],
        "piece_groups": piece_cards(report, removable=editable) if readable else [],
        "editable": editable,
        "can_grade": readable and access.may_grade_report(user, report),
    }


def pdf_context(report: IntelligenceReport) -> dict:
    """The report as the police receive it. It is the report itself, so it carries the content."""
    author = report.author
    agency = getattr(author, "agency", None)
    team = getattr(author, "team", None)
    return {
        "report": report,
        "reference": report.reference,
        "child": report.child,
        "child_date_of_birth": govuk_date(report.child.date_of_birth),
        "from_rows": [("Name", person_name(author)), ("Role", author.get_role_display()),
                      ("Team", team.name if team else ""), ("Organisation", agency.name if agency else ""),
                      ("Email", author.email)],
        "sent": govuk_datetime(report.sent_at or timezone.now()),
        "content": [("Subject", report.subject), ("Information", report.information),
                    ("How it was learned", report.get_how_learned_display()),
                    ("When it happened", govuk_date(report.happened_on) or "Not given"),
                    ("When it was learned", govuk_date(report.learned_on) or "Not given")],
        "groups": [{"heading": group["type"].heading, "items": group["items"]}
                   for group in pieces_of(report) if group["items"]],
    }


def episode_panel_rows(reports) -> list[dict]:
    rows = []
    for report in reports:
        label = f"Report drafted {govuk_date(report.created_at)}"
        if report.readable:
            label = f"{report.subject} ({govuk_date(report.created_at)})"
        rows.append({"key": {"text": label}, "value": {"html": status_tag(report.status)},
                     "actions": {"items": [{"href": reverse("intelligence:detail", args=[report.pk]), "text": "Open",
                                            "visuallyHiddenText":
                                                f" the report drafted {govuk_date(report.created_at)}"}]}})
    return rows


def children_html(entry) -> Markup:
    if not entry.visible_children:
        return Markup("None you can see")
    return Markup(", ").join(
        Markup('<a class="govuk-link" href="{}">{}</a>').format(reverse("children:detail", args=[child.pk]),
                                                                child.full_name)
        for child in entry.visible_children)


def entry_label(kind: str, entry) -> str:
    if kind == "person":
        return entry.full_name + (f" (born {govuk_date(entry.date_of_birth)})" if entry.date_of_birth else "")
    if kind == "vehicle":
        details = " ".join(part for part in (entry.colour, entry.make, entry.model) if part)
        return display_registration(entry.registration) + (f" ({details})" if details else "")
    if kind == "phone":
        number = display_phone(entry.number)
        return f"{entry.line_name} ({number})" if entry.line_name else number
    return entry.address


def display_phone(number: str) -> str:
    """A number as people write it: 07700 900982, 01632 960001."""
    return f"{number[:5]} {number[5:]}" if len(number) == 11 else number


def _entry_links(kind: str, entries) -> Markup:
    if not entries:
        return Markup("None")
    link = Markup('<a class="govuk-link" href="{}">{}</a>')
    return Markup(", ").join(link.format(reverse("intelligence:register_entry", args=[kind, entry.pk]),
                                         entry_label(kind, entry)) for entry in entries)


def places_html(line) -> Markup:
    return _entry_links("place", list(line.places.all()))


def lines_html(place) -> Markup:
    return _entry_links("phone", list(place.lines.all()))


def register_rows(kind: str, entries) -> list[list[dict]]:
    rows = []
    for entry in entries:
        row = [{"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(
            reverse("intelligence:register_entry", args=[kind, entry.pk]), entry_label(kind, entry))}]
        if kind == "person":
            row.append({"text": entry.aliases})
        if kind == "phone":
            row.append({"text": "County line" if entry.is_line else "Phone"})
            row.append({"html": places_html(entry)})
        row.append({"html": children_html(entry)})
        rows.append(row)
    return rows


def near_match_rows(pairs) -> list[list[dict]]:
    rows = []
    for first, second, reason in pairs:
        a, b = entry_label("person", first), entry_label("person", second)
        link = Markup('<a class="govuk-link" href="{}">Compare and merge<span class="govuk-visually-hidden"> {} and {}'
                      '</span></a>').format(reverse("intelligence:merge", args=[first.pk, second.pk]), a, b)
        rows.append([{"text": a}, {"text": b}, {"text": reason}, {"html": link}])
    return rows
