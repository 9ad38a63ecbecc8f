"""The case notes section on a child's record page."""

from django.urls import reverse
from markupsafe import escape

from csepathway.core.formatting import govuk_date

from . import selectors


def case_notes_panel(request, child):
    notes, total = selectors.recent_case_notes(actor=request.user, child=child)
    rows = [{
        "key": {"text": govuk_date(note.created_at)},  # local time, not UTC
        "value": {"html": f'<a class="govuk-link" href="{reverse("notes:detail", args=[note.pk])}">'
                          f'{escape(note.title)}</a>'},
    } for note in notes]
    return "notes/child_panel.html", {"rows": rows, "total": total, "child": child}
