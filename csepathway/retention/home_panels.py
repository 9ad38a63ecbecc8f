"""Information governance's home page: records due for disposal (issue 12, point 1). Counts and a
date only: the home page names no child."""

from django.urls import reverse
from django.utils import timezone

from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import tag

from . import selectors


def _next_due(counts: dict) -> str:
    if counts["next_due"] is None:
        return "None coming"
    when = govuk_date(counts["next_due"])
    return {"": when, "by": f"By {when}", "after": f"Not before {when}"}[counts["next_due_bound"]]


def disposals_home_panel(request, user):
    counts = selectors.home_disposal_counts(actor=user, today=timezone.localdate())
    if counts is None:
        return None
    rows = [{"key": {"text": "Due for disposal"},
             "value": {"html": tag(str(counts["due"]), "red") if counts["due"] else "0"}},
            {"key": {"text": "Proposed, waiting for a second person"}, "value": {"text": str(counts["proposed"])}},
            {"key": {"text": "Next due"}, "value": {"text": _next_due(counts)}}]
    return "core/home_counts.html", {"id": "disposals", "title": "Disposals due", "rows": rows,
                                     "href": reverse("retention:queue"), "link_text": "Open retention and disposal"}
