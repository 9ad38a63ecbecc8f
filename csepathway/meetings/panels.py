"""The MASE meetings section on a child's record page: the meetings, the review the latest minutes
propose (with a link that opens the schedule form as that review), and the actions by episode."""

from django.urls import reverse

from csepathway.core.formatting import govuk_date
from csepathway.core.wording import meeting_name

from . import selectors
from .access import may_organise
from .actions import selectors as action_selectors
from .models import MaseMeeting
from .presenters import state_tag, when
from .timescales import clocks as timescales
from .timescales.presenters import review_schedule_query


def _actions_text(total: int, overdue: int) -> str:
    text = f"{total} action{'' if total == 1 else 's'}"
    return f"{text}, {overdue} overdue" if overdue else text


def _meeting_row(meeting) -> dict:
    return {
        "key": {"text": f"{meeting.get_kind_display()}: {when(meeting)}"},
        "value": {"html": state_tag(meeting)},
        "actions": {"items": [{"href": reverse("meetings:detail", args=[meeting.pk]), "text": "Open",
                               "visuallyHiddenText": f" the meeting on {when(meeting)}"}]},
    }


def meetings_panel(request, child):
    user = request.user
    meetings = selectors.meetings_for_child(actor=user, child=child)
    cse = may_organise(user)
    awaiting = selectors.episodes_awaiting_meeting(actor=user, child=child) if cse else []
    reviews = timescales.reviews_due_for_child(actor=user, child=child)
    if not meetings and not awaiting:
        return None
    rows = [_meeting_row(m) for m in meetings]
    awaiting_ids = {e.pk for e in awaiting}
    review_links = [{
        "text": f"Review {meeting_name()} due by {govuk_date(review.due_on)}",
        # Only the CSE team schedules, and only an episode not already booked (awaiting a meeting).
        "href": reverse("meetings:schedule", args=[review.episode_id]) + review_schedule_query(review)
        if review.episode_id in awaiting_ids else "",
    } for review in reviews]
    proposed = {review.episode_id for review in reviews}
    schedule = [reverse("meetings:schedule", args=[e.pk]) for e in awaiting if e.pk not in proposed]
    counts = action_selectors.action_counts_for_child(actor=user, child=child)
    action_links = [{"href": reverse("meetings:episode_actions", args=[episode_id]),
                     "text": _actions_text(total, overdue), "overdue": bool(overdue)}
                    for episode_id, (total, overdue) in counts.items()]
    return "meetings/child_panel.html", {"rows": rows, "schedule_links": schedule, "review_links": review_links,
                                         "action_links": action_links}


def episode_meetings_panel(request, episode):
    """The episode page's MASE section. After a 'MASE required' decision with no meeting booked, the
    CSE team gets the call to schedule it there and then; everyone else is told who will."""
    user = request.user
    meetings = selectors.meetings_for_episode(actor=user, episode=episode)
    awaiting = episode.state == "mase_required" and not any(
        m.state == MaseMeeting.State.SCHEDULED for m in meetings)
    if not meetings and not awaiting:
        return None
    rows = [_meeting_row(m) for m in meetings]
    return "meetings/episode_panel.html", {
        "rows": rows, "awaiting": awaiting,
        "schedule_href": reverse("meetings:schedule", args=[episode.pk]) if awaiting and may_organise(user) else "",
    }
