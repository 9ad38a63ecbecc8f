"""The MASE clocks' breaches as a filter the database applies, so the CSE workspace counts the
episodes late for a meeting across a whole region in one query. The rules are those of clocks.py
(invitations, the initial MASE, the review the minutes propose); a test holds the two together."""

import datetime as dt

from django.db.models import Exists, F, OuterRef, Q

from csepathway.core.working_days import latest_start_overdue_by
from csepathway.episodes.models import State

from ..models import AgendaItem, Invitee, MaseMeeting
from .clocks import invitations_working_days

Kind, MeetingState = MaseMeeting.Kind, MaseMeeting.State

# Each rule is a set of episode ids the database works out once per query (a hashed subplan), not an
# EXISTS tested again for every episode: under OR, PostgreSQL runs a correlated EXISTS as a subplan per
# row, which at region scale was three lookups for each of some 800 episodes waiting for a MASE
# (40 ms of every CSE home page). The sets repeat the episode's state, so they hold only those episodes.
WAITING = {"episode__state": State.MASE_REQUIRED}


def _late_invitations(today: dt.date) -> Q:
    # Scheduled long enough ago that the practitioner's invitations are overdue, and nobody invited
    # by hand (the scheduling's own invitees do not count).
    scheduled_by = latest_start_overdue_by(today, invitations_working_days())
    own_invitations = Invitee.objects.filter(meeting_id=OuterRef("meeting_id"), added_automatically=False)
    late = (AgendaItem.objects.filter(meeting__state=MeetingState.SCHEDULED,
                                      meeting__created_at__date__lte=scheduled_by, **WAITING)
            .exclude(Exists(own_invitations)))
    return Q(pk__in=late.values("episode_id"))


def _late_initial_mase(today: dt.date) -> Q:
    live_initial = (AgendaItem.objects.filter(meeting__kind=Kind.INITIAL, **WAITING)
                    .exclude(meeting__state=MeetingState.CANCELLED))
    met = live_initial.filter(meeting__starts_at__date__lte=F("episode__initial_mase_due_on"))
    held = live_initial.filter(meeting__state=MeetingState.HELD)
    booked = live_initial.filter(meeting__state=MeetingState.SCHEDULED)
    return (Q(initial_mase_due_on__isnull=False) & ~Q(pk__in=met.values("episode_id"))
            & ~Q(pk__in=held.values("episode_id"))
            & (Q(initial_mase_due_on__lt=today) | Q(pk__in=booked.values("episode_id"))))


def _review_overdue(today: dt.date) -> Q:
    # The latest held meeting proposed a review that has passed, and nothing is booked after it.
    later = AgendaItem.objects.filter(episode_id=OuterRef("episode_id"),
                                      meeting__starts_at__gt=OuterRef("meeting__starts_at"),
                                      meeting__state__in=[MeetingState.HELD, MeetingState.SCHEDULED])
    overdue = (AgendaItem.objects.filter(meeting__state=MeetingState.HELD, minutes__next_review_on__lt=today,
                                         **WAITING)
               .exclude(Exists(later)))
    return Q(pk__in=overdue.values("episode_id"))


def late_for_a_meeting(today: dt.date) -> Q:
    """Registered with episodes.workspace_flags: episodes with a MASE timescale breached. Only an
    episode waiting for its MASE can be late for one (a closed one no longer needs the meeting)."""
    return Q(state=State.MASE_REQUIRED) & (_late_invitations(today) | _late_initial_mase(today)
                                           | _review_overdue(today))
