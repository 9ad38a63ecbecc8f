"""The MASE meetings section on a child's record page."""

from django.urls import reverse

from csepathway.accounts.roles import CSE_TEAM_ROLES

from . import selectors
from .presenters import state_tag, when


def meetings_panel(request, child):
    meetings = selectors.meetings_for_child(actor=request.user, child=child)
    awaiting = (selectors.episodes_awaiting_meeting(actor=request.user, child=child)
                if request.user.role in CSE_TEAM_ROLES else [])
    if not meetings and not awaiting:
        return None
    rows = [{
        "key": {"text": f"{m.get_kind_display()}: {when(m)}"},
        "value": {"html": state_tag(m.state)},
        "actions": {"items": [{"href": reverse("meetings:detail", args=[m.pk]), "text": "Open",
                               "visuallyHiddenText": f" the meeting on {when(m)}"}]},
    } for m in meetings]
    schedule = [reverse("meetings:schedule", args=[e.pk]) for e in awaiting]
    return "meetings/child_panel.html", {"rows": rows, "schedule_links": schedule}
