"""Information governance's home page: unusual access alerts waiting for review (issue 12, point 1)."""

from django.urls import reverse

from csepathway.core.presenters import tag

from . import selectors


def alerts_home_panel(request, user):
    waiting = selectors.home_alerts_waiting(actor=user)
    if waiting is None:
        return None
    rows = [{"key": {"text": "Waiting for review"},
             "value": {"html": tag(str(waiting), "red") if waiting else "0"}}]
    return "core/home_counts.html", {"id": "alerts", "title": "Unusual access alerts", "rows": rows,
                                     "href": reverse("oversight:alerts"), "link_text": "Review the alerts"}
