"""The MASE meetings' points on the child's risk over time (episodes/risk_points.py,
docs/adr/0054): the group's level in the published minutes of the child's item on each meeting.
Minutes not yet published are a draft the chair may still change, so they are no point yet."""

from django.urls import reverse

from csepathway.episodes.access import episode_scope_q
from csepathway.episodes.risk_points import RiskPoint

from ..models import MaseMeeting
from .models import ItemMinutes


def mase_risk_points(actor, child) -> list[RiskPoint]:
    # Only this child's item, whatever else a contextual meeting looked at. An item on an episode the
    # actor may see puts its meeting in the actor's visible_meetings, so the link opens.
    minutes = (ItemMinutes.objects
               .filter(episode_scope_q(actor, "agenda_item__episode__"), agenda_item__episode__child=child,
                       agenda_item__meeting__state=MaseMeeting.State.HELD)
               .exclude(risk_level="").select_related("agenda_item__meeting"))
    return [RiskPoint(m.agenda_item.meeting.starts_at, m.risk_level, m.agenda_item.meeting.get_kind_display(),
                      reverse("meetings:detail", args=[m.agenda_item.meeting_id]), "meeting")
            for m in minutes]
