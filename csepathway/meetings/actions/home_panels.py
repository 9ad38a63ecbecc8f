"""The home page's section for MASE actions the person owns (issue 12, point 1)."""

from django.urls import reverse

from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import link, tag

from . import selectors


def actions_home_panel(request, user):
    owned = selectors.home_actions_owned(actor=user)
    if owned is None:
        return None
    rows = [[{"html": link(reverse("meetings:action", args=[a.pk]), a.description)},
             {"text": a.episode.child.full_name},
             {"html": tag("Overdue", "red") if selectors.is_overdue(a, owned["today"]) else govuk_date(a.due_on)}]
            for a in owned["actions"]]
    return "meetings/actions/home_panel.html", {"rows": rows, "count": owned["count"], "overdue": owned["overdue"],
                                                "tracker": reverse("meetings:actions")}
