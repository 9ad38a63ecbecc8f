"""The episodes and risk over time sections on a child's record page."""

from django.urls import reverse

from . import access, selectors
from .models import State
from .presenters import risk_chart, risk_rows, state_tag
from .risk_points import risk_points_for_child


def episodes_panel(request, child):
    episodes = selectors.episodes_for_child(actor=request.user, child=child)
    # One open episode at a time: a new one starts once the last is closed.
    can_start = access.may_start_episode(request.user) and all(e.state == State.CLOSED for e in episodes)
    if not episodes and not can_start:
        return None
    rows = [{
        "key": {"text": f"Started {e.created_at:%-d %B %Y}"},
        "value": {"html": state_tag(e.state)},
        "actions": {"items": [{"href": reverse("episodes:detail", args=[e.pk]), "text": "Open",
                               "visuallyHiddenText": f" the episode started {e.created_at:%-d %B %Y}"}]},
    } for e in episodes]
    return "episodes/child_panel.html", {"rows": rows, "can_start": can_start}


def risk_panel(request, child):
    """The risk level from each assessment, review and MASE the viewer may see (docs/adr/0054)."""
    points = risk_points_for_child(actor=request.user, child=child)
    if not points:
        return None
    return "episodes/risk_panel.html", {"chart": risk_chart(points), "risk_rows": risk_rows(points)}
