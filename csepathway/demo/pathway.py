"""Demo episodes in every state of the pathway, built through the services."""

import datetime as dt

from django.utils import timezone

from csepathway.core.working_days import add_working_days
from csepathway.episodes import scenarios
from csepathway.episodes.models import Episode
from csepathway.meetings.services import meeting_schedule

# (state to build, working days ago it was submitted) per demo child, by LCS reference.
PLAN = {
    "LCS-D0001": ("draft", None),
    "LCS-D0002": ("ready", None),
    "LCS-D0003": ("submitted", 1),
    "LCS-D0005": ("submitted", 6),
    "LCS-D0006": ("returned", 4),
    "LCS-D0007": ("escalated", 5),
    "LCS-D0009": ("mase_required", 8),
    "LCS-D0010": ("mase_required", 12),
    "LCS-D0011": ("mase_not_required", 9),
    "LCS-D0013": ("closed", 30),
}

# The demo children whose "MASE required" episode already has a meeting in the calendar.
SCHEDULED_MASE = {"LCS-D0009"}


def build(*, child, users) -> Episode:
    state, days_ago = PLAN[child.lcs_reference]
    practitioner = child.allocated_worker
    people = {"practitioner": practitioner, "child": child}
    reviewers = {"cse_manager": users["cse.manager"], "police": users["police.coordinator"]}
    if state == "draft":
        episode = scenarios.draft_episode(**people)
    elif state == "ready":
        episode = scenarios.ready_to_submit(**people)
    elif state == "submitted":
        episode = scenarios.submitted(**people, level="medium" if days_ago < 5 else "high")
    elif state == "returned":
        episode = scenarios.returned(**people, police=reviewers["police"])
    elif state == "escalated":
        episode = scenarios.escalated(**people, **reviewers)
    elif state == "closed":
        episode = scenarios.closed(**people, **reviewers)
    else:
        episode = scenarios.decided(**people, **reviewers, mase_required=state == "mase_required")
    if days_ago:
        # Spread submissions over past days so the workspace shows waits and a breach.
        Episode.objects.filter(pk=episode.pk).update(submitted_at=timezone.now() - dt.timedelta(days=days_ago))
    if child.lcs_reference in SCHEDULED_MASE:
        _schedule_demo_meeting(episode=episode, users=users)
    return episode



def _schedule_demo_meeting(*, episode, users) -> None:
    day = add_working_days(timezone.localdate(), 5)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    meeting_schedule(actor=users["cse.manager"], episode=episode, kind="initial", starts_at=starts,
                     ends_at=starts + dt.timedelta(hours=1, minutes=30),
                     location="Committee Room 1, Testshire Civic Centre (demo)", online_link="",
                     chair=users["mase.chair"])
