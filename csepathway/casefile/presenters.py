"""The chronology as table rows: date, what happened, and a link to where it is recorded."""

from markupsafe import Markup

from csepathway.core.formatting import govuk_date

SOURCE_LABELS = {"episode": "Episode", "note": "Case note", "meeting": "MASE meeting", "nrm": "NRM referral",
                 "intelligence": "Intelligence report"}


def chronology_rows(events) -> list[list[dict]]:
    rows = []
    for event in events:
        what = Markup('<a class="govuk-link" href="{}">{}</a>').format(event.href, event.title) if event.href \
            else event.title
        rows.append([
            {"text": govuk_date(event.at)},
            {"html": what} if event.href else {"text": what},
            {"text": event.detail},
            {"text": SOURCE_LABELS.get(event.source, "")},
        ])
    return rows
