"""The MASE clocks' breaches as a filter the database applies, so the CSE workspace counts the
episodes late for a meeting across a whole region in one query. The rules are those of clocks.py
(invitations, the initial MASE, the review the minutes propose); a test holds the two together."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from csepathway.core.working_days import latest_start_overdue_by
from csepathway.episodes.models import State

from ..models import AgendaItem, Invitee, MaseMeeting
from .clocks import invitations_working_days

Kind, MeetingState = MaseMeeting.Kind, MaseMeeting.State

# The subqueries below repeat the episode's state: the planner may answer an EXISTS under OR once for
# every row at the start (a hashed subplan), and the state keeps that to the few hundred episodes
# waiting for a MASE rather than every meeting the region has held.
WAITING = {"episode__state": State.MASE_REQUIRED}


def _late_invitations(today: dt.date) -> Exists:
    # Scheduled long enough ago that the practitioner's invitations are overdue, and nobody invited
    # by hand (the scheduling's own invitees do not count).
    scheduled_by = latest_start_overdue_by(today, invitations_working_days())
    own_invitations = Invitee.objects.filter(meeting_id=OuterRef("meeting_id"), added_automatically=False)
    return Exists(AgendaItem.objects.filter(episode_id=OuterRef("pk"), meeting__state=MeetingState.SCHEDULED,
                                            meeting__created_at__date__lte=scheduled_by, **WAITING)
                  .exclude(Exists(own_invitations)))


def _late_initial_mase(today: dt.date) -> Q:
    live_initial = (AgendaItem.objects.filter(episode_id=OuterRef("pk"), meeting__kind=Kind.INITIAL, **WAITING)
                    .exclude(meeting__state=MeetingState.CANCELLED))
    met = live_initial.filter(meeting__starts_at__date__lte=OuterRef("initial_mase_due_on"))
    return (Q(initial_mase_due_on__isnull=False) & ~Exists(met)
            & ~Exists(live_initial.filter(meeting__state=MeetingState.HELD))
            & (Q(initial_mase_due_on__lt=today) | Exists(live_initial.filter(meeting__state=MeetingState.SCHEDULED))))


def _review_overdue(today: dt.date) -> Q:
    # The latest held meeting proposed a review that has passed, and nothing is booked after it.
    later = AgendaItem.objects.filter(episode_id=OuterRef("episode_id"),
                                      meeting__starts_at__gt=OuterRef("meeting__starts_at"),
                                      meeting__state__in=[MeetingState.HELD, MeetingState.SCHEDULED])
    overdue = (AgendaItem.objects.filter(episode_id=OuterRef("pk"), meeting__state=MeetingState.HELD,
                                         minutes__next_review_on__lt=today, **WAITING)
               .exclude(Exists(later)))
    return Exists(overdue)


def late_for_a_meeting(today: dt.date) -> Q:
    """Registered with episodes.workspace_flags: episodes with a MASE timescale breached. Only an
    episode waiting for its MASE can be late for one (a closed one no longer needs the meeting)."""
    return Q(state=State.MASE_REQUIRED) & (_late_invitations(today) | _late_initial_mase(today)
                                           | _review_overdue(today))
