"""Information governance's home page: subject access requests by due date (issue 12, point 1)."""

from django.urls import reverse
from django.utils import timezone

from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import tag

from . import selectors


def requests_home_panel(request, user):
    counts = selectors.home_request_counts(actor=user, today=timezone.localdate())
    if counts is None:
        return None
    rows = [{"key": {"text": "Open requests"}, "value": {"text": str(counts["open"])}},
            {"key": {"text": "Overdue"},
             "value": {"html": tag(str(counts["overdue"]), "red") if counts["overdue"] else "0"}},
            {"key": {"text": "Next due"}, "value": {"text": govuk_date(counts["next_due"]) or "None open"}}]
    return "core/home_counts.html", {"id": "subject-access", "title": "Subject access requests", "rows": rows,
                                     "href": reverse("subject_access:list"), "link_text": "See every request"}
