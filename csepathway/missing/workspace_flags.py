"""A "missing" flag on the CSE workspace's rows (episodes.workspace_flags): the child is missing
now, or their return home interview is overdue. One query for the whole page of rows."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from csepathway.episodes.workspace_flags import Flag

from .clocks import interview_overdue_q
from .models import MissingEpisode

MISSING_NOW = "Missing now"
INTERVIEW_OVERDUE = "Return home interview overdue"


def missing_flags(episodes, today: dt.date, *, now: dt.datetime | None = None) -> dict:
    """Registered with episodes.workspace_flags. The rows are the CSE team's, already in the viewer's
    scope; a flag says only that the child is missing or an interview is late, never the details.
    Not a breach of the pathway's timescales, so the workspace's count of breaches is unchanged."""
    now = now or timezone.now()
    by_child: dict = {}
    for episode in episodes:
        by_child.setdefault(episode.child_id, []).append(episode.pk)
    found = (MissingEpisode.objects.filter(child_id__in=list(by_child))
             .filter(Q(returned_at__isnull=True) | interview_overdue_q(now))
             .values_list("child_id", "returned_at"))
    flags_by_child: dict = {}
    for child_id, returned_at in found:
        text = MISSING_NOW if returned_at is None else INTERVIEW_OVERDUE
        flags = flags_by_child.setdefault(child_id, [])
        if all(flag.text != text for flag in flags):
            flags.append(Flag(text, breach=False, colour="red"))
    return {episode_id: sorted(flags_by_child[child_id], key=lambda flag: flag.text != MISSING_NOW)
            for child_id, episode_ids in by_child.items() if child_id in flags_by_child
            for episode_id in episode_ids}
