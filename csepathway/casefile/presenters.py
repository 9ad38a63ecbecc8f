"""The chronology as table rows (date, time, what happened, details, part of the record), as a CSV
and as a PDF, and in words the filter that made it."""

import csv
import io

from django.utils import timezone
from markupsafe import Markup

from csepathway.children.presenters import display_values
from csepathway.core.formatting import govuk_date, govuk_datetime, govuk_time
from csepathway.core.spreadsheets import safe_cell
from csepathway.core.wording import meeting_name

from .selectors import KINDS

NO_TIME = "No time recorded"
MARKING = "OFFICIAL-SENSITIVE"


def _time(event) -> str:
    return govuk_time(event.at) if event.timed else NO_TIME


def chronology_rows(events) -> list[list[dict]]:
    rows = []
    for event in events:
        what = Markup('<a class="govuk-link" href="{}">{}</a>').format(event.href, event.title) if event.href \
            else event.title
        rows.append([
            {"text": govuk_date(event.at)},
            {"text": _time(event), "classes": "" if event.timed else "app-secondary-text"},
            {"html": what} if event.href else {"text": what},
            {"text": event.detail},
            {"text": KINDS.get(event.source, "")},
        ])
    return rows


def filter_words(filters: dict) -> str:
    """'Showing: case notes, MASE meetings, from 1 May 2026 to 31 May 2026', or '' for everything."""
    parts = []
    if filters["kinds"]:
        parts.append(", ".join(KINDS[kind].lower().replace(meeting_name().lower(), meeting_name()).replace("nrm", "NRM")
                               for kind in KINDS if kind in filters["kinds"]))
    if filters["since"]:
        parts.append(f"from {govuk_date(filters['since'])}")
    if filters["until"]:
        parts.append(f"to {govuk_date(filters['until'])}")
    return ("Showing: " + " ".join(parts)) if parts else ""


def chronology_csv(child, events, filters: dict) -> str:
    """Dates and 24-hour times as a spreadsheet sorts them; the marking on the first line."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([MARKING])
    writer.writerow(["Date", "Time", "What happened", "Details", "Part of the record"])
    for event in events:
        local = timezone.localtime(event.at)
        writer.writerow([safe_cell(value) for value in (
            f"{local:%Y-%m-%d}", f"{local:%H:%M}" if event.timed else NO_TIME, event.title, event.detail,
            KINDS.get(event.source, ""))])
    return out.getvalue()


def child_reference_rows(child) -> list[tuple[str, str]]:
    """How a document names the child: name, date of birth and the references of the systems that
    hold their file, never the service's own record id."""
    rows = [("Name", child.full_name), ("Date of birth", govuk_date(child.date_of_birth))]
    rows += [(label, value) for label, value in (("LCS reference", child.lcs_reference),
                                                  ("EHM reference", child.ehm_reference)) if value]
    return rows


def chronology_pdf_context(child, events, filters: dict, *, actor) -> dict:
    return {
        "child_rows": child_reference_rows(child), "filter_words": filter_words(filters) or "Showing: everything",
        "prepared": govuk_datetime(timezone.now()), "prepared_by": getattr(actor, "display_name", ""),
        "events": [{"date": govuk_date(e.at), "time": _time(e), "title": e.title, "detail": e.detail,
                    "kind": KINDS.get(e.source, "")} for e in events],
    }


def record_pdf_context(child, events, plan_entries, *, actor) -> dict:
    context = chronology_pdf_context(child, events, {"kinds": (), "since": None, "until": None}, actor=actor)
    return context | {
        "details": list(display_values(child, viewer=actor).items()),
        "plan": [{"agreed": govuk_date(p.agreed_on), "plan": p.get_plan_display(), "need": p.need,
                  "intervention": p.intervention, "where": p.source} for p in plan_entries],
    }


def export_filename(extension: str, what: str = "chronology") -> str:
    # No name or reference in a file name: it shows in download lists and mail attachments.
    return f"{what}-{timezone.localdate():%Y-%m-%d}.{extension}"
