"""The children app's sections of the home page (issue 12, point 1): the children allocated to
this person, and, for those who review them, the uses of emergency access waiting for review."""

from django.urls import reverse

from csepathway.core.presenters import link, tag

from . import selectors
from .restrictions import selectors as restriction_selectors


def my_children_home_panel(request, user):
    mine = selectors.home_my_children(actor=user)
    if mine is None:
        return None
    rows = [[{"html": link(reverse("children:detail", args=[child.pk]), child.full_name)},
             {"text": child.lcs_reference or child.ehm_reference or "None recorded"}] for child in mine["children"]]
    return "children/home_panel.html", {"rows": rows, "count": mine["count"],
                                        "more": mine["count"] - len(rows), "search": reverse("children:search")}


def emergency_access_home_panel(request, user):
    waiting = restriction_selectors.home_grants_waiting(actor=user)
    if waiting is None:
        return None
    rows = [{"key": {"text": "Waiting for review"},
             "value": {"html": tag(str(waiting), "red") if waiting else "0"}}]
    return "core/home_counts.html", {"id": "emergency-access", "title": "Emergency accesses to review",
                                     "rows": rows, "href": reverse("children:break_glass_queue"),
                                     "link_text": "Review the emergency accesses"}
