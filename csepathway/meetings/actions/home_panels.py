"""The home page's section for MASE actions the person owns (issue 12, point 1)."""

from django.urls import reverse

from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import link, tag
from csepathway.core.wording import say_lazy

from . import selectors

TITLES = {"owned": say_lazy("MASE actions you own"), "team_overdue": say_lazy("Your team's overdue MASE actions"),
          "chaired_overdue": "Overdue actions from meetings you chair",
          "police": say_lazy("MASE actions the police own")}


def _rows(found) -> list[list[dict]]:
    return [[{"html": link(reverse("meetings:action", args=[a.pk]), a.description)},
             {"text": a.episode.child.full_name}, {"text": a.owner_name},
             {"html": tag("Overdue", "red") if selectors.is_overdue(a, found["today"]) else govuk_date(a.due_on)}]
            for a in found["actions"]]


def actions_home_panel(request, user):
    lists = [found for found in (selectors.home_actions_owned(actor=user),
                                 selectors.home_actions_answered_for(actor=user)) if found is not None]
    if not lists:
        return None
    return "meetings/actions/home_panel.html", {
        "lists": [{"id": found.get("kind", "owned"), "title": TITLES[found.get("kind", "owned")],
                   "rows": _rows(found), "count": found["count"], "overdue": found["overdue"],
                   "more": found["count"] - len(found["actions"])} for found in lists],
        "tracker": reverse("meetings:actions")}
