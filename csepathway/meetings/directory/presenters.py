"""What the directory pages show."""

from django.urls import reverse
from markupsafe import Markup

from csepathway.core.presenters import tag

HEAD = [{"text": "Name"}, {"text": "Agency"}, {"text": "Email address"}, {"text": "Phone"},
        {"text": "Status"}, {"html": '<span class="govuk-visually-hidden">Change</span>'}]


def entry_rows(entries) -> list[list[dict]]:
    rows = []
    for entry in entries:
        rows.append([
            {"text": f"{entry.name}, {entry.job_title}" if entry.job_title else entry.name},
            {"text": entry.agency},
            {"text": entry.email or "None"},
            {"text": entry.phone or "None"},
            {"html": tag("Active", "green") if entry.active else tag("Inactive", "grey")},
            {"html": Markup('<a class="govuk-link" href="{}">Change<span class="govuk-visually-hidden"> {}</span>'
                            '</a>').format(reverse("meetings:directory_edit", args=[entry.pk]), entry.name)},
        ])
    return rows
